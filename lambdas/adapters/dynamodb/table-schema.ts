import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The single table's keys. The CDK stateful stack declares the same keys; the local stack creates the
 * table from this definition.
 *
 * Items:  EVENT#<id> / EVENT           gsi1: EVENTS / <startsAt>#<id>
 *         SUB#<hash> / SUB             gsi1: ZONE#<tz>#<shard> / <hash> (active readers only)
 *         JOB#<id> / JOB               gsi2: JOBS / <dueAt>#<id>
 *         JOB#<id> / TO#<hash>         the send ledger, one item per (job, reader)
 *         SUPPRESSED#<hash> / SUPPRESSED, RATE#<key> / RATE, META#<name> / META
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
    AttributeDefinitions: [s('pk'), s('sk'), s('gsi1pk'), s('gsi1sk'), s('gsi2pk'), s('gsi2sk')],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    GlobalSecondaryIndexes: [gsi('gsi1'), gsi('gsi2')],
  };
}
