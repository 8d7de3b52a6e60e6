/**
 * `npm run bench:sender`: emails per second per sender instance at AWS-like latencies. The local gateway makes
 * every allowed call wait as AWS would (SES 30 ms, DynamoDB 5 ms by default; BENCH_SES_LATENCY_MS and
 * BENCH_DYNAMODB_LATENCY_MS change them), then one reminder goes to BENCH_SENDER_READERS readers through the
 * stack's dispatcher → queue → sender. Two runs: the account's rate far above what an instance can do (the
 * sender's own speed), then a rate the instances must share (BENCH_SENDER_RATE, default 60/s in all).
 * Figures in bench/results.json under `sender`.
 */
import { fileURLToPath } from 'node:url';
import { makeDocumentClient } from '#adapters/dynamodb/client.ts';
import { reminderDueAt } from '#core/due.ts';
import { freePort } from '#local/free-port.ts';
import { clearSesStore } from '#local/ses-emulator.ts';
import { startLocalStack } from '#local/stack.ts';
import type { Mailer } from '#ports/mailer.ts';
import { loadReaders, makeReaders } from './fanout.ts';
import { childProcesses, loadAverage, machineInfo, ownCpuMs, processCpuMs, progress, round } from './lib.ts';
import { cpus } from 'node:os';
import { mergeResults } from './report.ts';

const EVENT_ID = 'abe-putin-summit-yamaguchi';
const numberOf = (raw: string | undefined, fallback: number) => (raw && Number(raw) > 0 ? Number(raw) : fallback);

export interface SenderRun {
  /** The rate the account allows all instances together; undefined when it is far above what they can do. */
  accountRatePerSecond?: number;
  readers: number;
  emailsSent: number;
  /** Sender instances that ran (cold starts of the sender function). */
  instances: number;
  /** First send to last send. */
  seconds: number;
  emailsPerSecond: number;
  emailsPerSecondPerInstance: number;
  /** Of the account's rate, when it is the limit. */
  ofAccountRate?: number;
  /**
   * CPU per email over the dispatch: this process (dispatcher, queue, senders, gateway) and the emulators. With
   * `machineBusy` (all of it over the cores' time) near 1, the machine's CPU is the limit, not the sender's overlap.
   */
  cpuMsPerEmail: { own: number; dynalite: number; sesEmulator: number };
  machineBusy: number;
  loadAverageAtEnd: number;
}

export interface SenderBench {
  latencyMs: { ses: number; dynamodb: number };
  senderInstances: number;
  recipientsPerMessage: number;
  /** Whether SES's Delivery events ran through ses-events on the same cores (BENCH_SES_FEEDBACK=1). */
  sesFeedback: boolean;
  unlimited: SenderRun;
  rateLimited: SenderRun;
}

/** Times the sends themselves: the first and last moment SES accepted a message. */
function timedMailers() {
  const state = { sends: 0, first: 0, last: 0 };
  const wrap = (inner: Mailer): Mailer => ({
    async sendRaw(message) {
      const out = await inner.sendRaw(message);
      const now = performance.now();
      if (state.sends++ === 0) state.first = now;
      state.last = now;
      return out;
    },
  });
  return { wrap, state };
}

