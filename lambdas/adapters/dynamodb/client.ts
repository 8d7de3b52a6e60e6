import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { reuseSigner } from '#adapters/aws-client.ts';
import type { AwsRequestHandler } from '#lambdas/config.ts';

export interface DynamoOptions {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** On one machine: the local gateway's in-process transport (see AwsAccess). */
  requestHandler?: AwsRequestHandler;
}

/** One document client per process; a custom endpoint points it at dynalite on one machine. */
export function makeDocumentClient({ region, endpoint, credentials, requestHandler }: DynamoOptions): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region,
    ...(endpoint ? { endpoint, credentials: credentials ?? { accessKeyId: 'local', secretAccessKey: 'local' } } : credentials ? { credentials } : {}),
    maxAttempts: 4,
    ...(requestHandler ? { requestHandler } : {}),
  });
  reuseSigner(client);
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function isConditionFailure(err: unknown): boolean {
  return (err as { name?: string })?.name === 'ConditionalCheckFailedException';
}

/** Every item a Query matches, page after page (DynamoDB answers at most 1 MB a page). */
export async function queryAllItems(
  doc: DynamoDBDocumentClient, input: QueryCommandInput,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/**
 * A partition's key condition with sort keys from `fromSort` (`''`: from the first) up to `untilSort` if given.
 * DynamoDB refuses an empty string as a key attribute's value, in a key condition too (dynalite takes it): "from
 * the first" is no condition on the sort key at all.
 */
export function sortRange(index: string, partition: string, fromSort: string, untilSort?: string) {
  const sort = fromSort === ''
    ? (untilSort === undefined ? '' : ` AND ${index}sk <= :until`)
    : (untilSort === undefined ? ` AND ${index}sk >= :from` : ` AND ${index}sk BETWEEN :from AND :until`);
  return {
    KeyConditionExpression: `${index}pk = :p${sort}`,
    ExpressionAttributeValues: {
      ':p': partition,
      ...(fromSort === '' ? {} : { ':from': fromSort }),
      ...(untilSort === undefined ? {} : { ':until': untilSort }),
    },
  };
}
