import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { FeedbackBusyError, type FeedbackKind, type JobFigures, type JobStats } from '#ports/job-stats.ts';
import { untilAllProcessed } from '../unprocessed.ts';
import { addCounts } from './counters.ts';
import { isConditionFailure } from './client.ts';

export const figuresKey = (ref: string) => ({ pk: `JOBSTAT#${ref}`, sk: 'COUNTS' });
const eventKeyOf = (ref: string, eventKey: string) => ({ pk: `JOBSTAT#${ref}`, sk: `SES#${eventKey}` });
/** A counted event's mark is kept as long as the ledger (TTL on AWS): far beyond any SNS redelivery. */
const KEEP_SECONDS = 400 * 86_400;
/** Longer than ses-events' timeout: a holder this old is dead, and its event is taken over. */
const LEASE_MS = 60_000;
const SKIPPED_PREFIX = 'skipped:';

/** Adds to one job's figures in one UpdateItem (ADD: concurrent senders never lose a count); zeros are left out. */
export async function addToFigures(
  doc: DynamoDBDocumentClient,
  tableName: string,
  ref: string,
  counts: Record<string, number>,
): Promise<void> {
  await addCounts(doc, tableName, figuresKey(ref), Object.entries(counts).filter(([, n]) => n !== 0));
}

export const skippedCounter = (code: string) => `${SKIPPED_PREFIX}${code}`;

function figuresOf(item: Record<string, unknown>): JobFigures {
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  const skipped: Record<string, number> = {};
  for (const [name, v] of Object.entries(item))
    if (name.startsWith(SKIPPED_PREFIX) && n(v) > 0) skipped[name.slice(SKIPPED_PREFIX.length)] = n(v);
  return {
    sent: n(item.sent),
    skipped,
    delivered: n(item.delivered),
    bounced: n(item.bounced),
    complained: n(item.complained),
  };
}

/**
 * A job's figures live apart from the job, under its ref: the sender and ses-events (which knows a job only by the
 * ref its mail was tagged with) add to them without reading the job. An SES event is counted exactly once, without
 * transactions: its mark is claimed with a lease; the figure and a pending entry for the event are added in one
 * conditional UpdateItem (so a holder that died after it cannot be counted twice by the one who takes over); then
 * the mark says counted and the pending entry goes.
 */
export function makeDynamoJobStats(doc: DynamoDBDocumentClient, tableName: string): JobStats {
  async function claim(ref: string, eventKey: string, now: Date): Promise<'claimed' | 'counted'> {
    try {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...eventKeyOf(ref, eventKey),
            state: 'counting',
            leaseUntil: now.getTime() + LEASE_MS,
            ttl: Math.floor(now.getTime() / 1000) + KEEP_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#s = :counting AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#s': 'state' },
          ExpressionAttributeValues: { ':counting': 'counting', ':now': now.getTime() },
        }),
      );
      return 'claimed';
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const out = await doc.send(
        new GetCommand({ TableName: tableName, Key: eventKeyOf(ref, eventKey), ConsistentRead: true }),
      );
      if (out.Item?.state === 'counted') return 'counted';
      throw new FeedbackBusyError();
    }
  }

  return {
    async figures(refs) {
      const found = new Map<string, JobFigures>();
      const unique = [...new Set(refs)];
      for (let i = 0; i < unique.length; i += 100) {
        await untilAllProcessed(
          unique.slice(i, i + 100).map(figuresKey),
          async (keys) => {
            const out = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }));
            for (const item of out.Responses?.[tableName] ?? [])
              found.set(String(item.pk).slice('JOBSTAT#'.length), figuresOf(item));
            return (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as typeof keys;
          },
          { attempts: 9, what: 'job figures' },
        );
      }
      return found;
    },

    async countFeedback(ref, eventKey, kind: FeedbackKind, recipients, now) {
      if ((await claim(ref, eventKey, now)) === 'counted') return false;
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: figuresKey(ref),
            UpdateExpression: 'ADD #k :n, pending :event',
            ConditionExpression: 'attribute_not_exists(pending) OR NOT contains(pending, :key)',
            ExpressionAttributeNames: { '#k': kind },
            ExpressionAttributeValues: { ':n': recipients, ':event': new Set([eventKey]), ':key': eventKey },
          }),
        );
      } catch (err) {
        // A holder that died after adding: the figure already has this event.
        if (!isConditionFailure(err)) throw err;
      }
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: eventKeyOf(ref, eventKey),
          UpdateExpression: 'SET #s = :counted REMOVE leaseUntil',
          ExpressionAttributeNames: { '#s': 'state' },
          ExpressionAttributeValues: { ':counted': 'counted' },
        }),
      );
      // Once marked counted nobody adds it again, so its pending entry can go.
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: figuresKey(ref),
          UpdateExpression: 'DELETE pending :event',
          ExpressionAttributeValues: { ':event': new Set([eventKey]) },
        }),
      );
      return true;
    },
  };
}
