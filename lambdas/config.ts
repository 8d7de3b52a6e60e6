import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
/**
 * Every environment variable the Lambdas read, one small reader per concern. A composition root calls only
 * the readers its Lambda needs, so a variable the stack forgot fails that Lambda's cold start with its name
 * (on AWS and locally alike), never later with an `undefined` deep in a call.
 */
export type Env = Readonly<Record<string, string | undefined>>;

/** How the SDK clients reach AWS: Lambda sets region and the role's credentials; the local stack sets them too. */
export interface AwsAccess {
  region: string;
  /** Set on one machine only (the standard AWS_ENDPOINT_URL): the local gateway that checks IAM. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** On one machine only: the local gateway's in-process transport, so the SDK's calls cross no socket. */
  requestHandler?: AwsRequestHandler;
}

/** What an SDK client takes as `requestHandler` (the same type for every client). */
export type AwsRequestHandler = NonNullable<DynamoDBClientConfig['requestHandler']>;

export function readAwsAccess(env: Env): AwsAccess {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  return {
    region: required(env, 'AWS_REGION'),
    endpoint: env.AWS_ENDPOINT_URL || undefined,
    // The Lambda runtime's variables, read from the env we were given rather than process.env, so several
    // local functions in one process each sign as their own role.
    credentials: accessKeyId && secretAccessKey
      ? { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) }
      : undefined,
  };
}

/** Set by the Lambda runtime (and by the local stack): named on every log line. */
export const readFunctionName = (env: Env): string => required(env, 'AWS_LAMBDA_FUNCTION_NAME');

/** The X-Ray trace header Lambda sets for each invocation (read per log line, since it changes with each). */
export const readTraceHeader = (env: Env): string | undefined => env._X_AMZN_TRACE_ID || undefined;

/**
 * The least severe application log level to write: what Lambda's advanced logging controls set in
 * AWS_LAMBDA_LOG_LEVEL (TRACE, DEBUG, INFO, WARN, ERROR or FATAL), as Powertools Logger honoured it. Unset or
 * unknown: INFO, every line this service writes.
 */
export function readLogLevel(env: Env): 'INFO' | 'WARN' | 'ERROR' {
  const level = env.AWS_LAMBDA_LOG_LEVEL?.trim().toUpperCase();
  if (level === 'WARN') return 'WARN';
  if (level === 'ERROR' || level === 'FATAL') return 'ERROR';
  return 'INFO';
}

export const readTableName = (env: Env): string => required(env, 'TABLE_NAME');

/** The Secrets Manager secret (its ARN) holding the link-signing keys. */
export const readTokenSecret = (env: Env): string => required(env, 'TOKEN_SECRET_NAME');

/** The secret (its ARN) holding the suppression keys: keyed hashes of suppressed mailboxes, IPs and limit counters. */
export const readSuppressionSecret = (env: Env): string => required(env, 'SUPPRESSION_SECRET_NAME');

/** Base URL readers see in links, e.g. https://news.example.com (no trailing slash). */
export const readPublicBaseUrl = (env: Env): string => required(env, 'PUBLIC_BASE_URL').replace(/\/+$/, '');

/**
 * How the editors' console (/console) signs in: through the Cognito hosted UI (authorization code with PKCE) on
 * AWS, or a token endpoint the local stack serves and names (CONSOLE_TOKEN_URL, set by its Lambda runtime) on one
 * machine. `redirectUri` is exactly the app client's callback.
 */
export type ConsoleSignIn =
  | { kind: 'local'; tokenUrl: string }
  | { kind: 'cognito'; domainUrl: string; clientId: string; redirectUri: string };

export function readConsoleSignIn(env: Env): ConsoleSignIn {
  const kind = required(env, 'CONSOLE_SIGN_IN');
  if (kind === 'local') return { kind, tokenUrl: required(env, 'CONSOLE_TOKEN_URL') };
  if (kind !== 'cognito') throw new Error(`Environment variable CONSOLE_SIGN_IN must be cognito or local, got "${kind}"`);
  return {
    kind,
    domainUrl: required(env, 'CONSOLE_AUTH_DOMAIN_URL').replace(/\/+$/, ''),
    clientId: required(env, 'CONSOLE_CLIENT_ID'),
    redirectUri: required(env, 'CONSOLE_REDIRECT_URI'),
  };
}

export interface MailConfig {
  sender: string;
  /** Every send names it, so SES routes bounces and complaints to ses-events. */
  configurationSet: string;
}

export function readMail(env: Env): MailConfig {
  return { sender: required(env, 'SENDER_EMAIL'), configurationSet: required(env, 'SES_CONFIGURATION_SET') };
}

/**
 * The secret CloudFront sends as a header when the public routes sit behind it (AWS WAF on): only then is the
 * viewer's address from CloudFront-Viewer-Address believed. Absent when the stack has no distribution.
 */
export const readOriginVerifySecret = (env: Env): string | undefined => env.ORIGIN_VERIFY_SECRET || undefined;

/**
 * Where Lambda put the function's package (LAMBDA_TASK_ROOT, set by the Lambda runtime): the static files lie there
 * beside the code. Unset on one machine, where a function reads its files where they were built.
 */
export const readTaskRoot = (env: Env): string | undefined => env.LAMBDA_TASK_ROOT || undefined;

/** The queue the public API hands subscribe requests to; the sign-up worker consumes it. */
export const readSignUpQueueUrl = (env: Env): string => required(env, 'SIGN_UP_QUEUE_URL');

export interface SendRateConfig {
  /** Emails per second one sender instance may hand to SES when the account's quota is unknown. */
  perInstance: number;
  /** Emails per second the whole sender never exceeds, whatever the account allows. */
  ceiling: number;
  /** Sender instances that may run at once (the event source's maximum concurrency), if the stack says. */
  instances?: number;
}

export function readSendRate(env: Env): SendRateConfig {
  return {
    perInstance: positiveNumber(env, 'SEND_RATE_PER_SECOND'),
    ceiling: positiveNumber(env, 'MAX_SEND_RATE_PER_SECOND'),
    // Optional until the stack sets it: without it each instance also keeps to SEND_RATE_PER_SECOND.
    ...(env.SENDER_MAX_CONCURRENCY ? { instances: positiveNumber(env, 'SENDER_MAX_CONCURRENCY') } : {}),
  };
}

export interface FanOutConfig {
  queueUrl: string;
  /** Recipients carried by one queue message. */
  recipientsPerMessage: number;
}

export function readFanOut(env: Env): FanOutConfig {
  return { queueUrl: required(env, 'SEND_QUEUE_URL'), recipientsPerMessage: positiveNumber(env, 'RECIPIENTS_PER_MESSAGE') };
}

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Missing required environment variable ${name}`);
  return value;
}

function positiveNumber(env: Env, name: string): number {
  const raw = required(env, name);
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`Environment variable ${name} must be a positive number, got "${raw}"`);
  return n;
}
