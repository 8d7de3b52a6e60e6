import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CloudModel } from './cloud/model.ts';
import { ensureTableOf } from './table-schema.ts';

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
    await ensureTableOf(client, input);
  }
  return model.tables[0]!.name;
}
