import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type {
  APIGatewayEventRequestContextJWTAuthorizer, CloudFormationCustomResourceEvent, SNSEvent, SQSEvent,
} from 'aws-lambda';
import type { HttpEvent } from '#handlers/http/types.ts';
import { DATEWATCH_ESBUILD, handlerEntry, repoRoot } from '../../infra/aws/datewatch-function.ts';
import { ASSET_FILES } from '#lambdas/asset-files.ts';
import type { LocalFunction } from '#local/lambda-runtime.ts';
import type { LocalStack } from '#local/stack.ts';

/** Every entry file under lambdas/functions/ that the stack deploys as a function. */
export const HANDLERS = [
  'public-pages', 'subscribe', 'public-api', 'preferences', 'static-files', 'admin-api', 'subscriber-csv', 'mail-jobs',
  'editor-mail', 'proposals',
  'sign-ups', 'dispatcher', 'sender', 'ses-events', 'seed',
] as const;
export type HandlerName = (typeof HANDLERS)[number];

const RUNNER = fileURLToPath(new URL('./bundle-runner.mjs', import.meta.url));

/**
 * Every handler's entry with the options CDK's NodejsFunction passes to esbuild, in one esbuild run: each entry is
 * its own output, as `<name>/index.mjs` (the asset's layout); without code splitting esbuild writes the same bytes
 * for an entry built with others as for one built alone (bundles.test.ts checks one), and parses the modules the
 * bundles share (the AWS SDK, the core) once instead of fifteen times.
 */
export function entryPointsByAsset(handlers: readonly HandlerName[] = HANDLERS): Record<string, string> {
  return Object.fromEntries(handlers.map((name) => [`${name}/index`, handlerEntry(name)]));
}

/**
 * Builds each handler's bundle as CDK builds it, each into its own folder as the asset would be
 * (`<dir>/<handler>/index.mjs`), with the files beside the code.
 */
export async function buildBundles(dir: string): Promise<{ files: Record<HandlerName, string>; ms: number }> {
  const started = performance.now();
  await build({
    ...DATEWATCH_ESBUILD, entryPoints: entryPointsByAsset(), outdir: dir, outExtension: { '.js': '.mjs' },
    logLevel: 'silent',
  });
  const built = await Promise.all(HANDLERS.map(async (name) => {
    // The files beside the code, as the stack's afterBundling hook puts them into the asset.
    await copyAssetFiles(name, join(dir, name));
    return [name, join(dir, name, 'index.mjs')] as const;
  }));
  return { files: Object.fromEntries(built) as Record<HandlerName, string>, ms: performance.now() - started };
}

/** One handler built alone, as `cdk synth` builds each function (`<dir>/index.mjs`). */
export async function buildOneBundle(handler: HandlerName, dir: string): Promise<string> {
  const outfile = join(dir, 'index.mjs');
  await build({ ...DATEWATCH_ESBUILD, entryPoints: [handlerEntry(handler)], outfile, logLevel: 'silent' });
  return outfile;
}

/** What `assetFileCommands` (the CDK hook) does: each of the function's files (lambdas/asset-files.ts) into its asset. */
export async function copyAssetFiles(handler: HandlerName, assetDir: string): Promise<void> {
  await Promise.all(Object.entries(ASSET_FILES[handler] ?? {}).map(async ([name, path]) => {
    await mkdir(dirname(join(assetDir, name)), { recursive: true });
    await copyFile(join(repoRoot, path), join(assetDir, name));
  }));
}

/** The local stack's function that runs `handler`, as the template declares it. */
export function functionFor(stack: LocalStack, handler: HandlerName): LocalFunction {
  const fn = [...stack.cloud.functions.values()].find((f) => f.spec.handler === handler);
  if (!fn) throw new Error(`the template has no function running ${handler}`);
  return fn;
}

/** What Lambda gives the function's process: its environment and a PATH, nothing of ours. */
export function lambdaEnvironment(fn: LocalFunction): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(fn.env)) if (value !== undefined) env[name] = value;
  return { ...env, PATH: process.env.PATH ?? '/usr/bin:/bin' };
}

/** A failed invocation: the handler's error as the runner reported it (Lambda's errorType and errorMessage), and the logs. */
export class BundleInvocationError extends Error {
  readonly errorType: string;
  /** The handler's stack trace as the function logs it (source-mapped when NODE_OPTIONS says so). */
  readonly errorStack: string;
  constructor(readonly handler: string, readonly logs: string, readonly exitCode: number | null) {
    // The runner's last act is one JSON line; a warning Node emits on its way out may still follow it.
    const reported = logs.split('\n').reverse().find((line) => line.startsWith('{"errorType"'));
    const { errorType = 'Unknown', errorMessage = logs.trim().split('\n').at(-1) ?? '', stack = '' } =
      reported ? JSON.parse(reported) as { errorType?: string; errorMessage?: string; stack?: string } : {};
    super(`${handler} failed (exit ${exitCode}): ${errorType}: ${errorMessage}`);
    this.name = 'BundleInvocationError';
    this.errorType = errorType;
    this.errorStack = stack;
  }
}

/**
 * One cold invocation of a built bundle in its own `node` process, under the function's environment and timeout:
 * the event goes in on stdin, the handler's JSON result comes back on stdout. Rejects with the logs if it throws.
 * `warm`: `event` is a list, handled in turn by one process (one warm container); the result is the list of results.
 */
