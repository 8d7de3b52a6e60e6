import { CreateTableCommand, DescribeTableCommand, type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CloudModel } from './cloud/model.ts';

/**
 * Creates each AWS::DynamoDB::Table of the template in dynalite, with the template's keys and indexes (the
 * stack wins over any schema in code), unless it exists. Returns the one table's name.
 */
export async function createTablesFromTemplate(client: DynamoDBDocumentClient, model: CloudModel): Promise<string> {
  if (model.tables.length !== 1) throw new Error(`expected one table in the template, found ${model.tables.length}`);
  for (const table of model.tables) {
    const p = table.properties as Record<string, any>;
    const input: CreateTableCommandInput = {
      TableName: table.name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: p.AttributeDefinitions,
      KeySchema: p.KeySchema,
      ...(p.GlobalSecondaryIndexes ? {
        GlobalSecondaryIndexes: (p.GlobalSecondaryIndexes as Record<string, any>[]).map((g) => ({ IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection })),
      } : {}),
    };
    await ensure(client as unknown as DynamoDBClient, input);
  }
  return model.tables[0]!.name;
}

async function ensure(client: DynamoDBClient, input: CreateTableCommandInput): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: input.TableName }));
    return;
  } catch (err) {
    if ((err as { name?: string }).name !== 'ResourceNotFoundException') throw err;
  }
  await client.send(new CreateTableCommand(input));
  for (let waited = 0; ; waited += 50) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (waited > 30_000) throw new Error(`table ${input.TableName} is not ACTIVE after 30 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
