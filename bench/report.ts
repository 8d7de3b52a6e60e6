/** The table printed at the end of `npm run bench`, the "on paper" figures, and bench/results.json. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { RouteLoad } from './api-load.ts';
import type { ColdStartResult } from './cold-start.ts';
import type { CostResult } from './cost.ts';
import type { FanoutResult } from './fanout.ts';
import type { DeployedFigures } from './deployed.ts';
import { round } from './lib.ts';
import type { RenderResult } from './render.ts';

export interface BenchResults {
  machine: Record<string, unknown>;
  durationSeconds: number;
  render: RenderResult;
  fanout: FanoutResult;
  coldStart: ColdStartResult;
  cost: CostResult;
  apiLoad: RouteLoad[];
  onPaper: OnPaper[];
}

export interface OnPaper {
  readers: number;
  sesRatePerSecond: number;
  /** With SEND_RATE_PER_SECOND x sender instances set to the SES rate. */
  hours: number;
  /** As the template deploys it: sender instances x SEND_RATE_PER_SECOND. */
  hoursAsDeployed: number;
  deployedRatePerSecond: number;
  limitedBy: string;
  raiseWith: string;
}

/** A million readers at SES's starting 14/s and a production 300/s: SES sets the pace if the senders are sized for it. */
export function onPaper(fanout: FanoutResult, deployed: DeployedFigures): OnPaper[] {
  const deployedRate = deployed.senderMaxConcurrency * deployed.sendRatePerSecondPerInstance;
  const local = fanout.runs.at(-1)!.emailsPerSecond;
  const hours = (rate: number) => round(1_000_000 / rate / 3600, 1);
  return [14, 300].map((rate) => ({
    readers: 1_000_000, sesRatePerSecond: rate, hours: hours(rate), hoursAsDeployed: hours(Math.min(rate, deployedRate)), deployedRatePerSecond: deployedRate,
    limitedBy: rate <= 14
      ? 'the SES account send rate; the dispatcher queues a million readers in seconds and DynamoDB on demand absorbs about 4 WRU per email'
      : `SES at 300/s only if 300 emails/s of senders run: a sender instance keeps several sends in flight (about 100/s at AWS latencies, npm run bench:sender), so it needs about 3 instances; on this machine one process managed ${local}/s, CPU-bound`,
    raiseWith: 'an SES sending-quota increase, then sendRatePerSecond (SEND_RATE_PER_SECOND) and senderMaxConcurrency (context values, see the README) so that their product equals the SES rate (14: 7/s x 2; 300: 20/s x 15)',
  }));
}

const pad = (s: string, n: number) => s.length >= n ? s : s + ' '.repeat(n - s.length);
const mark = (met: boolean | undefined) => met === undefined ? '' : met ? 'met' : 'MISSED';

