import { Aspects, type App, type IAspect } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSesStore } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { api, startTestStack } from '../support/local-stack.ts';
import { addActiveReader } from '../support/readers.ts';

/** The 7-day reminder of Kishida's visit, due at 08:00 Tokyo on 26 November 2016. */
const DUE = new Date('2016-11-26T08:00:00+09:00');
const SUBJECT = 'In 7 days: Foreign Minister Kishida visits Russia for talks with Lavrov';

const json = (lines: string[]) => lines.flatMap((l) => { try { return [JSON.parse(l) as Record<string, any>]; } catch { return []; } });
/** The EMF documents among the lines, each as { dimensions, values }. */
const metricsOf = (lines: string[]) => json(lines).filter((l) => l._aws).map((l) => ({
  dimensions: JSON.stringify(l._aws.CloudWatchMetrics[0].Dimensions), reason: l.Reason as string | undefined, values: l,
}));
const sum = (lines: string[], name: string, dimensions = '[[]]') =>
  metricsOf(lines).filter((m) => m.dimensions === dimensions && typeof m.values[name] === 'number').reduce((n, m) => n + (m.values[name] as number), 0);

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const senderOf = (stack: LocalStack) => [...stack.cloud.functions.values()].find((f) => f.spec.handler === 'sender')!;

describe('SES refuses the account or identity (sandbox, unverified identity): mail stays pending and is retried', () => {
  let stack: LocalStack;
  const lines: string[] = [];
  const readers = ['first.reader@example.com', 'second.reader@example.com'];
  const readerIds: string[] = [];

  beforeAll(async () => {
    // A slower clock for the queue (420 s visibility / 200), so a test can act between two receives.
    stack = await startTestStack({ handlerLog: (l) => lines.push(l), timeScale: 200 });
    for (const email of readers) readerIds.push((await addActiveReader(stack.deps.subscriberStore, email, { timeZone: 'Asia/Tokyo', reminders: ['P7D'] })).id);
  });
  afterAll(async () => { await stack?.close(); });

  it('keeps every reader pending while SES answers "not verified", then sends each one mail once when it is fixed', async () => {
    // Prepare: the account is still in the SES sandbox, so SES refuses every unverified recipient.
    const set = await api(stack, 'POST', '/_local/ses?fault=sandbox');
    expect(set.json).toMatchObject({ fault: 'sandbox' });

    // Act: the reminder falls due while SES refuses; wait for two refused deliveries of its message.
    const dispatched = stack.dispatch(DUE);
    await until(() => stack.queue.stats.retries >= 2, 'two retries of the send message');

    // Assess: nobody was skipped or mailed, the sender failed its invocations (the Errors alarm), and said why.
    for (const id of readerIds) expect((await stack.deps.ledger.recentFor(id, 5)).filter((d) => d.status === 'SKIPPED')).toEqual([]);
    expect((await readSesStore(Number(new URL(stack.sesUrl).port))).filter((m) => m.subject === SUBJECT)).toEqual([]);
    expect(senderOf(stack).stats.errors).toBeGreaterThanOrEqual(2);
    const errors = json(lines).filter((l) => l.level === 'ERROR' && /SES refuses to send/.test(l.message));
    expect(errors[0]).toMatchObject({ function: senderOf(stack).spec.name, error: 'MessageRejected', correlation_id: expect.any(String) });
    expect(errors[0]!.detail).toMatch(/not verified.*<address>/);
    expect(sum(lines, 'MailRejected', '[["Reason"]]')).toBeGreaterThanOrEqual(2);
    expect(sum(lines, 'MailRetried')).toBeGreaterThanOrEqual(2);
    expect(sum(lines, 'MailSkipped')).toBe(0);

    // Act: production access granted; the queue delivers the message again.
    await api(stack, 'POST', '/_local/ses?fault=none');
    await dispatched;

    // Assess: one mail per reader, recorded as sent, nothing dead-lettered, and no address in any line.
    const inbox = (await readSesStore(Number(new URL(stack.sesUrl).port))).filter((m) => m.subject === SUBJECT);
    expect(inbox.map((m) => m.destination.to).flat().sort()).toEqual([...readers].sort());
    expect(stack.queue.deadLetters).toEqual([]);
    expect(sum(lines, 'MailSent')).toBe(2);
    for (const line of lines) for (const email of readers) expect(line.includes(email), line.slice(0, 200)).toBe(false);
  });
});

