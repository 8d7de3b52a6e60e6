import { join } from 'node:path';
import type { Server } from 'node:http';
import type { App } from 'aws-cdk-lib';
import { makeDocumentClient } from '#adapters/dynamodb/client.ts';
import type { DispatchReport } from '#core/dispatcher.ts';
import type { BuildOptions } from '#lambdas/functions/build-options.ts';
import { startDynalite } from './dynalite.ts';
import { startSesEmulator } from './ses-emulator.ts';
import { makeLocalClock, type ClockMode, type LocalClock } from './clock.ts';
import { issueAdminToken, loadOrCreateSigningKey, makeLocalAuthorizer } from './local-auth.ts';
import { startHttpApi } from './http-api.ts';
import type { LocalQueue } from './queue.ts';
import { startScheduler } from './scheduler.ts';
import { freePort } from './free-port.ts';
import { synthTemplates } from './cloud/synth.ts';
import type { CloudModel } from './cloud/model.ts';
import { readCloud } from './cloud/read-cloud.ts';
import { makeIamGuard, type IamGuard } from './cloud/iam-guard.ts';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './cloud/environment.ts';
import { startAwsGateway } from './aws-endpoint/server.ts';
import { makeInProcessHandler } from './aws-endpoint/in-process.ts';
import { wireCloud, type LocalCloud } from './cloud-wiring.ts';
import { isSesFaultName, SES_FAULTS, type LocalSesAccount } from './aws-endpoint/ses-account.ts';
import { makeOperatorAccess, type OperatorAccess } from './operator.ts';
import { seedDemoReader } from './demo-reader.ts';
import { makeLocalEdge, resolveSecretReferences } from './edge.ts';

export interface LocalStackOptions {
  port: number;
  sesPort: number;
  dynamoPort: number;
  /** The local AWS gateway's port (IAM-checked endpoint of every function's SDK); a free one when not given. */
  gatewayPort?: number;
  /** Where dynalite's LevelDB, secrets, keys and the outbox live; undefined keeps everything in memory. */
  dataDir?: string;
  clockMode: ClockMode;
  clockSpeed?: number;
  /** The wall clock a replay or real clock runs from (Date.now); a test passes its own so nothing rides on timing. */
  realNow?: () => number;
  /**
   * AWS seconds per local second for the queue's visibility timeout and the schedule's retries: the template's
   * values, run faster. Defaults: the replay speed, 1 on the real clock, 1000 on the manual clock.
   */
  timeScale?: number;
  /** CDK context for the synth, as `-c key=value` would give it (e.g. a faster send rate for a benchmark). */
  context?: Record<string, string>;
  /** Changes the CDK app before synthesis (tests remove a grant this way); never cached. */
  customizeApp?: (app: App) => void;
  log?: (line: string) => void;
  /** Where the Lambda handlers' own log lines go (CloudWatch on AWS); silent by default. */
  handlerLog?: (line: string) => void;
  /** Seeds the confirmed demo reader so the replay clock fills the inbox with no typing. */
  demoReader?: boolean;
  /** Keep a copy of every sent message in `<dataDir>/outbox` (default true). */
  outbox?: boolean;
  /** The local SES account's quota and state (GetAccount's answer); a generous production account by default. */
  sesAccount?: Partial<Omit<LocalSesAccount, 'sent'>>;
  /**
   * The functions' SDK clients call the gateway over HTTP, as they did before it took calls in process: the same
   * reading, IAM decision and logs either way; for comparing the two (the bench) and nothing else.
   */
  awsOverHttp?: boolean;
  /**
   * SES's Delivery, Bounce and Complaint events reach ses-events as the template's configuration set publishes them
   * (default true). A bench turns them off to measure the send path alone: on AWS that feedback runs in ses-events'
   * own Lambda instances, not in the sender's.
   */
  sesFeedback?: boolean;
  /** AWS's round trips, simulated in the gateway per service (dynamodb, ses, sqs, secretsmanager): for benches only. */
  awsLatencyMs?: Partial<Record<string, number>>;
  /**
   * dynalite and the SES emulator already listening on dynamoPort and sesPort (the tests' pool of emulator
   * processes): the stack uses them instead of starting its own, and calls their close() as it closes. An
   * in-memory dynalite only (no dataDir).
   */
  emulators?: { dynamo?: { close(): Promise<void> }; ses?: { close(): Promise<void> } };
  /** Fault injection for the chaos run, handed to every function's composition root. */
  wrap?: Pick<BuildOptions, 'wrapDocumentClient' | 'wrapSqsClient' | 'wrapMailer' | 'wrapStores'>;
}

