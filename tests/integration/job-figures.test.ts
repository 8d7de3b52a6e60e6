import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { makeDynamoJobStats } from '#adapters/dynamodb/job-stats.ts';
import { makeDynamoSendLedger } from '#adapters/dynamodb/send-ledger.ts';
import { jobRef } from '#core/model/job.ts';
import { FeedbackBusyError, type JobStats } from '#ports/job-stats.ts';
import { startTestTable, type TestTable } from '../support/dynalite.ts';

/**
 * A job's figures against dynalite: each SES event counted once whatever SNS does (delivered twice, twice at once,
 * or again after an invocation died half-way), and each reader's send or skip counted once by the ledger.
 */
let table: TestTable;
let stats: JobStats;
const now = new Date('2016-11-21T09:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

beforeAll(async () => {
  table = await startTestTable();
  stats = makeDynamoJobStats(table.doc, table.tableName);
});
afterAll(async () => {
  await table?.close();
});

const figuresOf = async (ref: string) => (await stats.figures([ref])).get(ref);

describe('SES events counted against their job', () => {
  it('counts a redelivered event once, and another event of the job again', async () => {
    const ref = jobRef('update|story|a');
    expect(await stats.countFeedback(ref, 'm-1#Delivery', 'delivered', 1, now)).toBe(true);
    expect(await stats.countFeedback(ref, 'm-1#Delivery', 'delivered', 1, later(1000))).toBe(false);
    expect(await stats.countFeedback(ref, 'm-1#Complaint', 'complained', 1, later(2000))).toBe(true);
    expect(await stats.countFeedback(ref, 'm-2#Bounce', 'bounced', 1, later(3000))).toBe(true);
    expect(await figuresOf(ref)).toEqual({ sent: 0, skipped: {}, delivered: 1, bounced: 1, complained: 1 });
  });

  it('two deliveries of one event at once: one counts, the other is told to retry or that it was counted', async () => {
    const ref = jobRef('update|story|b');
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => stats.countFeedback(ref, 'm-3#Delivery', 'delivered', 1, now)),
    );
    const counted = results.filter((r) => r.status === 'fulfilled' && r.value === true);
    expect(counted).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(FeedbackBusyError);
    }
    expect((await figuresOf(ref))?.delivered).toBe(1);
  });

  it('an invocation that died after adding is taken over when its lease ran out, without counting twice', async () => {
    // Prepare: the state a holder leaves when it dies between adding the figure and marking the event counted
    const ref = jobRef('update|story|c');
    await table.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { pk: `JOBSTAT#${ref}`, sk: 'SES#m-4#Delivery', state: 'counting', leaseUntil: now.getTime() + 60_000 },
      }),
    );
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: { pk: `JOBSTAT#${ref}`, sk: 'COUNTS' },
        UpdateExpression: 'ADD delivered :one, pending :event',
        ExpressionAttributeValues: { ':one': 1, ':event': new Set(['m-4#Delivery']) },
      }),
    );
    // Act: SNS delivers it again, first while the lease still runs, then after
    await expect(stats.countFeedback(ref, 'm-4#Delivery', 'delivered', 1, later(1000))).rejects.toBeInstanceOf(
      FeedbackBusyError,
    );
    expect(await stats.countFeedback(ref, 'm-4#Delivery', 'delivered', 1, later(61_000))).toBe(true);
    // Assess: counted once, marked counted, and the pending entry gone
    expect((await figuresOf(ref))?.delivered).toBe(1);
    const counts = await table.doc.send(
      new GetCommand({ TableName: table.tableName, Key: { pk: `JOBSTAT#${ref}`, sk: 'COUNTS' } }),
    );
    expect(counts.Item?.pending).toBeUndefined();
    expect(await stats.countFeedback(ref, 'm-4#Delivery', 'delivered', 1, later(62_000))).toBe(false);
  });
});

describe('sends and skips counted by the ledger', () => {
  it('counts each reader once, by the claim that settled it, skips per reason code', async () => {
    const ledger = makeDynamoSendLedger(table.doc, table.tableName);
    const job = 'reminder|ev|2016-12-03|P1D|Asia/Tokyo';
    const at = now;
    for (const reader of ['r1', 'r2', 'r3', 'r4'])
      expect((await ledger.claim(job, reader, `c-${reader}`, at, 60_000)).outcome).toBe('claimed');
    await ledger.markSent(job, 'r1', 'c-r1', { messageId: 'm-r1', subject: 's', kind: 'reminder', at });
    await ledger.markSent(job, 'r2', 'c-r2', { messageId: 'm-r2', subject: 's', kind: 'reminder', at });
    await ledger.markSkipped(job, 'r3', 'c-r3', {
      reason: 'reader unsubscribed',
      code: 'reader-unsubscribed',
      kind: 'reminder',
      at,
    });
    // r4's claim was taken over after its lease: the old claimant's record settles nothing and counts nothing.
    expect((await ledger.claim(job, 'r4', 'c-r4-new', later(61_000), 60_000)).outcome).toBe('claimed');
    await ledger.markSent(job, 'r4', 'c-r4', { messageId: 'm-r4-old', subject: 's', kind: 'reminder', at });
    await ledger.markSkipped(job, 'r4', 'c-r4-new', {
      reason: 'event already begun',
      code: 'event-begun',
      kind: 'reminder',
      at,
    });
    // Settled readers reach the figures when the sender flushes them, all of a job's in one write.
    expect(await figuresOf(jobRef(job))).toBeUndefined();
    await ledger.flushFigures();
    // A redelivered queue message finds every reader settled: nothing more is counted, and a second flush adds nothing.
    for (const reader of ['r1', 'r2', 'r3', 'r4'])
      expect((await ledger.claim(job, reader, 'again', later(62_000), 60_000)).outcome).toBe('done');
    await ledger.flushFigures();
    expect(await figuresOf(jobRef(job))).toEqual({
      sent: 2,
      skipped: { 'reader-unsubscribed': 1, 'event-begun': 1 },
      delivered: 0,
      bounced: 0,
      complained: 0,
    });
  });
});