async function runOnce(opts: { readers: number; instances: number; recipientsPerMessage: number; latencyMs: { ses: number; dynamodb: number }; accountRate?: number; zone: string }): Promise<SenderRun> {
  const [port, sesPort, dynamoPort] = [await freePort(), await freePort(), await freePort()];
  const timed = timedMailers();
  const rate = opts.accountRate ?? 100_000;
  const stack = await startLocalStack({
    port, sesPort, dynamoPort, clockMode: 'manual', outbox: false,
    context: { senderMaxConcurrency: String(opts.instances), recipientsPerMessage: String(opts.recipientsPerMessage), sendRatePerSecond: String(rate), maxSendRate: String(rate) },
    sesAccount: { maxSendRate: rate },
    awsLatencyMs: { ses: opts.latencyMs.ses, dynamodb: opts.latencyMs.dynamodb },
    wrap: { wrapMailer: timed.wrap },
    // One sender instance's throughput: SES's Delivery events run in ses-events' own Lambdas on AWS, so they are
    // left out unless BENCH_SES_FEEDBACK=1 puts them on the same two cores.
    sesFeedback: process.env.BENCH_SES_FEEDBACK === '1',
    // BENCH_AWS_OVER_HTTP=1: the functions' SDKs call the gateway over HTTP (to compare with the in-process default).
    awsOverHttp: process.env.BENCH_AWS_OVER_HTTP === '1',
  });
  const doc = makeDocumentClient({ region: 'us-east-1', endpoint: stack.dynamoEndpoint });
  try {
    const event = await stack.deps.eventStore.get(EVENT_ID);
    if (!event) throw new Error(`the story event ${EVENT_ID} was not seeded`);
    await loadReaders(doc, stack.cloud.tableName, makeReaders(opts.zone, 0, opts.readers));
    await clearSesStore(sesPort);
    const sender = [...stack.cloud.functions.values()].find((f) => f.spec.handler === 'sender')!;
    const children = childProcesses();
    const pidOf = (name: string) => [...children].find(([, cmd]) => cmd.includes(name))?.[0] ?? 0;
    const [dynalitePid, sesPid] = [pidOf('dynalite'), pidOf('aws-ses-v2-local')];
    const cpu0 = { own: ownCpuMs(), dynalite: processCpuMs(dynalitePid), ses: processCpuMs(sesPid) };
    const t0 = performance.now();
    progress(`sender: ${opts.readers} readers, ${opts.instances} instances, account rate ${opts.accountRate ?? 'unlimited'}/s, latency SES ${opts.latencyMs.ses} ms, DynamoDB ${opts.latencyMs.dynamodb} ms`);
    await stack.dispatch(reminderDueAt(event, 'P1D', opts.zone));
    const wallMs = performance.now() - t0;
    const cpu = {
      own: ownCpuMs() - cpu0.own,
      dynalite: processCpuMs(dynalitePid) - cpu0.dynalite,
      ses: processCpuMs(sesPid) - cpu0.ses,
    };
    const perEmail = (ms: number) => round(ms / Math.max(1, timed.state.sends), 2);
    const seconds = (timed.state.last - timed.state.first) / 1000;
    // n sends span n - 1 intervals.
    const perSecond = (timed.state.sends - 1) / seconds;
    const instances = sender.stats.coldStarts;
    const run: SenderRun = {
      ...(opts.accountRate ? { accountRatePerSecond: opts.accountRate } : {}),
      readers: opts.readers, emailsSent: timed.state.sends, instances, seconds: round(seconds, 1),
      emailsPerSecond: round(perSecond, 0), emailsPerSecondPerInstance: round(perSecond / instances, 0),
      ...(opts.accountRate ? { ofAccountRate: round(perSecond / opts.accountRate, 2) } : {}),
      cpuMsPerEmail: { own: perEmail(cpu.own), dynalite: perEmail(cpu.dynalite), sesEmulator: perEmail(cpu.ses) },
      machineBusy: round((cpu.own + cpu.dynalite + cpu.ses) / (wallMs * cpus().length), 2),
      loadAverageAtEnd: loadAverage(),
    };
    progress(`sender: ${run.emailsSent} emails in ${run.seconds} s = ${run.emailsPerSecond}/s, ${run.emailsPerSecondPerInstance}/s per instance (${instances} instances)`);
    const c = run.cpuMsPerEmail;
    progress(`sender: CPU per email: ours ${c.own} ms, dynalite ${c.dynalite}, SES emulator ${c.sesEmulator}; `
      + `the three used ${Math.round(run.machineBusy * 100)}% of the ${cpus().length} cores`
      + ` (load ${run.loadAverageAtEnd})`);
    return run;
  } finally {
    doc.destroy();
    await stack.close();
  }
}

export async function benchSender(): Promise<SenderBench> {
  const latencyMs = { ses: numberOf(process.env.BENCH_SES_LATENCY_MS, 30), dynamodb: numberOf(process.env.BENCH_DYNAMODB_LATENCY_MS, 5) };
  // Two: the least maximum concurrency SQS allows an event source mapping.
  const instances = numberOf(process.env.BENCH_SENDER_INSTANCES, 2);
  // The template's default page of readers per queue message.
  const recipientsPerMessage = numberOf(process.env.BENCH_RECIPIENTS_PER_MESSAGE, 10);
  const readers = numberOf(process.env.BENCH_SENDER_READERS, 2000);
  const accountRate = numberOf(process.env.BENCH_SENDER_RATE, 60);
  const common = { instances, recipientsPerMessage, latencyMs };
  const unlimited = await runOnce({ ...common, readers, zone: 'Asia/Tokyo' });
  // Some fifteen seconds of sending at the shared rate, so the first second's burst weighs little.
  const rateLimited = await runOnce({ ...common, readers: Math.round(accountRate * 15), accountRate, zone: 'Europe/Moscow' });
  const sesFeedback = process.env.BENCH_SES_FEEDBACK === '1';
  return { latencyMs, senderInstances: instances, recipientsPerMessage, sesFeedback, unlimited, rateLimited };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const machine = machineInfo();
  const result = await benchSender();
  mergeResults(fileURLToPath(new URL('./results.json', import.meta.url)), {
    sender: {
      emailsPerSecondPerInstance: result.unlimited.emailsPerSecondPerInstance,
      latencyMs: result.latencyMs,
      rateLimitedOfAccountRate: result.rateLimited.ofAccountRate,
      measuredAt: machine.date, machine: { cpuModel: machine.cpuModel, cores: machine.cores, loadAverageAtStart: machine.loadAverageAtStart },
      runs: result,
    },
  });
  const u = result.unlimited;
  const r = result.rateLimited;
  process.stdout.write(`sender at SES ${result.latencyMs.ses} ms, DynamoDB ${result.latencyMs.dynamodb} ms (${result.recipientsPerMessage} readers a message):\n`
    + `  unlimited rate: ${u.emailsPerSecondPerInstance}/s per instance (${u.emailsPerSecond}/s over ${u.instances} instances, ${u.emailsSent} emails) - target >= 100/s\n`
    + `    CPU per email: ours ${u.cpuMsPerEmail.own} ms, dynalite ${u.cpuMsPerEmail.dynalite} ms, `
    + `SES emulator ${u.cpuMsPerEmail.sesEmulator} ms; `
    + `${Math.round(u.machineBusy * 100)}% of the cores busy with them (load ${u.loadAverageAtEnd})\n`
    + `  account rate ${r.accountRatePerSecond}/s: ${r.emailsPerSecond}/s = ${Math.round((r.ofAccountRate ?? 0) * 100)}% of it (${r.instances} instances) - target >= 90%\n`);
}
