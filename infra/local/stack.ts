import { join } from 'node:path';
import type { Server } from 'node:http';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '#adapters/dynamodb/client.ts';
import { ensureTable } from '#adapters/dynamodb/table-schema.ts';
import { makeSesClient, makeSesMailer } from '#adapters/ses/mailer.ts';
import { buildDeliveryDependencies, buildDependencies, type BaseDependencies, type Dependencies } from '#adapters/dependencies.ts';
import { makeDispatcherHandler } from '#handlers/dispatcher.ts';
import { makeSenderHandler } from '#handlers/sender.ts';
import { makeRealTimeThrottle } from '#adapters/real-time-throttle.ts';
import type { DispatchReport } from '#core/dispatcher.ts';
import type { Mailer } from '#ports/mailer.ts';
import { makePublicApi } from '#handlers/public-api.ts';
import { makeAdminApi } from '#handlers/admin-api.ts';
import { seedEvents } from '#core/seed.ts';
import { storyEvents } from '#core/story.ts';
import { startDynalite } from './dynalite.ts';
import { startSesEmulator } from './ses-emulator.ts';
import { makeLocalClock, type ClockMode, type LocalClock } from './clock.ts';
import { issueAdminToken, loadOrCreateSigningKey, makeLocalAuthorizer } from './local-auth.ts';
import { loadOrCreateTokenKeys } from './secrets.ts';
import { withOutbox } from './outbox-mailer.ts';
import { startHttpApi } from './http-api.ts';
import { makeLocalQueue, type LocalQueue } from './queue.ts';
import { startScheduler } from './scheduler.ts';
import type { ChildServer } from './child-server.ts';

export interface LocalStackOptions {
  port: number;
  sesPort: number;
  dynamoPort: number;
  /** Where dynalite's LevelDB, keys and the outbox live; undefined keeps everything in memory. */
  dataDir?: string;
  clockMode: ClockMode;
  clockSpeed?: number;
  sender?: string;
  tableName?: string;
  log?: (line: string) => void;
  /** Where the Lambda handlers' own log lines go (CloudWatch on AWS); silent by default. */
  handlerLog?: (line: string) => void;
  /** Emails per second handed to SES (the emulator has no quota to read). */
  sendRatePerSecond?: number;
  recipientsPerMessage?: number;
  senderConcurrency?: number;
  /** Seeds the confirmed demo reader so the replay clock fills the inbox with no typing. */
  demoReader?: boolean;
  /** Replaces the mailer (the chaos run wraps it with faults). */
  wrapMailer?: (mailer: Mailer) => Mailer;
  /** Wraps the handlers' DynamoDB document client (the chaos run injects throttling and dropped connections). */
  wrapDocumentClient?: (doc: DynamoDBDocumentClient) => DynamoDBDocumentClient;
}

export interface LocalStack {
  apiUrl: string;
  sesUrl: string;
  dynamoEndpoint: string;
  clock: LocalClock;
  deps: Dependencies;
  queue: LocalQueue;
  /** Runs the scheduler's handler once for `at` (moving a manual clock there) and waits until its mail is processed. */
  dispatch(at: Date): Promise<DispatchReport>;
  /** A token the running stack accepts for /admin/* (what `npm run admin-token` prints). */
  adminToken(options?: Parameters<typeof issueAdminToken>[1]): Promise<string>;
  close(): Promise<void>;
}

