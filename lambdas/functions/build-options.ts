import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '#adapters/dynamodb/client.ts';
import { makeTableStores, type TableStores } from '#adapters/dynamodb/table-stores.ts';
import { makePowertoolsTelemetry } from '#adapters/powertools/telemetry.ts';
import { makeSesClient, makeSesMailer } from '#adapters/ses/mailer.ts';
import { makeSqsClient } from '#adapters/sqs/client.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { readSecretString } from '#adapters/secrets/token-keys.ts';
import type { EdgeTrust } from '#handlers/http/client-ip.ts';
import {
  readAwsAccess, readFunctionName, readOriginVerifySecret, type AwsAccess, type AwsRequestHandler, type Env, type MailConfig,
} from '#lambdas/config.ts';
import { ORIGIN_VERIFY_HEADER } from '#lambdas/routes.ts';
import type { Clock } from '#ports/clock.ts';
import type { Mailer } from '#ports/mailer.ts';
import type { InvocationTelemetry } from '#ports/telemetry.ts';

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
  /** Around the table's stores, e.g. one store replaced by a faulty one. */
  wrapStores?: (stores: TableStores) => TableStores;
  /** Where the function's log and metric lines go instead of stdout (CloudWatch on AWS): the local handler log. */
  log?: (line: string) => void;
  /** The local gateway's in-process transport for every SDK client (none on AWS). */
  awsRequestHandler?: AwsRequestHandler;
}

/** The function's AWS access (its environment's region, endpoint and role), with the local transport when given. */
export const awsAccessOf = (env: Env, options: BuildOptions): AwsAccess =>
  ({ ...readAwsAccess(env), ...(options.awsRequestHandler ? { requestHandler: options.awsRequestHandler } : {}) });

export const clockOf = (options: BuildOptions): Clock => options.clock ?? systemClock;

/** Powertools logs and EMF metrics, named for the function; locally they go to the handler log. */
export const telemetryOf = (env: Env, options: BuildOptions): InvocationTelemetry =>
  makePowertoolsTelemetry({ functionName: readFunctionName(env), ...(options.log ? { sink: options.log } : {}) });

function documentClient(access: AwsAccess, options: BuildOptions): DynamoDBDocumentClient {
  const doc = makeDocumentClient(access);
  return options.wrapDocumentClient ? options.wrapDocumentClient(doc) : doc;
}

/** The table's stores over one document client. */
export function tableStoresOf(access: AwsAccess, tableName: string, options: BuildOptions): TableStores {
  const stores = makeTableStores(documentClient(access, options), tableName);
  return options.wrapStores ? options.wrapStores(stores) : stores;
}

export function sqsClientOf(access: AwsAccess, options: BuildOptions): SQSClient {
  const sqs = makeSqsClient(access);
  return options.wrapSqsClient ? options.wrapSqsClient(sqs) : sqs;
}

/** SES through the configuration set, so bounces and complaints of every message reach ses-events. */
export function sesMailer(access: AwsAccess, mail: MailConfig, options: BuildOptions): Mailer {
  const mailer = makeSesMailer(makeSesClient(access), { configurationSet: mail.configurationSet });
  return options.wrapMailer ? options.wrapMailer(mailer) : mailer;
}

/** CloudFront's origin header and its value, when the stack puts the API behind the edge (ORIGIN_VERIFY_SECRET). */
export async function edgeTrustOf(env: Env, access: AwsAccess): Promise<EdgeTrust | undefined> {
  const secretId = readOriginVerifySecret(env);
  return secretId ? { header: ORIGIN_VERIFY_HEADER, value: await readSecretString(access, secretId) } : undefined;
}
