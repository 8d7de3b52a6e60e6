/**
 * `npm run bench:stories`: what one dispatcher run reads when the newsroom follows many stories.
 *
 * On a real dynalite (started here on a free port, stopped at the end), with the production DynamoDB adapters and
 * an in-memory send queue that counts messages, the dispatcher runs at the seed story's Yamaguchi summit P0D
 * reminder for Asia/Tokyo (2016-12-14 20:00 Tokyo): the one reminder job of one event due in that zone at that
 * time (every other event's reminders, and the daily digest, fall at 08:00).
 *
 * - A ("today"): the seed story (stored by core/seed.ts) and N readers in Asia/Tokyo following all.
 * - B: the seed story and S-1 more stories of 3 timed events each (12:00-ish Tokyo, spread over the next 60
 *   days), the same N readers: half follow all; a quarter follow the seed story and 2 others; a quarter follow
 *   3 other stories. Measured at 100 stories on the way to the full count, then at the full count.
 *
 * A thin wrapper around the dispatcher's document client `send` counts every command by what it is for, with
 * the items returned and their size as JSON: the per-run part (cursor, events listing, stories listing, zones,
 * alerts, pending updates) and the per-job fan-out (Query pages of the zone's 16 reader shards), attributed to
 * the job whose createOnce came before it (the dispatcher fans jobs out one after another).
 *
 * BENCH_STORY_READERS (default 2000), BENCH_STORIES (default 1000), BENCH_STORY_RUNS (timed runs, default 5).
 * Progress on stderr, the table on stdout, the figures in bench/stories-results.json.
 */
import { makeTableStores, type TableStores } from '#adapters/dynamodb/table-stores.ts';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '#adapters/dynamodb/client.ts';
import { createTableAndWait } from '#local/table-schema.ts';
import { makeDispatcher, zonesToPlan } from '#core/dispatcher.ts';
import { reminderDueAt } from '#core/due.ts';
import { createEventSchema, whenAndWhere, type DatedEvent, type EventInput } from '#core/model/event.ts';
import { storeSeed } from '#core/seed.ts';
import { createStorySchema, limaSeed, SEED_STORY_ID, type Story } from '#core/model/story.ts';
import { subscriberIdOf } from '#core/subscriber-id.ts';
import type { Preferences, Subscriber } from '#core/model/subscriber.ts';
import { planJobs, reminderHorizon } from '#core/planning.ts';
import { parseWith } from '#core/validation.ts';
import { addDays, localDate } from '#core/zoned-time.ts';
import type { SendMessage, SendQueue } from '#ports/send-queue.ts';
import { startDynalite } from '#local/dynalite.ts';
import { freePort } from '#local/free-port.ts';
import { inBatches, loadAverage, machineInfo, median, progress, round } from './lib.ts';

const { story: seedStory, events: storyEvents } = limaSeed();

const ZONE = 'Asia/Tokyo';
const DUE_EVENT = 'abe-putin-summit-yamaguchi';
const DUE_LEAD = 'P0D' as const;
/** The stack's default (RECIPIENTS_PER_MESSAGE in infra/aws/stateless-stack.ts). */
const RECIPIENTS_PER_MESSAGE = 10;
const SEEDED_AT = new Date('2016-11-20T00:00:00.000Z');

const numberOf = (raw: string | undefined, fallback: number) => (raw && Number(raw) > 0 ? Math.floor(Number(raw)) : fallback);
const READERS = numberOf(process.env.BENCH_STORY_READERS, 2000);
const STORIES = numberOf(process.env.BENCH_STORIES, 1000);
const TIMED_RUNS = numberOf(process.env.BENCH_STORY_RUNS, 5);
const resultsFile = fileURLToPath(new URL('./stories-results.json', import.meta.url));

// ---- The meter ---------------------------------------------------------------------------------------------

interface Tally { calls: number; items: number; bytes: number }
const tally = (): Tally => ({ calls: 0, items: 0, bytes: 0 });
const add = (t: Tally, items: number, bytes: number) => { t.calls++; t.items += items; t.bytes += bytes; };