/** Starts the emulators, creates the table, seeds the story and serves the API: the one-machine stack. */
export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const log = opts.log ?? (() => {});
  const tableName = opts.tableName ?? 'datewatch';
  const started: { close(): Promise<void> }[] = [];
  try {
    const dynamo: ChildServer = await startDynalite({ port: opts.dynamoPort, path: opts.dataDir && join(opts.dataDir, 'dynamodb') });
    started.push(dynamo);
    const ses = await startSesEmulator({ port: opts.sesPort });
    started.push(ses);
    const dynamoEndpoint = `http://127.0.0.1:${opts.dynamoPort}`;
    const rawDoc = makeDocumentClient({ region: 'us-east-1', endpoint: dynamoEndpoint });
    await ensureTable(rawDoc, tableName);
    const doc = opts.wrapDocumentClient ? opts.wrapDocumentClient(rawDoc) : rawDoc;

    const clock = makeLocalClock(opts.clockMode, { speed: opts.clockSpeed });
    const sesClient = makeSesClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${opts.sesPort}` });
    const outboxDir = join(opts.dataDir ?? join(process.cwd(), '.local'), 'outbox');
    const sesMailer = withOutbox(makeSesMailer(sesClient), outboxDir);
    const mailer = opts.wrapMailer ? opts.wrapMailer(sesMailer) : sesMailer;
    const apiUrl = `http://127.0.0.1:${opts.port}`;
    const base: BaseDependencies = {
      doc, tableName, mailer, clock,
      tokenKeys: loadOrCreateTokenKeys(opts.dataDir && join(opts.dataDir, 'token-keys.json')),
      publicBaseUrl: apiUrl,
      sender: opts.sender ?? 'Datewatch <alerts@datewatch.local>',
    };
    const deps = buildDependencies(base);

    // SQS + the sender Lambda, in process; the queue calls the very handler the event source mapping would.
    let processMessage: ReturnType<typeof buildDeliveryDependencies>['processMessage'] | undefined;
    const senderHandler = makeSenderHandler((m) => processMessage!(m), opts.handlerLog ?? (() => {}));
    const queue = makeLocalQueue({ handler: senderHandler, concurrency: opts.senderConcurrency ?? 2 });
    const delivery = buildDeliveryDependencies(base, deps, {
      queue,
      recipientsPerMessage: opts.recipientsPerMessage ?? 50,
      throttle: makeRealTimeThrottle(opts.sendRatePerSecond ?? 50),
    });
    processMessage = delivery.processMessage;
    const dispatcherHandler = makeDispatcherHandler(delivery.dispatch, opts.handlerLog ?? (() => {}));
    let dispatching: Promise<unknown> = Promise.resolve();
    const dispatch = async (at: Date): Promise<DispatchReport> => {
      if (clock.mode === 'manual') clock.set(at);
      // One dispatcher run at a time, like the one-minute schedule; then wait for its mail.
      const run = dispatching.then(() => dispatcherHandler({ scheduledTime: at.toISOString() }));
      dispatching = run.catch(() => {});
      const report = await run;
      await queue.drain();
      return report;
    };

    const seeded = await seedEvents({ events: deps.eventStore, clock }, storyEvents);
    log(`seeded the story: ${seeded.created.length} created, ${seeded.kept.length} already there`);
    if (opts.demoReader) {
      const demo = await deps.seedDemoReader();
      log(`demo reader ${demo.email} (${demo.preferences.timeZone}) is ${demo.status}`);
    }

    const authKeyFile = opts.dataDir ? join(opts.dataDir, 'auth-key.json') : undefined;
    const authKeys = await loadOrCreateSigningKey(authKeyFile);
    const server: Server = await startHttpApi({
      port: opts.port,
      handlers: { publicApi: makePublicApi(deps), adminApi: makeAdminApi(deps) },
      authorize: makeLocalAuthorizer(authKeys),
      control: {
        'POST /_local/dispatch': async (query) => {
          const at = new Date(query.get('at') ?? '');
          if (Number.isNaN(at.getTime())) return localJson(400, { error: 'give ?at=<ISO-8601 instant>' });
          if (clock.mode !== 'manual') return localJson(409, { error: `the stack runs the ${clock.mode} clock; start it with CLOCK=manual to dispatch by hand` });
          if (at < clock.now()) return localJson(409, { error: `the clock is at ${clock.now().toISOString()} and does not go back` });
          const before = queue.stats.deliveries;
          const report = await dispatch(at);
          return localJson(200, { ...report, deliveries: queue.stats.deliveries - before, deadLetters: queue.deadLetters.length });
        },
      },
    });
    started.push({ close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) });
    if (clock.mode !== 'manual') {
      const scheduler = startScheduler({ clock, dispatch: (at) => dispatch(at), onError: (err) => log(`dispatch failed: ${(err as Error).message}`) });
      started.push({ close: () => scheduler.stop() });
    }

    return {
      apiUrl, sesUrl: `http://127.0.0.1:${opts.sesPort}`, dynamoEndpoint, clock, deps, queue, dispatch,
      adminToken: (options) => issueAdminToken(authKeys, options),
      async close() {
        for (const s of started.reverse()) await s.close();
        rawDoc.destroy();
        sesClient.destroy();
      },
    };
  } catch (err) {
    for (const s of started.reverse()) await s.close().catch(() => {});
    throw err;
  }
}

function localJson(statusCode: number, body: unknown) {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
