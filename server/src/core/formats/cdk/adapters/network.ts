/**
 * CloudFront, load balancers and API Gateway, as aws-cdk-lib 2.276.0 writes them:
 * - cloudfront.Distribution (aws-cloudfront/lib/distribution.js, private/cache-behavior.js):
 *   ViewerProtocolPolicy `?? (flag @aws-cdk/aws-cloudfront:defaultViewerProtocolPolicyRedirectToHttps
 *   ? redirect-to-https : allow-all)` (the flag is off when cdk.json does not set it);
 *   origins.HttpOrigin (and LoadBalancerV2Origin…) protocolPolicy default HTTPS_ONLY, originSslProtocols
 *   default [TLSv1.2]; S3StaticWebsiteOrigin is HTTP_ONLY; S3 bucket origins have no custom config.
 * - elb.LoadBalancer (aws-elasticloadbalancing/lib/load-balancer.js addListener): Protocol
 *   `externalProtocol ?? well-known(externalPort)` (80 http, 443 https); InstanceProtocol
 *   `internalProtocol ?? well-known(instancePort) ?? (http(s) ? http : tcp)`.
 * - elbv2.ApplicationListener / alb.addListener(id, …) (alb/application-listener.js,
 *   shared/util.js): Protocol `protocol ?? (port 80/8080 → HTTP, 443/8443 → HTTPS)`.
 * - apigateway.RestApi / Stage (aws-apigateway/lib/restapi.js, stage.js): the stage is
 *   `<api>/DeploymentStage.prod`; deployOptions' cachingEnabled/cacheDataEncrypted… become a
 *   `/*` `*` method setting; CacheClusterEnabled `?? true when some method caches`.
 */
import type { MapValue, Resource, Value } from '../../../model/types';
import { entry, type Ir } from '../ir';
import type { Builder } from '../l2';
import type { L2Adapter } from './types';

const VIEWER: Record<string, string> = { ALLOW_ALL: 'allow-all', HTTPS_ONLY: 'https-only', REDIRECT_TO_HTTPS: 'redirect-to-https' };
const ORIGIN_POLICY: Record<string, string> = { HTTP_ONLY: 'http-only', MATCH_VIEWER: 'match-viewer', HTTPS_ONLY: 'https-only' };
const SSL: Record<string, string> = { SSL_V3: 'SSLv3', TLS_V1: 'TLSv1', TLS_V1_1: 'TLSv1.1', TLS_V1_2: 'TLSv1.2' };
const CUSTOM_ORIGINS = ['HttpOrigin', 'LoadBalancerV2Origin', 'FunctionUrlOrigin', 'RestApiOrigin'];

/** A CloudFormation value → the member of an aws-cdk-lib enum that writes it (for fixes). */
function member(table: Record<string, string>, enumRef: string): (v: unknown) => string | undefined {
  return (v) => {
    const name = Object.entries(table).find(([, cfn]) => cfn === v)?.[0];
    return name ? `{{${enumRef}}}.${name}` : undefined;
  };
}

function item(b: Builder, list: Value[], node: Ir['node']): MapValue {
  const m = b.v.map(node);
  list.push(m);
  return m;
}

function viewerPolicy(b: Builder, behavior: Ir | undefined, target: MapValue, base: string[], prop: string, path: string): void {
  if (behavior) b.editAt(path, { node: behavior.node, key: 'viewerProtocolPolicy', code: member(VIEWER, 'aws-cloudfront.ViewerProtocolPolicy') });
  const vpp = entry(behavior, 'viewerProtocolPolicy')?.value;
  const value = vpp
    ? (vpp.k === 'sym' && vpp.path[0] === 'ViewerProtocolPolicy' && VIEWER[vpp.path[1]] ? b.v.scalar(vpp.node, VIEWER[vpp.path[1]]) : b.v.unknown(vpp.node, 'a policy computed by code'))
    : b.flag('@aws-cdk/aws-cloudfront:defaultViewerProtocolPolicyRedirectToHttps')
      ? b.def('redirect-to-https', 'cloudfront.Distribution redirects to HTTPS by default (feature flag)')
      : b.v.scalar(behavior ? b.v.range(behavior.node) : b.nameRange, 'allow-all', 'default', 'cloudfront.Distribution allows HTTP unless viewerProtocolPolicy is set');
  b.setUnder(target, base, 'ViewerProtocolPolicy', value, prop);
}

