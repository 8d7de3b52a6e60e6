import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '#adapters/dynamodb/client.ts';
import { makeSesClient, makeSesMailer } from '#adapters/ses/mailer.ts';
import { systemClock } from '#adapters/system-clock.ts';
import type { AwsAccess, MailConfig } from '#lambdas/config.ts';
import type { Clock } from '#ports/clock.ts';
import type { Mailer } from '#ports/mailer.ts';
import type { SendLedger } from '#ports/send-ledger.ts';

/**
 * What a composition root may be given besides its environment. On AWS nothing: the system clock and the
 * real clients. On one machine the local clock, and in the chaos run fault injectors around the clients.
 */
export interface RootOptions {
  clock?: Clock;
  wrapDocumentClient?: (doc: DynamoDBDocumentClient) => DynamoDBDocumentClient;
  wrapMailer?: (mailer: Mailer) => Mailer;
  wrapLedger?: (ledger: SendLedger) => SendLedger;
  log?: (line: string) => void;
}

export const clockOf = (options: RootOptions): Clock => options.clock ?? systemClock;

export function documentClient(access: AwsAccess, options: RootOptions): DynamoDBDocumentClient {
  const doc = makeDocumentClient(access);
  return options.wrapDocumentClient ? options.wrapDocumentClient(doc) : doc;
}

/** SES through the configuration set, so bounces and complaints of every message reach ses-events. */
export function sesMailer(access: AwsAccess, mail: MailConfig, options: RootOptions): Mailer {
  const mailer = makeSesMailer(makeSesClient(access), { configurationSet: mail.configurationSet });
  return options.wrapMailer ? options.wrapMailer(mailer) : mailer;
}
