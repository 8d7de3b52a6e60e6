import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { loadConfig, type Config } from '#lambdas/config.ts';
import type { Mailer } from '#ports/mailer.ts';
import type { SendQueue } from '#ports/send-queue.ts';
import { makeDocumentClient } from './dynamodb/client.ts';
import { makeSesClient, makeSesMailer } from './ses/mailer.ts';
import { makeSqsSendQueue } from './sqs/send-queue.ts';
import { makeRealTimeThrottle } from './real-time-throttle.ts';
import { systemClock } from './system-clock.ts';
import { buildDeliveryDependencies, buildDependencies, type BaseDependencies } from './dependencies.ts';
import type { TokenKeys } from './subscription-dependencies.ts';

/*
 * The composition roots on AWS: configuration from the environment, keys from Secrets Manager. There is one
 * per kind of Lambda, and each handler imports its own statically, so that esbuild leaves out of a bundle the
 * AWS SDK clients that Lambda never calls (SES only where mail is sent, SQS only in the dispatcher): a client
 * is about 50-90 KB minified and is loaded at every cold start.
 */

/** Public API: subscriptions send the confirmation email. */
export async function awsPublicApiDependencies() {
  const config = loadConfig();
  return buildDependencies(await awsBase(config, sesMailer(config)));
}

/** Admin API: events, subscriber lookup and erasure, delivery status; it sends no mail. */
export async function awsAdminApiDependencies() {
  const config = loadConfig();
  return buildDependencies(await awsBase(config, sendsNoMail('admin-api')));
}

/** SES events (bounces and complaints) and the seed custom resource: DynamoDB only, no mail. */
export async function awsStoreDependencies(lambda: string) {
  const config = loadConfig();
  return buildDependencies(await awsBase(config, sendsNoMail(lambda)));
}

/** Dispatcher: pages readers into SQS; renders and sends nothing itself. */
export async function awsDispatcherDependencies() {
  const config = loadConfig();
  if (!config.sendQueueUrl) throw new Error('Missing required environment variable SEND_QUEUE_URL');
  const base = await awsBase(config, sendsNoMail('dispatcher'));
  return delivery(config, base, makeSqsSendQueue(new SQSClient({ region: config.region }), config.sendQueueUrl)).dispatch;
}

/** Sender: claims, renders and sends through SES; it never queues. */
export async function awsSenderDependencies() {
  const config = loadConfig();
  const base = await awsBase(config, sesMailer(config));
  const noQueue: SendQueue = { sendAll: () => Promise.reject(new Error('the sender Lambda does not queue messages')) };
  return delivery(config, base, noQueue).processMessage;
}

async function awsBase(config: Config, mailer: Mailer): Promise<BaseDependencies> {
  return {
    doc: makeDocumentClient({ region: config.region, endpoint: config.dynamodbEndpoint }),
    tableName: config.tableName,
    mailer,
    clock: systemClock,
    tokenKeys: await readTokenKeys(config.region, config.tokenSecretName),
    publicBaseUrl: config.publicBaseUrl,
    sender: config.sender,
  };
}

function sesMailer(config: Config): Mailer {
  return makeSesMailer(makeSesClient({ region: config.region, endpoint: config.sesEndpoint }), { configurationSet: config.sesConfigurationSet });
}

/** For the Lambdas whose use cases never mail: a call here is a wiring mistake, not a transient failure. */
function sendsNoMail(lambda: string): Mailer {
  return { sendRaw: () => Promise.reject(new Error(`the ${lambda} Lambda sends no mail`)) };
}

function delivery(config: Config, base: BaseDependencies, queue: SendQueue) {
  return buildDeliveryDependencies(base, buildDependencies(base), {
    queue,
    throttle: makeRealTimeThrottle(config.sendRatePerSecond),
    recipientsPerMessage: config.recipientsPerMessage,
  });
}

/** The secret holds {"current": "…", "previous": "…"}; during a rotation both verify, only current signs. */
async function readTokenKeys(region: string, secretName: string | undefined): Promise<TokenKeys> {
  if (!secretName) throw new Error('Missing required environment variable TOKEN_SECRET_NAME');
  const client = new SecretsManagerClient({ region });
  const out = await client.send(new GetSecretValueCommand({ SecretId: secretName }));
  const parsed = JSON.parse(out.SecretString ?? '{}') as Partial<TokenKeys>;
  if (!parsed.current) throw new Error(`secret ${secretName} has no "current" key`);
  return { current: parsed.current, ...(parsed.previous ? { previous: parsed.previous } : {}) };
}
