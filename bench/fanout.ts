/**
 * Fan-out: one reminder to N confirmed readers through the very dispatcher → queue → sender of the local stack,
 * against dynalite and the SES emulator (child processes). Measured in the same run and at the same
 * concurrency: each emulator's raw rate, and from the counted calls per email the rate they allow.
 */
import { makeTableStores } from '#adapters/dynamodb/table-stores.ts';
import { untilAllProcessed } from '#adapters/unprocessed.ts';
import { BatchWriteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SendRawEmailCommand } from '@aws-sdk/client-ses';
import { makeDocumentClient } from '#adapters/dynamodb/client.ts';
import { makeSesClient } from '#adapters/ses/mailer.ts';
import { reminderDueAt } from '#core/due.ts';
import type { Subscriber } from '#core/model/subscriber.ts';
import { subscriberIdOf } from '#core/subscriber-id.ts';
import type { Mailer } from '#ports/mailer.ts';
import { freePort } from '#local/free-port.ts';
import { clearSesStore } from '#local/ses-emulator.ts';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '#local/stack.ts';
import {
  childProcesses, collectGarbage, inBatches, loadAverage, ownCpuMs, processCpuMs, profileStretch, progress, rateOf, round, sampleRss,
} from './lib.ts';
import { dynamoCounts, meterDocumentClient, resetDynamoCounts, type DynamoCounts } from './meter.ts';

const EVENT_ID = 'abe-putin-summit-yamaguchi';

export interface FanoutSettings {
  senderConcurrency: number;
  recipientsPerMessage: number;
  sendRatePerSecond: number;
  /**
   * SES's Delivery events handled by ses-events in the same process (BENCH_SES_FEEDBACK=1). Off by default: the
   * fan-out is dispatcher → SQS → sender → SES; on AWS the feedback runs in ses-events' own Lambdas, and it costs
   * about as much again per email here (see the README's Performance section).
   */
  sesFeedback?: boolean;
}

export interface FanoutRun {
  readers: number;
  zone: string;
  emailsSent: number;
  queuedMessages: number;
  seconds: number;
  emailsPerSecond: number;
  dispatcherSeconds: number;
  ownCpuMsPerEmail: number;
  dynaliteCpuMsPerEmail: number;
  sesEmulatorCpuMsPerEmail: number;
  peakRssMiB: number;
  deadLetters: number;
  dynamo: DynamoCounts;
  dynamoCallsPerEmail: number;
  sesCallsPerEmail: number;
  loadSeconds: number;
  /** The machine's 1-minute load average when the run ended: above 2 means other work shared the two cores. */
  loadAverageAtEnd: number;
}

export interface RawRates {
  concurrency: number;
  sesSendsPerSecond: number;
  dynaliteWritesPerSecond: number;
  rawMessageBytes: number;
}

export interface FanoutResult {
  settings: FanoutSettings;
  runs: FanoutRun[];
  raw: RawRates;
  /** min(SES rate / SES calls per email, dynalite rate / DynamoDB calls per email), for the largest run. */
  allowedEmailsPerSecond: number;
  limitedBy: 'SES emulator' | 'dynalite';
  achievedOfAllowed: number;
}

/** Counts SES calls, keeps one raw message for the raw-rate test, and empties the emulator's store as it goes. */
/** Counts every send of every function's mailer (the public API's and the sender's roots each wrap their own). */
export function meteredMailers(sesPort: number) {
  const state = { sends: 0, sample: '' as string };
  let clearing: Promise<void> | undefined;
  const wrap = (inner: Mailer): Mailer => ({
    async sendRaw(message) {
      const out = await inner.sendRaw(message);
      state.sends++;
      if (!state.sample) state.sample = message.raw;
      // The emulator keeps every message in memory: empty it every thousand sends, one clear at a time.
      if (state.sends % 1000 === 0 && !clearing) {
        clearing = clearSesStore(sesPort).catch(() => {}).finally(() => { clearing = undefined; });
      }
      return out;
    },
  });
  /** Waits for a clear still in flight, so that closing the stack does not cut it off. */
  const settle = async () => { await clearing; };
  return { wrap, state, settle };
}

/**
 * Writes readers 25 to a BatchWriteItem. The items are the subscriber store's own: its `put` runs against a
 * document client that only records what it would write, so the key layout lives in one place.
 */