/** What a run's DynamoDB commands were for. */
type Purpose = 'cursor' | 'events' | 'stories' | 'zones' | 'alerts' | 'updates' | 'fan-out' | 'job create' | 'job read' | 'job mark queued' | 'cursor advance' | 'other';
const PER_RUN: Purpose[] = ['cursor', 'events', 'stories', 'zones', 'alerts', 'updates'];

interface JobReads { id: string; kind: string; fanOut: Tally; messages: number; recipients: number }

interface RunMeter {
  byPurpose: Partial<Record<Purpose, Tally>>;
  commands: Record<string, number>;
  jobs: JobReads[];
  /** ms from the start of the run to the first createOnce: the per-run reads and the planning. */
  firstJobAtMs?: number;
}

function purposeOf(name: string, input: Record<string, any>): Purpose {
  const partition = String(input.ExpressionAttributeValues?.[':p'] ?? '');
  const pk = String(input.Key?.pk ?? input.Item?.pk ?? '');
  if (name === 'Query') {
    if (input.IndexName === 'gsi1' && partition.startsWith('ZONE#')) return 'fan-out';
    // The catalog partition: the stories sort after the events (STORY#…); a story list asks for that prefix alone.
    if (input.IndexName === 'gsi1' && partition === 'EVENTS') {
      return input.ExpressionAttributeValues?.[':prefix'] ? 'stories' : 'events';
    }
    if (input.IndexName === 'gsi2' && partition === 'ZONES') return 'zones';
    if (input.IndexName === 'gsi2' && partition === 'ALERTS') return 'alerts';
    if (input.IndexName === 'gsi2' && partition === 'UPDATES') return 'updates';
  }
  // A run with no digest due reads only its events' stories, by key (BatchGetItem).
  const batchKeys = Object.values(input.RequestItems ?? {}).flatMap((r: any) => r.Keys ?? []);
  if (name === 'BatchGet' && batchKeys.every((k: any) => String(k.pk).startsWith('STORY#'))) return 'stories';
  if (pk === 'META#dispatcher') return name === 'Get' ? 'cursor' : 'cursor advance';
  if (pk.startsWith('JOB#')) return name === 'Put' ? 'job create' : name === 'Get' ? 'job read' : 'job mark queued';
  return 'other';
}

const jsonBytes = (items: readonly unknown[]) => items.reduce<number>((n, item) => n + Buffer.byteLength(JSON.stringify(item)), 0);

/** Wraps `send` of the dispatcher's own client; `current` is the run being measured (none: pass through). */
function meter(doc: DynamoDBDocumentClient) {
  const state: { current?: RunMeter; t0: number } = { t0: 0 };
  const original = doc.send.bind(doc) as (...args: unknown[]) => Promise<unknown>;
  doc.send = async function metered(...args: unknown[]) {
    const run = state.current;
    if (!run) return original(...args);
    const command = args[0] as { constructor: { name: string }; input: Record<string, any> };
    const name = command.constructor.name.replace(/Command$/, '');
    const input = command.input;
    const purpose = purposeOf(name, input);
    run.commands[name] = (run.commands[name] ?? 0) + 1;
    if (purpose === 'job create') {
      run.firstJobAtMs ??= performance.now() - state.t0;
      const job = input.Item.job as { id: string; kind: string };
      run.jobs.push({ id: job.id, kind: job.kind, fanOut: tally(), messages: 0, recipients: 0 });
    }
    const out: any = await original(...args);
    const items: unknown[] = out?.Items ?? (out?.Item ? [out.Item] : Object.values(out?.Responses ?? {}).flat());
    const bytes = jsonBytes(items);
    add(run.byPurpose[purpose] ??= tally(), items.length, bytes);
    // Jobs fan out one after another: a reader page belongs to the job created last.
    if (purpose === 'fan-out') add(run.jobs.at(-1)!.fanOut, items.length, bytes);
    return out;
  } as typeof doc.send;
  return {
    start(): RunMeter { state.t0 = performance.now(); return (state.current = { byPurpose: {}, commands: {}, jobs: [] }); },
    stop() { state.current = undefined; },
  };
}

