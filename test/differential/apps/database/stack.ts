import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { DatabaseCluster, DatabaseClusterEngine, DatabaseInstance, DatabaseInstanceReadReplica, DatabaseInstanceEngine, ParameterGroup, PostgresEngineVersion, MysqlEngineVersion, AuroraPostgresEngineVersion, ClusterInstance, SqlServerEngineVersion, LicenseModel } from 'aws-cdk-lib/aws-rds';
import type { Construct } from 'constructs';

/** RDS instances and Aurora clusters: encryption, backups, public access, TLS parameter groups. */
export class FixtureStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const isolated = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

    new DatabaseInstance(this, 'Records', {
      engine: DatabaseInstanceEngine.postgres({ version: PostgresEngineVersion.VER_14_9 }),
      vpc,
      vpcSubnets: isolated,
      storageEncrypted: true,
      backupRetention: cdk.Duration.days(7),
      parameters: { 'rds.force_ssl': '1' },
    });

    const legacy = new DatabaseInstance(this, 'Legacy', {
      engine: DatabaseInstanceEngine.postgres({ version: PostgresEngineVersion.VER_16_3 }),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      backupRetention: cdk.Duration.days(0),
    });
    new DatabaseInstanceReadReplica(this, 'LegacyReplica', {
      sourceDatabaseInstance: legacy,
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MEDIUM),
      vpc,
      vpcSubnets: isolated,
    });

    const mysqlTls = new ParameterGroup(this, 'MysqlTls', {
      engine: DatabaseInstanceEngine.mysql({ version: MysqlEngineVersion.VER_8_0_35 }),
      parameters: { require_secure_transport: '0' },
    });
    new DatabaseInstance(this, 'Orders', {
      engine: DatabaseInstanceEngine.mysql({ version: MysqlEngineVersion.VER_8_0_35 }),
      vpc,
      vpcSubnets: isolated,
      storageEncrypted: false,
      parameterGroup: mysqlTls,
    });

    new DatabaseInstance(this, 'Reports', {
      engine: DatabaseInstanceEngine.sqlServerEx({ version: SqlServerEngineVersion.VER_16 }),
      licenseModel: LicenseModel.LICENSE_INCLUDED,
      vpc,
      vpcSubnets: isolated,
      storageEncrypted: true,
    });

    new DatabaseCluster(this, 'Aurora', {
      engine: DatabaseClusterEngine.auroraPostgres({ version: AuroraPostgresEngineVersion.VER_15_4 }),
      vpc,
      vpcSubnets: isolated,
      writer: ClusterInstance.provisioned('Writer'),
      readers: [ClusterInstance.serverlessV2('Reader', { publiclyAccessible: false })],
      storageEncrypted: true,
      parameters: { 'rds.force_ssl': '1' },
    });
  }
}
