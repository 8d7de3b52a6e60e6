import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { eventEndsAt, type DatedEvent } from '#core/model/event.ts';
import type { Story } from '#core/model/story.ts';
import type { CatalogStore } from '#ports/catalog-store.ts';
import { byStart, CATALOG_PARTITION, eventOfItem, isStoryItem, storyOfItem } from './catalog-keys.ts';

/**
 * One Query of gsi1's catalog partition from `from` on: the events still on at `from`, then every story (their
 * sort keys follow every event's, catalog-keys.ts). Half the requests, and on AWS the reads of both rounded up
 * to 4 KB once instead of twice.
 */
export function makeDynamoCatalogStore(doc: DynamoDBDocumentClient, tableName: string): CatalogStore {
  return {
    async storiesAndEventsFrom(from) {
      const stories: Story[] = [];
      const events: DatedEvent[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(new QueryCommand({
          // No sort condition for all of it: DynamoDB refuses an empty string as a key's value (dynalite takes it).
          TableName: tableName, IndexName: 'gsi1',
          KeyConditionExpression: from ? 'gsi1pk = :p AND gsi1sk >= :from' : 'gsi1pk = :p',
          ExpressionAttributeValues: { ':p': CATALOG_PARTITION, ...(from ? { ':from': from.toISOString() } : {}) },
          ExclusiveStartKey,
        }));
        for (const item of page.Items ?? []) {
          if (isStoryItem(item)) stories.push(storyOfItem(item));
          else events.push(eventOfItem(item));
        }
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      // Stories come in publication order, oldest first: newest first, as the story list gives them.
      const upcoming = from ? events.filter((e) => eventEndsAt(e) > from) : events;
      return { stories: stories.reverse(), events: upcoming.sort(byStart) };
    },
  };
}