function origin(b: Builder, ir: Ir | undefined, origins: Value[], base: string[]): void {
  if (!ir) return;
  const m = item(b, origins, ir.node);
  b.v.mark(m, b.resource, [...base, String(origins.length - 1)]);
  if (ir.k !== 'new' && ir.k !== 'call') return void origins.splice(origins.length - 1, 1, b.v.unknown(ir.node, 'an origin built by code'));
  const cls = ir.path[0];
  if (ir.module !== 'aws-cloudfront-origins' || !(CUSTOM_ORIGINS.includes(cls) || cls === 'S3StaticWebsiteOrigin')) return;
  const opts = ir.k === 'new' ? ir.args[1] : undefined;
  const here = [...base, String(origins.length - 1), 'CustomOriginConfig'];
  if (ir.k === 'new') {
    b.editAt(`${here.join('.')}.OriginProtocolPolicy`, { node: ir.node, arg: 1, key: 'protocolPolicy', code: member(ORIGIN_POLICY, 'aws-cloudfront.OriginProtocolPolicy') });
    b.editAt(`${here.join('.')}.OriginSSLProtocols`, { node: ir.node, arg: 1, key: 'originSslProtocols', code: (v) => (Array.isArray(v) ? `[${v.map(member(SSL, 'aws-cloudfront.OriginSslPolicy')).join(', ')}]` : undefined) });
  }
  const pp = entry(opts, 'protocolPolicy')?.value;
  const fallback = cls === 'S3StaticWebsiteOrigin' ? 'http-only' : 'https-only';
  b.setUnder(m, here.slice(0, -1), 'CustomOriginConfig.OriginProtocolPolicy', pp
    ? (pp.k === 'sym' && ORIGIN_POLICY[pp.path[1]] ? b.v.scalar(pp.node, ORIGIN_POLICY[pp.path[1]]) : b.v.unknown(pp.node, 'computed'))
    : b.v.scalar(b.v.range(ir.node), fallback, 'default', `origins.${cls} uses ${fallback} unless protocolPolicy is set`));
  const ssl = entry(opts, 'originSslProtocols')?.value;
  const sslItem = (x: Ir, i: number): Value => {
    const path = [...here, 'OriginSSLProtocols', String(i)];
    if (!(x.k === 'sym' && SSL[x.path[1]])) return b.v.unknown(x.node, 'computed');
    b.editAt(path.join('.'), { node: x.node, code: member(SSL, 'aws-cloudfront.OriginSslPolicy') });
    return b.v.mark(b.v.scalar(x.node, SSL[x.path[1]]), b.resource, path);
  };
  const protocols = ssl?.k === 'arr'
    ? { kind: 'seq' as const, items: ssl.items.map(sslItem), range: b.v.range(ssl.node), file: b.v.file }
    : ssl ? b.v.unknown(ssl.node, 'computed') : b.json(['TLSv1.2'], b.v.range(ir.node), 'the default of originSslProtocols');
  b.setUnder(m, here.slice(0, -1), 'CustomOriginConfig.OriginSSLProtocols', protocols);
}

