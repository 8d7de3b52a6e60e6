import { beforeAll, describe, expect, it } from 'vitest';
import type { CloudModel, FunctionSpec } from '#local/cloud/model.ts';
import { readCloud } from '#local/cloud/read-cloud.ts';
import { synthTemplates } from '#local/cloud/synth.ts';
import { routeKey, routes } from '#lambdas/routes.ts';

const names = { apiUrl: 'http://127.0.0.1:3000', awsEndpoint: 'http://127.0.0.1:4566' };
let model: CloudModel;

beforeAll(async () => {
  model = readCloud(await synthTemplates(), names);
});

const fn = (handler: string): FunctionSpec => {
  const found = model.functions.find((f) => f.handler === handler);
  expect(found, handler).toBeDefined();
  return found!;
};
const queue = (prefix: string) => model.queues.find((q) => q.logicalId.startsWith(prefix))!;

describe('functions', () => {
  it('are the thirteen Datewatch handlers; the CDK framework function is listed apart', () => {
    expect(model.functions.map((f) => f.handler).sort()).toEqual([
      'admin-api', 'dispatcher', 'editor-mail', 'mail-jobs', 'preferences', 'proposals', 'public-api', 'public-pages',
      'seed', 'sender', 'ses-events', 'sign-ups', 'static-files', 'subscribe', 'subscriber-csv',
    ]);
    expect(model.frameworkFunctions.map((f) => f.description)).toEqual([expect.stringMatching(/provider framework/)]);
  });

  it('have names and ARNs as CloudFormation would make them, within Lambda limits', () => {
    for (const f of model.functions) {
      expect(f.name.length, f.logicalId).toBeLessThanOrEqual(64);
      expect(f.name).toMatch(new RegExp(`^DatewatchStateless-${f.logicalId.slice(0, 20)}`));
      expect(f.arn).toBe(`arn:aws:lambda:us-east-1:000000000000:function:${f.name}`);
      expect(f.roleArn).toBe(`arn:aws:iam::000000000000:role/${f.roleName}`);
    }
  });

  it('carry the template environment with every intrinsic resolved to a string', () => {
    const table = model.tables[0]!;
    const sendQueue = queue('SendQueue');
    for (const f of model.functions) {
      for (const [key, value] of Object.entries(f.environment)) expect(typeof value, `${f.handler} ${key}`).toBe('string');
      // Only the functions that touch no table are not told its name.
      const tableless = f.handler === 'static-files' || f.handler === 'proposals';
      expect(f.environment.TABLE_NAME, f.handler).toBe(tableless ? undefined : table.name);
    }
    expect(fn('dispatcher').environment.SEND_QUEUE_URL).toBe(sendQueue.url);
    expect(sendQueue.url).toBe(`http://127.0.0.1:4566/000000000000/${sendQueue.name}`);
    expect(fn('public-api').environment.PUBLIC_BASE_URL).toBe('http://127.0.0.1:3000');
    expect(fn('public-api').environment.TOKEN_SECRET_NAME).toBe(model.secrets[0]!.arn);
    expect(model.secrets[0]!.arn).toMatch(/^arn:aws:secretsmanager:us-east-1:000000000000:secret:TokenSigningKeys[\w-]+-\w{6}$/);
  });

  it('have the template timeouts, and their role policies with every resource an ARN or "*"', () => {
    expect(fn('sender').timeoutSeconds).toBe(60);
    expect(fn('dispatcher').timeoutSeconds).toBe(60);
    for (const f of model.functions) {
      expect(f.policies.length, f.handler).toBeGreaterThan(0);
      const resources = f.policies.flatMap((p) => p.document.Statement).flatMap((s) => [s.Resource ?? []].flat());
      for (const r of resources) expect(r, f.handler).toMatch(/^(arn:aws:[a-z0-9-]+:|\*$)/);
    }
  });
});

describe('the send queue and its consumer', () => {
  it('feeds the sender and the sign-up worker from their own queues, in batches of 10 reporting item failures, two at a time', () => {
    const sendQueue = queue('SendQueue');
    const signUpQueue = queue('SignUpQueue');
    const byFunction = (logicalId: string) => model.eventSourceMappings.filter((m) => m.functionLogicalId === logicalId);
    expect(model.eventSourceMappings).toHaveLength(2);
    expect(byFunction(fn('sender').logicalId)).toEqual([expect.objectContaining({
      queueArn: sendQueue.arn, queueLogicalId: sendQueue.logicalId,
      batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 2, maximumBatchingWindowSeconds: 0, enabled: true,
    })]);
    expect(byFunction(fn('sign-ups').logicalId)).toEqual([expect.objectContaining({
      queueArn: signUpQueue.arn, batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 2, enabled: true,
    })]);
  });

  it('hides a message for seven sender timeouts and dead-letters it after 5 receives', () => {
    const sendQueue = queue('SendQueue');
    expect(sendQueue.visibilityTimeoutSeconds).toBe(7 * fn('sender').timeoutSeconds);
    expect(sendQueue.redrive).toEqual({ deadLetterArn: queue('SendDeadLetters').arn, maxReceiveCount: 5 });
    expect(queue('ClockDeadLetters').visibilityTimeoutSeconds).toBe(30); // SQS's default
  });
});

