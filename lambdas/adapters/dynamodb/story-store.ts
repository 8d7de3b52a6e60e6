import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { untilAllProcessed } from '../unprocessed.ts';
import type { Story } from '#core/model/story.ts';
import type { StoryStore } from '#ports/story-store.ts';
import { isConditionFailure } from './client.ts';

const key = (id: string) => ({ pk: `STORY#${id}`, sk: 'STORY' });

/** `STORY#<id>` / `STORY`, listed through gsi1 `STORIES` / `<publishedOn>#<id>`. */
export function makeDynamoStoryStore(doc: DynamoDBDocumentClient, tableName: string): StoryStore {
  const toItem = (s: Story) => ({ ...key(s.id), gsi1pk: 'STORIES', gsi1sk: `${s.publishedOn}#${s.id}`, version: s.version, story: s });

  async function put(story: Story, condition: { ConditionExpression: string; ExpressionAttributeValues?: Record<string, unknown> }): Promise<boolean> {
    try {
      await doc.send(new PutCommand({ TableName: tableName, Item: toItem(story), ...condition }));
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  return {
    async get(id) {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: key(id), ConsistentRead: true }));
      return out.Item?.story as Story | undefined;
    },
    async getMany(ids) {
      const unique = [...new Set(ids)];
      const found: Story[] = [];
      for (let i = 0; i < unique.length; i += 100) {
        // Eventually consistent, as the listing it stands in for (a GSI Query) always was.
        await untilAllProcessed(unique.slice(i, i + 100).map(key), async (keys) => {
          const out = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }));
          found.push(...(out.Responses?.[tableName] ?? []).map((item) => item.story as Story));
          return (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as typeof keys;
        }, { attempts: 9, what: 'story keys' });
      }
      return found;
    },
    create: (story) => put(story, { ConditionExpression: 'attribute_not_exists(pk)' }),
    replace: (story, expectedVersion) => put(story, { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
    async list() {
      const stories: Story[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(new QueryCommand({
          TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p',
          ExpressionAttributeValues: { ':p': 'STORIES' }, ScanIndexForward: false, ExclusiveStartKey,
        }));
        stories.push(...(page.Items ?? []).map((i) => i.story as Story));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return stories;
    },
  };
}