export const CLOUDFRONT_DISTRIBUTION: L2Adapter = {
  module: 'aws-cloudfront',
  classes: ['Distribution'],
  type: 'AWS::CloudFront::Distribution',
  props: { comment: { to: 'DistributionConfig.Comment' } },
  build(b) {
    const def = b.get('defaultBehavior');
    const origins: Value[] = [];
    const base = ['DistributionConfig', 'Origins'];
    b.set('DistributionConfig.Origins', { kind: 'seq', items: origins, range: b.nameRange, file: b.v.file });
    const config = b.resource.properties!.entries.find((e) => e.key === 'DistributionConfig')!.value as MapValue;
    origin(b, entry(def, 'origin')?.value, origins, base);
    viewerPolicy(b, def, config, ['DistributionConfig'], 'defaultBehavior', 'DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy');
    const dcb = config.entries.find((e) => e.key === 'ViewerProtocolPolicy');
    if (dcb) {
      config.entries.splice(config.entries.indexOf(dcb), 1);
      b.setUnder(config, ['DistributionConfig'], 'DefaultCacheBehavior.ViewerProtocolPolicy', dcb.value, 'defaultBehavior');
    }
    const extra = b.get('additionalBehaviors');
    if (extra?.k === 'obj') {
      const behaviors: Value[] = [];
      b.setUnder(config, ['DistributionConfig'], 'CacheBehaviors', { kind: 'seq', items: behaviors, range: b.v.range(extra.node), file: b.v.file }, 'additionalBehaviors');
      for (const e of extra.entries) {
        const m = item(b, behaviors, e.value.node);
        b.v.mark(m, b.resource, ['DistributionConfig', 'CacheBehaviors', String(behaviors.length - 1)]);
        const at = ['DistributionConfig', 'CacheBehaviors', String(behaviors.length - 1)];
        viewerPolicy(b, e.value, m, at, 'additionalBehaviors', [...at, 'ViewerProtocolPolicy'].join('.'));
        origin(b, entry(e.value, 'origin')?.value, origins, base);
      }
    } else if (extra) b.setUnder(config, ['DistributionConfig'], 'CacheBehaviors', b.v.unknown(extra.node, 'behaviors computed by code'), 'additionalBehaviors');
  },
  terms: {
    DefaultCacheBehavior: 'defaultBehavior', CacheBehaviors: 'additionalBehaviors', ViewerProtocolPolicy: 'viewerProtocolPolicy', Origins: 'origin',
    CustomOriginConfig: 'origin', OriginProtocolPolicy: 'protocolPolicy', OriginSSLProtocols: 'originSslProtocols',
    ViewerCertificate: 'certificate', MinimumProtocolVersion: 'minimumProtocolVersion', Logging: 'enableLogging',
  },
};

const LB_PROTOCOL: Record<string, string> = { TCP: 'tcp', SSL: 'ssl', HTTP: 'http', HTTPS: 'https' };
const WELL_KNOWN: Record<number, string> = { 80: 'http', 443: 'https' };

function classicListener(b: Builder, ir: Ir, list: Value[]): void {
  if (ir.k !== 'obj') return void list.push(b.v.unknown(ir.node, 'a listener built by code'));
  const m = item(b, list, ir.node);
  const base = ['Listeners', String(list.length - 1)];
  b.v.mark(m, b.resource, base);
  const get = (k: string) => entry(ir, k)?.value;
  // A protocol derived from a port is reported on that port, or on the listener when the port is the
  // external one standing in for an unwritten internalPort.
  const proto = (x: Ir | undefined, port: Ir | undefined, fallback?: string, at?: Ir): Value | undefined => {
    if (x) return x.k === 'sym' && LB_PROTOCOL[x.path[1]] ? b.v.scalar(x.node, LB_PROTOCOL[x.path[1]]) : b.v.unknown(x.node, 'computed');
    if (port?.k === 'lit' && WELL_KNOWN[Number(port.value)]) return b.v.scalar((at ?? port).node, WELL_KNOWN[Number(port.value)], 'default', 'the well-known protocol of the port');
    return fallback ? b.v.scalar(b.v.range((at ?? port ?? ir).node), fallback, 'default', 'aws-cdk-lib default') : port ? b.v.unknown(port.node, 'the port is computed') : undefined;
  };
  const external = proto(get('externalProtocol'), get('externalPort'));
  b.setUnder(m, base, 'Protocol', external);
  const httpish = external?.kind === 'scalar' && /^https?$/.test(String(external.value));
  b.setUnder(m, base, 'InstanceProtocol', proto(get('internalProtocol'), get('internalPort') ?? get('externalPort'), external?.kind === 'scalar' ? (httpish ? 'http' : 'tcp') : undefined, get('internalPort') ? undefined : ir));
  const code = (v: unknown) => (typeof v === 'string' && LB_PROTOCOL[v.toUpperCase()] ? `{{aws-elasticloadbalancing.LoadBalancingProtocol}}.${v.toUpperCase()}` : undefined);
  b.editAt(`${base.join('.')}.Protocol`, { node: ir.node, key: 'externalProtocol', code });
  b.editAt(`${base.join('.')}.InstanceProtocol`, { node: ir.node, key: 'internalProtocol', code });
}

