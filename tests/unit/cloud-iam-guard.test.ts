import { Stack } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeIamGuard, type IamGuard } from '#local/cloud/iam-guard.ts';
import type { CloudModel, FunctionSpec } from '#local/cloud/model.ts';
import { readCloud } from '#local/cloud/read-cloud.ts';
import { synthTemplates } from '#local/cloud/synth.ts';

const names = { apiUrl: 'http://127.0.0.1:3000', awsEndpoint: 'http://127.0.0.1:4566' };
let model: CloudModel;

beforeAll(async () => {
  model = readCloud(await synthTemplates(), names);
});

const fn = (m: CloudModel, handler: string): FunctionSpec => m.functions.find((f) => f.handler === handler)!;
const sendQueueArn = (m: CloudModel) => m.queues.find((q) => q.logicalId.startsWith('SendQueue'))!.arn;
const session = (f: FunctionSpec) => `arn:aws:sts::000000000000:assumed-role/${f.roleName}/${f.name}`;

/** A fresh guard over the model, with the lines it logs. */
function guard(m: CloudModel = model): { iam: IamGuard; lines: string[] } {
  const lines: string[] = [];
  return { iam: makeIamGuard(m, { log: (line) => lines.push(line) }), lines };
}

describe('the dispatcher', () => {
  it('may enqueue on the send queue', async () => {
    const { iam } = guard();
    expect(await iam.authorize(fn(model, 'dispatcher').logicalId, 'sqs:SendMessage', [sendQueueArn(model)])).toEqual({ allowed: true });
  });

  it('may not send mail, and hears why in the words AWS uses', async () => {
    const { iam, lines } = guard();
    const dispatcher = fn(model, 'dispatcher');
    const identity = 'arn:aws:ses:us-east-1:000000000000:identity/alerts@example.com';

    const decision = await iam.authorize(dispatcher.logicalId, 'ses:SendRawEmail', [identity]);

    expect(decision).toEqual({
      allowed: false,
      message: `User: ${session(dispatcher)} is not authorized to perform: ses:SendRawEmail on resource: ${identity} because no identity-based policy allows the ses:SendRawEmail action`,
    });
    expect(lines).toEqual([expect.stringContaining(`${dispatcher.logicalId} ses:SendRawEmail on ${identity}`)]);
  });

  it('loses the right to enqueue when a customized app removes the grant', async () => {
    // Prepare: find the statement granting SendMessage on the send queue, then drop that action by escape hatch.
    const [policy] = fn(model, 'dispatcher').policies;
    const index = policy!.document.Statement.findIndex((s) => [s.Action].flat().includes('sqs:SendMessage') && [s.Resource].flat().includes(sendQueueArn(model)));
    const remaining = [policy!.document.Statement[index]!.Action].flat().filter((a) => a !== 'sqs:SendMessage');
    const templates = await synthTemplates({
      customize: (app) => {
        const cfn = app.node.findAll().find((c): c is CfnPolicy => c instanceof CfnPolicy && Stack.of(c).getLogicalId(c) === policy!.name)!;
        cfn.addPropertyOverride(`PolicyDocument.Statement.${index}.Action`, remaining);
      },
    });
    const stripped = readCloud(templates, names);
    const { iam } = guard(stripped);

    const decision = await iam.authorize(fn(stripped, 'dispatcher').logicalId, 'sqs:SendMessage', [sendQueueArn(stripped)]);

    expect(decision.allowed).toBe(false);
    expect(decision.allowed || decision.message).toMatch(/because no identity-based policy allows the sqs:SendMessage action$/);
  });
});

describe('table indexes', () => {
  it('may be queried by a function only when its policy names that index', async () => {
    const { iam } = guard();
    const gsi1 = `${model.tables[0]!.arn}/index/gsi1`;
    const grants = (f: FunctionSpec) => f.policies.flatMap((p) => p.document.Statement)
      .some((s) => s.Effect === 'Allow' && [s.Action].flat().includes('dynamodb:Query') && [s.Resource].flat().includes(gsi1));

    const outcomes = await Promise.all(model.functions.map(async (f) => ({
      handler: f.handler, granted: grants(f), allowed: (await iam.authorize(f.logicalId, 'dynamodb:Query', [gsi1])).allowed,
    })));

    for (const o of outcomes) expect(o.allowed, o.handler).toBe(o.granted);
    expect(outcomes.some((o) => o.allowed) && outcomes.some((o) => !o.allowed)).toBe(true); // least privilege: not everyone
  });

  it('is not the table: a grant on the table does not cover an index nobody named', async () => {
    const { iam } = guard();
    const decision = await iam.authorize(fn(model, 'admin-api').logicalId, 'dynamodb:Query', [`${model.tables[0]!.arn}/index/gsi9`]);
    expect(decision.allowed).toBe(false);
  });
});