describe('the clock', () => {
  it('calls the dispatcher every minute with the scheduled time, 3 retries within 2 minutes, then its DLQ', () => {
    expect(model.schedules).toEqual([expect.objectContaining({
      expression: 'rate(1 minute)',
      flexibleWindow: { mode: 'OFF', maximumWindowInMinutes: undefined },
      functionLogicalId: fn('dispatcher').logicalId,
      targetArn: fn('dispatcher').arn,
      input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>' }),
      retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 120 },
      deadLetterArn: queue('ClockDeadLetters').arn,
    })]);
  });
});

describe('the HTTP API', () => {
  it('has every route of lambdas/routes.ts on the function it names, /admin/* behind the Cognito JWT', () => {
    expect(model.routes.map((r) => r.routeKey).sort()).toEqual(routes.map(routeKey).sort());
    for (const route of routes) {
      const created = model.routes.find((r) => r.routeKey === routeKey(route))!;
      const handler = route.lambda.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      expect(created.functionLogicalId, routeKey(route)).toBe(fn(handler).logicalId);
      expect(created).toMatchObject({ method: route.method, path: route.path, payloadFormatVersion: '2.0' });
      expect(created.authorizationType, routeKey(route)).toBe(route.path.startsWith('/admin/') ? 'JWT' : 'NONE');
    }
  });

  it('names the issuer and audience of the JWT authorizer, resolved across stacks', () => {
    const [stateful] = model.stacks;
    const authorizer = model.routes.find((r) => r.authorizer)!.authorizer!;
    expect(authorizer).toMatchObject({
      type: 'JWT',
      identitySource: ['$request.header.Authorization'],
      issuer: `https://cognito-idp.us-east-1.amazonaws.com/${stateful!.outputs.UserPoolId}`,
    });
    // The admin API's own client first, then the console's sign-in client (resolved to its physical id).
    expect(authorizer.audience?.[0]).toBe(stateful!.outputs.UserPoolClientId);
    expect(authorizer.audience).toHaveLength(2);
    expect(authorizer.audience?.[1]).toMatch(/\S/);
  });
});

describe('mail feedback and seeding', () => {
  it('subscribes the ses-events function to the bounce and complaint topic', () => {
    expect(model.snsSubscriptions).toEqual([expect.objectContaining({
      protocol: 'lambda', topicArn: model.topics[0]!.arn, endpoint: fn('ses-events').arn, functionLogicalId: fn('ses-events').logicalId,
    })]);
  });

  it('reads what the configuration set publishes there: deliveries, bounces, complaints, no opens or clicks', () => {
    expect(model.sesEventDestinations).toEqual([expect.objectContaining({
      enabled: true, eventTypes: ['delivery', 'bounce', 'complaint'], topicArn: model.topics[0]!.arn,
    })]);
  });

  it('follows the seed custom resource through the provider framework to the seed function', () => {
    const [framework] = model.frameworkFunctions;
    expect(model.customResources).toEqual([expect.objectContaining({
      type: 'Custom::DatewatchSeed',
      serviceToken: framework!.arn,
      providerFunctionLogicalId: framework!.logicalId,
      userFunctionLogicalId: fn('seed').logicalId,
      properties: expect.objectContaining({ storyHash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    })]);
  });
});

describe('stacks', () => {
  it('resolve their outputs, the API URL to the local one', () => {
    const stateless = model.stacks.find((s) => s.name === 'DatewatchStateless')!;
    expect(stateless.outputs.ApiUrl).toBe('http://127.0.0.1:3000');
    expect(model.stacks.find((s) => s.name === 'DatewatchStateful')!.outputs.TableName).toBe(model.tables[0]!.name);
  });

  it('keep the TLS-only queue and topic policies for the IAM guard', () => {
    expect(model.resourcePolicies.map((p) => p.resourceArns).flat().sort())
      .toEqual([...model.queues.map((q) => q.arn), ...model.topics.map((t) => t.arn)].sort());
  });
});
