import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { loadConfig } from '#lambdas/config.ts';
import { makeSendThrottle } from '#core/send-throttle.ts';
import { makeDocumentClient } from './dynamodb/client.ts';
import { makeSesClient, makeSesMailer } from './ses/mailer.ts';
import { makeSqsSendQueue } from './sqs/send-queue.ts';
import { systemClock } from './system-clock.ts';
import { buildDeliveryDependencies, buildDependencies, type BaseDependencies } from './dependencies.ts';
import type { TokenKeys } from './subscription-dependencies.ts';

/** The composition root on AWS: configuration from the environment, keys from Secrets Manager. */
async function awsBase() {
  const config = loadConfig();
  const base: BaseDependencies = {
    doc: makeDocumentClient({ region: config.region, endpoint: config.dynamodbEndpoint }),
    tableName: config.tableName,
    mailer: makeSesMailer(makeSesClient({ region: config.region, endpoint: config.sesEndpoint }), { configurationSet: config.sesConfigurationSet }),
    clock: systemClock,
    tokenKeys: await readTokenKeys(config.region, config.tokenSecretName),
    publicBaseUrl: config.publicBaseUrl,
    sender: config.sender,
  };
  return { config, base };
}

export async function awsDependencies() {
  const { base } = await awsBase();
  return buildDependencies(base);
}

export async function awsDeliveryDependencies() {
  const { config, base } = await awsBase();
  if (!config.sendQueueUrl) throw new Error('Missing required environment variable SEND_QUEUE_URL');
  const deps = buildDependencies(base);
  const start = performance.now();
  return buildDeliveryDependencies(base, deps, {
    queue: makeSqsSendQueue(new SQSClient({ region: config.region }), config.sendQueueUrl),
    throttle: makeSendThrottle({
      ratePerSecond: config.sendRatePerSecond,
      elapsedMs: () => performance.now() - start,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    }),
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
