/**
 * rds.DatabaseInstance / DatabaseInstanceFromSnapshot / DatabaseInstanceReadReplica (whose
 * `sourceDatabaseInstance` is SourceDBInstanceIdentifier), rds.DatabaseCluster, rds.ParameterGroup, as
 * aws-cdk-lib 2.276.0 writes them (aws-rds/lib/instance.js, cluster.js, aurora-cluster-instance.js,
 * parameter-group.js):
 * - StorageEncrypted: `storageEncryptionKey ? true : storageEncrypted` (unset: nothing written, so
 *   RDS's own default applies: unencrypted);
 * - PubliclyAccessible: `publiclyAccessible ?? (vpcSubnets.subnetType === PUBLIC)` (no vpcSubnets:
 *   nothing written); cluster instances (writer/readers, `<cluster>/<id>`) use the cluster's vpcSubnets
 *   unless their own `publiclyAccessible` is set (aurora-cluster-instance.js);
 * - BackupRetentionPeriod: `backupRetention` (cluster: `backup.retention`) in days, else nothing;
 * - `parameters` creates a ParameterGroup `<db>/ParameterGroup`; a ParameterGroup renders as
 *   AWS::RDS::DBParameterGroup when bound to an instance, DBClusterParameterGroup to a cluster;
 * - Engine/EngineVersion from `DatabaseInstanceEngine.postgres({ version })` and the like.
 */
import type { Value } from '../../../model/types';
import type { Ir } from '../ir';
import { entry } from '../ir';
import type { Builder } from '../l2';
import type { Site } from '../site';
import type { L2Adapter } from './types';

const ENGINES: Record<string, string> = {
  postgres: 'postgres', POSTGRES: 'postgres', mysql: 'mysql', MYSQL: 'mysql', mariaDb: 'mariadb', MARIADB: 'mariadb',
  sqlServerEe: 'sqlserver-ee', SQL_SERVER_EE: 'sqlserver-ee', sqlServerSe: 'sqlserver-se', SQL_SERVER_SE: 'sqlserver-se',
  sqlServerEx: 'sqlserver-ex', SQL_SERVER_EX: 'sqlserver-ex', sqlServerWeb: 'sqlserver-web', SQL_SERVER_WEB: 'sqlserver-web',
  oracleEe: 'oracle-ee', ORACLE_EE: 'oracle-ee', oracleSe2: 'oracle-se2', ORACLE_SE2: 'oracle-se2', oracleEeCdb: 'oracle-ee-cdb', oracleSe2Cdb: 'oracle-se2-cdb',
  auroraPostgres: 'aurora-postgresql', AURORA_POSTGRESQL: 'aurora-postgresql', auroraMysql: 'aurora-mysql', AURORA_MYSQL: 'aurora-mysql', aurora: 'aurora', AURORA: 'aurora',
};

/** `PostgresEngineVersion.VER_15_4` → '15.4'; `PostgresEngineVersion.of('15.4', '15')` → '15.4'. */
function versionOf(ir: Ir | undefined): string | undefined {
  if (ir?.k === 'sym' && ir.path.length === 2 && /EngineVersion$/.test(ir.path[0]) && /^VER_/.test(ir.path[1])) {
    return ir.path[1].slice(4).replace(/_/g, '.').toLowerCase();
  }
  if (ir?.k === 'call' && ir.path[1] === 'of' && ir.args[0]?.k === 'lit') return String(ir.args[0].value);
  return undefined;
}

/** Engine (and EngineVersion) of an engine expression. */
export function engine(b: Builder, ir: Ir | undefined, withVersion: boolean, resource = b.resource): void {
  if (!ir) return;
  const owner = ir.k === 'sym' || ir.k === 'call' ? ir.path[0] : undefined;
  const name = (ir.k === 'sym' || ir.k === 'call') && ir.module === 'aws-rds' && /Engine$/.test(owner ?? '') ? ENGINES[ir.path[1]] : undefined;
  if (!name) return b.set('Engine', b.v.unknown(ir.node, ir.k === 'unknown' ? ir.reason : 'an engine hipaa-lint does not know'), 'engine', resource);
  b.set('Engine', b.v.scalar(ir.node, name), 'engine', resource);
  if (!withVersion || ir.k !== 'call') return;
  const version = entry(ir.args[0], 'version')?.value;
  const text = versionOf(version);
  if (text) b.set('EngineVersion', b.v.scalar(version!.node, text), 'engine', resource);
  else if (version) b.set('EngineVersion', b.v.unknown(version.node, 'a version hipaa-lint cannot read'), 'engine', resource);
}

