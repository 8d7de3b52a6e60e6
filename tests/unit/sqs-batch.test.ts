import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { sqsBatchHandler } from '#handlers/sqs/batch.ts';
import { MailerNotReadyError } from '#ports/mailer.ts';
import { noTelemetry } from '#ports/telemetry.ts';

const batch = (bodies: string[]): SQSEvent => ({
  Records: bodies.map((body, i) => ({ messageId: `m${i}`, body }) as SQSEvent['Records'][number]),
});

describe('an SQS batch with records overlapping', () => {
  it('works on several records at once and reports only those to retry', async () => {
    // Prepare: no record finishes until three are being worked on together.
    let started = 0;
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => { openGate = resolve; });
    const handler = sqsBatchHandler<{ retry: boolean }>(noTelemetry, 'message', async (m) => {
      if (++started === 3) openGate();
      await gate;
      return { retry: m.retry };
    }, { recordsAtOnce: 3 });
    // Act
    const out = await handler(batch(['{"retry":false}', '{"retry":true}', '{"retry":false}', '{"retry":true}']));
    // Assess
    expect(started).toBe(4);
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }, { itemIdentifier: 'm3' }]);
  });

  it('fails the invocation when SES refuses the account, starting no record after the refusal', async () => {
    // Prepare: the first record meets the refusal (the sender's handler says it fails the batch); the second is in
    // flight beside it.
    const seen: number[] = [];
    const handler = sqsBatchHandler<{ n: number }>(noTelemetry, 'message', async (m) => {
      seen.push(m.n);
      if (m.n === 0) throw new MailerNotReadyError('AccountSendingPausedException', 'paused');
      return { retry: false };
    }, { failsTheBatch: (err) => err instanceof MailerNotReadyError, recordsAtOnce: 2 });
    // Act
    const run = handler(batch(['{"n":0}', '{"n":1}', '{"n":2}', '{"n":3}']));
    // Assess: record 1 was already running (each worker took one); nothing after the refusal starts.
    await expect(run).rejects.toBeInstanceOf(MailerNotReadyError);
    expect(seen).toEqual([0, 1]);
  });
});
