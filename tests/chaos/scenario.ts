/**
 * The chaos run: the local stack's real dispatcher, queue and sender deliver a story's reminders to many readers
 * across zones while SES throttles and fails, DynamoDB throttles and drops connections, senders are killed at
 * the three points that matter, queue messages arrive twice, instants are dispatched twice (also concurrently),
 * and the clock stops for three days. Then every mail SES accepted is held against what was expected.
 */
import { mkdtemp, readdir, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDispatcher } from '#core/dispatcher.ts';
import type { Subscriber } from '#core/model/subscriber.ts';
import { subscriberIdOf } from '#core/subscriber-id.ts';
import { limaSeed, SEED_STORY_ID } from '#core/model/story.ts';
import { startLocalStack, type LocalStack } from '#local/stack.ts';
import { freePort } from '#local/free-port.ts';
import { clearSesStore, readSesStore } from '#local/ses-emulator.ts';
import {
  duplicateSomeMessages, injectDynamoFaults, makeSenderChaos, seededRandom,
  type AcceptedSend, type DynamoFaultStats, type SenderChaosStats,
} from './faults.ts';
import { expectedMails, LEADS, sentKey, shiftDate, wallTimeToInstant, type Lead, type ModelEvent, type ModelReader } from './model.ts';

export const CHAOS_ZONES = [
  'Asia/Tokyo', 'Europe/Moscow', 'America/New_York', 'Europe/London', 'Australia/Sydney',
  'Asia/Kolkata', 'America/Los_Angeles', 'Pacific/Auckland', 'UTC', 'America/Sao_Paulo',
];

export interface ChaosOptions {
  readers: number;
  seed: number;
  sesThrottleRate: number;
  sesServerErrorRate: number;
  dynamoFaultRate: number;
  killRate: number;
  duplicateMessageRate: number;
  recipientsPerMessage?: number;
  senderConcurrency?: number;
  /** The readers' zones (each adds a dispatch tick a day); all of CHAOS_ZONES by default. */
  zones?: readonly string[];
  log?: (line: string) => void;
}

export const FULL_RUN: ChaosOptions = {
  readers: 10_000, seed: 20161119, sesThrottleRate: 0.2, sesServerErrorRate: 0.02, dynamoFaultRate: 0.05, killRate: 0.005, duplicateMessageRate: 0.05,
};

export interface DuplicateDetail { key: string; sends: number; inWindow: boolean; claims: string }

export interface ChaosResult {
  readers: number;
  ticks: number;
  expected: number;
  sentDistinct: number;
  acceptedBySes: number;
  sesStoreCount: number;
  lost: string[];
  duplicates: DuplicateDetail[];
  unexpected: { key: string; why: string }[];
  faults: SenderChaosStats & { dynamo: DynamoFaultStats; duplicatedMessages: number; doubleDispatches: number; concurrentDispatches: number; dispatchRetries: number };
  deadLetters: number;
  queue: { received: number; deliveries: number; retries: number };
  seconds: number;
}

const DOWNTIME = { from: new Date('2016-12-12T12:00:00Z'), to: new Date('2016-12-15T12:00:00Z') };
const FIRST_DAY = '2016-11-19';
const LAST_DAY = '2016-12-17';

