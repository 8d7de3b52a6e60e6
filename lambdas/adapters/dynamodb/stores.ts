import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Store makers by name: each builds one store over the table (see table-stores.ts for every name). */
type Makers = Record<string, (doc: DynamoDBDocumentClient, tableName: string) => unknown>;

export type StoresOf<M extends Makers> = { [K in keyof M]: ReturnType<M[K]> };

/**
 * The stores `makers` name, over one document client. It imports no adapter itself, so a function's bundle holds
 * only the adapters its root passes in.
 */
export function makeStores<M extends Makers>(doc: DynamoDBDocumentClient, tableName: string, makers: M): StoresOf<M> {
  return Object.fromEntries(Object.entries(makers).map(([name, make]) => [name, make(doc, tableName)])) as StoresOf<M>;
}
