import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reminderJobId } from '#core/model/job.ts';
import type { LocalStack } from '#local/stack.ts';
import { api, startTestStack } from '../support/local-stack.ts';
import { addActiveReader } from '../support/readers.ts';

const DUE = new Date('2016-11-26T08:00:00+09:00');
const JOB = reminderJobId('kishida-visits-russia', '2016-12-03', 'P7D', 'Asia/Tokyo');

/** EMF documents of the handler log: Datewatch metrics with their dimension sets and values. */
function metrics(lines: string[]) {
  return lines.filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l) as Record<string, any>)
    .filter((m) => m._aws.CloudWatchMetrics[0].Namespace === 'Datewatch');
}

describe('the handler log on the local stack carries the functions\' metric lines, as CloudWatch would get them', () => {
  let stack: LocalStack;
  const lines: string[] = [];
  beforeAll(async () => {
    stack = await startTestStack({ handlerLog: (l) => lines.push(l) });
    await addActiveReader(stack.deps.subscriberStore, 'log.reader@example.com', { timeZone: 'Asia/Tokyo', reminders: ['P7D'] });
  });
  afterAll(async () => { await stack?.close(); });

  it('has sent, skipped (with its reason) and rejected mail, and the dispatcher\'s lag and fan-out', async () => {
    // Act: the reminder goes out; then a message names a reader who no longer exists; then one meets a paused account.
    await stack.dispatch(DUE);
    await stack.queue.sendAll([{ jobId: JOB, recipients: ['no-such-reader'] }]);
    await stack.queue.drain();
    await api(stack, 'POST', '/_local/ses?fault=account-paused');
    const late = await addActiveReader(stack.deps.subscriberStore, 'late.reader@example.com', { timeZone: 'Asia/Tokyo', reminders: ['P7D'] });
    await stack.queue.sendAll([{ jobId: JOB, recipients: [late.id] }]);
    const drained = stack.queue.drain();
    // Clear the fault once the sender has met it (and not before, however busy the machine): the retry then sends.
    for (let waited = 0; !lines.some((l) => l.includes('sender-not-ready')) && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await api(stack, 'POST', '/_local/ses?fault=none');
    await drained;

    // Assess: plain metrics (what the alarms read) and the per-reason ones.
    const all = metrics(lines);
    const plain = (name: string) => all.filter((m) => JSON.stringify(m._aws.CloudWatchMetrics[0].Dimensions) === '[[]]').reduce((n, m) => n + (m[name] ?? 0), 0);
    expect(plain('MailSent')).toBe(2);
    expect(plain('MailSkipped')).toBe(1);
    expect(plain('MailRejected')).toBeGreaterThanOrEqual(1);
    expect(all.filter((m) => m.Reason === 'reader-erased').map((m) => m.MailSkipped)).toEqual([1]);
    expect(all.some((m) => m.Reason === 'sender-not-ready' && m.MailRejected >= 1)).toBe(true);
    expect(all.some((m) => typeof m.DispatcherLagSeconds === 'number' && m.DispatcherFanOut === 1)).toBe(true);
    // The failed invocation (the paused account) is logged by the local runtime as Lambda's runtime logs it.
    const invokeErrors = lines.filter((l) => l.includes('"Invoke Error"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(invokeErrors).toContainEqual(expect.objectContaining({
      level: 'ERROR', message: 'Invoke Error', errorType: 'MailerNotReadyError',
      errorMessage: expect.stringMatching(/AccountSendingPaused/), requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), stackTrace: expect.any(Array),
    }));
  });
});