/** The send queue, in memory: counts messages and recipients per job. */
function countingQueue(current: () => RunMeter | undefined): SendQueue & { messages: number; recipients: number } {
  const q = {
    messages: 0, recipients: 0,
    async sendAll(messages: SendMessage[]) {
      for (const m of messages) {
        q.messages++; q.recipients += m.recipients.length;
        const job = current()?.jobs.find((j) => j.id === m.jobId);
        if (job) { job.messages++; job.recipients += m.recipients.length; }
      }
    },
  };
  return q;
}

// ---- The data ----------------------------------------------------------------------------------------------

function reader(i: number, stories: Preferences['stories']): Subscriber {
  const email = `story-reader-${i}@bench.example.com`;
  const at = SEEDED_AT.toISOString();
  return {
    id: subscriberIdOf(email), email, status: 'active',
    preferences: { timeZone: ZONE, reminders: ['P1D', 'P0D'], digest: 'none', stories, events: 'all' },
    consent: { requestedAt: at, requestIpHash: 'bench', requestUserAgent: 'bench', confirmedAt: at },
    createdAt: at, updatedAt: at, confirmedAt: at,
  };
}

const storyId = (k: number) => `bench-story-${String(k).padStart(4, '0')}`;

/** A story the size of the seed's (a summary, a few background items), published before the run. */
function generatedStory(k: number): Story {
  const input = parseWith(createStorySchema, {
    id: storyId(k),
    title: `Bench story ${k}: talks resume on the regional trade agreement, with three dated steps ahead`,
    publisher: ['Kyodo News', 'Reuters', 'AP', 'AFP'][k % 4],
    publishedOn: addDays('2016-10-01', k % 70),
    summary: `Negotiators agreed to resume talks on the agreement and set three dated steps: a ministers' meeting, a round of technical talks and a leaders' summit. Story ${k} of the bench newsroom, about the size of a real summary so that the story items read are realistic.`,
    language: 'en',
    background: ['Earlier rounds stalled over tariffs on farm goods.', 'Two of the members hold elections next year.', 'A side agreement on fisheries is still open.'],
  });
  const now = SEEDED_AT.toISOString();
  return { ...input, id: storyId(k), status: 'active', version: 1, createdAt: now, updatedAt: now };
}

/**
 * Three timed events over the 60 days after `day`, at 10:00 to 17:00 Tokyo: every reminder of theirs (P0D too)
 * falls at 08:00 Tokyo, so none at the 20:00 run measured here.
 */
function generatedEvents(k: number, day: string): DatedEvent[] {
  const now = SEEDED_AT.toISOString();
  return [0, 1, 2].map((j) => {
    const offset = 1 + ((k * 7 + j * 20) % 60);
    const hour = String(10 + ((k + j) % 8)).padStart(2, '0');
    const input = parseWith(createEventSchema, {
      storyId: storyId(k),
      title: ['Ministers meet to review the draft', 'Technical round on rules of origin', 'Leaders sign or shelve the agreement'][j],
      summary: `Step ${j + 1} of story ${k}: the parties meet to move the agreement forward, as the story reports.`,
      startTime: `${addDays(day, offset)}T${hour}:00`,
      timeZone: ZONE,
      place: ['Tokyo, Japan', 'Osaka, Japan', 'Kyoto, Japan'][j],
      source: { publisher: 'Kyodo News', quote: `the ${['ministers', 'negotiators', 'leaders'][j]} will meet on the date set` },
    }) as EventInput;
    const history = [{ kind: 'created' as const, at: now, version: 1, source: input.source, to: whenAndWhere(input) }];
    return { ...input, id: `${storyId(k)}-step-${j + 1}`, status: 'scheduled', version: 1, createdAt: now, updatedAt: now, history };
  });
}

// ---- One scenario ------------------------------------------------------------------------------------------

