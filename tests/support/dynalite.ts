import { freePort } from '#local/free-port.ts';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '#adapters/dynamodb/client.ts';
import { createTableAndWait } from '#adapters/dynamodb/table-schema.ts';
import { startDynalite } from '#local/dynalite.ts';

export interface TestTable {
  doc: DynamoDBDocumentClient;
  tableName: string;
  endpoint: string;
  /** Drops and recreates the table: each test file or test starts from empty. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

/** A real in-memory dynalite on a free port, with the table created from the same definition as production. */
export async function startTestTable(): Promise<TestTable> {
  const port = await freePort();
  const server = await startDynalite({ port });
  const endpoint = `http://127.0.0.1:${port}`;
  const doc = makeDocumentClient({ region: 'us-east-1', endpoint });
  const tableName = `datewatch-test-${process.pid}-${counter++}`;
  await createTableAndWait(doc, tableName);
  return {
    doc,
    tableName,
    endpoint,
    async reset() {
      await doc.send(new DeleteTableCommand({ TableName: tableName }));
      await createTableAndWait(doc, tableName);
    },
    async close() {
      doc.destroy();
      await server.close();
    },
  };
}

export { freePort };
