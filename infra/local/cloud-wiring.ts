import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SuppressionKeys } from '#core/suppressions.ts';
import type { TokenKeys } from '#core/tokens.ts';
import type { HttpHandler } from '#handlers/http/types.ts';
import type { BuildOptions } from '#lambdas/functions/build-options.ts';
import type { CloudModel } from './cloud/model.ts';
import type { LocalClock } from './clock.ts';
import type { LocalRoute } from './http-api.ts';
import { makeLocalFunction, type LocalFunction } from './lambda-runtime.ts';
import { makeLocalQueue, type LocalQueue } from './queue.ts';
import { createTablesFromTemplate } from './local-tables.ts';
import { makeLocalSecrets } from './local-secrets.ts';
import { parseRate } from './scheduler.ts';
import { dynamoDbProtocol } from './aws-endpoint/dynamodb.ts';
import { sesProtocol } from './aws-endpoint/ses.ts';
import { makeLocalSesAccount, type LocalSesAccount } from './aws-endpoint/ses-account.ts';
import { withMailboxSimulator } from './aws-endpoint/mailbox-simulator.ts';
import { sqsProtocol } from './aws-endpoint/sqs.ts';
import { secretsManagerProtocol } from './aws-endpoint/secrets-manager.ts';
import type { ServiceProtocol } from './aws-endpoint/types.ts';

export interface LocalCloud {
  tableName: string;
  functions: ReadonlyMap<string, LocalFunction>;
  routes: LocalRoute[];
  sendQueue: LocalQueue;
  schedule: { periodMs: number; fire(at: Date): Promise<unknown>; deadLetters: { at: string; error: string }[] };
  tokenKeys(): TokenKeys;
  suppressionKeys(): SuppressionKeys;
  /** Puts a new value in a secret of the template (an operator's rotation); warm functions pick it up within their cache's maximum age. */
  putSecretValue(arnOrName: string, value: string): void;
  /** A secret's value as the functions would read it (the local edge's origin header resolves through this). */
  secretValue(arnOrName: string): string;
  /** The ARN of the secret the functions read from this environment variable (TOKEN_SECRET_NAME, SUPPRESSION_SECRET_NAME). */
  secretArnOf(variable: string): string;
  services(endpoints: { dynamoEndpoint: string; sesUrl: string; outboxDir?: string }): Record<string, ServiceProtocol>;
  /** The local SES account: its send quota, and a fault to make it refuse as an account that is not ready. */
  sesAccount: LocalSesAccount;
  runCustomResources(): Promise<string[]>;
  publishSesNotification(notification: unknown): Promise<void>;
  /** Waits (at most timeoutMs) until the queues are empty and the mailbox simulator has published its events. */
  drainQueues(timeoutMs: number): Promise<void>;
}

