import { freePort } from '#local/free-port.ts';
import { DeleteTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '#adapters/dynamodb/client.ts';
import { createTableAndWait } from '#local/table-schema.ts';
import { leaseEmulator } from './emulator-pool.ts';

export interface TestTable {
  doc: DynamoDBDocumentClient;
  tableName: string;
  endpoint: string;
  /** Drops and recreates the table: each test file or test starts from empty. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * A real in-memory dynalite, empty, from the worker's pool (tests/support/emulator-pool.ts), with the table created
 * from the same definition as production; close() empties it and gives it back.
 */
export async function startTestTable(): Promise<TestTable> {
  const server = await leaseEmulator('dynalite');
  const endpoint = `http://127.0.0.1:${server.port}`;
  const doc = makeDocumentClient({ region: 'us-east-1', endpoint });
  const tableName = `datewatch-test-${process.pid}-${counter++}`;
  try {
    await createTableAndWait(doc, tableName);
  } catch (err) {
    doc.destroy();
    await server.close();
    throw err;
  }
  return {
    doc,
    tableName,
    endpoint,
    async reset() {
      await doc.send(new DeleteTableCommand({ TableName: tableName })).catch(notFoundIsFine);
      // dynalite deletes a table asynchronously (DELETING, as DynamoDB does): creating it again before it is gone fails.
      for (let waited = 0; await exists(doc, tableName); waited += 20) {
        if (waited > 30_000) throw new Error(`table ${tableName} is still there 30 s after DeleteTable`);
        await new Promise((r) => setTimeout(r, 20));
      }
      await createTableAndWait(doc, tableName);
    },
    async close() {
      doc.destroy();
      await server.close();
    },
  };
}

export { freePort };

const notFoundIsFine = (err: { name?: string }) => { if (err.name !== 'ResourceNotFoundException') throw err; };

async function exists(doc: DynamoDBDocumentClient, tableName: string): Promise<boolean> {
  try {
    await doc.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (err) {
    notFoundIsFine(err as { name?: string });
    return false;
  }
}
