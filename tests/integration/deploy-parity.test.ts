import { Aspects, type App, type IAspect } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tableDefinition } from '#local/table-schema.ts';
import { readSesStore } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { routeKey, routes } from '#lambdas/routes.ts';
import { api, startTestStack } from '../support/local-stack.ts';

const subscribe = (stack: LocalStack, email: string) =>
  api(stack, 'POST', '/subscriptions', { body: { email, timeZone: 'Europe/Paris' } });

const functionOf = (stack: LocalStack, handler: string) => {
  const found = [...stack.cloud.functions.values()].find((f) => f.spec.handler === handler);
  if (!found) throw new Error(`no function runs ${handler}`);
  return found;
};

describe('the local stack runs what the CDK app deploys', () => {
  let stack: LocalStack;
  beforeAll(async () => { stack = await startTestStack(); });
  afterAll(async () => { await stack?.close(); });

  it('runs one local function per Lambda of the template, each with its own environment', () => {
    // Assess: the thirteen handlers, each wired from its own AWS::Lambda::Function resource.
    expect([...stack.cloud.functions.values()].map((f) => f.spec.handler).sort()).toEqual([
      'admin-api', 'dispatcher', 'editor-mail', 'mail-jobs', 'preferences', 'proposals', 'public-api', 'public-pages',
      'seed', 'sender', 'ses-events', 'sign-ups', 'static-files', 'subscribe', 'subscriber-csv',
    ]);
    const subscribeFn = functionOf(stack, 'subscribe');
    expect(functionOf(stack, 'sign-ups').env.SES_CONFIGURATION_SET).toMatch(/\S/);
    expect(subscribeFn.env.SES_CONFIGURATION_SET).toBeUndefined();
    expect(subscribeFn.env.SIGN_UP_QUEUE_URL).toMatch(new RegExp(`^${stack.gatewayUrl}/000000000000/`));
    expect(subscribeFn.env.TABLE_NAME).toBe(stack.cloud.tableName);
    expect(subscribeFn.env.TOKEN_SECRET_NAME).toBeUndefined();
    expect(functionOf(stack, 'public-api').env.SIGN_UP_QUEUE_URL).toBeUndefined();
    expect(functionOf(stack, 'seed').env.TOKEN_SECRET_NAME).toBeUndefined();
    expect(functionOf(stack, 'dispatcher').env.SEND_QUEUE_URL).toMatch(new RegExp(`^${stack.gatewayUrl}/000000000000/`));
    expect(functionOf(stack, 'public-pages').env.TOKEN_SECRET_NAME).toBeUndefined();
    expect(functionOf(stack, 'static-files').env.TABLE_NAME).toBeUndefined();
  });

  it('routes each request to the function routes.ts names, as the template\'s integrations say', async () => {
    // Act
    const pages = await api(stack, 'GET', '/events');
    const files = await api(stack, 'GET', '/openapi.json');
    // Assess: the requests above were each served by their own function, and by no other.
    expect(pages.status).toBe(200);
    expect(files.status).toBe(200);
    const started = (handler: string) => functionOf(stack, handler).stats.invocations;
    expect(started('public-pages')).toBeGreaterThan(0);
    expect(started('static-files')).toBeGreaterThan(0);
    expect(started('proposals')).toBe(0);
  });

  it('the editors\' functions split from admin-api still need the admin credential on every route', async () => {
    // Prepare: a token of another group, and one that is no token at all.
    const editorsOnly = await stack.adminToken({ groups: ['editors'] });
    const split = routes.filter((r) => r.lambda === 'subscriberCsv' || r.lambda === 'mailJobs');
    const path = (p: string) => p.replace('{id}', 'abe-putin-lima-2016');
    expect(split.map(routeKey).sort()).toEqual([
      'GET /admin/jobs', 'GET /admin/stories/{id}/updates', 'GET /admin/subscribers.csv',
      'POST /admin/stories/{id}/updates', 'POST /admin/subscribers/import',
    ]);
    const started = (handler: string) => functionOf(stack, handler).stats.invocations;
    const before = { csv: started('subscriber-csv'), jobs: started('mail-jobs') };
    for (const route of split) {
      // Act
      const without = await api(stack, route.method, path(route.path));
      const forged = await api(stack, route.method, path(route.path), { token: 'forged.token.value' });
      const notAdmin = await api(stack, route.method, path(route.path), { token: editorsOnly });
      // Assess: the authorizer refuses the first two before any function runs; the function refuses the third.
      expect(without.status, routeKey(route)).toBe(401);
      expect(forged.status, routeKey(route)).toBe(401);
      expect(notAdmin.status, routeKey(route)).toBe(403);
    }
    expect(started('subscriber-csv') - before.csv).toBe(2);
    expect(started('mail-jobs') - before.jobs).toBe(3);
  });

  it('subscribes through the subscribe function, which queues it; the sign-up worker mails the confirmation', async () => {
    // Act
    const res = await subscribe(stack, 'parity@example.com');
    await stack.cloud.drainQueues(10_000);
    // Assess: accepted, mailed, and the IAM record shows which role did what, and that nothing was denied.
    expect(res.status).toBe(202);
    const mail = (await readSesStore(Number(new URL(stack.sesUrl).port))).find((m) => m.destination.to.includes('parity@example.com'));
    expect(mail?.subject).toMatch(/confirm/i);
    const report = (await api(stack, 'GET', '/_local/iam')).json;
    const used = (handler: string) => report.functions[functionOf(stack, handler).spec.logicalId].used.map((u: { action: string }) => u.action);
    expect(used('subscribe'))
      .toEqual(expect.arrayContaining(['sqs:SendMessage', 'secretsmanager:GetSecretValue', 'dynamodb:UpdateItem']));
    expect(used('subscribe')).not.toContain('ses:SendRawEmail');
    expect(used('sign-ups')).toEqual(expect.arrayContaining(['ses:SendRawEmail', 'secretsmanager:GetSecretValue', 'dynamodb:PutItem']));
    expect(Object.values(report.functions).flatMap((f: any) => f.denied)).toEqual([]);
  });

  it('follows SES\'s mailbox simulator: a bounce reaches ses-events through the SNS subscription, under its own role', async () => {
    // Act: a sign-up for the simulator's bounce address; its confirmation bounces.
    expect((await subscribe(stack, 'bounce@simulator.amazonses.com')).status).toBe(202);
    // Assess: the address is suppressed by ses-events, whose role was used and denied nothing.
    await vi.waitFor(async () => expect((await stack.deps.subscriberStore.findByAddress('bounce@simulator.amazonses.com'))?.status).toBe('suppressed'), { timeout: 60_000 });
    expect(await stack.deps.suppressions.find('bounce@simulator.amazonses.com')).toMatchObject({ reason: 'bounce' });
    const report = (await api(stack, 'GET', '/_local/iam')).json;
    const sesEvents = report.functions[functionOf(stack, 'ses-events').spec.logicalId];
    expect(sesEvents.used.map((u: { action: string }) => u.action)).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem']));
    expect(sesEvents.denied).toEqual([]);
  });

  it('creates the table from the template, whose keys and indexes match the schema the handler tests use', () => {
    const template = stack.model.tables[0]!.properties as Record<string, any>;
    const code = tableDefinition('x');
    const indexes = (gsis: { IndexName?: string; KeySchema?: unknown }[] = []) => gsis.map((g) => ({ name: g.IndexName, keys: g.KeySchema }));
    expect(template.KeySchema).toEqual(code.KeySchema);
    expect(indexes(template.GlobalSecondaryIndexes)).toEqual(indexes(code.GlobalSecondaryIndexes));
  });

  it('feeds the sender from the queue with the event source mapping and redrive policy of the template', () => {
    const mapping = stack.model.eventSourceMappings.find((m) => m.functionLogicalId === functionOf(stack, 'sender').spec.logicalId)!;
    const queue = stack.model.queues.find((q) => q.arn === mapping.eventSourceArn)!;
    expect(mapping.functionLogicalId).toBe(functionOf(stack, 'sender').spec.logicalId);
    expect(mapping.reportBatchItemFailures).toBe(true);
    expect(queue.redrive?.maxReceiveCount).toBeGreaterThan(0);
  });
});

