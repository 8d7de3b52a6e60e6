import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '#adapters/dynamodb/client.ts';
import { makePowertoolsTelemetry } from '#adapters/powertools/telemetry.ts';
import { makeSesClient, makeSesMailer } from '#adapters/ses/mailer.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { readSecretString } from '#adapters/secrets/token-keys.ts';
import type { EdgeTrust } from '#handlers/http/client-ip.ts';
import { readFunctionName, readOriginVerifySecret, type AwsAccess, type Env, type MailConfig } from '#lambdas/config.ts';
import { ORIGIN_VERIFY_HEADER } from '#lambdas/routes.ts';
import type { Clock } from '#ports/clock.ts';
import type { Mailer } from '#ports/mailer.ts';
import type { SendLedger } from '#ports/send-ledger.ts';
import type { InvocationTelemetry } from '#ports/telemetry.ts';

/**
 * What a composition root may be given besides its environment. On AWS nothing: the system clock and the
 * real clients. On one machine the local clock, and in the chaos run fault injectors around the clients.
 */
export interface RootOptions {
  clock?: Clock;
  wrapDocumentClient?: (doc: DynamoDBDocumentClient) => DynamoDBDocumentClient;
  wrapMailer?: (mailer: Mailer) => Mailer;
  wrapLedger?: (ledger: SendLedger) => SendLedger;
  /** Where the function's log and metric lines go instead of stdout (CloudWatch on AWS): the local handler log. */
  log?: (line: string) => void;
}

export const clockOf = (options: RootOptions): Clock => options.clock ?? systemClock;

/** Powertools logs and EMF metrics, named for the function; locally they go to the handler log. */
export const telemetryOf = (env: Env, options: RootOptions): InvocationTelemetry =>
  makePowertoolsTelemetry({ functionName: readFunctionName(env), ...(options.log ? { sink: options.log } : {}) });

export function documentClient(access: AwsAccess, options: RootOptions): DynamoDBDocumentClient {
  const doc = makeDocumentClient(access);
  return options.wrapDocumentClient ? options.wrapDocumentClient(doc) : doc;
}

/** SES through the configuration set, so bounces and complaints of every message reach ses-events. */
export function sesMailer(access: AwsAccess, mail: MailConfig, options: RootOptions): Mailer {
  const mailer = makeSesMailer(makeSesClient(access), { configurationSet: mail.configurationSet });
  return options.wrapMailer ? options.wrapMailer(mailer) : mailer;
}

/** CloudFront's origin header and its value, when the stack puts the API behind the edge (ORIGIN_VERIFY_SECRET). */
export async function edgeTrustOf(env: Env, access: AwsAccess): Promise<EdgeTrust | undefined> {
  const secretId = readOriginVerifySecret(env);
  return secretId ? { header: ORIGIN_VERIFY_HEADER, value: await readSecretString(access, secretId) } : undefined;
}