interface ScenarioResult {
  scenario: string;
  stories: number;
  eventsStored: number;
  readers: number;
  readersFollowing: string;
  scheduledAt: string;
  jobsPlanned: { id: string; kind: string }[];
  eventsListed: number;
  storyItemsRead: number;
  perRun: Record<string, Tally> & { total: Tally };
  perJobFanOut: JobReads[];
  writes: Record<string, number>;
  commands: Record<string, number>;
  queued: { messages: number; recipients: number };
  runMs: { median: number; min: number; max: number; runs: number[] };
  /** From the start of a run to its first createOnce: the per-run reads, then the planning. */
  perRunPartMs: { median: number };
  /** planJobs alone on the same events, stories and zones (this process's CPU), median of the timed runs' count. */
  planningMs: { median: number };
}

async function measure(
  name: string, following: string, readers: number, ctx: Context, eventsStored: number, stories: number,
): Promise<ScenarioResult> {
  const { plain, dispatch, m, queue, tableName, at } = ctx;
  const resetRun = async (jobIds: string[]) => {
    // A second run at the same time would find the cursor there and the job queued: remove both, as a fresh minute.
    await plain.send(new DeleteCommand({ TableName: tableName, Key: { pk: 'META#dispatcher', sk: 'META' } }));
    for (const id of jobIds) await plain.send(new DeleteCommand({ TableName: tableName, Key: { pk: `JOB#${id}`, sk: 'JOB' } }));
  };
  const runs: number[] = [];
  const fixed: number[] = [];
  let counted: RunMeter | undefined;
  let report: Awaited<ReturnType<typeof dispatch>> | undefined;
  // Run 0 warms the code paths and dynalite; runs 1..TIMED_RUNS are timed; every run is metered the same way.
  for (let r = 0; r <= TIMED_RUNS; r++) {
    const q0 = { messages: queue.messages, recipients: queue.recipients };
    const run = m.start();
    ctx.current = run;
    const t0 = performance.now();
    report = await dispatch(at);
    const ms = performance.now() - t0;
    m.stop();
    ctx.current = undefined;
    if (r > 0) { runs.push(ms); fixed.push(run.firstJobAtMs ?? ms); }
    if (r === 1) counted = run;
    if (r === 1 && (queue.messages - q0.messages !== report.queuedMessages || queue.recipients - q0.recipients !== report.recipients)) {
      throw new Error('the queue counted other messages than the dispatcher reported');
    }
    await resetRun(run.jobs.map((j) => j.id));
  }
  const run = counted!;
  // The planning alone, on what the run read (read again here through the unmetered client).
  const from = new Date(at.getTime() - 60_000);
  // What the dispatcher lists when no digest is due (this run's case): the events its reminders can need, their stories.
  const [listed, zones] = await Promise.all([ctx.events.listEndingBetween(from, reminderHorizon(at)), ctx.subscribers.zones()]);
  const storyList = (await Promise.all([...new Set(listed.map((e) => e.storyId))].map((id) => ctx.stories.get(id)))).filter((st) => st !== undefined);
  const status = new Map(storyList.map((s) => [s.id, s.status]));
  const live = listed.filter((e) => status.get(e.storyId) === 'active');
  const planning: number[] = [];
  for (let r = 0; r <= TIMED_RUNS; r++) {
    const p0 = performance.now();
    planJobs({ from, to: at, events: live, zones: [...zonesToPlan(zones).keys()], alerts: [] });
    if (r > 0) planning.push(performance.now() - p0);
  }
  const reminders = run.jobs.filter((j) => j.kind === 'reminder');
  if (run.jobs.length !== 1 || reminders.length !== 1) {
    throw new Error(`expected exactly one reminder job at ${at.toISOString()}, planned: ${run.jobs.map((j) => j.id).join(', ')}`);
  }
  const perRun = Object.fromEntries(PER_RUN.map((p) => [p, run.byPurpose[p] ?? tally()])) as Record<string, Tally>;
  const total = tally();
  for (const t of Object.values(perRun)) { total.calls += t.calls; total.items += t.items; total.bytes += t.bytes; }
  const writes = Object.fromEntries((['job create', 'job mark queued', 'cursor advance', 'job read', 'other'] as Purpose[])
    .filter((p) => run.byPurpose[p]).map((p) => [p, run.byPurpose[p]!.calls]));
  const result: ScenarioResult = {
    scenario: name, stories, eventsStored, readers, readersFollowing: following, scheduledAt: at.toISOString(),
    jobsPlanned: run.jobs.map(({ id, kind }) => ({ id, kind })),
    eventsListed: perRun.events!.items, storyItemsRead: perRun.stories!.items,
    perRun: { ...perRun, total },
    perJobFanOut: run.jobs,
    writes, commands: run.commands,
    queued: { messages: report!.queuedMessages, recipients: report!.recipients },
    runMs: { median: round(median(runs), 1), min: round(Math.min(...runs), 1), max: round(Math.max(...runs), 1), runs: runs.map((x) => round(x, 1)) },
    perRunPartMs: { median: round(median(fixed), 1) },
    planningMs: { median: round(median(planning), 1) },
  };
  progress(`${name}: ${stories} stories, ${result.eventsListed} events listed, per-run ${total.items} items ${kb(total.bytes)} KB, fan-out ${run.jobs[0]!.fanOut.items} items ${kb(run.jobs[0]!.fanOut.bytes)} KB, ${result.queued.recipients} recipients, run ${result.runMs.median} ms`);
  return result;
}

