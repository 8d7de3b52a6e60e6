import type { TableIndex } from './stateful-stack.ts';

/** Item-level DynamoDB actions a function may be granted: no Scan, no table management, no `dynamodb:*`. */
export type ItemAction = 'GetItem' | 'BatchGetItem' | 'PutItem' | 'BatchWriteItem' | 'UpdateItem' | 'DeleteItem';

/** What one function does to the table: item actions on the table, Query on the named indexes only. */
export interface TableAccess {
  items: readonly ItemAction[];
  queryIndexes: readonly TableIndex[];
}

/**
 * Each handler's table access, read off the commands its use cases send through lambdas/adapters/dynamodb/.
 * No adapter queries the base table: every Query names gsi1, gsi2 or gsi3.
 */
export const TABLE_ACCESS = {
  // readers' pages and feeds: a story by id, stories and events listFrom/listAll (gsi1), a story's events (gsi3);
  // nothing written.
  'public-pages': { items: ['GetItem'], queryIndexes: ['gsi1', 'gsi3'] },
  // a sign-up's story and event ids checked against the stories and events (gsi1); the per-network limiter's ADD.
  // No subscription is read or written here: the sign-up worker does that.
  subscribe: { items: ['UpdateItem'], queryIndexes: ['gsi1'] },
  // confirm and unsubscribe get/put a subscription and its zone, read and update its address entry, look up a
  // suppression; a "never mail me" puts a suppression and ends the mailbox's other spellings (listed on gsi3);
  // every subscription write ADDs its change to the readers' counters (UpdateItem).
  'public-api': { items: ['GetItem', 'PutItem', 'UpdateItem'], queryIndexes: ['gsi3'] },
  // the preferences page lists the live stories and upcoming events (gsi1); saving it gets/puts the subscription and
  // its zone, reads its address entry, and ADDs the change to the readers' counters (UpdateItem).
  preferences: { items: ['GetItem', 'PutItem', 'UpdateItem'], queryIndexes: ['gsi1'] },
  // the sign-up worker: suppression and address lookups, a pending subscription put (and an ended one deleted), the
  // address entry claimed, the per-mailbox limiter's ADD; the confirmation email lists the events (gsi1).
  'sign-ups': { items: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], queryIndexes: ['gsi1'] },
  // stories and events get/create/replace and list (gsi1), a story's events (gsi3, cancelling a story); subscriber
  // lookup and erasure (deletes the subscription and its address entry, puts the departure); a reader's deliveries
  // (gsi2); the readers' counters with one GetItem, moved by erasure (UpdateItem).
  'admin-api': { items: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], queryIndexes: ['gsi1', 'gsi2', 'gsi3'] },
  // a subscriber import reads suppressions, address entries and subscriptions in batches (BatchGetItem), writes new
  // ones (BatchWriteItem puts only), claims an address taken meanwhile (PutItem), undoes a half-made reader
  // (DeleteItem), registers zones (PutItem) and moves the readers' counters (UpdateItem); the stories and events it
  // checks names against (gsi1). Its export lists active readers per zone (gsi1), the zones and the others (gsi2).
  'subscriber-csv': {
    items: ['BatchGetItem', 'PutItem', 'BatchWriteItem', 'UpdateItem', 'DeleteItem'], queryIndexes: ['gsi1', 'gsi2'],
  },
  // previews read an event, a story, an update, and list stories and events (gsi1); the per-editor test-send
  // limiter's ADD (UpdateItem).
  'editor-mail': { items: ['GetItem', 'UpdateItem'], queryIndexes: ['gsi1'] },
  // the latest jobs (gsi2) with their figures and the stories they name, read in batches (BatchGetItem), their events
  // and updates by key; story updates put conditionally, read, and listed per story (gsi3), each with its job.
  'mail-jobs': { items: ['GetItem', 'BatchGetItem', 'PutItem'], queryIndexes: ['gsi2', 'gsi3'] },
  // cursor get/advance, job createOnce/markQueued, clearAlert, an update marked dispatched; the stories of the events
  // it lists (BatchGetItem); stories, upcoming events and readers (gsi1), zones, alerts and pending updates (gsi2).
  dispatcher: { items: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'], queryIndexes: ['gsi1', 'gsi2'] },
  // job, event, story and story-update get, readers getMany, a suppression lookup per reader, ledger claim/settle/release
  // and the job's sent/skipped figures (ADD); a digest lists stories and upcoming events (gsi1).
  sender: { items: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], queryIndexes: ['gsi1'] },
  // bounces put a suppression, read an address entry and conditionally rewrite its subscription (and those of the
  // mailbox's other spellings, listed on gsi3), and set the entry's expiry when the subscription ends; each Delivery,
  // Bounce and Complaint event is claimed (put, get) and added to its job's figures (ADD), as a suppression's change
  // is to the readers' counters.
  'ses-events': { items: ['GetItem', 'PutItem', 'UpdateItem'], queryIndexes: ['gsi3'] },
  // the seed creates the missing story and events with conditional puts, and gives events from before stories their
  // story (listed on gsi1, updated conditionally), moves stories listed apart from the events to their partition
  // (the same); it puts active readers from before the mailbox index into it (zones on gsi2, readers on gsi1,
  // updated conditionally).
  seed: { items: ['PutItem', 'UpdateItem'], queryIndexes: ['gsi1', 'gsi2'] },
} as const satisfies Record<string, TableAccess>;

export type HandlerName = keyof typeof TABLE_ACCESS;