export const ELB_CLASSIC: L2Adapter = {
  module: 'aws-elasticloadbalancing',
  classes: ['LoadBalancer'],
  type: 'AWS::ElasticLoadBalancing::LoadBalancer',
  props: {},
  build(b) {
    const list: Value[] = [];
    const written = b.get('listeners');
    if (written?.k === 'arr') written.items.forEach((l) => classicListener(b, l, list));
    else if (written) list.push(b.v.unknown(written.node, 'listeners computed by code'));
    for (const call of b.ctx.callsOn(b.site, 'addListener')) if (call.args[0]) classicListener(b, call.args[0], list);
    if (list.length) b.set('Listeners', { kind: 'seq', items: list, range: b.v.range((written ?? b.ctx.callsOn(b.site, 'addListener')[0].args[0]).node), file: b.v.file }, 'listeners');
  },
  terms: { Listeners: 'listeners', Protocol: 'externalProtocol', InstanceProtocol: 'internalProtocol', LoadBalancerPort: 'externalPort', InstancePort: 'internalPort', SSLCertificateId: 'sslCertificateArn' },
};

const APP_PROTOCOL: Record<string, string> = { HTTP: 'HTTP', HTTPS: 'HTTPS' };

/** An ALB listener's Protocol and redirect action, from `new ApplicationListener` props or `addListener(id, props)`. */
export function albListener(b: Builder, props: Ir | undefined, resource: Resource): void {
  const protocol = entry(props, 'protocol')?.value;
  const port = entry(props, 'port')?.value;
  const v = protocol
    ? (protocol.k === 'sym' && APP_PROTOCOL[protocol.path[1]] ? b.v.scalar(protocol.node, APP_PROTOCOL[protocol.path[1]]) : b.v.unknown(protocol.node, 'computed'))
    : port?.k === 'lit' ? b.v.scalar(port.node, [443, 8443].includes(Number(port.value)) ? 'HTTPS' : 'HTTP', 'default', 'aws-cdk-lib picks the protocol from the port')
      : port ? b.v.unknown(port.node, 'the port is computed') : undefined;
  b.set('Protocol', v, props === b.props ? 'protocol' : undefined, resource);
  if (props && props !== b.props) b.editAt('Protocol', { node: props.node, key: 'protocol', code: (x) => (x === 'HTTPS' ? '{{aws-elasticloadbalancingv2.ApplicationProtocol}}.HTTPS' : undefined) }, resource);
  const action = entry(props, 'defaultAction')?.value;
  if (action?.k === 'call' && action.path.join('.') === 'ListenerAction.redirect') {
    const to = entry(action.args[0], 'protocol')?.value;
    const redirect = b.json([{ Type: 'redirect' }], b.v.range(action.node), 'ListenerAction.redirect');
    b.set('DefaultActions', redirect, undefined, resource);
    const first = (redirect as { items: MapValue[] }).items[0];
    if (to) b.setUnder(first, ['DefaultActions', '0'], 'RedirectConfig.Protocol', b.value(to, 'Protocol', resource), undefined, resource);
  } else if (action) b.set('DefaultActions', b.json([{ Type: action.k === 'call' ? action.path[1] : 'forward' }], b.v.range(action.node), 'a listener action'), undefined, resource);
}

export const ALB_LISTENER: L2Adapter = {
  module: 'aws-elasticloadbalancingv2',
  classes: ['ApplicationListener'],
  type: 'AWS::ElasticLoadBalancingV2::Listener',
  props: {},
  build: (b) => albListener(b, b.props, b.resource),
  fixes: [{ path: 'Protocol', prop: 'protocol', code: '{{aws-elasticloadbalancingv2.ApplicationProtocol}}.HTTPS' }],
  terms: { Protocol: 'protocol', Port: 'port', DefaultActions: 'defaultAction', Certificates: 'certificates', SslPolicy: 'sslPolicy' },
};