/** Removes every SES statement from one function's role: the bug this guard exists for. */
class WithoutSesFor implements IAspect {
  constructor(private readonly constructId: string) {}
  visit(node: IConstruct): void {
    if (!(node instanceof CfnPolicy) || !node.node.path.includes(`/${this.constructId}/`)) return;
    const doc = (node.policyDocument as { toJSON(): { Statement: { Action: string | string[] }[] } }).toJSON();
    const kept = doc.Statement.filter((s) => ![s.Action].flat().some((a) => a.startsWith('ses:')));
    node.policyDocument = { Version: '2012-10-17', Statement: kept };
  }
}

/** Deletes one environment variable from one function, as a forgotten `addEnvironment` would. */
class WithoutVariable implements IAspect {
  constructor(private readonly constructId: string, private readonly name: string) {}
  visit(node: IConstruct): void {
    if (node instanceof CfnFunction && node.node.path.includes(`/${this.constructId}/`)) {
      node.addPropertyDeletionOverride(`Environment.Variables.${this.name}`);
    }
  }
}

describe('the guard bites: what would fail on AWS fails here', () => {
  it('retries and dead-letters the confirmation when the sign-up worker\'s role may not send mail, and records the denied SES call', async () => {
    // Prepare: the app with the sign-up worker's SES grant removed.
    const logs: string[] = [];
    const stack = await startTestStack({
      customizeApp: (app: App) => Aspects.of(app).add(new WithoutSesFor('SignUps')),
      handlerLog: (l) => logs.push(l),
    });
    try {
      // Act
      const res = await subscribe(stack, 'denied@example.com');
      await stack.cloud.drainQueues(10_000);
      // Assess: the answer does not wait for the mail; the worker took its real error path until the queue gave up.
      expect(res.status).toBe(202);
      expect((await readSesStore(Number(new URL(stack.sesUrl).port))).filter((m) => m.destination.to.includes('denied@example.com'))).toEqual([]);
      const worker = functionOf(stack, 'sign-ups');
      expect(worker.stats.invocations).toBe(5); // the template's maxReceiveCount, then the dead-letter queue
      const report = (await api(stack, 'GET', '/_local/iam')).json;
      const denied = report.functions[worker.spec.logicalId].denied;
      expect(denied).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'ses:SendRawEmail', resource: expect.stringMatching(/^arn:aws:ses:.*:identity\//) })]));
      expect(denied.every((d: { action: string }) => d.action === 'ses:SendRawEmail')).toBe(true);
      expect(logs.join('\n')).toMatch(/AccessDenied.*ses:SendRawEmail/);
      // A configuration error, not "not ready": logged as a missing permission and counted for its alarm each time.
      const lines = logs.flatMap((l) => { try { return [JSON.parse(l) as Record<string, unknown>]; } catch { return []; } });
      expect(lines.filter((l) => l.Reason === 'configuration' && l.MailRejected === 1)).toHaveLength(5);
      expect(lines.some((l) => l.level === 'ERROR' && /may not send mail \(a missing permission\)/.test(String(l.message)))).toBe(true);
      expect(lines.some((l) => /not ready|refuses to send for the account/.test(String(l.message)))).toBe(false);
    } finally {
      await stack.close();
    }
  });

  it('fails the cold start with the variable\'s name when the stack forgets one', async () => {
    // Prepare: the subscribe function without SIGN_UP_QUEUE_URL.
    const logs: string[] = [];
    const stack = await startTestStack({
      customizeApp: (app: App) => Aspects.of(app).add(new WithoutVariable('Subscribe', 'SIGN_UP_QUEUE_URL')),
      handlerLog: (l) => logs.push(l),
    });
    try {
      // Act
      const res = await api(stack, 'POST', '/subscriptions');
      // Assess: every request fails as Lambda's failed init does, and the log names the variable.
      expect(res.status).toBe(500);
      expect(res.json).toEqual({ message: 'Internal Server Error' });
      expect(logs.join('\n')).toMatch(/Missing required environment variable SIGN_UP_QUEUE_URL/);
    } finally {
      await stack.close();
    }
  });
});