/** Wires each local stand-in from the template: functions, routes, queues and their event source mappings, the schedule. */
export async function wireCloud({ model, clock, timeScale, log, handlerLog, dataDir, operatorDoc, runtime, wrap, awsRequestHandler, sesAccount: sesSettings,
  sesFeedback = true,
}: {
  model: CloudModel;
  clock: LocalClock;
  timeScale: number;
  log: (line: string) => void;
  handlerLog: (line: string) => void;
  dataDir?: string;
  operatorDoc: DynamoDBDocumentClient;
  runtime: { region: string; awsEndpoint: string };
  wrap: Pick<BuildOptions, 'wrapDocumentClient' | 'wrapSqsClient' | 'wrapMailer' | 'wrapStores'>;
  /** The AWS endpoint's in-process transport for every function's SDK clients; without it they call it over HTTP. */
  awsRequestHandler?: BuildOptions['awsRequestHandler'];
  sesAccount?: Partial<Omit<LocalSesAccount, 'sent'>>;
  /** Publish SES's sending events as the template's configuration set says (default); see LocalStackOptions. */
  sesFeedback?: boolean;
}): Promise<LocalCloud> {
  const tableName = await createTablesFromTemplate(operatorDoc, model);
  // A template synthesized for the SES sandbox makes the local account a sandbox one, with its verified recipients.
  const sandbox = model.sesSandbox
    && { productionAccessEnabled: false, verifiedRecipients: model.sesSandbox.verifiedRecipients };
  const sesAccount = makeLocalSesAccount({ ...sandbox, ...sesSettings });
  const secrets = makeLocalSecrets(model, dataDir);

  const functions = new Map<string, LocalFunction>();
  for (const spec of model.functions) {
    functions.set(spec.logicalId, makeLocalFunction(spec, runtime, { clock, log: handlerLog, ...wrap, ...(awsRequestHandler ? { awsRequestHandler } : {}) }));
  }
  const fn = (logicalId: string, what: string) => {
    const f = functions.get(logicalId);
    if (!f) throw new Error(`${what} targets function ${logicalId}, which the local stack does not run`);
    return f;
  };
  const secretArnOf = (variable: string) => {
    const arn = [...functions.values()].map((f) => f.env[variable]).find((v) => v);
    if (!arn) throw new Error(`no function of the template names ${variable}`);
    return arn;
  };

  // The HTTP API: every route of the template, with its authorizer, calling its function.
  const routes: LocalRoute[] = model.routes.map((r) => ({
    method: r.method, path: r.path, jwt: r.authorizationType === 'JWT',
    handler: fn(r.functionLogicalId ?? '?', `route ${r.routeKey}`).invoke as HttpHandler,
  }));

  // Queues with an event source mapping run their function; the mapping's and the queue's settings are the template's.
  const queues = new Map<string, { url: string; arn: string; queue: LocalQueue }>();
  for (const q of model.queues) {
    const mapping = model.eventSourceMappings.find((m) => m.eventSourceArn === q.arn);
    const consumer = mapping && fn(mapping.functionLogicalId, `the event source mapping of ${q.name}`);
    const queue = makeLocalQueue({
      arn: q.arn,
      handler: async (event) => {
        if (!consumer) return { batchItemFailures: [] };
        const out = await consumer.invoke(event);
        // Without ReportBatchItemFailures, Lambda ignores what the function returns: the batch succeeded.
        return mapping!.reportBatchItemFailures ? out : { batchItemFailures: [] };
      },
      batchSize: mapping?.batchSize ?? 10,
      concurrency: mapping?.maxConcurrency ?? 5,
      maxReceiveCount: q.redrive?.maxReceiveCount ?? Number.POSITIVE_INFINITY,
      visibilityTimeoutMs: (q.visibilityTimeoutSeconds * 1000) / timeScale,
    });
    if (!consumer) queue.enqueue = () => {}; // a dead-letter queue holds what it is given; nobody reads it here
    queues.set(q.arn, { url: q.url, arn: q.arn, queue });
  }
  // Several queues may feed functions (the send queue, the sign-up queue); the send queue is the one the sender consumes.
  const feedsSender = (arn: string) => model.eventSourceMappings.some((m) => m.eventSourceArn === arn && functions.get(m.functionLogicalId)?.spec.handler === 'sender');
  const consumed = [...queues.values()].filter((q) => feedsSender(q.arn));
  if (consumed.length !== 1) throw new Error(`expected one queue with an event source mapping to the sender, found ${consumed.length}`);
  const sendQueue = consumed[0]!.queue;

  // The schedule: its expression, its input with the scheduled time filled in, its retry policy.
  const [spec] = model.schedules;
  if (!spec) throw new Error('the template has no AWS::Scheduler::Schedule');
  const dispatcher = fn(spec.functionLogicalId ?? '?', 'the schedule');
  const scheduleDeadLetters: { at: string; error: string }[] = [];
  const schedule = {
    periodMs: parseRate(spec.expression),
    deadLetters: scheduleDeadLetters,
    async fire(at: Date) {
      const input = JSON.parse((spec.input ?? '{}').replaceAll('<aws.scheduler.scheduled-time>', at.toISOString()));
      try {
        return await invokeRetrying(dispatcher, input, spec.retryPolicy?.maximumRetryAttempts ?? 185, (attempt, err) =>
          handlerLog(JSON.stringify({ level: 'ERROR', msg: 'scheduled invocation failed', attempt, error: (err as Error).message })));
      } catch (err) {
        scheduleDeadLetters.push({ at: at.toISOString(), error: (err as Error).message });
        throw err;
      }
    },
  };

  const sesEvents = model.snsSubscriptions.filter((s) => s.functionLogicalId && functions.get(s.functionLogicalId)?.spec.handler === 'ses-events');

  /** The mailbox simulator's events not yet published (see drainQueues). */
  const sesPublishing = new Set<Promise<void>>();
  async function publishSesNotification(notification: unknown): Promise<void> {
    if (sesEvents.length === 0) throw new Error('no function of the template subscribes to SES events');
    for (const sub of sesEvents) {
      const event = {
        Records: [{
          EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: `${sub.topicArn}:${randomUUID()}`,
          Sns: {
            Type: 'Notification', MessageId: randomUUID(), TopicArn: sub.topicArn, Subject: null,
            Message: JSON.stringify(notification), Timestamp: clock.now().toISOString(), SignatureVersion: '1',
            Signature: 'local', SigningCertUrl: '', UnsubscribeUrl: '', MessageAttributes: {},
          },
        }],
      };
      // SNS invokes asynchronously: Lambda retries as the function's invoke config says (twice by default).
      const retries = model.invokeConfigs.find((c) => c.functionLogicalId === sub.functionLogicalId)?.maximumRetryAttempts ?? 2;
      try {
        await invokeRetrying(fn(sub.functionLogicalId!, 'the SNS subscription'), event, retries, () => {});
      } catch (err) {
        log(`ses-events failed ${retries + 1} times: ${(err as Error).message}`);
        throw err;
      }
    }
  }

  return {
    tableName,
    functions,
    routes,
    sendQueue,
    schedule,
    tokenKeys: () => JSON.parse(secrets.valueOf(secretArnOf('TOKEN_SECRET_NAME'))) as TokenKeys,
    suppressionKeys: () => JSON.parse(secrets.valueOf(secretArnOf('SUPPRESSION_SECRET_NAME'))) as SuppressionKeys,
    putSecretValue: (arnOrName, value) => secrets.put(arnOrName, value),
    secretValue: (arnOrName) => secrets.valueOf(arnOrName),
    secretArnOf,
    sesAccount,
    services: ({ dynamoEndpoint, sesUrl, outboxDir }) => ({
      dynamodb: dynamoDbProtocol(dynamoEndpoint),
      ses: withMailboxSimulator(sesProtocol(sesUrl, outboxDir, sesAccount), publishSesNotification, () => clock.now(),
        (err) => log(`mailbox simulator: ses-events failed: ${(err as Error).message}`),
        (type) => sesFeedback
          && model.sesEventDestinations.some((d) => d.enabled && d.eventTypes.includes(type.toLowerCase())),
        (publishing) => {
          sesPublishing.add(publishing);
          void publishing.finally(() => sesPublishing.delete(publishing));
        }),
      sqs: sqsProtocol([...queues.values()].map((q) => ({ url: q.url, arn: q.arn, enqueue: (bodies) => q.queue.enqueue(bodies) }))),
      secretsmanager: secretsManagerProtocol(secrets.list),
    }),
    async runCustomResources() {
      const lines: string[] = [];
      for (const cr of model.customResources) {
        const target = cr.userFunctionLogicalId ? functions.get(cr.userFunctionLogicalId) : undefined;
        if (!target) continue;
        const out = await target.invoke({
          RequestType: 'Create', ServiceToken: cr.serviceToken, ResponseURL: 'http://127.0.0.1/unused',
          StackId: `arn:aws:cloudformation:${runtime.region}:000000000000:stack/${cr.stack}/local`, RequestId: randomUUID(),
          LogicalResourceId: cr.logicalId, ResourceType: cr.type, ResourceProperties: { ...cr.properties, ServiceToken: cr.serviceToken },
        }) as { Data?: Record<string, unknown> };
        lines.push(`${cr.logicalId} (${cr.type}) ran ${target.spec.logicalId}: ${JSON.stringify(out?.Data ?? {})}`);
      }
      return lines;
    },
    publishSesNotification,
    async drainQueues(timeoutMs) {
      // The queues, then SES's events of the mail they sent (which ses-events takes without a queue), until both rest.
      const all = (async () => {
        do {
          await Promise.all([...queues.values()].map((q) => q.queue.drain()));
          await Promise.all([...sesPublishing]);
        } while (sesPublishing.size > 0);
      })();
      const timeout = new Promise<void>((r) => setTimeout(r, timeoutMs).unref());
      await Promise.race([all, timeout]);
    },
  };
}

/** An invocation retried as its caller does (the Scheduler's retry policy, Lambda's async retries); the last failure is thrown. */
async function invokeRetrying(target: LocalFunction, event: unknown, retries: number, onFailure: (attempt: number, err: unknown) => void): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await target.invoke(event);
    } catch (err) {
      onFailure(attempt, err);
      if (attempt > retries) throw err;
    }
  }
}
