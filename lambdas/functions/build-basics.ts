import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeCloudWatchTelemetry } from '#adapters/cloudwatch/telemetry.ts';
import type { TableStores } from '#adapters/dynamodb/table-stores.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { readSecretString } from '#adapters/secrets/token-keys.ts';
import type { EdgeTrust } from '#handlers/http/client-ip.ts';
import {
  readAwsAccess, readFunctionName, readOriginVerifySecret, readTraceHeader, readLogLevel,
  type AwsAccess, type AwsRequestHandler, type Env,
} from '#lambdas/config.ts';
import { ORIGIN_VERIFY_HEADER } from '#lambdas/edge-header.ts';
import type { Clock } from '#ports/clock.ts';
import type { Mailer } from '#ports/mailer.ts';
import type { InvocationTelemetry } from '#ports/telemetry.ts';

/*
 * What every function's build uses, apart from the table, queue and mail clients (build-options.ts): a function
 * with no table (static-files, proposals) imports this module alone, so no store or schema comes into its bundle.
 */

/**
 * What a function's `build` may be given besides its environment. On AWS nothing: the system clock and the
 * real clients. On one machine the local clock and log, and in tests and the chaos run wrappers around the
 * clients and stores, where faults are injected without module mocking.
 */
export interface BuildOptions {
  clock?: Clock;
  wrapDocumentClient?: (doc: DynamoDBDocumentClient) => DynamoDBDocumentClient;
  wrapSqsClient?: (sqs: SQSClient) => SQSClient;
  wrapMailer?: (mailer: Mailer) => Mailer;
  /** Around the table's stores a function uses (each its own few), e.g. one store replaced by a faulty one. */
  wrapStores?: <S extends Partial<TableStores>>(stores: S) => S;
  /** Where the function's log and metric lines go instead of stdout (CloudWatch on AWS): the local handler log. */
  log?: (line: string) => void;
  /** The local gateway's in-process transport for every SDK client (none on AWS). */
  awsRequestHandler?: AwsRequestHandler;
}

/** The function's AWS access (its environment's region, endpoint and role), with the local transport when given. */
export const awsAccessOf = (env: Env, options: BuildOptions): AwsAccess =>
  ({ ...readAwsAccess(env), ...(options.awsRequestHandler ? { requestHandler: options.awsRequestHandler } : {}) });

export const clockOf = (options: BuildOptions): Clock => options.clock ?? systemClock;

/** JSON logs and EMF metrics on stdout, named for the function; locally they go to the handler log. */
export const telemetryOf = (env: Env, options: BuildOptions): InvocationTelemetry => makeCloudWatchTelemetry({
  functionName: readFunctionName(env), traceHeader: () => readTraceHeader(env), level: readLogLevel(env),
  ...(options.log ? { sink: options.log } : {}),
});

/** CloudFront's origin header and its value, when the stack puts the API behind the edge (ORIGIN_VERIFY_SECRET). */
export async function edgeTrustOf(env: Env, access: AwsAccess): Promise<EdgeTrust | undefined> {
  const secretId = readOriginVerifySecret(env);
  return secretId ? { header: ORIGIN_VERIFY_HEADER, value: await readSecretString(access, secretId) } : undefined;
}