export function table(r: BenchResults): string {
  const rows: [string, string, string, string][] = [];
  const row = (what: string, value: string, target = '', status = '') => rows.push([what, value, target, status]);
  const f = r.fanout;
  const last = f.runs.at(-1)!;

  row('Rendering: compiled render (per email)', `${r.render.compiledRenderUs} µs`, '≤ 30 µs', mark(r.render.compiledRenderUs <= 30));
  row('Rendering: mjml2html render (per email)', `${r.render.mjmlRenderUs} µs`);
  row('Rendering: speed-up, render vs render', `${r.render.speedupRender}×`, '≥ 200×', mark(r.render.speedupRender >= 200));
  row('Rendering: compose incl. tokens + MIME', `${r.render.compiledComposeUs} µs`, '≤ 30 µs', mark(r.render.compiledComposeUs <= 30));
  row('Rendering: speed-up, compose vs naive', `${r.render.speedupCompose}×`, '≥ 200×', mark(r.render.speedupCompose >= 200));
  for (const run of f.runs) {
    row(`Fan-out ${run.readers.toLocaleString('en')}: machine load average at the end`, `${run.loadAverageAtEnd} (2 cores)`);
    row(`Fan-out ${run.readers.toLocaleString('en')}: emails/s end to end`, `${run.emailsPerSecond}/s (${run.seconds} s)`);
    row(`Fan-out ${run.readers.toLocaleString('en')}: our CPU per email`, `${run.ownCpuMsPerEmail} ms`, '≤ 4 ms', mark(run.ownCpuMsPerEmail <= 4));
    row(`Fan-out ${run.readers.toLocaleString('en')}: emulators' CPU per email`, `dynalite ${run.dynaliteCpuMsPerEmail} ms, SES ${run.sesEmulatorCpuMsPerEmail} ms`);
    row(`Fan-out ${run.readers.toLocaleString('en')}: peak RSS (our process)`, `${run.peakRssMiB} MiB`, 'flat');
  }
  row('Fan-out: calls per email', `DynamoDB ${last.dynamoCallsPerEmail}, SES ${last.sesCallsPerEmail}`);
  row(`Raw emulator rates (concurrency ${f.raw.concurrency})`, `SES ${f.raw.sesSendsPerSecond}/s, dynalite ${f.raw.dynaliteWritesPerSecond} writes/s`);
  row('Allowed rate (min over emulators)', `${f.allowedEmailsPerSecond}/s, by ${f.limitedBy}`);
  row('Achieved / allowed', `${Math.round(f.achievedOfAllowed * 100)}%`, '≥ 70%', mark(f.achievedOfAllowed >= 0.7));
  row('Cold start: empty node process (wall)', `${r.coldStart.emptyNodeMs} ms`);
  for (const b of r.coldStart.bundles) {
    row(`Cold start ${b.lambda}: bundle / floor`, `${round(b.bytes / 1024, 0)} KB / ${round(b.floorBytes / 1024, 0)} KB (+${b.addedKB} KB)`,
      b.targetKB ? `+≤ ${b.targetKB} KB` : b.lambda === 'sender' ? 'no mjml, < 1 MB' : '', b.targetKB ? mark(b.addedKB <= b.targetKB) : b.lambda === 'sender' ? mark(b.met) : '');
    row(`  ${b.lambda}: what is not SDK`, `zod ${b.breakdownKB.zod} KB, templates ${b.breakdownKB.templates} KB, our code ${b.breakdownKB.ours} KB, other ${b.breakdownKB.other} KB`);
    row(`Cold start ${b.lambda}: load / floor`, `${b.loadMs} ms / ${b.floorLoadMs} ms (+${b.addedMs} ms; CPU +${b.addedCpuMs} ms)`,
      b.targetMs ? `+≤ ${b.targetMs} ms` : '', b.targetMs ? mark(b.addedMs <= b.targetMs) : '');
  }
  for (const [lang, f] of Object.entries(r.coldStart.proposalsFirstRequest ?? {})) {
    row(`Cold start proposals: load + first ${lang} story`,
      `${f.loadMs} + ${f.firstRequestMs} = ${f.totalMs} ms (CPU ${f.totalCpuMs} ms)`);
  }
  const c = r.cost;
  row('Cost per 1,000 emails (infrastructure)', `$${c.totalPer1000.toFixed(4)} = ${round(c.shareOfSes * 100, 1)}% of SES`, '≤ $0.005', mark(c.met));
  row('  DynamoDB writes / reads', `$${c.per1000.dynamoWrites!.toFixed(5)} / $${c.per1000.dynamoReads!.toFixed(5)}`);
  row('  SQS / Lambda requests / Lambda GB-s', `$${c.per1000.sqs!.toFixed(6)} / $${c.per1000.lambdaRequests!.toFixed(6)} / $${c.per1000.lambdaDuration!.toFixed(5)}`);
  row('  ledger storage, 400 days (not in total)', `$${c.ledgerStoragePer1000.toFixed(5)}`);
  for (const a of r.apiLoad) {
    const statuses = Object.entries(a.byStatus).map(([k, v]) => `${k}:${v}`).join(' ');
    const events = a.route === 'GET /events';
    row(`API ${a.route} (${a.connections} conn, ${a.seconds} s)`, `${a.requestsPerSecond} req/s, p50 ${a.p50Ms} ms, p99 ${a.p99Ms} ms`,
      events ? '≥ 700 req/s' : '', events ? mark(a.requestsPerSecond >= 700) : '');
    row(`  statuses`, `${statuses}; 429s ${a.rateLimited}, errors ${a.errors}`);
  }
  for (const p of r.onPaper) row(`On paper: 1M readers at SES ${p.sesRatePerSecond}/s`, `${p.hours} h (as deployed, ${p.deployedRatePerSecond}/s: ${p.hoursAsDeployed} h)`);

  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((x) => x[i]!.length), ['measure', 'value', 'target', ''][i]!.length));
  const line = (x: string[]) => `| ${x.map((v, i) => pad(v, widths[i]!)).join(' | ')} |`;
  return [line(['measure', 'value', 'target', 'status']), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function writeResults(file: string, r: BenchResults): void {
  mergeResults(file, r as unknown as Record<string, unknown>);
}

/**
 * Writes these top-level entries into the results file and keeps the others: the separate benches (sender,
 * proposals) each own their named figures, and a full `npm run bench` must not wipe them.
 */
export function mergeResults(file: string, entries: Record<string, unknown>): void {
  const old = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> : {};
  writeFileSync(file, `${JSON.stringify({ ...old, ...entries }, null, 2)}\n`);
}