/** PubliclyAccessible as the construct derives it from vpcSubnets. */
function publicFromSubnets(b: Builder, subnets: Ir | undefined, note: string): Value | undefined {
  if (!subnets) return undefined;
  if (subnets.k !== 'obj') return b.v.unknown(subnets.node, subnets.k === 'unknown' ? subnets.reason : 'subnets chosen by code');
  const type = entry(subnets, 'subnetType')?.value;
  if (type && (type.k !== 'sym' || type.path[0] !== 'SubnetType')) return b.v.unknown(type.node, 'a subnet type computed by code');
  return b.v.scalar(b.v.range(subnets.node), type?.k === 'sym' && type.path[1] === 'PUBLIC', 'default', note);
}

function encryption(b: Builder): void {
  const key = b.get('storageEncryptionKey');
  if (key) {
    b.set('StorageEncrypted', b.v.scalar(key.node, true, 'default', 'storageEncryptionKey turns storage encryption on'), 'storageEncryptionKey');
    b.set('KmsKeyId', b.value(key, 'KmsKeyId'), 'storageEncryptionKey');
  }
}

/** `parameterGroup: pg` or `parameters: {...}` (which creates `<db>/ParameterGroup`). */
function parameterGroup(b: Builder, key: string, type: string): void {
  const pg = b.get('parameterGroup');
  if (pg) b.set(key, pg.k === 'construct' ? { kind: 'ref', target: pg.site.name, range: b.v.range(pg.node), file: b.v.file } : b.v.unknown(pg.node, 'a parameter group not defined in this file'), 'parameterGroup');
  const params = b.get('parameters');
  if (!params || pg) return;
  const child = b.child('ParameterGroup', type);
  b.set('Family', b.v.unknown(b.nameRange, 'derived from the engine version'), undefined, child);
  b.set('Parameters', b.v.l1(params, 'json', child, ['Parameters']), undefined, child);
  b.set(key, { kind: 'ref', target: child.name, range: b.v.range(params.node), file: b.v.file }, 'parameters');
}

const COMMON_FIXES = [
  { path: 'StorageEncrypted', prop: 'storageEncrypted', code: 'true' },
  { path: 'PubliclyAccessible', prop: 'publiclyAccessible', code: 'false' },
];

