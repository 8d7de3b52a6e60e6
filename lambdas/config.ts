/**
 * Every environment variable the Lambdas read, read once and checked at start-up. A missing required
 * variable fails the cold start with its name, never later with an `undefined` deep in a call.
 */
export interface Config {
  tableName: string;
  /** Base URL readers see in links, e.g. https://news.example.com (no trailing slash). */
  publicBaseUrl: string;
  sender: string;
  sesConfigurationSet?: string;
  sendQueueUrl?: string;
  /** Name of the Secrets Manager secret holding the token-signing keys (AWS only). */
  tokenSecretName?: string;
  /** Emails per second the sender may hand to SES, per sender instance. */
  sendRatePerSecond: number;
  /** Recipients carried by one queue message. */
  recipientsPerMessage: number;
  /** Custom endpoints: set locally to reach dynalite and the SES emulator. */
  dynamodbEndpoint?: string;
  sesEndpoint?: string;
  region: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    tableName: required(env, 'TABLE_NAME'),
    publicBaseUrl: required(env, 'PUBLIC_BASE_URL').replace(/\/+$/, ''),
    sender: required(env, 'SENDER_EMAIL'),
    sesConfigurationSet: env.SES_CONFIGURATION_SET || undefined,
    sendQueueUrl: env.SEND_QUEUE_URL || undefined,
    tokenSecretName: env.TOKEN_SECRET_NAME || undefined,
    sendRatePerSecond: positiveNumber(env, 'SEND_RATE_PER_SECOND', 10),
    recipientsPerMessage: positiveNumber(env, 'RECIPIENTS_PER_MESSAGE', 50),
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    sesEndpoint: env.SES_ENDPOINT || undefined,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
  };
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Missing required environment variable ${name}`);
  return value;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`Environment variable ${name} must be a positive number, got "${raw}"`);
  return n;
}
