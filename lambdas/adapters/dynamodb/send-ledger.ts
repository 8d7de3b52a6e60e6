import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SendLedger } from '#ports/send-ledger.ts';
import type { DeliveryLog, DeliveryRecord } from '#ports/delivery-log.ts';
import { jobRef } from '#core/model/job.ts';
import { isConditionFailure } from './client.ts';
import { addToFigures, skippedCounter } from './job-stats.ts';

const key = (jobId: string, subscriberId: string) => ({ pk: `JOB#${jobId}`, sk: `TO#${subscriberId}` });
/** Ledger entries are kept this long (TTL on AWS), far beyond any retry or redelivery. */
const KEEP_SECONDS = 400 * 86_400;

/**
 * The send ledger: one item per (job, reader), claimed with a conditional put before anything is sent.
 * Each entry is also indexed under its reader (gsi2 DELIV#<reader>) for the admin's delivery history.
 */
export function makeDynamoSendLedger(doc: DynamoDBDocumentClient, tableName: string): SendLedger & DeliveryLog {
  /** True when this claim settled the entry (a claim taken over after its lease settles nothing). */
  async function settle(
    jobId: string, subscriberId: string, claimId: string, values: Record<string, unknown>,
  ): Promise<boolean> {
    const names: Record<string, string> = {};
    const vals: Record<string, unknown> = { ':claim': claimId };
    const sets = Object.entries(values).map(([k, v], i) => { names[`#f${i}`] = k; vals[`:v${i}`] = v; return `#f${i} = :v${i}`; });
    try {
      await doc.send(new UpdateCommand({
        TableName: tableName,
        Key: key(jobId, subscriberId),
        UpdateExpression: `SET ${sets.join(', ')} REMOVE leaseUntil`,
        ConditionExpression: 'claimId = :claim',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: vals,
      }));
      return true;
    } catch (err) {
      // Our claim was taken over after its lease ran out; the newer claimant records the outcome.
      if (!isConditionFailure(err)) throw err;
      return false;
    }
  }

  /** Figures settled but not yet added, per job ref: flushFigures adds each job's in one UpdateItem. */
  let unflushed = new Map<string, Record<string, number>>();

  /** The job's figures count each reader once: only the claim that settled the entry adds to them. */
  async function settleAndCount(
    jobId: string, subscriberId: string, claimId: string, values: Record<string, unknown>, counter: string,
  ): Promise<void> {
    if (!(await settle(jobId, subscriberId, claimId, values))) return;
    const ref = jobRef(jobId);
    const counts = unflushed.get(ref) ?? {};
    counts[counter] = (counts[counter] ?? 0) + 1;
    unflushed.set(ref, counts);
  }

  return {
    async claim(jobId, subscriberId, claimId, now, leaseMs) {
      try {
        await doc.send(new PutCommand({
          TableName: tableName,
          Item: {
            ...key(jobId, subscriberId), status: 'INPROGRESS', claimId, jobId, subscriberId,
            leaseUntil: now.getTime() + leaseMs, claimedAt: now.toISOString(),
            gsi2pk: `DELIV#${subscriberId}`, gsi2sk: `${now.toISOString()}#${jobId}`,
            ttl: Math.floor(now.getTime() / 1000) + KEEP_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#s = :inprogress AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':inprogress': 'INPROGRESS', ':now': now.getTime() },
        }));
        return { outcome: 'claimed' };
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        // Lost the race or already settled; a consistent read tells which.
        return (await statusOf(jobId, subscriberId)) === 'INPROGRESS' ? { outcome: 'busy' } : { outcome: 'done' };
      }
    },
    markSent: (jobId, subscriberId, claimId, d) => settleAndCount(jobId, subscriberId, claimId,
      { status: 'SENT', messageId: d.messageId, subject: d.subject, kind: d.kind, settledAt: d.at.toISOString() },
      'sent'),
    markSkipped: (jobId, subscriberId, claimId, d) => settleAndCount(jobId, subscriberId, claimId,
      { status: 'SKIPPED', reason: d.reason, kind: d.kind, settledAt: d.at.toISOString() },
      skippedCounter(d.code ?? 'other')),
    async release(jobId, subscriberId, claimId) {
      try {
        await doc.send(new DeleteCommand({
          TableName: tableName, Key: key(jobId, subscriberId),
          ConditionExpression: 'claimId = :claim AND #s = :inprogress',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':claim': claimId, ':inprogress': 'INPROGRESS' },
        }));
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    },
    async flushFigures() {
      // Taken whole before any await: readers settled meanwhile go to the next flush, none to two. A write that
      // fails is not tried again: it may have landed (a timeout), and ADD twice would claim more than was sent.
      const taking = unflushed;
      unflushed = new Map();
      await Promise.all([...taking].map(([ref, counts]) => addToFigures(doc, tableName, ref, counts)));
    },
    async recentFor(subscriberId, limit) {
      const out = await doc.send(new QueryCommand({
        TableName: tableName, IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :p',
        ExpressionAttributeValues: { ':p': `DELIV#${subscriberId}` },
        ScanIndexForward: false, Limit: limit,
      }));
      return (out.Items ?? []).map((i): DeliveryRecord => ({
        jobId: i.jobId, kind: i.kind ?? String(i.jobId).split('|')[0], status: i.status,
        ...(i.subject ? { subject: i.subject } : {}), ...(i.messageId ? { messageId: i.messageId } : {}),
        ...(i.reason ? { reason: i.reason } : {}), at: i.settledAt ?? i.claimedAt,
      }));
    },
  };

  async function statusOf(jobId: string, subscriberId: string): Promise<string | undefined> {
    const out = await doc.send(new GetCommand({ TableName: tableName, Key: key(jobId, subscriberId), ConsistentRead: true, ProjectionExpression: '#s', ExpressionAttributeNames: { '#s': 'status' } }));
    return out.Item?.status as string | undefined;
  }
}