interface Context {
  plain: DynamoDBDocumentClient;
  tableName: string;
  dispatch: ReturnType<typeof makeDispatcher>;
  m: ReturnType<typeof meter>;
  queue: ReturnType<typeof countingQueue>;
  at: Date;
  current?: RunMeter;
  /** The unmetered stores the bench loads and checks with. */
  events: TableStores['events'];
  stories: TableStores['stories'];
  subscribers: TableStores['subscribers'];
}

const kb = (bytes: number) => round(bytes / 1024, 1);

async function main(): Promise<void> {
  const t0 = performance.now();
  const machine = machineInfo();
  progress(`machine: ${machine.cpuModel}, ${machine.cores} cores, node ${machine.node}; ${READERS} readers, up to ${STORIES} stories, ${TIMED_RUNS} timed runs each`);
  const port = await freePort();
  const server = await startDynalite({ port });
  const endpoint = `http://127.0.0.1:${port}`;
  const plain = makeDocumentClient({ region: 'us-east-1', endpoint });
  const metered = makeDocumentClient({ region: 'us-east-1', endpoint });
  const m = meter(metered);
  const results: ScenarioResult[] = [];
  try {
    const summit = storyEvents.find((e) => e.id === DUE_EVENT);
    if (!summit) throw new Error(`the seed story has no event ${DUE_EVENT}`);
    const at = reminderDueAt(summit, DUE_LEAD, ZONE);
    const day = localDate(at, ZONE);
    let table = 0;

    async function freshTable() {
      const tableName = `datewatch-bench-stories-${table++}`;
      await createTableAndWait(plain, tableName);
      const { events, stories, subscribers } = makeTableStores(plain, tableName);
      const onMetered = makeTableStores(metered, tableName);
      const ctx = { plain, tableName, m, at, events, stories, subscribers } as Context;
      const queue = countingQueue(() => ctx.current);
      ctx.queue = queue;
      ctx.dispatch = makeDispatcher({
        events: onMetered.events, stories: onMetered.stories, subscribers: onMetered.subscribers, jobs: onMetered.jobs,
        updates: onMetered.updates, queue, recipientsPerMessage: RECIPIENTS_PER_MESSAGE,
      });
      // Loading goes through the other client, unmetered.
      await storeSeed({ events, stories, clock: { now: () => SEEDED_AT } }, { story: seedStory, events: storyEvents });
      return { ctx, events, stories, subscribers };
    }

    // A: today's newsroom.
    {
      const { ctx, subscribers } = await freshTable();
      progress(`A: loading ${READERS} readers following all`);
      await subscribers.putMany(Array.from({ length: READERS }, (_, i) => reader(i, 'all')));
      results.push(await measure('A (today)', 'all follow all', READERS, ctx, storyEvents.length, 1));
    }

    // B: many stories, readers following 3 or all.
    {
      const { ctx, events, stories, subscribers } = await freshTable();
      const quarter = Math.floor(READERS / 4);
      const threeWithSeed = [SEED_STORY_ID, storyId(1), storyId(2)];
      const threeOthers = [storyId(3), storyId(4), storyId(5)];
      await subscribers.putMany(Array.from({ length: READERS }, (_, i) => reader(i,
        i < quarter ? threeWithSeed : i < 2 * quarter ? threeOthers : 'all')));
      const following = `${quarter} follow the seed story + 2 others, ${quarter} follow 3 other stories, ${READERS - 2 * quarter} follow all`;
      let stored = 1;
      let eventsStored = storyEvents.length;
      const steps = [...new Set([Math.min(100, STORIES), STORIES])].filter((n) => n > 1);
      for (const target of steps) {
        progress(`B: storing stories ${stored + 1}..${target} with 3 events each`);
        const ks = Array.from({ length: target - stored }, (_, i) => stored + i);
        await inBatches(ks, 8, async (k) => {
          if (!(await stories.create(generatedStory(k)))) throw new Error(`story ${k} exists`);
          for (const e of generatedEvents(k, day)) if (!(await events.create(e))) throw new Error(`event ${e.id} exists`);
        });
        eventsStored += ks.length * 3;
        stored = target;
        results.push(await measure(`B (${target} stories)`, following, READERS, ctx, eventsStored, target));
      }
    }
  } finally {
    plain.destroy();
    metered.destroy();
    await server.close();
  }

  const durationSeconds = round((performance.now() - t0) / 1000, 0);
  writeFileSync(resultsFile, `${JSON.stringify({
    machine, loadAverageAtEnd: loadAverage(), durationSeconds,
    settings: { readers: READERS, stories: STORIES, timedRuns: TIMED_RUNS, zone: ZONE, recipientsPerMessage: RECIPIENTS_PER_MESSAGE, dueJob: `${DUE_EVENT} ${DUE_LEAD} ${ZONE}` },
    scenarios: results,
  }, null, 2)}\n`);
  progress(`done in ${durationSeconds} s; figures written to bench/stories-results.json`);
  process.stdout.write(`\nDatewatch stories bench, ${machine.date.slice(0, 10)}: ${machine.cpuModel}, ${machine.cores} cores, node ${machine.node}\n`);
  process.stdout.write(`one run at ${results[0]?.scheduledAt} (${DUE_EVENT} ${DUE_LEAD} in ${ZONE}), ${READERS} readers in that zone\n\n`);
  process.stdout.write(`${table(results)}\n`);
}

function table(results: ScenarioResult[]): string {
  const head = ['scenario', 'stories', 'events listed', 'story items read', 'per-run reads: calls / items / KB', 'per-job fan-out: calls / items / KB', 'messages / recipients', 'run ms: whole / per-run part / planning alone (medians)'];
  const rows = results.map((r) => {
    const job = r.perJobFanOut[0]!;
    return [
      r.scenario, String(r.stories), String(r.eventsListed), String(r.storyItemsRead),
      `${r.perRun.total.calls} / ${r.perRun.total.items} / ${kb(r.perRun.total.bytes)}`,
      `${job.fanOut.calls} / ${job.fanOut.items} / ${kb(job.fanOut.bytes)}`,
      `${r.queued.messages} / ${r.queued.recipients}`,
      `${r.runMs.median} / ${r.perRunPartMs.median} / ${r.planningMs.median}`,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const parts = results.map((r) => `${r.scenario}: ${PER_RUN.map((p) => `${p} ${r.perRun[p]!.calls}/${r.perRun[p]!.items}/${kb(r.perRun[p]!.bytes)}`).join(', ')}`);
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', 'per-run reads by part (calls/items/KB):', ...parts].join('\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
