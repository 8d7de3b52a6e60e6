import { randomUUID } from 'node:crypto';
import type { Env } from '#lambdas/config.ts';
import { LOCAL_PATHS } from './local-routes.ts';
import { build as adminApi } from '#lambdas/functions/admin-api.ts';
import type { BuildOptions } from '#lambdas/functions/build-options.ts';
import { build as editorMail } from '#lambdas/functions/editor-mail.ts';
import { build as mailJobs } from '#lambdas/functions/mail-jobs.ts';
import { build as dispatcher } from '#lambdas/functions/dispatcher.ts';
import { build as proposals } from '#lambdas/functions/proposals.ts';
import { build as preferences } from '#lambdas/functions/preferences.ts';
import { build as publicApi } from '#lambdas/functions/public-api.ts';
import { build as publicPages } from '#lambdas/functions/public-pages.ts';
import { build as seed } from '#lambdas/functions/seed.ts';
import { build as sender } from '#lambdas/functions/sender.ts';
import { build as sesEvents } from '#lambdas/functions/ses-events.ts';
import { build as signUps } from '#lambdas/functions/sign-ups.ts';
import { build as staticFiles } from '#lambdas/functions/static-files.ts';
import { build as subscribe } from '#lambdas/functions/subscribe.ts';
import { build as subscriberCsv } from '#lambdas/functions/subscriber-csv.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Invoke = (event: any, context?: LocalContext) => Promise<any>;

/** What Lambda's context gives a handler here: its request, its name and the time left before the timeout. */
export interface LocalContext {
  awsRequestId: string;
  functionName: string;
  getRemainingTimeInMillis(): number;
}

/** Each function's `build`, the very one its exported `handler` runs on AWS, by the handler name in the template. */
const BUILDERS: Record<string, (env: Env, options: BuildOptions) => Promise<Invoke>> = {
  'public-pages': publicPages,
  subscribe,
  'public-api': publicApi,
  preferences,
  'static-files': staticFiles,
  'admin-api': adminApi,
  'subscriber-csv': subscriberCsv,
  'mail-jobs': mailJobs,
  'editor-mail': editorMail,
  proposals,
  dispatcher,
  sender,
  'ses-events': sesEvents,
  'sign-ups': signUps,
  seed,
};

export const knownHandlers = Object.keys(BUILDERS);

export interface LocalFunctionSpec {
  logicalId: string;
  name: string;
  handler: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
}

export interface LocalFunction {
  readonly spec: LocalFunctionSpec;
  /** The environment the function runs with: the template's, plus what the Lambda runtime itself would set. */
  readonly env: Env;
  invoke: Invoke;
  readonly stats: { coldStarts: number; invocations: number; errors: number; timeouts: number };
}

/**
 * The line Lambda's Node.js runtime writes (JSON log format) when a handler throws or the invocation times out:
 * the error's type, message and stack, under the request id. Only the error's own message: the domain errors
 * that may escape keep addresses out of theirs (e.g. MailerNotReadyError carries the SES code only).
 */
function invokeErrorLine(err: unknown, requestId: string, timestamp: string): string {
  const e = err instanceof Error ? err : new Error(String(err));
  if (e instanceof LambdaTimeoutError) return JSON.stringify({ timestamp, level: 'ERROR', requestId, message: e.message });
  return JSON.stringify({
    timestamp, level: 'ERROR', requestId, message: 'Invoke Error',
    errorType: e.name, errorMessage: e.message, stackTrace: (e.stack ?? '').split('\n').slice(1).map((l) => l.trim()),
  });
}

/** Thrown when an invocation outlives the function's timeout, as Lambda reports it. */
export class LambdaTimeoutError extends Error {
  constructor(seconds: number) { super(`Task timed out after ${seconds.toFixed(2)} seconds`); this.name = 'LambdaTimeoutError'; }
}

/**
 * One Lambda on this machine. Like Lambda, it runs one invocation per execution environment at a time: an
 * invocation takes an idle environment or starts a new one (a cold start, which builds the composition root;
 * a failing init is retried on the next invocation). So per-container state, such as the sender's share of
 * the send rate, is per concurrent invocation here as on AWS. Each invocation is bounded by the template's
 * timeout, and an environment that timed out is not reused.
 */
export function makeLocalFunction(spec: LocalFunctionSpec, runtime: { region: string; awsEndpoint: string }, options: BuildOptions): LocalFunction {
  const build = BUILDERS[spec.handler];
  if (!build) throw new Error(`function ${spec.logicalId} runs handler "${spec.handler}", which the local stack does not know (${knownHandlers.join(', ')})`);
  const env: Env = {
    ...spec.environment,
    AWS_REGION: runtime.region,
    AWS_DEFAULT_REGION: runtime.region,
    AWS_LAMBDA_FUNCTION_NAME: spec.name,
    // The role's session credentials: the gateway reads the key to know whose policies apply.
    AWS_ACCESS_KEY_ID: spec.logicalId,
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SESSION_TOKEN: `local-session-${spec.logicalId}`,
    AWS_ENDPOINT_URL: runtime.awsEndpoint,
    // The console's local sign-in (CONSOLE_SIGN_IN=local): where this stack hands out admin tokens.
    CONSOLE_TOKEN_URL: LOCAL_PATHS.consoleToken,
  };
  const stats = { coldStarts: 0, invocations: 0, errors: 0, timeouts: 0 };
  // Lambda stamps its own lines with the real time (the function's clock may be a replay or manual one).
  const clockTime = () => new Date().toISOString();
  const idle: Invoke[] = [];
  const timeoutMs = spec.timeoutSeconds * 1000;

  async function invoke(event: unknown) {
    stats.invocations++;
    const requestId = randomUUID();
    // Lambda's clock for the timeout is real time, whatever the function's business clock says.
    const deadline = Date.now() + timeoutMs;
    const context: LocalContext = {
      awsRequestId: requestId, functionName: spec.name,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    };
    let timer: NodeJS.Timeout | undefined;
    let reusable = true;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => { stats.timeouts++; reusable = false; reject(new LambdaTimeoutError(spec.timeoutSeconds)); }, timeoutMs);
    });
    let environment = idle.pop();
    try {
      if (!environment) {
        stats.coldStarts++;
        environment = await Promise.race([build!(env, options), timedOut]);
      }
      const fn = environment;
      return await Promise.race([fn(event, context), timedOut]);
    } catch (err) {
      stats.errors++;
      options.log?.(invokeErrorLine(err, requestId, clockTime()));
      throw err;
    } finally {
      clearTimeout(timer);
      if (environment && reusable) idle.push(environment);
    }
  }
  return { spec, env, invoke, stats };
}