export function invokeBundle<R = unknown>(
  file: string, fn: LocalFunction, event: unknown, mode: 'cold' | 'warm' = 'cold',
): Promise<{ result: R; logs: string }> {
  return new Promise((resolve, reject) => {
    // LAMBDA_TASK_ROOT: the asset's folder, where Lambda unpacks index.mjs and the files beside it.
    const env = { ...lambdaEnvironment(fn), LAMBDA_TASK_ROOT: dirname(file) };
    const args = [RUNNER, file, ...(mode === 'warm' ? ['--warm'] : [])];
    const child = spawn(process.execPath, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    // Lambda stops the invocation at the template's timeout; a bundle that never returns must not hang the test.
    const timer = setTimeout(() => { stderr += `\nTask timed out after ${fn.spec.timeoutSeconds} seconds`; child.kill('SIGKILL'); }, fn.spec.timeoutSeconds * 1000);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new BundleInvocationError(fn.spec.handler, stderr, code));
      try {
        resolve({ result: JSON.parse(stdout) as R, logs: stderr });
      } catch {
        reject(new BundleInvocationError(fn.spec.handler, `stdout is not JSON: ${stdout.slice(0, 200)}\n${stderr}`, code));
      }
    });
    child.stdin.end(JSON.stringify(event));
  });
}

type JwtAuthorizer = APIGatewayEventRequestContextJWTAuthorizer;

/** An HTTP API payload v2 event, as API Gateway sends it to the route's integration. */
export function httpApiEvent(routeKey: string, init: {
  path?: string;
  headers?: Record<string, string>;
  /** Payload v2 moves the Cookie header here, one entry per cookie, and drops it from `headers`. */
  cookies?: string[];
  query?: Record<string, string>;
  pathParameters?: Record<string, string>;
  /** Sent base64-encoded, as HTTP API does for a form post. */
  body?: string;
  claims?: JwtAuthorizer['jwt']['claims'];
  sourceIp?: string;
} = {}): HttpEvent {
  const [method = 'GET', routePath = '/'] = routeKey.split(' ');
  const path = init.path ?? routePath;
  const query = new URLSearchParams(init.query ?? {}).toString();
  const now = Date.now();
  const userAgent = init.headers?.['user-agent'] ?? 'Mozilla/5.0 (X11; Linux x86_64) bundles-test';
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: query,
    ...(init.cookies ? { cookies: init.cookies } : {}),
    headers: {
      accept: '*/*', host: 'abc123.execute-api.us-east-1.amazonaws.com', 'user-agent': userAgent,
      'x-forwarded-for': init.sourceIp ?? '203.0.113.7', 'x-forwarded-port': '443', 'x-forwarded-proto': 'https',
      ...init.headers,
    },
    ...(init.query ? { queryStringParameters: init.query } : {}),
    ...(init.pathParameters ? { pathParameters: init.pathParameters } : {}),
    ...(init.body !== undefined ? { body: Buffer.from(init.body, 'utf8').toString('base64'), isBase64Encoded: true } : { isBase64Encoded: false }),
    requestContext: {
      accountId: '000000000000', apiId: 'abc123', domainName: 'abc123.execute-api.us-east-1.amazonaws.com', domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: init.sourceIp ?? '203.0.113.7', userAgent },
      requestId: randomUUID(), routeKey, stage: '$default', time: new Date(now).toUTCString(), timeEpoch: now,
      ...(init.claims ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: init.claims, scopes: [] } } } : {}),
    },
  } as HttpEvent;
}

/** An SQS event source mapping's batch: one record per body. */
export function sqsEvent(queueArn: string, bodies: { messageId: string; body: unknown }[]): SQSEvent {
  const sent = String(Date.now());
  return {
    Records: bodies.map(({ messageId, body }) => ({
      messageId,
      receiptHandle: `AQEB${Buffer.from(messageId).toString('base64')}`,
      body: JSON.stringify(body),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: sent, SenderId: 'AROAEXAMPLE:dispatcher', ApproximateFirstReceiveTimestamp: sent },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: queueArn.split(':')[3] ?? 'us-east-1',
    })),
  };
}

/** What SNS delivers to a subscribed Lambda: the publisher's message, as a JSON string, in an envelope. */
export function snsEvent(topicArn: string, message: unknown): SNSEvent {
  return {
    Records: [{
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
      Sns: {
        Type: 'Notification', MessageId: randomUUID(), TopicArn: topicArn, Subject: null as unknown as string,
        Message: JSON.stringify(message), Timestamp: new Date().toISOString(), SignatureVersion: '1', Signature: 'EXAMPLE',
        SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
        UnsubscribeUrl: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topicArn}`,
        MessageAttributes: {},
      },
    }],
  };
}

/** A CloudFormation custom-resource request for one of the template's custom resources. */
export function customResourceEvent(
  resource: { logicalId: string; type: string; serviceToken: string; stack: string; properties: Record<string, unknown> },
  request: { RequestType: 'Create' } | { RequestType: 'Update'; PhysicalResourceId: string } | { RequestType: 'Delete'; PhysicalResourceId: string },
): CloudFormationCustomResourceEvent {
  const common = {
    ServiceToken: resource.serviceToken,
    ResponseURL: 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/unused',
    StackId: `arn:aws:cloudformation:us-east-1:000000000000:stack/${resource.stack}/${randomUUID()}`,
    RequestId: randomUUID(),
    LogicalResourceId: resource.logicalId,
    ResourceType: resource.type,
    ResourceProperties: { ...resource.properties, ServiceToken: resource.serviceToken },
  };
  if (request.RequestType === 'Create') return { ...common, RequestType: 'Create' };
  if (request.RequestType === 'Update') return { ...common, ...request, OldResourceProperties: common.ResourceProperties };
  return { ...common, ...request };
}