export async function loadReaders(doc: DynamoDBDocumentClient, tableName: string, readers: Subscriber[]): Promise<void> {
  const items = new Map<string, Record<string, unknown>>();
  // The store also moves the readers' counters (an UpdateCommand with no Item); the fan-out does not read them.
  const recorder = {
    send: async (command: PutCommand) => {
      const item = command.input.Item;
      if (item) items.set(`${item.pk}|${item.sk}`, item);
      return {};
    },
  };
  const store = makeTableStores(recorder as unknown as DynamoDBDocumentClient, tableName).subscribers;
  for (const reader of readers) await store.put(reader, undefined);
  const all = [...items.values()];
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < all.length; i += 25) batches.push(all.slice(i, i + 25));
  await inBatches(batches, 8, async (batch) => {
    await untilAllProcessed(batch.map((Item) => ({ PutRequest: { Item } })), async (pending) => {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      return (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }, { attempts: 9, baseDelayMs: 0, what: 'writes dynalite left unprocessed' });
  });
}

export function makeReaders(zone: string, from: number, to: number): Subscriber[] {
  const at = '2016-11-20T00:00:00.000Z';
  return Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    const email = `reader-${zone.replace(/\W/g, '-').toLowerCase()}-${i}@bench.example.com`;
    return {
      id: subscriberIdOf(email), email, status: 'active',
      preferences: { timeZone: zone, reminders: ['P1D'], digest: 'none', events: 'all' },
      consent: { requestedAt: at, requestIpHash: 'bench', requestUserAgent: 'bench', confirmedAt: at },
      createdAt: at, updatedAt: at, confirmedAt: at,
    };
  });
}

/** The bench's sizing, given to the CDK app as deploy-time context so the template carries it. */
export function fanoutContext(s: FanoutSettings): Record<string, string> {
  return { senderMaxConcurrency: String(s.senderConcurrency), recipientsPerMessage: String(s.recipientsPerMessage), sendRatePerSecond: String(s.sendRatePerSecond), maxSendRate: String(s.sendRatePerSecond * s.senderConcurrency) };
}