/** `parameters: { 'rds.force_ssl': '1' }` instead of a new parameter group resource. */
const parametersFix = { prop: 'parameters', code: (p: Record<string, unknown>) => p.Parameters && typeof p.Parameters === 'object' ? JSON.stringify(p.Parameters).replace(/"/g, "'").replace(/':/g, "': ").replace(/,'/g, ", '").replace(/^\{/, '{ ').replace(/\}$/, ' }') : undefined };

export const RDS_INSTANCE: L2Adapter = {
  module: 'aws-rds',
  classes: ['DatabaseInstance', 'DatabaseInstanceFromSnapshot', 'DatabaseInstanceReadReplica'],
  type: 'AWS::RDS::DBInstance',
  props: {
    sourceDatabaseInstance: { to: 'SourceDBInstanceIdentifier', ref: true },
    storageEncrypted: { to: 'StorageEncrypted' },
    publiclyAccessible: { to: 'PubliclyAccessible' },
    backupRetention: { to: 'BackupRetentionPeriod', duration: 'days' },
    instanceIdentifier: { to: 'DBInstanceIdentifier' },
  },
  build(b) {
    engine(b, b.get('engine'), true);
    encryption(b);
    if (!b.get('publiclyAccessible')) b.set('PubliclyAccessible', publicFromSubnets(b, b.get('vpcSubnets') ?? b.get('vpcPlacement'), 'aws-cdk-lib sets PubliclyAccessible from the subnet type of vpcSubnets'), 'vpcSubnets');
    parameterGroup(b, 'DBParameterGroupName', 'AWS::RDS::DBParameterGroup');
  },
  fixes: [...COMMON_FIXES, { path: 'BackupRetentionPeriod', prop: 'backupRetention', code: '{{.Duration}}.days(7)' }],
  terms: { KmsKeyId: 'storageEncryptionKey', DBParameterGroupName: 'parameterGroup', Engine: 'engine', EngineVersion: 'engine', DBSubnetGroupName: 'vpcSubnets' },
  resourceFixes: { 'AWS::RDS::DBParameterGroup': parametersFix },
};

function clusterInstances(b: Builder): void {
  const eng = b.get('engine');
  const subnets = b.get('vpcSubnets');
  const make = (ir: Ir) => {
    if (ir.k !== 'call' || ir.module !== 'aws-rds' || ir.path[0] !== 'ClusterInstance' || ir.args[0]?.k !== 'lit') return;
    const child = b.child(String(ir.args[0].value), 'AWS::RDS::DBInstance');
    // Findings on the instance point at its id when it is written inside the cluster's statement.
    const statement = b.site.statement;
    if (ir.node.pos >= statement.pos && ir.node.end <= statement.end) child.nameRange = b.v.range(ir.args[0].node);
    engine(b, eng, false, child);
    const pub = entry(ir.args[1], 'publiclyAccessible')?.value;
    b.set('PubliclyAccessible', pub ? b.value(pub, 'PubliclyAccessible', child) : publicFromSubnets(b, subnets, 'aws-cdk-lib sets PubliclyAccessible from the cluster\'s vpcSubnets'), undefined, child);
    b.editAt('PubliclyAccessible', { node: ir.node, arg: 1, key: 'publiclyAccessible', code: (v) => (typeof v === 'boolean' ? String(v) : undefined) }, child);
  };
  const writer = b.get('writer');
  if (writer) make(writer);
  const readers = b.get('readers');
  if (readers?.k === 'arr') readers.items.forEach(make);
}

export const RDS_CLUSTER: L2Adapter = {
  module: 'aws-rds',
  classes: ['DatabaseCluster', 'DatabaseClusterFromSnapshot'],
  type: 'AWS::RDS::DBCluster',
  props: {
    storageEncrypted: { to: 'StorageEncrypted' },
    clusterIdentifier: { to: 'DBClusterIdentifier' },
  },
  build(b) {
    engine(b, b.get('engine'), true);
    encryption(b);
    const backup = b.get('backup');
    const retention = backup?.k === 'obj' ? entry(backup, 'retention')?.value : backup;
    if (retention) b.set('BackupRetentionPeriod', b.duration(retention, 'days'), 'backup');
    parameterGroup(b, 'DBClusterParameterGroupName', 'AWS::RDS::DBClusterParameterGroup');
    clusterInstances(b);
  },
  fixes: [COMMON_FIXES[0], { path: 'BackupRetentionPeriod', prop: 'backup', code: '{ retention: {{.Duration}}.days(7) }' }],
  terms: { BackupRetentionPeriod: 'backup.retention', KmsKeyId: 'storageEncryptionKey', DBClusterParameterGroupName: 'parameterGroup', Engine: 'engine', EngineVersion: 'engine' },
  resourceFixes: { 'AWS::RDS::DBClusterParameterGroup': parametersFix },
};

export const RDS_PARAMETER_GROUP: L2Adapter = {
  module: 'aws-rds',
  classes: ['ParameterGroup'],
  type: 'AWS::RDS::DBParameterGroup',
  typeOf: (site: Site, referring: Site[]) => (referring.some((s) => s.adapter === RDS_CLUSTER && s !== site) ? 'AWS::RDS::DBClusterParameterGroup' : 'AWS::RDS::DBParameterGroup'),
  props: {},
  build(b) {
    b.set('Family', b.get('engine') ? b.v.unknown(b.get('engine')!.node, 'derived from the engine version') : undefined, 'engine');
    const params = b.get('parameters');
    if (params) b.set('Parameters', b.v.l1(params, 'json', b.resource, ['Parameters']), 'parameters');
  },
};
