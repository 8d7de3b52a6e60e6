import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '#adapters/dynamodb/client.ts';
import { makeStores } from '#adapters/dynamodb/stores.ts';
import type { StoreMakers, TableStores } from '#adapters/dynamodb/table-stores.ts';
import { makeSesClient, makeSesMailer } from '#adapters/ses/mailer.ts';
import { makeSqsClient } from '#adapters/sqs/client.ts';
import type { AwsAccess, MailConfig } from '#lambdas/config.ts';
import type { Mailer } from '#ports/mailer.ts';
import type { BuildOptions } from './build-basics.ts';

export { awsAccessOf, clockOf, edgeTrustOf, telemetryOf, type BuildOptions } from './build-basics.ts';

function documentClient(access: AwsAccess, options: BuildOptions): DynamoDBDocumentClient {
  const doc = makeDocumentClient(access);
  return options.wrapDocumentClient ? options.wrapDocumentClient(doc) : doc;
}

/**
 * The table's stores a function uses, over one document client: its root names each with its maker
 * (`{ events: makeDynamoEventStore }`), so its bundle carries those adapters and no other.
 */
export function tableStoresOf<K extends keyof StoreMakers>(
  access: AwsAccess, tableName: string, options: BuildOptions, makers: Pick<StoreMakers, K>,
): Pick<TableStores, K> {
  const stores = makeStores(documentClient(access, options), tableName, makers) as Pick<TableStores, K>;
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