export async function runChaos(opts: ChaosOptions): Promise<ChaosResult> {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const modelRandom = seededRandom(opts.seed);
  const faultRandom = seededRandom(opts.seed ^ 0x5eed);
  let faultsOn = false;
  const enabled = () => faultsOn;
  const dataDir = await mkdtemp(join(tmpdir(), 'datewatch-chaos-'));
  // One injector per function's client; the run reports their sum.
  const dynamoStatsPerClient: DynamoFaultStats[] = [];
  let stack: LocalStack | undefined;
  const chaos = makeSenderChaos({
    chaos: {
      throttleRate: opts.sesThrottleRate, serverErrorRate: opts.sesServerErrorRate,
      killBeforeClaim: opts.killRate, killAfterClaim: opts.killRate, killAfterSend: opts.killRate,
    },
    random: faultRandom, enabled, clock: () => stack!.clock,
  });
  try {
    stack = await startLocalStack({
      port: await freePort(), sesPort: await freePort(), dynamoPort: await freePort(), dataDir,
      clockMode: 'manual',
      context: {
        sendRatePerSecond: '100000', maxSendRate: '1000000', recipientsPerMessage: String(opts.recipientsPerMessage ?? 25), senderMaxConcurrency: String(opts.senderConcurrency ?? 8),
      },
      wrap: {
        wrapDocumentClient: (doc) => { dynamoStatsPerClient.push(injectDynamoFaults(doc, { rate: opts.dynamoFaultRate, random: faultRandom, enabled })); return doc; },
        wrapMailer: (mailer) => chaos.wrapMailer(mailer),
        wrapStores: (stores) => { if (stores.ledger) chaos.wrapLedger(stores.ledger); return stores; },
      },
    });
    return await drive(stack);
  } finally {
    await stack?.close();
    await rm(dataDir, { recursive: true, force: true });
  }

  async function drive(stack: LocalStack): Promise<ChaosResult> {
    const { deps } = stack;
    const sesPort = Number(new URL(stack.sesUrl).port);
    const outbox = join(dataDir, 'outbox');
    const duplicated = duplicateSomeMessages(stack.queue, { rate: opts.duplicateMessageRate, random: faultRandom, enabled });
    const recipientsPerMessage = opts.recipientsPerMessage ?? 25;
    const secondDispatcher = makeDispatcher({
      events: deps.eventStore, stories: deps.storyStore, subscribers: deps.subscriberStore, jobs: deps.jobStore, queue: stack.queue, recipientsPerMessage,
    });

    // Events: the seed story's three, and in it one to be cancelled, one that falls inside the downtime, one already past.
    const source = { publisher: 'Chaos', quote: 'made up for the chaos run' };
    const make = async (title: string, date: string, timeZone: string) =>
      (await deps.events.create({ storyId: SEED_STORY_ID, title, summary: `${title}.`, date, timeZone, place: 'Somewhere', source })).id;
    const cancelledId = await make('Event to be cancelled', '2016-12-10', 'Europe/London');
    const downtimeId = await make('Event during the downtime', '2016-12-13', 'Europe/Moscow');
    const pastId = await make('Event already past', '2016-11-15', 'UTC');
    const events: ModelEvent[] = [
      ...limaSeed().events.map((e) => ({ id: e.id, date: e.date!, timeZone: e.timeZone })),
      { id: cancelledId, date: '2016-12-10', timeZone: 'Europe/London' },
      { id: downtimeId, date: '2016-12-13', timeZone: 'Europe/Moscow' },
      { id: pastId, date: '2016-11-15', timeZone: 'UTC' },
    ];

    // Ticks: 08:00 in every zone on every day, none inside the downtime, one catch-up when it ends.
    const zones = opts.zones ?? CHAOS_ZONES;
    const tickSet = new Set<number>();
    for (let d = FIRST_DAY; d <= LAST_DAY; d = shiftDate(d, 1)) {
      for (const zone of zones) {
        const t = wallTimeToInstant(d, '08:00', zone).getTime();
        if (t > DOWNTIME.from.getTime() && t < DOWNTIME.to.getTime()) continue;
        tickSet.add(t);
      }
    }
    tickSet.add(DOWNTIME.to.getTime());
    const ticks = [...tickSet].sort((a, b) => a - b).map((t) => new Date(t));
    const lastTickBefore = (iso: string) => ticks.filter((t) => t < new Date(iso)).length - 1;
    const joinTick = lastTickBefore('2016-11-25T00:00:00Z');
    const cancelTick = lastTickBefore('2016-12-01T00:00:00Z');
    const unsubscribeTick = lastTickBefore('2016-12-05T00:00:00Z');

    // Readers.
    const pick = <T>(list: readonly T[]) => list[Math.floor(modelRandom() * list.length)]!;
    const readers: ModelReader[] = [];
    for (let i = 0; i < opts.readers; i++) {
      const email = `reader-${i}@chaos.example`;
      const leads = [...new Set<Lead>([pick(LEADS), ...(modelRandom() < 0.3 ? [pick(LEADS)] : [])])];
      const roll = modelRandom();
      const followed: string[] | 'all' = modelRandom() < 0.2 ? 'all' : [...new Set([pick(events).id, ...(modelRandom() < 0.3 ? [pick(events).id] : [])])];
      const reader: ModelReader = {
        email, id: subscriberIdOf(email), timeZone: pick(zones), leads, events: followed,
        confirmedAt: roll < 0.1 ? new Date(ticks[joinTick]!.getTime() + 60_000) : new Date('2016-11-18T00:00:00Z'),
        ...(roll >= 0.1 && roll < 0.13 ? { pending: true } : {}),
        ...(roll >= 0.13 && roll < 0.16 ? { unsubscribedAfterTick: unsubscribeTick } : {}),
      };
      readers.push(reader);
    }
    const toSubscriber = (r: ModelReader): Subscriber => {
      const at = r.confirmedAt.toISOString();
      return {
        id: r.id, email: r.email, status: r.pending ? 'pending' : 'active',
        preferences: { timeZone: r.timeZone, reminders: r.leads, digest: 'none', events: r.events },
        consent: { requestedAt: at, requestIpHash: 'chaos', requestUserAgent: 'chaos', ...(r.pending ? {} : { confirmedAt: at }) },
        createdAt: at, updatedAt: at, ...(r.pending ? {} : { confirmedAt: at }),
      };
    };
    const store = async (list: ModelReader[]) => {
      for (let i = 0; i < list.length; i += 32) {
        await Promise.all(list.slice(i, i + 32).map(async (r) => {
          if (!(await deps.subscriberStore.put(toSubscriber(r), null))) throw new Error(`reader ${r.email} exists`);
        }));
      }
    };
    const lateJoiners = readers.filter((r) => r.confirmedAt.getTime() > ticks[0]!.getTime());
    await store(readers.filter((r) => !lateJoiners.includes(r)));
    log(`${readers.length} readers in ${zones.length} zones (${lateJoiners.length} join late, ${readers.filter((r) => r.pending).length} never confirm, `
      + `${readers.filter((r) => r.unsubscribedAfterTick !== undefined).length} unsubscribe mid-run); ${ticks.length} dispatch ticks`);

    const stats = { doubleDispatches: 0, concurrentDispatches: 0, dispatchRetries: 0 };
    let sesStoreCount = 0;
    const dispatchUntilDone = async (at: Date) => {
      for (let attempt = 0; ; attempt++) {
        try { await stack.dispatch(at); return; } catch (err) {
          // EventBridge Scheduler retries a failed invocation; the next minute would also catch up.
          stats.dispatchRetries++;
          if (attempt > 20) throw err;
        }
      }
    };

    for (let i = 0; i < ticks.length; i++) {
      const at = ticks[i]!;
      faultsOn = true;
      if (i % 7 === 3) {
        stats.concurrentDispatches++;
        await Promise.all([dispatchUntilDone(at), secondDispatcher(at).catch(() => undefined)]);
        await stack.queue.drain();
      } else {
        await dispatchUntilDone(at);
      }
      if (i % 11 === 5) { stats.doubleDispatches++; await dispatchUntilDone(at); }
      faultsOn = false;

      sesStoreCount += (await readSesStore(sesPort)).length;
      await clearSesStore(sesPort);
      for (const f of await readdir(outbox).catch(() => [] as string[])) await unlink(join(outbox, f)).catch(() => {});

      if (i === joinTick) await store(lateJoiners);
      if (i === cancelTick) await deps.events.cancel(cancelledId, undefined, { changeSource: source });
      if (i === unsubscribeTick) {
        for (const r of readers.filter((x) => x.unsubscribedAfterTick !== undefined)) {
          await unsubscribeByLink(deps.links.unsubscribeUrl(r.id));
        }
      }
      if (i % 50 === 0) log(`tick ${i}/${ticks.length} ${at.toISOString()}: ${chaos.accepted.length} accepted by SES so far`);
    }

    // The verdict.
    const expected = expectedMails(readers, events, ticks, new Map([[cancelledId, cancelTick]]));
    const sends = new Map<string, AcceptedSend[]>();
    for (const a of chaos.accepted) {
      const key = sentKey(a.jobId, a.readerId);
      sends.set(key, [...(sends.get(key) ?? []), a]);
    }
    const lostKeys = [...expected.keys()].filter((k) => !sends.has(k));
    // Where each lost mail got stuck: its ledger entry, and whether a dead-lettered message carried its reader.
    const lost: string[] = [];
    for (const key of lostKeys) {
      const { readerId, eventId } = expected.get(key)!;
      const history = await deps.ledger.recentFor(readerId, 50);
      const entry = history.find((h) => h.jobId.includes(`|${eventId}|`));
      const dead = stack.queue.deadLetters.filter((d) => d.body.recipients.includes(readerId) && d.body.jobId.includes(`|${eventId}|`)).map((d) => d.receiveCount);
      lost.push(`${key} (ledger: ${entry ? `${entry.status}${entry.reason ? ` ${entry.reason}` : ''}` : 'none'}; dead-lettered messages with it: ${dead.length})`);
    }
    const duplicates: DuplicateDetail[] = [];
    for (const [key, list] of sends) {
      if (list.length < 2) continue;
      // Inside the window: every send but the last was accepted by SES under a claim never marked SENT.
      const inWindow = list.slice(0, -1).every((a) => a.claimId !== undefined && !chaos.settledClaims.has(a.claimId));
      duplicates.push({ key, sends: list.length, inWindow, claims: list.map((a) => `${a.jobId.split('|').slice(2).join('|')} claim ${a.claimId?.slice(0, 8)} ${chaos.settledClaims.has(a.claimId ?? '') ? 'SENT' : 'never marked'} at ${a.at}`).join('; ') });
    }
    const byId = new Map(readers.map((r) => [r.id, r]));
    const unexpected: { key: string; why: string }[] = [];
    for (const [key, list] of sends) {
      if (expected.has(key)) continue;
      const r = byId.get(list[0]!.readerId);
      const eventId = list[0]!.jobId.split('|')[1];
      const why = !r ? 'to an unknown address'
        : r.pending ? 'to a reader who never confirmed'
          : r.unsubscribedAfterTick !== undefined ? 'to a reader who had unsubscribed'
            : eventId === cancelledId && list[0]!.jobId.startsWith('reminder') ? 'a reminder for a cancelled event'
              : eventId === pastId || eventId === downtimeId ? 'for an event already over'
                : r.confirmedAt > new Date(ticks[0]!) ? 'fell due before the reader confirmed'
                  : 'not expected';
      unexpected.push({ key, why });
    }
    return {
      readers: readers.length, ticks: ticks.length, expected: expected.size, sentDistinct: sends.size,
      acceptedBySes: chaos.accepted.length, sesStoreCount, lost, duplicates, unexpected,
      faults: { ...chaos.stats, dynamo: sumStats(dynamoStatsPerClient), duplicatedMessages: duplicated.duplicated, ...stats },
      deadLetters: stack.queue.deadLetters.length,
      queue: { ...stack.queue.stats },
      seconds: Math.round((performance.now() - started) / 1000),
    };
  }
}

