import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/aws/app.ts';
import { routes } from '#lambdas/routes.ts';

// Skip CDK's built-in CloudFormation rule check (seconds per synth); `cdk synth` still runs it, and cdk-nag runs here.
process.env.CDK_VALIDATION = 'false';

let app: App;

beforeAll(() => {
  ({ app } = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } })));
});

/** Every acknowledgement recorded in the construct tree, with where it was made. */
function acknowledgements(): { path: string; id: string; reason: string }[] {
  return app.node.findAll().flatMap((c) => c.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.entries(m.data as Record<string, string>)
      .map(([id, reason]) => ({ path: c.node.path, id: id.replace(/^annotation::/i, ''), reason }))));
}

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged, warnings included', () => {
    // cdk-nag 3 is a policy-validation plugin: it reports violations, and any violation fails synth.
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath)}`)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('is registered on the app, so synth passes now and fails on any new finding', () => {
    expect(() => app.synth()).not.toThrow();
    const probe = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } })).app;
    new Queue(new Stack(probe, 'Probe'), 'PlainQueue'); // no DLQ, no TLS-only policy
    expect(() => probe.synth()).toThrow(/AwsSolutions-SQS4/);
  });

  it('acknowledges only these rules, each where it applies', () => {
    const count: Record<string, number> = {};
    // Logical ids carry a hash suffix; the function name is what matters.
    for (const { id } of acknowledgements()) {
      const rule = id.replace(/<(\w+?)[0-9A-F]{8}\.Arn>/, '<$1.Arn>');
      count[rule] = (count[rule] ?? 0) + 1;
    }
    expect(count).toEqual({
      'AwsSolutions-SMG4': 2, // token and suppression secrets: rotated by hand, the old key kept (links already mailed, suppressions recorded)
      'AwsSolutions-COG3': 1, // user pool: threat protection needs the Plus plan
      'AwsSolutions-COG8': 1, // user pool: Essentials plan on purpose
      'AwsSolutions-APIG4': routes.filter((r) => !r.admin).length, // each public route (pages, feeds, subscribe, console), one each
      'AwsSolutions-IAM5[Resource::*]': 1, // ses:GetAccount for the sender (tracing is off, so no X-Ray wildcard)
      'AwsSolutions-SQS3': 4, // dead ends: the clock's, the dispatcher's failures, SES feedback undelivered and failed
      'AwsSolutions-IAM5[Resource::<DispatcherFunction.Arn>:*]': 1, // scheduler role: dispatcher and its versions
      'AwsSolutions-IAM5[Resource::<SeedFunction.Arn>:*]': 1, // provider role: seed function and its versions
    });
    const apig4 = acknowledgements().filter((a) => a.id === 'AwsSolutions-APIG4');
    expect(apig4.every((a) => a.path.startsWith('DatewatchStateless/HttpApi/'))).toBe(true);
    const wildcards = acknowledgements().filter((a) => a.id === 'AwsSolutions-IAM5[Resource::*]').map((a) => a.path).sort();
    expect(wildcards).toEqual(['DatewatchStateless/SenderSendQuotaPolicy']);
  });

  it('gives every acknowledgement a specific reason', () => {
    const reasons = acknowledgements();
    for (const { id, path, reason } of reasons) {
      expect(reason.length, `${id} at ${path}`).toBeGreaterThan(60);
      expect(reason, `${id} at ${path}`).not.toMatch(/^(n\/a|todo|tbd|not needed|suppress)/i);
    }
    const apig4 = reasons.filter((r) => r.id === 'AwsSolutions-APIG4');
    expect(new Set(apig4.map((r) => r.reason)).size).toBe(apig4.length); // each names its route
  });
});
