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
  // events listFrom/listAll (gsi1); subscriptions get/put a subscriber and put its zone; the rate limiter's ADD.
  'public-api': { items: ['GetItem', 'PutItem', 'UpdateItem'], queryIndexes: ['gsi1'] },
  // events get/create/replace and list (gsi1); subscriber lookup and erasure; deliveries and jobs (gsi2).
  'admin-api': { items: ['GetItem', 'PutItem', 'UpdateItem'], queryIndexes: ['gsi1', 'gsi2'] },
  // cursor get/advance, job createOnce/markQueued, clearAlert; upcoming events and readers (gsi1), zones and alerts (gsi2).
  dispatcher: { items: ['GetItem', 'PutItem', 'UpdateItem'], queryIndexes: ['gsi1', 'gsi2'] },
  // job and event get, readers getMany, ledger claim/settle/release; a digest lists upcoming events (gsi1).
  sender: { items: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], queryIndexes: ['gsi1'] },
  // bounces read and conditionally rewrite one subscriber (a put, and a zone put for an active one).
  'ses-events': { items: ['GetItem', 'PutItem'], queryIndexes: [] },
  // the seed only creates missing events with a conditional put.
  seed: { items: ['PutItem'], queryIndexes: [] },
} as const satisfies Record<string, TableAccess>;

export type HandlerName = keyof typeof TABLE_ACCESS;