/** The run's table, as printed by `npm run chaos` and quoted in the README. */
export function formatChaosTable(r: ChaosResult): string {
  const inWindow = r.duplicates.filter((d) => d.inWindow);
  const outside = r.duplicates.filter((d) => !d.inWindow);
  const whyCounts = new Map<string, number>();
  for (const u of r.unexpected) whyCounts.set(u.why, (whyCounts.get(u.why) ?? 0) + 1);
  const f = r.faults;
  const rows: [string, string | number][] = [
    ['readers / dispatch ticks', `${r.readers} / ${r.ticks}`],
    ['mails expected', r.expected],
    ['mails sent (distinct)', r.sentDistinct],
    ['lost', r.lost.length],
    ['duplicated', r.duplicates.length],
    ['  in the SES-accepted, ledger-not-updated window', inWindow.length],
    ['  outside that window', outside.length],
    ['sent but not expected', r.unexpected.length],
    ...[...whyCounts].map(([why, n]): [string, number] => [`  ${why}`, n]),
    ['SES accepted (all sends) / SES store', `${r.acceptedBySes} / ${r.sesStoreCount}`],
    ['faults: SES throttled / 5xx', `${f.sesThrottled} / ${f.sesServerErrors}`],
    ['faults: DynamoDB attempts / throttled / dropped before / after apply / surfaced past SDK retries',
      `${f.dynamo.calls} / ${f.dynamo.throttled} / ${f.dynamo.droppedBeforeApply} / ${f.dynamo.droppedAfterApply} / ${f.dynamo.surfaced}`],
    ['faults: sender killed before claim / between claim and send / between send and SENT', `${f.killedBeforeClaim} / ${f.killedAfterClaim} / ${f.killedAfterSend}`],
    ['faults: queue messages delivered twice', f.duplicatedMessages],
    ['faults: instants dispatched twice / concurrently / dispatch retries', `${f.doubleDispatches} / ${f.concurrentDispatches} / ${f.dispatchRetries}`],
    ['downtime then catch-up', `${DOWNTIME.from.toISOString()} → ${DOWNTIME.to.toISOString()}`],
    ['dead claims retaken after their lease (redelivery after the visibility timeout)', f.leaseTakeovers],
    ['queue: messages / deliveries / retries / dead-lettered', `${r.queue.received} / ${r.queue.deliveries} / ${r.queue.retries} / ${r.deadLetters}`],
    ['seconds', r.seconds],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `| ${k.padEnd(width)} | ${String(v).padStart(17)} |`);
  const sep = `|${'-'.repeat(width + 2)}|${'-'.repeat(19)}|`;
  const details = [
    ...inWindow.map((d) => `duplicate in the window (${d.sends} sends): ${d.key}`),
    ...outside.map((d) => `DUPLICATE OUTSIDE THE WINDOW (${d.sends} sends): ${d.key} [${d.claims}]`),
    ...r.lost.slice(0, 20).map((k) => `LOST: ${k}`),
    ...r.unexpected.slice(0, 20).map((u) => `UNEXPECTED (${u.why}): ${u.key}`),
  ];
  return [`| ${'chaos run'.padEnd(width)} | ${'count'.padStart(17)} |`, sep, ...lines, '', ...details].join('\n');
}

function sumStats(all: DynamoFaultStats[]): DynamoFaultStats {
  const sum: DynamoFaultStats = { calls: 0, throttled: 0, droppedBeforeApply: 0, droppedAfterApply: 0, surfaced: 0 };
  for (const s of all) for (const k of Object.keys(sum) as (keyof DynamoFaultStats)[]) sum[k] += s[k];
  return sum;
}

/** The reader's one click (RFC 8058 POST), clicked again if a fault made it fail. */
async function unsubscribeByLink(url: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    if (res.ok) return;
  }
  throw new Error('unsubscribing failed five times');
}
