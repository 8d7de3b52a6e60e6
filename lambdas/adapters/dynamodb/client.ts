import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function isConditionFailure(err: unknown): boolean {
  return (err as { name?: string })?.name === 'ConditionalCheckFailedException';
}