export interface LocalStack {
  apiUrl: string;
  sesUrl: string;
  dynamoEndpoint: string;
  gatewayUrl: string;
  clock: LocalClock;
  /** The operator's direct access to the data (around IAM, as the console would be). */
  deps: OperatorAccess;
  /** The send queue, fed by the dispatcher through SQS, consumed by the sender's event source mapping. */
  queue: LocalQueue;
  cloud: LocalCloud;
  model: CloudModel;
  iam: IamGuard;
  /** Runs the scheduler's target once for `at` (moving a manual clock there) and waits until its mail is processed. */
  dispatch(at: Date): Promise<DispatchReport>;
  /** Publishes an SES notification to the topic the configuration set reports to; its subscribers run. */
  publishSesNotification(notification: unknown): Promise<void>;
  /** A token the running stack accepts for /admin/* (what `npm run admin-token` prints). */
  adminToken(options?: Parameters<typeof issueAdminToken>[1]): Promise<string>;
  close(): Promise<void>;
}

/**
 * Synthesizes the CDK app and runs what it deploys on this machine: dynalite and the SES emulator behind an
 * IAM-checking AWS gateway, each function from its own template resource, the HTTP API's routes, the send
 * queue's event source mapping, the schedule and the SNS subscription.
 */
export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const log = opts.log ?? (() => {});
  const handlerLog = opts.handlerLog ?? (() => {});
  const started: { name: string; close(): Promise<void> }[] = [];
  if (opts.emulators?.dynamo && opts.dataDir) throw new Error('a dynalite given to the stack is in memory: no dataDir');
  try {
    // The console signs in through POST /_local/console-token here, not the Cognito hosted UI.
    const templates = synthTemplates({ context: { consoleSignIn: 'local', ...opts.context }, customize: opts.customizeApp });
    // The two emulators start side by side (each is a process of its own); whichever started is closed on a failure.
    const [dynamo, ses] = await Promise.allSettled([
      opts.emulators?.dynamo
        ?? startDynalite({ port: opts.dynamoPort, path: opts.dataDir && join(opts.dataDir, 'dynamodb') }),
      opts.emulators?.ses ?? startSesEmulator({ port: opts.sesPort }),
    ]);
    if (dynamo.status === 'fulfilled') started.push({ name: 'dynalite', close: () => dynamo.value.close() });
    if (ses.status === 'fulfilled') started.push({ name: 'ses emulator', close: () => ses.value.close() });
    for (const s of [dynamo, ses]) if (s.status === 'rejected') throw s.reason;
    const dynamoEndpoint = `http://127.0.0.1:${opts.dynamoPort}`;
    const sesUrl = `http://127.0.0.1:${opts.sesPort}`;
    const apiUrl = `http://127.0.0.1:${opts.port}`;
    const gatewayPort = opts.gatewayPort ?? await freePort();
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;

    // A synth given a region (-c region, for the edge) writes it into ARNs: the local stack then runs in that region.
    const region = opts.context?.region ?? LOCAL_REGION;
    const model = readCloud(await templates, { region, accountId: LOCAL_ACCOUNT_ID, apiUrl, awsEndpoint: gatewayUrl });
    const iam = makeIamGuard(model, { log: (line) => handlerLog(line) });
    const clock = makeLocalClock(opts.clockMode, { speed: opts.clockSpeed, realNow: opts.realNow });
    const timeScale = opts.timeScale ?? (clock.mode === 'replay' ? opts.clockSpeed ?? 3600 : clock.mode === 'real' ? 1 : 1000);
    const operatorDoc = makeDocumentClient({ region, endpoint: dynamoEndpoint });

    // Each function's SDK hands its calls to the gateway in this process: no socket, no HTTP parse on the way in.
    const inProcess = makeInProcessHandler();
    const cloud = await wireCloud({
      model, clock, timeScale, log, handlerLog, dataDir: opts.dataDir, operatorDoc,
      ...(opts.awsOverHttp ? {} : { awsRequestHandler: inProcess.handler }),
      runtime: { region, awsEndpoint: gatewayUrl }, wrap: opts.wrap ?? {}, sesAccount: opts.sesAccount,
      sesFeedback: opts.sesFeedback,
    });
    const gateway = await startAwsGateway({
      port: gatewayPort, iam, latencyMs: opts.awsLatencyMs,
      services: cloud.services({ dynamoEndpoint, sesUrl, outboxDir: opts.outbox === false ? undefined : join(opts.dataDir ?? join(process.cwd(), '.local'), 'outbox') }),
      log: handlerLog,
    });
    inProcess.attach(gateway);
    started.push({ name: 'aws gateway', close: () => { inProcess.detach(); return gateway.close(); } });
    started.push({ name: 'queues', close: () => cloud.drainQueues(10_000) });

    const seeded = await cloud.runCustomResources();
    for (const line of seeded) log(line);
    const deps = makeOperatorAccess({ doc: operatorDoc, tableName: cloud.tableName, tokenKeys: cloud.tokenKeys(), suppressionKeys: cloud.suppressionKeys(), publicBaseUrl: apiUrl, clock });
    if (opts.demoReader) {
      const demo = await seedDemoReader(deps);
      log(`demo reader ${demo.email} (${demo.preferences.timeZone}) is ${demo.status}`);
    }

    let dispatching: Promise<unknown> = Promise.resolve();
    const dispatch = async (at: Date): Promise<DispatchReport> => {
      if (clock.mode === 'manual') clock.set(at);
      // One run at a time, like the one-minute schedule; then wait for its mail.
      const run = dispatching.then(() => cloud.schedule.fire(at));
      dispatching = run.catch(() => {});
      const report = await run as DispatchReport;
      await cloud.sendQueue.drain();
      // And the SES events of that mail (deliveries, bounces, complaints), which land a moment later.
      await cloud.drainQueues(10_000);
      return report;
    };

    const authKeys = await loadOrCreateSigningKey(opts.dataDir ? join(opts.dataDir, 'auth-key.json') : undefined);
    // With -c region (as `cdk deploy` resolves one) the template has the reader edge: requests go through it here too.
    const [edgeSpec, ...moreEdges] = model.edges;
    if (moreEdges.length) throw new Error('the local stack serves one CloudFront distribution');
    const edge = edgeSpec && makeLocalEdge(edgeSpec, (v) => resolveSecretReferences(v, cloud.secretValue));
    if (edge) log(`requests pass through the edge built from ${edgeSpec!.logicalId} (${edgeSpec!.behaviours.map((b) => b.pathPattern).join(', ')})`);
    const server: Server = await startHttpApi({
      port: opts.port,
      ...(edge ? { edge } : {}),
      routes: cloud.routes,
      authorize: makeLocalAuthorizer(authKeys),
      onError: (routeKey, err) => handlerLog(JSON.stringify({ level: 'ERROR', msg: 'invocation failed', routeKey, error: (err as Error).message })),
      // Keyed by the /_local/ table (local-routes.ts): a missing, extra or misspelled endpoint fails to compile.
      control: {
        'POST /_local/dispatch': async (query) => {
          const at = new Date(query.get('at') ?? '');
          if (Number.isNaN(at.getTime())) return localJson(400, { error: 'give ?at=<ISO-8601 instant>' });
          if (clock.mode !== 'manual') return localJson(409, { error: `the stack runs the ${clock.mode} clock; start it with CLOCK=manual to dispatch by hand` });
          if (at < clock.now()) return localJson(409, { error: `the clock is at ${clock.now().toISOString()} and does not go back` });
          const before = cloud.sendQueue.stats.deliveries;
          const report = await dispatch(at);
          return localJson(200, { ...report, deliveries: cloud.sendQueue.stats.deliveries - before, deadLetters: cloud.sendQueue.deadLetters.length });
        },
        // The console's "Sign in locally": what `npm run admin-token` prints. No CORS headers, so no other site can read it.
        'POST /_local/console-token': async () => localJson(200, { token: await issueAdminToken(authKeys) }, { 'cache-control': 'no-store' }),
        'GET /_local/iam': async () => localJson(200, iam.report()),
        'GET /_local/ses': async () => localJson(200, cloud.sesAccount),
        // ?fault=sandbox|account-paused|…|none makes SES refuse every send as an account that is not ready; ?maxSendRate= sets the quota.
        'POST /_local/ses': async (query) => {
          const fault = query.get('fault');
          if (fault !== null && fault !== 'none' && !isSesFaultName(fault)) return localJson(400, { error: `fault is none or one of ${Object.keys(SES_FAULTS).join(', ')}` });
          const rate = query.get('maxSendRate');
          if (rate !== null && !(Number(rate) > 0)) return localJson(400, { error: 'maxSendRate must be a positive number' });
          if (fault !== null) cloud.sesAccount.fault = fault === 'none' ? undefined : fault as LocalSesAccount['fault'];
          if (rate !== null) cloud.sesAccount.maxSendRate = Number(rate);
          return localJson(200, cloud.sesAccount);
        },
      },
    });
    // Stops taking requests first and waits for those in flight, before anything they call goes away.
    started.push({ name: 'http api', close: () => closeServer(server) });
    if (clock.mode !== 'manual') {
      clock.restart();
      const scheduler = startScheduler({
        clock, periodMs: cloud.schedule.periodMs, dispatch: (at) => dispatch(at),
        onError: (err) => log(`dispatch failed: ${(err as Error).message}`),
      });
      started.push({ name: 'scheduler', close: () => scheduler.stop() });
    }

    return {
      apiUrl, sesUrl, dynamoEndpoint, gatewayUrl, clock, deps, queue: cloud.sendQueue, cloud, model, iam, dispatch,
      publishSesNotification: (n) => cloud.publishSesNotification(n),
      adminToken: (options) => issueAdminToken(authKeys, options),
      async close() {
        // Reverse order of starting: the API and the clock stop first, queued mail drains, then the gateway and the emulators.
        for (const s of started.reverse()) await s.close();
        started.length = 0;
        operatorDoc.destroy();
      },
    };
  } catch (err) {
    for (const s of started.reverse()) await s.close().catch(() => {});
    throw err;
  }
}

function localJson(statusCode: number, body: unknown, headers: Record<string, string> = {}) {
  return { statusCode, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** Stops accepting, lets requests in flight finish, and closes each kept-alive connection as soon as it is idle. */
function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 20);
    server.close(() => { clearInterval(sweep); resolve(); });
    server.closeIdleConnections();
  });
}