describe('resource policies and callers', () => {
  it('lets the TLS-only queue policy deny a plain-HTTP call, as AWS words an explicit deny', async () => {
    const { iam } = guard();
    const dispatcher = fn(model, 'dispatcher');
    const decision = await iam.authorize(dispatcher.logicalId, 'sqs:SendMessage', [sendQueueArn(model)], { 'aws:SecureTransport': 'false' });
    expect(decision).toEqual({
      allowed: false,
      message: `User: ${session(dispatcher)} is not authorized to perform: sqs:SendMessage on resource: ${sendQueueArn(model)} with an explicit deny in a resource-based policy`,
    });
  });

  it('needs every resource of a call to be allowed', async () => {
    const { iam } = guard();
    const dispatcher = fn(model, 'dispatcher');
    const other = model.queues.find((q) => q.logicalId.startsWith('SendDeadLetters'))!.arn;
    const decision = await iam.authorize(dispatcher.logicalId, 'sqs:SendMessage', [sendQueueArn(model), other]);
    expect(decision.allowed || decision.message).toContain(`on resource: ${other} because`);
  });

  it('denies an unknown caller and a misspelt action, saying so', async () => {
    const { iam } = guard();
    const unknown = await iam.authorize('NobodyFunction', 'sqs:SendMessage', [sendQueueArn(model)]);
    expect(unknown.allowed || unknown.message).toMatch(/^Unknown caller "NobodyFunction"/);
    const misspelt = await iam.authorize(fn(model, 'dispatcher').logicalId, 'sqs:SendMesage', [sendQueueArn(model)]);
    expect(misspelt.allowed || misspelt.message).toMatch(/could not be evaluated \(invalid\.action\)/);
  });
});

describe('decisions and the report', () => {
  it('caches each decision, so a repeated call costs a map lookup, and counts every call', async () => {
    // Counted, not timed: a timing comparison failed under two busy cores (a GC pause in the cached loop).
    let evaluations = 0;
    const iam = makeIamGuard(model, { onEvaluation: () => { evaluations++; } });
    const dispatcher = fn(model, 'dispatcher').logicalId;
    const queue = sendQueueArn(model);

    let started = performance.now();
    await iam.authorize(dispatcher, 'sqs:SendMessage', [queue]);
    const cold = performance.now() - started;
    started = performance.now();
    const calls = 1000;
    for (let i = 0; i < calls; i++) await iam.authorize(dispatcher, 'sqs:SendMessage', [queue]);
    const cached = (performance.now() - started) / calls;
    const afterRepeats = evaluations;
    await iam.authorize(dispatcher, 'ses:SendRawEmail', ['arn:aws:ses:us-east-1:000000000000:identity/alerts@example.com']);

    // One evaluation for the first call, none for the 1,000 repeats, one for the new action.
    expect(afterRepeats).toBe(1);
    expect(evaluations).toBe(2);
    const report = iam.report().functions[dispatcher]!;
    expect(report.used).toEqual([{ action: 'sqs:SendMessage', resource: queue, count: calls + 1 }]);
    expect(report.denied).toEqual([{ action: 'ses:SendRawEmail', resource: expect.stringContaining(':identity/'), count: 1 }]);
    console.log(`authorize cold ${cold.toFixed(2)} ms, cached ${(cached * 1000).toFixed(1)} µs per call`);
  });

  it('lists the actions each function is allowed, as its policies write them', () => {
    const { functions } = guard().iam.report();
    expect(Object.keys(functions).sort()).toEqual([...model.functions, ...model.frameworkFunctions].map((f) => f.logicalId).sort());
    const dispatcher = functions[fn(model, 'dispatcher').logicalId]!.allowed;
    expect(dispatcher).toEqual([...dispatcher].sort());
    expect(dispatcher).toContain('sqs:SendMessage');
    expect(dispatcher).not.toContain('ses:SendRawEmail');
    expect(functions[fn(model, 'sender').logicalId]!.allowed).toContain('ses:SendRawEmail');
  });
});
