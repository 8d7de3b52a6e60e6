import { Aspects, type App, type IAspect } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSesStore } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';
import { addActiveReader } from '../support/readers.ts';

/** The 7-day reminder of Kishida's visit, due at 08:00 Tokyo on 26 November 2016. */
const DUE = new Date('2016-11-26T08:00:00+09:00');
const SUBJECT = 'In 7 days: Foreign Minister Kishida visits Russia for talks with Lavrov';
const SENDER_TIMEOUT_SECONDS = 8;
const READERS = 24;

/** Gives the sender a shorter timeout, as a stack change would (the template's 60 s would make a slow test). */
class SenderTimeout implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof CfnFunction && node.node.path.includes('/Sender/')) {
      node.addPropertyOverride('Timeout', SENDER_TIMEOUT_SECONDS);
    }
  }
}

const json = (lines: string[]) => lines.flatMap((l) => {
  try { return [JSON.parse(l) as Record<string, any>]; } catch { return []; }
});
const sum = (lines: string[], name: string) =>
  json(lines).filter((l) => l._aws && typeof l[name] === 'number').reduce((n, l) => n + (l[name] as number), 0);

describe('the sender watches its remaining time, with a slow SES', () => {
  let stack: LocalStack;
  const lines: string[] = [];
  const emails = Array.from({ length: READERS }, (_, i) => `slow.reader.${i}@example.com`);
  const ids: string[] = [];

  beforeAll(async () => {
    // Prepare: every SES call takes 700 ms, and each sender instance keeps to 1 mail/s (a ceiling of 2 shared by two):
    // 24 readers need about 12 s of sending, more than one 8-second invocation holds.
    stack = await startTestStack({
      handlerLog: (l) => lines.push(l),
      context: { sendRatePerSecond: '1', maxSendRate: '2' },
      awsLatencyMs: { ses: 700 },
      customizeApp: (app: App) => Aspects.of(app).add(new SenderTimeout()),
    });
    for (const email of emails) {
      const reader = await addActiveReader(stack.deps.subscriberStore, email, {
        timeZone: 'Asia/Tokyo', reminders: ['P7D'],
      });
      ids.push(reader.id);
    }
  });
  afterAll(async () => { await stack?.close(); });

  it('hands readers back before its timeout, and every reader gets the mail once', async () => {
    // Act: the reminder falls due; wait until its messages are processed, retries included.
    await stack.dispatch(DUE);

    // Assess: no invocation timed out or failed; readers were handed back as batch item failures and retried.
    const sender = [...stack.cloud.functions.values()].find((f) => f.spec.handler === 'sender')!;
    expect(sender.spec.timeoutSeconds).toBe(SENDER_TIMEOUT_SECONDS);
    expect(json(lines).find((l) => l.message === 'send rate')).toMatchObject({ ratePerSecond: 1 });
    expect(sender.stats).toMatchObject({ timeouts: 0, errors: 0 });
    expect(sender.stats.invocations).toBeGreaterThan(1);
    expect(stack.queue.stats.retries).toBeGreaterThan(0);
    expect(sum(lines, 'MailHandedBack')).toBeGreaterThan(0);
    expect(stack.queue.deadLetters).toEqual([]);

    // Assess: SES holds one message per reader, and the ledger one SENT record per reader, none in progress.
    const inbox = (await readSesStore(Number(new URL(stack.sesUrl).port))).filter((m) => m.subject === SUBJECT);
    expect(inbox.flatMap((m) => m.destination.to).sort()).toEqual([...emails].sort());
    for (const id of ids) {
      const records = await stack.deps.ledger.recentFor(id, 10);
      expect(records.map((r) => [r.status, r.subject])).toEqual([['SENT', SUBJECT]]);
    }
    expect(sum(lines, 'MailSent')).toBe(READERS);
  });
});
