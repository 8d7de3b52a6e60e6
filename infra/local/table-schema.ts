import { CreateTableCommand, DescribeTableCommand, type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The single table's keys, for the tables tests and benches create in dynalite. The CDK stateful stack declares
 * the same keys (tests/integration/deploy-parity.test.ts holds them equal); the local stack creates its table
 * from the template, with `ensureTableOf` below.
 *
 * Items:  STORY#<id> / STORY           gsi1: STORIES / <publishedOn>#<id>
 *         EVENT#<id> / EVENT           gsi1: EVENTS / <endsAt>#<id> (still on at t: sk >= t), gsi3: STORY#<storyId> / <startsAt>#<id>
 *         STORY#<id> / UPDATE#<id>     an editor's update; gsi2: UPDATES / <createdAt>#<storyId>#<id> while pending,
 *                                      gsi3: UPDATES#<storyId> / <createdAt>#<id> (a story's updates)
 *         SUB#<id> / SUB               gsi1: ZONE#<tz>#<shard> / <id> (active readers only); id is random
 *                                      gsi2: SUBS#<shard> / <id> (every other status: the export lists them; TTL)
 *         ZONE#<tz> / ZONE             gsi2: ZONES / <tz> (the zones that have had active readers)
 *         ADDR#<hash> / ADDR           which subscription an address belongs to
 *         JOB#<id> / JOB               gsi2: JOBS / <dueAt>#<id>
 *         JOB#<id> / TO#<id>           the send ledger, one item per (job, reader); gsi2: DELIV#<subscriberId> / <at>#<job>
 *         JOBSTAT#<jobRef> / COUNTS     a job's figures (sent, skipped:<code>, delivered, bounced, complained), by ADD
 *         JOBSTAT#<jobRef> / SES#<id>#<type>  one SES event counted (its message id and type): a redelivery counts once
 *         AUDIENCE / COUNTS            readers' counters (total, zone:…, story:…, lang:…), ADD on each SUB write
 *         (gsi2 partitions: JOBS, ALERTS, ZONES, DELIV#…, SUBS#0…15; no two kinds share one)
 *         SUPPRESSED#<keyed hash> / SUPPRESSED, RATE#<key> / RATE, META#<name> / META
 */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  const s = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
  const gsi = (name: string) => ({
    IndexName: name,
    KeySchema: [{ AttributeName: `${name}pk`, KeyType: 'HASH' as const }, { AttributeName: `${name}sk`, KeyType: 'RANGE' as const }],
    Projection: { ProjectionType: 'ALL' as const },
  });
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [s('pk'), s('sk'), s('gsi1pk'), s('gsi1sk'), s('gsi2pk'), s('gsi2sk'), s('gsi3pk'), s('gsi3sk')],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    GlobalSecondaryIndexes: [gsi('gsi1'), gsi('gsi2'), gsi('gsi3')],
  };
}

/** Creates the table and waits until it is ACTIVE (DynamoDB and dynalite both create tables asynchronously). */
export async function createTableAndWait(client: DynamoDBClient | DynamoDBDocumentClient, tableName: string): Promise<void> {
  await createAndWait(client as DynamoDBClient, tableDefinition(tableName));
}

/** Creates the table unless it exists (the local stack keeps its data between runs). */
export async function ensureTable(client: DynamoDBClient | DynamoDBDocumentClient, tableName: string): Promise<void> {
  await ensureTableOf(client, tableDefinition(tableName));
}

/** Creates a table with these keys and indexes unless one of its name exists. */
export async function ensureTableOf(client: DynamoDBClient | DynamoDBDocumentClient, input: CreateTableCommandInput): Promise<void> {
  const raw = client as DynamoDBClient;
  try {
    await raw.send(new DescribeTableCommand({ TableName: input.TableName }));
  } catch (err) {
    if ((err as { name?: string }).name !== 'ResourceNotFoundException') throw err;
    await createAndWait(raw, input);
  }
}

async function createAndWait(client: DynamoDBClient, input: CreateTableCommandInput): Promise<void> {
  await client.send(new CreateTableCommand(input));
  for (let waited = 0; ; waited += 50) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (waited > 30_000) throw new Error(`table ${input.TableName} is not ACTIVE after 30 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