export const ALB: L2Adapter = {
  module: 'aws-elasticloadbalancingv2',
  classes: ['ApplicationLoadBalancer'],
  type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  props: {},
  build(b) {
    for (const call of b.ctx.callsOn(b.site, 'addListener')) {
      const id = call.args[0];
      if (id?.k !== 'lit') continue;
      albListener(b, call.args[1], b.child(String(id.value), 'AWS::ElasticLoadBalancingV2::Listener'));
    }
  },
};

/** Stage options (RestApi deployOptions or Stage props) → Stage properties. */
export function stageOptions(b: Builder, opts: Ir | undefined, stage: Resource, prop?: string): void {
  const get = (k: string) => entry(opts, k)?.value;
  const settings: Value[] = [];
  const common = ['cachingEnabled', 'cacheDataEncrypted', 'metricsEnabled', 'loggingLevel', 'dataTraceEnabled', 'throttlingBurstLimit', 'throttlingRateLimit', 'cacheTtl'];
  let caches = false;
  const setting = (node: Ir, resourcePath: string, method: string, o: Ir) => {
    const m = item(b, settings, node.node);
    const base = ['MethodSettings', String(settings.length - 1)];
    b.v.mark(m, stage, base);
    b.setUnder(m, base, 'ResourcePath', b.v.scalar(b.v.range(node.node), resourcePath, 'default', 'from the method options path'), undefined, stage);
    b.setUnder(m, base, 'HttpMethod', b.v.scalar(b.v.range(node.node), method, 'default', 'from the method options path'), undefined, stage);
    for (const [k, cfn] of [['cachingEnabled', 'CachingEnabled'], ['cacheDataEncrypted', 'CacheDataEncrypted']]) {
      const x = entry(o, k)?.value;
      if (x) b.setUnder(m, base, cfn, b.value(x, cfn, stage), undefined, stage);
      if (k === 'cachingEnabled' && x?.k === 'lit' && x.value === true) caches = true;
    }
  };
  if (opts && common.some((k) => get(k))) setting(opts, '/*', '*', opts);
  const methods = get('methodOptions');
  if (methods?.k === 'obj') {
    for (const e of methods.entries) {
      const parts = e.key.split('/');
      const method = parts.pop() ?? '*';
      const path = parts.join('/') === '/*' ? '/*' : `/${parts.slice(1).join('/').replace(/\//g, '~1')}`;
      setting(e.value, path, method, e.value);
    }
  }
  if (settings.length) b.set('MethodSettings', { kind: 'seq', items: settings, range: b.v.range(opts!.node), file: b.v.file }, prop, stage);
  const cluster = get('cacheClusterEnabled');
  if (cluster) b.set('CacheClusterEnabled', b.value(cluster, 'CacheClusterEnabled', stage), prop, stage);
  else if (caches) b.set('CacheClusterEnabled', b.v.scalar(b.v.range(opts!.node), true, 'default', 'a cached method turns the stage cache cluster on'), prop, stage);
  else if (opts?.k === 'obj' && opts.open) b.set('CacheClusterEnabled', b.v.unknown(opts.node, opts.open), prop, stage);
}

export const APIGW_REST_API: L2Adapter = {
  module: 'aws-apigateway',
  classes: ['RestApi', 'LambdaRestApi', 'SpecRestApi'],
  type: 'AWS::ApiGateway::RestApi',
  props: { restApiName: { to: 'Name' } },
  build(b) {
    const deploy = b.get('deploy');
    if (deploy?.k === 'lit' && deploy.value === false) return;
    const opts = b.get('deployOptions');
    const name = entry(opts, 'stageName')?.value;
    b.child('Deployment', 'AWS::ApiGateway::Deployment');
    const stage = b.child(`DeploymentStage.${name?.k === 'lit' ? String(name.value) : 'prod'}`, 'AWS::ApiGateway::Stage');
    stageOptions(b, opts, stage, 'deployOptions');
  },
};

export const APIGW_STAGE: L2Adapter = {
  module: 'aws-apigateway',
  classes: ['Stage'],
  type: 'AWS::ApiGateway::Stage',
  props: {},
  build: (b) => stageOptions(b, b.props, b.resource),
};
