import type { TableIndex } from './stateful-stack.ts';

/** Item-level DynamoDB actions a function may be granted: no Scan, no table management, no `dynamodb:*`. */
export type ItemAction = 'GetItem' | 'BatchGetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem';

/** What one function does to the table: item actions on the table, Query on the named indexes only. */
export interface TableAccess {
  items: readonly ItemAction[];
  queryIndexes: readonly TableIndex[];
}

/**
 * Each handler's table access, read off the commands its use cases send through lambdas/adapters/dynamodb/.
 * No adapter queries the base table: every Query names gsi1 or gsi2.
 */
export const TABLE_ACCESS = {
  // events listFrom/listAll (gsi1); confirm, preferences, unsubscribe get/put a subscription and its zone, read and
  // update its address entry; a "never mail me" puts a suppression; the per-network limiter's ADD.
  'public-api': { items: ['GetItem', 'PutItem', 'UpdateItem'], queryIndexes: ['gsi1'] },
  // the sign-up worker: suppression and address lookups, a pending subscription put (and an ended one deleted), the
  // address entry claimed, the per-mailbox limiter's ADD; the confirmation email lists the events (gsi1).
  'sign-ups': { items: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], queryIndexes: ['gsi1'] },
  // events get/create/replace and list (gsi1); subscriber lookup and erasure (deletes the subscription and its
  // address entry); deliveries and jobs (gsi2).
  'admin-api': { items: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], queryIndexes: ['gsi1', 'gsi2'] },
  // cursor get/advance, job createOnce/markQueued, clearAlert; upcoming events and readers (gsi1), zones and alerts (gsi2).
  dispatcher: { items: ['GetItem', 'PutItem', 'UpdateItem'], queryIndexes: ['gsi1', 'gsi2'] },
  // job and event get, readers getMany, ledger claim/settle/release; a digest lists upcoming events (gsi1).
  sender: { items: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], queryIndexes: ['gsi1'] },
  // bounces put a suppression, read an address entry and conditionally rewrite its subscription, and set the
  // entry's expiry when the subscription ends.
  'ses-events': { items: ['GetItem', 'PutItem', 'UpdateItem'], queryIndexes: [] },
  // the seed only creates missing events with a conditional put.
  seed: { items: ['PutItem'], queryIndexes: [] },
} as const satisfies Record<string, TableAccess>;

export type HandlerName = keyof typeof TABLE_ACCESS;
