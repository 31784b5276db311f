import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elb from 'aws-cdk-lib/aws-elasticloadbalancing';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { Construct } from 'constructs';

/** Edge and load balancers, an API with a cache, instances with block devices. */
export class FixtureStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });

    new cloudfront.Distribution(this, 'Cdn', {
      defaultBehavior: { origin: new origins.HttpOrigin('origin.example.com') },
      additionalBehaviors: {
        'legacy/*': { origin: new origins.HttpOrigin('legacy.example.com', { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY }) },
      },
    });

    const classic = new elb.LoadBalancer(this, 'Classic', { vpc, listeners: [{ externalPort: 80 }] });
    classic.addListener({ externalPort: 443, externalProtocol: elb.LoadBalancingProtocol.HTTPS, internalProtocol: elb.LoadBalancingProtocol.HTTPS, sslCertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/x' });

    const alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc, internetFacing: true });
    alb.addListener('Plain', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(200) });
    alb.addListener('Redirect', { port: 8080, defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443' }) });

    const api = new apigateway.RestApi(this, 'Api', {
      deployOptions: { cachingEnabled: true, cacheDataEncrypted: false },
    });
    api.root.addMethod('GET', new apigateway.MockIntegration());

    new ec2.Instance(this, 'Worker', {
      vpc,
      instanceType: new ec2.InstanceType('t3.micro'),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20, { encrypted: true }) }],
    });
    new ec2.LaunchTemplate(this, 'Template', {
      blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20) }],
    });
    new autoscaling.AutoScalingGroup(this, 'Fleet', {
      vpc,
      instanceType: new ec2.InstanceType('t3.micro'),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      blockDevices: [{ deviceName: '/dev/xvda', volume: autoscaling.BlockDeviceVolume.ebs(20, { encrypted: true }) }],
    });
  }
}
