import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Annotations, App, Validations, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EdgeFirewallStack } from './edge.ts';
import { sesSandboxOf } from './ses-sandbox.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

/** Builds both stacks; the table and its neighbours outlive every deploy of the functions. */
export function buildApp(app: App = new App()): { app: App; stateful: StatefulStack; stateless: StatelessStack; edge?: EdgeFirewallStack } {
  const context = (key: string): string | undefined => app.node.tryGetContext(key) ?? undefined;
  const numberContext = (key: string): number | undefined => {
    const raw = context(key);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`context ${key} must be a positive number, not "${raw}"`);
    return n;
  };
  const senderEmail = context('senderEmail') ?? 'alerts@example.com';
  const hostedZoneId = context('hostedZoneId');
  const hostedZoneName = context('hostedZoneName');
  if (Boolean(hostedZoneId) !== Boolean(hostedZoneName)) throw new Error('give both hostedZoneId and hostedZoneName, or neither');
  // AWS WAF in front of the public routes (on unless -c waf=false). It needs CloudFront, whose web ACL lives in
  // us-east-1, so the stacks need a concrete region: -c region=…, or the one `cdk deploy` resolves.
  const wafWanted = String(context('waf') ?? 'true') !== 'false';
  const region = context('region') ?? process.env.CDK_DEFAULT_REGION;
  const account = context('account') ?? process.env.CDK_DEFAULT_ACCOUNT;
  const env: Environment | undefined = wafWanted && region ? { region, ...(account ? { account } : {}) } : undefined;
  const edge = env ? new EdgeFirewallStack(app, 'DatewatchEdge', {
    description: 'Datewatch AWS WAF web ACL for the reader distribution (CloudFront scope, so us-east-1)',
    env: { ...env, region: 'us-east-1' },
  }) : undefined;

  const stateful = new StatefulStack(app, 'DatewatchStateful', {
    ...(env ? { env } : {}),
    description: 'Datewatch data, mail configuration, signing keys and admin users (retained)',
    senderEmail,
    mailFromDomain: context('mailFromDomain'),
    dmarcRua: context('dmarcRua'),
    hostedZone: hostedZoneId && hostedZoneName ? { hostedZoneId, zoneName: hostedZoneName } : undefined,
    consoleDomainPrefix: context('consoleDomainPrefix'),
    sesSandbox: sesSandboxOf(context),
  });
  const stateless = new StatelessStack(app, 'DatewatchStateless', {
    description: 'Datewatch functions, HTTP API, one-minute clock and send queue',
    ...(env ? { env, crossRegionReferences: true } : {}),
    edge: edge ? { webAclArn: edge.webAcl.attrArn } : undefined,
    stateful,
    senderEmail,
    publicBaseUrl: context('publicBaseUrl'),
    // The local stack synthesizes with consoleSignIn=local: its console signs in through POST /_local/console-token.
    consoleSignIn: context('consoleSignIn') === 'local' ? 'local' : 'cognito',
    alarmEmail: context('alarmEmail'),
    // The sender never goes faster than this, whatever the SES account allows (SESv2 GetAccount).
    maxSendRatePerSecond: numberContext('maxSendRate') ?? 14,
    // Off by default: a new account's Lambda concurrency quota (10) leaves none to reserve, and the deploy would fail.
    // Once the quota is raised (Service Quotas, 1,000 is the usual), -c reserveConcurrency=true reserves it.
    reserveConcurrency: String(context('reserveConcurrency')) === 'true',
    // Sizing of the mail pipeline; the local stack and the benchmarks synthesize with other values.
    sendRatePerSecond: numberContext('sendRatePerSecond'),
    recipientsPerMessage: numberContext('recipientsPerMessage'),
    senderMaxConcurrency: numberContext('senderMaxConcurrency'),
  });
  if (wafWanted && !env) {
    Annotations.of(stateless).addWarningV2('datewatch:waf-needs-region',
      'No AWS WAF: the synth has no target region (give -c region=<region>, as `cdk deploy` does from your profile), so the reader distribution and its web ACL are left out.');
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stateful, stateless, edge };
}

// Synthesize when run as the CDK app; tests import buildApp() instead.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) buildApp().app.synth();
