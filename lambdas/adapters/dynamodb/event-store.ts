import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EventStore } from '#ports/event-store.ts';
import { eventEndsAt, eventStartsAt, type DatedEvent, type PendingAlert } from '#core/model/event.ts';
import { byStart, CATALOG_PARTITION, EVENT_SORT_MAX, eventOfItem, eventSort } from './catalog-keys.ts';
import { isConditionFailure, queryAllItems, sortRange } from './client.ts';

const key = (id: string) => ({ pk: `EVENT#${id}`, sk: 'EVENT' });
/**
 * The catalog partition (catalog-keys.ts) sorts events by when they are over, so "still on at `from`" is one key
 * condition, however long a provisional range runs. Its stories sort after every event: an events-only read
 * ends at EVENT_SORT_MAX and never reads them.
 */
const endSort = eventSort;

export function makeDynamoEventStore(doc: DynamoDBDocumentClient, tableName: string): EventStore {
  // A pending alert also puts the item in the sparse gsi2 partition ALERTS, which the dispatcher queries.
  // gsi3 lists one story's events. Events stored before stories existed have no storyId and no gsi3 entry: they
  // read as the seed story's, and backfillStoryIndex (run by the seed on deploy) gives them both.
  const toItem = (e: DatedEvent) => ({
    ...key(e.id),
    gsi1pk: CATALOG_PARTITION,
    gsi1sk: endSort(e),
    gsi3pk: storyPartition(e.storyId),
    gsi3sk: `${eventStartsAt(e).toISOString()}#${e.id}`,
    endsAt: eventEndsAt(e).toISOString(),
    event: e,
  });
  const fromItem = eventOfItem;

  const queryAll = (index: 'gsi1' | 'gsi2' | 'gsi3', partition: string, fromSort: string, untilSort?: string) =>
    queryAllItems(doc, { TableName: tableName, IndexName: index, ...sortRange(index, partition, fromSort, untilSort) });
  const query = async (fromEnd: string, untilEnd = EVENT_SORT_MAX) =>
    (await queryAll('gsi1', CATALOG_PARTITION, fromEnd, untilEnd)).map(fromItem).sort(byStart);

  return {
    async get(id) {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: key(id), ConsistentRead: true }));
      return out.Item ? fromItem(out.Item) : undefined;
    },
    async create(event) {
      try {
        await doc.send(new PutCommand({ TableName: tableName, Item: toItem(event), ConditionExpression: 'attribute_not_exists(pk)' }));
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
    // An update, not a put: a title fix must not drop an alert still pending from an earlier move, and
    // the alert keeps the place and time readers knew before the first of several quick changes.
    async replace(event, expectedVersion, alert) {
      const item = toItem(event);
      const alertSet = alert
        ? ', alertKind = :kind, alertPrevious = if_not_exists(alertPrevious, :prev), gsi2pk = :alerts, gsi2sk = if_not_exists(gsi2sk, :asort)'
        : '';
      try {
        await doc.send(new UpdateCommand({
          TableName: tableName,
          Key: key(event.id),
          UpdateExpression: `SET #e = :event, gsi1sk = :g1, gsi3pk = :g3p, gsi3sk = :g3, endsAt = :ends${alertSet}`,
          ConditionExpression: '#e.#v = :expected',
          ExpressionAttributeNames: { '#e': 'event', '#v': 'version' },
          ExpressionAttributeValues: {
            ':event': event, ':g1': item.gsi1sk, ':g3p': item.gsi3pk, ':g3': item.gsi3sk, ':ends': item.endsAt, ':expected': expectedVersion,
            ...(alert ? { ':kind': alert.kind, ':prev': alert.previous, ':alerts': 'ALERTS', ':asort': `${event.updatedAt}#${event.id}` } : {}),
          },
        }));
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
    async listFrom(from) {
      const events = await query(from.toISOString());
      return events.filter((e) => eventEndsAt(e) > from);
    },
    async listEndingBetween(from, until) {
      // The sort key is "<end>#<id>": "\uffff" takes in every id of an event ending exactly at `until`.
      const events = await query(from.toISOString(), `${until.toISOString()}#\uffff`);
      return events.filter((e) => eventEndsAt(e) > from && eventEndsAt(e) <= until);
    },
    async listAll() {
      return query('');
    },
    async pendingAlerts() {
      const items = await queryAll('gsi2', 'ALERTS', '');
      return items.map((i) => ({ event: fromItem(i), alert: { kind: i.alertKind, previous: i.alertPrevious } as PendingAlert }));
    },
    async listByStory(storyId) {
      return (await queryAll('gsi3', storyPartition(storyId), '')).map(fromItem);
    },
    async backfillStoryIndex() {
      let moved = 0;
      for (const item of await queryAll('gsi1', CATALOG_PARTITION, '', EVENT_SORT_MAX)) {
        const event = fromItem(item);
        if (item.gsi3pk !== undefined && item.gsi1sk === endSort(event)) continue;
        try {
          await doc.send(new UpdateCommand({
            TableName: tableName, Key: key(event.id),
            UpdateExpression: 'SET #e.storyId = :story, gsi1sk = :g1, gsi3pk = :p, gsi3sk = :s',
            // Only the item as it was read: an edit in between wrote its own keys.
            ConditionExpression: '#e.#v = :v',
            ExpressionAttributeNames: { '#e': 'event', '#v': 'version' },
            ExpressionAttributeValues: {
              ':story': event.storyId, ':g1': endSort(event), ':p': storyPartition(event.storyId),
              ':s': `${eventStartsAt(event).toISOString()}#${event.id}`, ':v': event.version,
            },
          }));
          moved++;
        } catch (err) {
          if (!isConditionFailure(err)) throw err;
        }
      }
      return moved;
    },
    async clearAlert(id, version) {
      try {
        await doc.send(new UpdateCommand({
          TableName: tableName,
          Key: key(id),
          UpdateExpression: 'REMOVE alertKind, alertPrevious, gsi2pk, gsi2sk',
          ConditionExpression: '#e.#v = :v',
          ExpressionAttributeNames: { '#e': 'event', '#v': 'version' },
          ExpressionAttributeValues: { ':v': version },
        }));
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    },
  };
}

const storyPartition = (storyId: string) => `STORY#${storyId}`;
