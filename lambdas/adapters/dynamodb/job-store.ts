import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { JobStore } from '#ports/job-store.ts';
import type { SendJob } from '#core/model/job.ts';
import { isConditionFailure } from './client.ts';

const jobKey = (id: string) => ({ pk: `JOB#${id}`, sk: 'JOB' });
const cursorKey = { pk: 'META#dispatcher', sk: 'META' };

/** Jobs are listed newest-first from gsi2's JOBS partition: one job per reminder/digest/alert, never per reader. */
export function makeDynamoJobStore(doc: DynamoDBDocumentClient, tableName: string): JobStore {
  return {
    async createOnce(job) {
      try {
        await doc.send(new PutCommand({
          TableName: tableName,
          Item: { ...jobKey(job.id), gsi2pk: 'JOBS', gsi2sk: `${job.dueAt}#${job.id}`, job },
          ConditionExpression: 'attribute_not_exists(pk)',
        }));
        return { job, created: true };
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        const existing = await this.get(job.id);
        if (!existing) throw new Error(`job ${job.id} exists but could not be read`);
        return { job: existing, created: false };
      }
    },
    async get(id) {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: jobKey(id), ConsistentRead: true }));
      return out.Item?.job as SendJob | undefined;
    },
    async markQueued(id, recipients) {
      await doc.send(new UpdateCommand({
        TableName: tableName,
        Key: jobKey(id),
        UpdateExpression: 'SET #j.#s = :queued, #j.recipients = :n',
        ExpressionAttributeNames: { '#j': 'job', '#s': 'status' },
        ExpressionAttributeValues: { ':queued': 'queued', ':n': recipients },
      }));
    },
    async recent(limit) {
      const out = await doc.send(new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :p',
        ExpressionAttributeValues: { ':p': 'JOBS' },
        ScanIndexForward: false,
        Limit: limit,
      }));
      return (out.Items ?? []).map((i) => i.job as SendJob);
    },
    async cursor() {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: cursorKey, ConsistentRead: true }));
      return out.Item?.lastRunAt ? new Date(out.Item.lastRunAt as string) : undefined;
    },
    async advanceCursor(to) {
      try {
        await doc.send(new UpdateCommand({
          TableName: tableName,
          Key: cursorKey,
          UpdateExpression: 'SET lastRunAt = :t',
          ConditionExpression: 'attribute_not_exists(lastRunAt) OR lastRunAt < :t',
          ExpressionAttributeValues: { ':t': to.toISOString() },
        }));
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    },
  };
}
