import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoryUpdate } from '#core/model/story-update.ts';
import type { UpdateStore } from '#ports/update-store.ts';
import { isConditionFailure } from './client.ts';

const key = (storyId: string, id: string) => ({ pk: `STORY#${storyId}`, sk: `UPDATE#${id}` });

/**
 * `STORY#<storyId>` / `UPDATE#<id>`, beside its story's item. While pending it is also in the sparse gsi2 partition
 * `UPDATES` / `<createdAt>#<storyId>#<id>`, which the dispatcher queries (as ALERTS for events); a story's updates
 * are listed through gsi3 `UPDATES#<storyId>` / `<createdAt>#<id>` (every Query names an index, never the table).
 */
export function makeDynamoUpdateStore(doc: DynamoDBDocumentClient, tableName: string): UpdateStore {
  async function queryAll(index: 'gsi2' | 'gsi3', partition: string, newestFirst: boolean, limit?: number): Promise<StoryUpdate[]> {
    const updates: StoryUpdate[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new QueryCommand({
        TableName: tableName, IndexName: index, KeyConditionExpression: `${index}pk = :p`,
        ExpressionAttributeValues: { ':p': partition }, ScanIndexForward: !newestFirst, ExclusiveStartKey,
        ...(limit ? { Limit: limit - updates.length } : {}),
      }));
      updates.push(...(page.Items ?? []).map((i) => i.update as StoryUpdate));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey && (limit === undefined || updates.length < limit));
    return updates;
  }

  return {
    async create(update) {
      try {
        await doc.send(new PutCommand({
          TableName: tableName,
          Item: {
            ...key(update.storyId, update.id),
            gsi2pk: 'UPDATES', gsi2sk: `${update.createdAt}#${update.storyId}#${update.id}`,
            gsi3pk: `UPDATES#${update.storyId}`, gsi3sk: `${update.createdAt}#${update.id}`,
            update,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }));
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
    async get(storyId, id) {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: key(storyId, id), ConsistentRead: true }));
      return out.Item?.update as StoryUpdate | undefined;
    },
    listByStory: (storyId, limit) => queryAll('gsi3', `UPDATES#${storyId}`, true, limit),
    pending: () => queryAll('gsi2', 'UPDATES', false),
    async markDispatched(storyId, id, at) {
      try {
        await doc.send(new UpdateCommand({
          TableName: tableName, Key: key(storyId, id),
          UpdateExpression: 'SET #u.#s = :dispatched, #u.dispatchedAt = :at REMOVE gsi2pk, gsi2sk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#u': 'update', '#s': 'status' },
          ExpressionAttributeValues: { ':dispatched': 'dispatched', ':at': at.toISOString() },
        }));
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    },
  };
}
