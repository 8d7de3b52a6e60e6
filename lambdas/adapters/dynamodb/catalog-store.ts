import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { eventEndsAt, type DatedEvent } from '#core/model/event.ts';
import type { Story } from '#core/model/story.ts';
import type { CatalogStore } from '#ports/catalog-store.ts';
import { byStart, CATALOG_PARTITION, eventOfItem, isStoryItem, storyOfItem } from './catalog-keys.ts';
import { queryAllItems, sortRange } from './client.ts';

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
      const items = await queryAllItems(doc, {
        TableName: tableName, IndexName: 'gsi1', ...sortRange('gsi1', CATALOG_PARTITION, from?.toISOString() ?? ''),
      });
      for (const item of items) {
        if (isStoryItem(item)) stories.push(storyOfItem(item));
        else events.push(eventOfItem(item));
      }
      // Stories come in publication order, oldest first: newest first, as the story list gives them.
      const upcoming = from ? events.filter((e) => eventEndsAt(e) > from) : events;
      return { stories: stories.reverse(), events: upcoming.sort(byStart) };
    },
  };
}
