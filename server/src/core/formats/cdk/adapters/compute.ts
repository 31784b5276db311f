/**
 * EC2 instances, launch templates and Auto Scaling groups, as aws-cdk-lib 2.276.0 writes them
 * (aws-ec2/lib/instance.js, launch-template.js, private/ebs-util.js, aws-autoscaling/lib/
 * auto-scaling-group.js): BlockDeviceMappings only from `blockDevices` (none: nothing written, so
 * the AMI's snapshot decides); `BlockDeviceVolume.ebs(size, { encrypted })` → Ebs {VolumeSize,
 * Encrypted…} (encrypted default: nothing written = unencrypted). An AutoScalingGroup without
 * `launchTemplate` creates `<asg>/LaunchConfig` (AWS::AutoScaling::LaunchConfiguration), or
 * `<asg>/LaunchTemplate` when the flag
 * @aws-cdk/aws-autoscaling:generateLaunchTemplateInsteadOfLaunchConfig is on (off when unset).
 */
import type { MapValue, Resource, Value } from '../../../model/types';
import { entry, type Ir } from '../ir';
import type { Builder } from '../l2';
import type { L2Adapter } from './types';

/** `blockDevices: [{ deviceName, volume: BlockDeviceVolume.ebs(8, { encrypted: true }) }]`. */
function blockDevices(b: Builder, ir: Ir | undefined, resource: Resource, base: string, prop?: string): void {
  if (!ir) return;
  if (ir.k !== 'arr') return b.set(base, b.v.unknown(ir.node, ir.k === 'unknown' ? ir.reason : 'computed'), prop, resource);
  const items: Value[] = [];
  const seqPath = base.split('.');
  b.set(base, { kind: 'seq', items, range: b.v.range(ir.node), file: b.v.file }, prop, resource);
  for (const dev of ir.items) {
    if (dev.k !== 'obj') {
      items.push(b.v.unknown(dev.node, 'a block device built by code'));
      continue;
    }
    const m: MapValue = b.v.mark(b.v.map(dev.node), resource, [...seqPath, String(items.length)]);
    items.push(m);
    const here = [...seqPath, String(items.length - 1)];
    const name = entry(dev, 'deviceName')?.value;
    if (name) b.setUnder(m, here, 'DeviceName', b.value(name, 'DeviceName', resource), undefined, resource);
    const vol = entry(dev, 'volume')?.value;
    if (vol?.k !== 'call' || vol.path[0] !== 'BlockDeviceVolume') {
      if (vol) b.setUnder(m, here, 'Ebs', b.v.unknown(vol.node, 'a volume built by code'), undefined, resource);
      continue;
    }
    if (vol.path[1] === 'ephemeral') continue;
    const ebs: MapValue = b.v.mark(b.v.map(vol.node), resource, [...here, 'Ebs']);
    m.entries.push({ key: 'Ebs', keyRange: b.v.range(vol.node), value: ebs });
    const [first, opts] = vol.args;
    if (first) b.setUnder(ebs, [...here, 'Ebs'], vol.path[1] === 'ebs' ? 'VolumeSize' : 'SnapshotId', b.value(first, 'x', resource), undefined, resource);
    if (opts?.k === 'obj') {
      for (const e of opts.entries) {
        const key = e.key === 'encrypted' ? 'Encrypted' : e.key === 'deleteOnTermination' ? 'DeleteOnTermination' : undefined;
        if (key) b.setUnder(ebs, [...here, 'Ebs'], key, b.value(e.value, key, resource), undefined, resource);
      }
      if (opts.open) b.setUnder(ebs, [...here, 'Ebs'], 'Encrypted', b.v.unknown(opts.node, opts.open), undefined, resource);
    } else if (opts) b.setUnder(ebs, [...here, 'Ebs'], 'Encrypted', b.v.unknown(opts.node, 'options computed by code'), undefined, resource);
  }
}

export const EC2_INSTANCE: L2Adapter = {
  module: 'aws-ec2',
  classes: ['Instance'],
  type: 'AWS::EC2::Instance',
  props: {},
  build: (b) => blockDevices(b, b.get('blockDevices'), b.resource, 'BlockDeviceMappings', 'blockDevices'),
};

export const EC2_LAUNCH_TEMPLATE: L2Adapter = {
  module: 'aws-ec2',
  classes: ['LaunchTemplate'],
  type: 'AWS::EC2::LaunchTemplate',
  props: {},
  build: (b) => blockDevices(b, b.get('blockDevices'), b.resource, 'LaunchTemplateData.BlockDeviceMappings', 'blockDevices'),
};

export const AUTOSCALING_GROUP: L2Adapter = {
  module: 'aws-autoscaling',
  classes: ['AutoScalingGroup'],
  type: 'AWS::AutoScaling::AutoScalingGroup',
  props: {},
  build(b) {
    if (b.get('launchTemplate') || b.get('mixedInstancesPolicy')) return;
    const lt = b.flag('@aws-cdk/aws-autoscaling:generateLaunchTemplateInsteadOfLaunchConfig');
    const child = lt ? b.child('LaunchTemplate', 'AWS::EC2::LaunchTemplate') : b.child('LaunchConfig', 'AWS::AutoScaling::LaunchConfiguration');
    blockDevices(b, b.get('blockDevices'), child, lt ? 'LaunchTemplateData.BlockDeviceMappings' : 'BlockDeviceMappings', 'blockDevices');
  },
};
