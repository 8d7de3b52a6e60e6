import {
  BatchGetCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { untilAllProcessed } from '../unprocessed.ts';
import type { Story } from '#core/model/story.ts';
import type { StoryStore } from '#ports/story-store.ts';
import { CATALOG_PARTITION, OLD_STORIES_PARTITION, STORY_SORT_PREFIX, storyOfItem, storySort } from './catalog-keys.ts';
import { isConditionFailure, queryAllItems } from './client.ts';

const key = (id: string) => ({ pk: `STORY#${id}`, sk: 'STORY' });

/**
 * `STORY#<id>` / `STORY`, listed through gsi1's catalog partition (`EVENTS` / `STORY#<publishedOn>#<id>`, after
 * every event: catalog-keys.ts), so a reader's page reads its stories and upcoming events in one Query.
 */
export function makeDynamoStoryStore(doc: DynamoDBDocumentClient, tableName: string): StoryStore {
  const toItem = (s: Story) => ({ ...key(s.id), gsi1pk: CATALOG_PARTITION, gsi1sk: storySort(s), version: s.version, story: s });

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
      return (await listed(CATALOG_PARTITION, STORY_SORT_PREFIX)).map(storyOfItem);
    },
    async backfillCatalogIndex() {
      let moved = 0;
      for (const item of await listed(OLD_STORIES_PARTITION)) {
        const story = storyOfItem(item);
        try {
          await doc.send(new UpdateCommand({
            TableName: tableName, Key: key(story.id),
            UpdateExpression: 'SET gsi1pk = :p, gsi1sk = :s',
            // Only the item as it was read: an edit in between wrote the new keys itself.
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':p': CATALOG_PARTITION, ':s': storySort(story), ':v': story.version },
          }));
          moved++;
        } catch (err) {
          if (!isConditionFailure(err)) throw err;
        }
      }
      return moved;
    },
  };

  /** A gsi1 partition's items (those whose sort key starts with `prefix`), newest publication first. */
  function listed(partition: string, prefix?: string): Promise<Record<string, unknown>[]> {
    return queryAllItems(doc, {
      TableName: tableName, IndexName: 'gsi1',
      KeyConditionExpression: prefix === undefined ? 'gsi1pk = :p' : 'gsi1pk = :p AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: { ':p': partition, ...(prefix === undefined ? {} : { ':prefix': prefix }) },
      ScanIndexForward: false,
    });
  }
}
