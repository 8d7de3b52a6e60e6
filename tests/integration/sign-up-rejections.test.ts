import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#local/stack.ts';
import { MailerRejectedError, type Mailer } from '#ports/mailer.ts';
import { readSesStore } from '#local/ses-emulator.ts';
import { startTestStack } from '../support/local-stack.ts';

const REFUSED = 'refused.signup@example.com';
const WELCOME = 'welcome.signup@example.com';

/**
 * SES refusing one address for good (an InvalidParameterValue, a MessageRejected about the message): the emulator
 * accepts every address, so this one fault is injected at the function's mailer.
 */
const refusing = (inner: Mailer): Mailer => ({
  sendRaw: (message) => message.to === REFUSED
    ? Promise.reject(new MailerRejectedError('Illegal address')) : inner.sendRaw(message),
});

const json = (lines: string[]) => lines.flatMap((l) => {
  try { return [JSON.parse(l) as Record<string, any>]; } catch { return []; }
});

describe('sign-up confirmations SES rejects are counted as the sender\'s rejections are', () => {
  let stack: LocalStack;
  const lines: string[] = [];
  beforeAll(async () => {
    stack = await startTestStack({ handlerLog: (l) => lines.push(l), wrap: { wrapMailer: refusing } });
  });
  afterAll(async () => { await stack?.close(); });

  it('counts MailRejected (Reason recipient) and MailSent, the two metrics the rejected-rate alarm reads', async () => {
    // Act: two addresses subscribe; SES refuses one confirmation.
    for (const email of [REFUSED, WELCOME]) {
      const res = await fetch(`${stack.apiUrl}/subscriptions`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, timeZone: 'UTC' }),
      });
      expect(res.status).toBe(202);
    }
    await stack.cloud.drainQueues(10_000);

    // Assess: one confirmation went out; the worker's metrics say one sent and one rejected for the reader.
    const worker = [...stack.cloud.functions.values()].find((f) => f.spec.handler === 'sign-ups')!;
    const mine = json(lines).filter((l) => l.function === worker.spec.name || l._aws);
    const emf = mine.filter((l) => l._aws && l._aws.CloudWatchMetrics[0].Namespace === 'Datewatch');
    const byReason = emf.filter((m) => m.Reason === 'recipient').reduce((n, m) => n + (m.MailRejected ?? 0), 0);
    const plain = emf.filter((m) => JSON.stringify(m._aws.CloudWatchMetrics[0].Dimensions) === '[[]]');
    expect(byReason).toBe(1);
    expect(plain.reduce((n, m) => n + (m.MailRejected ?? 0), 0)).toBe(1);
    expect(plain.reduce((n, m) => n + (m.MailSent ?? 0), 0)).toBe(1);
    const warned = json(lines).filter((l) => l.level === 'WARN' && /SES rejected the confirmation/.test(l.message));
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ function: worker.spec.name });
    // The one accepted confirmation is in SES; no line names either address.
    const inbox = await readSesStore(Number(new URL(stack.sesUrl).port));
    expect(inbox.flatMap((m) => m.destination.to)).toEqual([WELCOME]);
    for (const line of lines) {
      for (const email of [REFUSED, WELCOME]) expect(line.includes(email), line.slice(0, 200)).toBe(false);
    }
  });
});