/** Sets one environment variable on one function, as a stack change would. */
class WithVariable implements IAspect {
  constructor(private readonly constructId: string, private readonly name: string, private readonly value: string) {}
  visit(node: IConstruct): void {
    if (node instanceof CfnFunction && node.node.path.includes(`/${this.constructId}/`)) node.addPropertyOverride(`Environment.Variables.${this.name}`, this.value);
  }
}

/** Removes ses:GetAccount from every policy, as a stack without the grant would. */
class WithoutGetAccount implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnPolicy)) return;
    const doc = (node.policyDocument as { toJSON(): { Statement: { Action: string | string[] }[] } }).toJSON();
    node.policyDocument = { Version: '2012-10-17', Statement: doc.Statement.filter((s) => ![s.Action].flat().includes('ses:GetAccount')) };
  }
}

describe('the sender keeps to the account\'s send rate (SESv2 GetAccount), shared among its instances', () => {
  it('reads the quota at its cold start and takes its share of the lower of the quota and the ceiling', async () => {
    // Prepare: a sandbox-sized account (1 mail/s), a ceiling of 14/s, and a stack that says two senders may run.
    const lines: string[] = [];
    const stack = await startTestStack({
      handlerLog: (l) => lines.push(l), context: { sendRatePerSecond: '5', maxSendRate: '14' },
      sesAccount: { maxSendRate: 1, productionAccessEnabled: false },
      customizeApp: (app: App) => Aspects.of(app).add(new WithVariable('Sender', 'SENDER_MAX_CONCURRENCY', '2')),
    });
    try {
      await addActiveReader(stack.deps.subscriberStore, 'quota.reader@example.com', { timeZone: 'Asia/Tokyo', reminders: ['P7D'] });
      // Act
      await stack.dispatch(DUE);
      // Assess: half the account's rate each, a sandbox warning, and GetAccount used under the sender's role.
      const rate = json(lines).find((l) => l.message === 'send rate');
      expect(rate).toMatchObject({ ratePerSecond: 0.5, accountMaxSendRate: 1, ceiling: 14, instances: 2 });
      expect(json(lines).some((l) => l.level === 'WARN' && /sandbox/.test(l.message))).toBe(true);
      const report = (await api(stack, 'GET', '/_local/iam')).json;
      expect(report.functions[senderOf(stack).spec.logicalId].used).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'ses:GetAccount', resource: '*' })]));
      expect(sum(lines, 'MailSent')).toBe(1);
    } finally {
      await stack.close();
    }
  });

  it('falls back to SEND_RATE_PER_SECOND with a warning when GetAccount is refused, and still sends', async () => {
    // Prepare: a stack whose sender may not call ses:GetAccount.
    const lines: string[] = [];
    const stack = await startTestStack({ handlerLog: (l) => lines.push(l), context: { sendRatePerSecond: '5', maxSendRate: '14' }, customizeApp: (app: App) => Aspects.of(app).add(new WithoutGetAccount()) });
    try {
      await addActiveReader(stack.deps.subscriberStore, 'fallback.reader@example.com', { timeZone: 'Asia/Tokyo', reminders: ['P7D'] });
      // Act
      await stack.dispatch(DUE);
      // Assess
      expect(json(lines).find((l) => l.level === 'WARN' && /could not read the SES send quota/.test(l.message))).toMatchObject({ error: 'AccessDeniedException' });
      expect(json(lines).find((l) => l.message === 'send rate')).toMatchObject({ ratePerSecond: 5 });
      expect(sum(lines, 'MailSent')).toBe(1);
    } finally {
      await stack.close();
    }
  });
});