export async function benchFanout({ sizes = [10_000, 100_000], settings, stackOptions = {} }: {
  sizes?: number[]; settings: FanoutSettings; stackOptions?: Pick<LocalStackOptions, 'awsOverHttp'>;
}): Promise<FanoutResult> {
  const [port, sesPort, dynamoPort] = [await freePort(), await freePort(), await freePort()];
  const metered = meteredMailers(sesPort);
  const ses = makeSesClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${sesPort}` });
  progress(`fan-out: starting the local stack (sender concurrency ${settings.senderConcurrency}, ${settings.recipientsPerMessage} readers a message, rate limit ${settings.sendRatePerSecond}/s, SES feedback ${settings.sesFeedback ? 'on' : 'off'})`);
  const stack: LocalStack = await startLocalStack({
    port, sesPort, dynamoPort, clockMode: 'manual', context: fanoutContext(settings),
    // No local outbox (a developer's copy of every message on disk): it is not part of what runs on AWS.
    outbox: false,
    // The pipeline's capacity, not an SES quota: the local SES account allows whatever the bench asks for.
    sesAccount: { maxSendRate: settings.sendRatePerSecond * settings.senderConcurrency },
    wrap: { wrapMailer: metered.wrap, wrapDocumentClient: meterDocumentClient },
    sesFeedback: settings.sesFeedback ?? false,
    ...stackOptions,
  });
  const doc = makeDocumentClient({ region: 'us-east-1', endpoint: stack.dynamoEndpoint });
  const children = childProcesses();
  const pidOf = (name: string) => [...children].find(([, cmd]) => cmd.includes(name))?.[0] ?? 0;
  const dynalitePid = pidOf('dynalite');
  const sesPid = pidOf('aws-ses-v2-local');
  try {
    const event = await stack.deps.eventStore.get(EVENT_ID);
    if (!event) throw new Error(`the story event ${EVENT_ID} was not seeded`);
    const zones = ['Asia/Tokyo', 'Europe/Moscow', 'America/New_York'];
    const runs: FanoutRun[] = [];
    let raw: RawRates | undefined;
    for (const [i, n] of sizes.entries()) {
      const zone = zones[i]!;
      progress(`fan-out: loading ${n} confirmed readers in ${zone}`);
      const l0 = performance.now();
      // In slices, so that the loader's own objects are not what the memory peak below measures.
      for (let from = 0; from < n; from += 10_000) await loadReaders(doc, stack.cloud.tableName, makeReaders(zone, from, Math.min(n, from + 10_000)));
      progress(`fan-out: loaded ${n} readers`);
      const loadSeconds = (performance.now() - l0) / 1000;
      const at = reminderDueAt(event, 'P1D', zone);
      await clearSesStore(sesPort);
      collectGarbage();
      resetDynamoCounts();
      const sends0 = metered.state.sends;
      // BENCH_CPU_PROFILE=<dir>: where our CPU goes in the dispatch alone (started before the CPU is read).
      const stopProfile = await profileStretch(`fanout-${n}`);
      const cpu0 = ownCpuMs();
      const dyn0 = processCpuMs(dynalitePid);
      const ses0 = processCpuMs(sesPid);
      const rss = sampleRss();
      const dead0 = stack.queue.deadLetters.length;
      progress(`fan-out: dispatching the P1D reminder for ${zone} (${at.toISOString()}) to ${n} readers`);
      const watch = setInterval(() => progress(`fan-out: ${metered.state.sends - sends0}/${n} sent`), 10_000);
      const t0 = performance.now();
      const report = await stack.dispatch(at);
      const seconds = (performance.now() - t0) / 1000;
      clearInterval(watch);
      const emails = metered.state.sends - sends0;
      const counts = dynamoCounts();
      const cpu1 = ownCpuMs();
      await stopProfile();
      const run: FanoutRun = {
        readers: n, zone, emailsSent: emails, queuedMessages: report.queuedMessages, seconds: round(seconds, 1),
        emailsPerSecond: round(emails / seconds, 0),
        dispatcherSeconds: round(((counts.lastReaderPageAt || performance.now()) - t0) / 1000, 1),
        ownCpuMsPerEmail: round((cpu1 - cpu0) / emails, 3),
        dynaliteCpuMsPerEmail: round((processCpuMs(dynalitePid) - dyn0) / emails, 3),
        sesEmulatorCpuMsPerEmail: round((processCpuMs(sesPid) - ses0) / emails, 3),
        peakRssMiB: rss.stop(),
        deadLetters: stack.queue.deadLetters.length - dead0,
        dynamo: counts,
        dynamoCallsPerEmail: round(counts.total / emails, 3),
        sesCallsPerEmail: round(emails / Math.max(1, emails), 3),
        loadSeconds: round(loadSeconds, 1),
        loadAverageAtEnd: loadAverage(),
      };
      runs.push(run);
      progress(`fan-out: ${emails} emails in ${run.seconds} s = ${run.emailsPerSecond}/s; our CPU ${run.ownCpuMsPerEmail} ms/email; peak RSS ${run.peakRssMiB} MiB`);
      if (!raw) raw = await rawRates(stack, doc, ses, metered.state.sample, settings.senderConcurrency, sesPort);
    }
    const last = runs.at(-1)!;
    const bySes = raw!.sesSendsPerSecond / last.sesCallsPerEmail;
    const byDynamo = raw!.dynaliteWritesPerSecond / last.dynamoCallsPerEmail;
    const allowed = Math.min(bySes, byDynamo);
    return {
      settings, runs, raw: raw!,
      allowedEmailsPerSecond: round(allowed, 0),
      limitedBy: bySes <= byDynamo ? 'SES emulator' : 'dynalite',
      achievedOfAllowed: round(last.emailsPerSecond / allowed, 2),
    };
  } finally {
    await metered.settle();
    doc.destroy();
    ses.destroy();
    await stack.close();
  }
}

/** Each emulator alone, at the sender's concurrency, with what the fan-out sends it: a real message, a ledger-sized item. */
async function rawRates(stack: LocalStack, doc: DynamoDBDocumentClient, ses: ReturnType<typeof makeSesClient>, sample: string, concurrency: number, sesPort: number): Promise<RawRates> {
  progress(`fan-out: raw SES emulator rate, SendRawEmail at concurrency ${concurrency}`);
  const data = Buffer.from(sample, 'utf8');
  await clearSesStore(sesPort);
  const sesRate = await rateOf(async (i) => {
    await ses.send(new SendRawEmailCommand({ RawMessage: { Data: data } }));
    if (i % 1000 === 999) await clearSesStore(sesPort);
  }, concurrency, 4000);
  await clearSesStore(sesPort);
  progress(`fan-out: raw dynalite rate, conditional PutItem of a ledger-like item at concurrency ${concurrency}`);
  const now = Date.now();
  const dynRate = await rateOf((i) => doc.send(new PutCommand({
    TableName: stack.cloud.tableName,
    Item: {
      pk: `JOB#bench-raw-rate`, sk: `TO#${i}`, status: 'INPROGRESS', claimId: `claim-${i}`, jobId: 'bench-raw-rate', subscriberId: String(i),
      leaseUntil: now + 300_000, claimedAt: new Date(now).toISOString(), gsi2pk: `DELIV#${i}`, gsi2sk: `${new Date(now).toISOString()}#bench`, ttl: 0,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  })), concurrency, 4000);
  const raw = { concurrency, sesSendsPerSecond: round(sesRate.perSecond, 0), dynaliteWritesPerSecond: round(dynRate.perSecond, 0), rawMessageBytes: data.length };
  progress(`fan-out: raw SES ${raw.sesSendsPerSecond}/s, dynalite ${raw.dynaliteWritesPerSecond} writes/s`);
  return raw;
}
