/**
 * `npm run bench:markdown`: the editors' Markdown (updates, the mail's summaries) on pathological input, each unit
 * repeated to 25,000 and to 50,000 characters (five times the longest body the API takes), and the CPU ms each
 * render takes. Linear work gives a ratio near 2 between the two lengths; a quadratic scan gives near 4, and seconds.
 * Median of 5 runs after a warm-up. Figures in bench/results.json under `markdown`.
 */
import { fileURLToPath } from 'node:url';
import { renderMarkdown } from '../lambdas/core/email/markdown.ts';
import { machineInfo, median, progress, round } from './lib.ts';
import { mergeResults } from './report.ts';

const UNITS = ['[', '**', '*a', '[a](', '](', 'x*', '<', '- ', '\n', '`', '_a', '> '];

function cpuMs(input: string): number {
  const samples: number[] = [];
  renderMarkdown(input);
  for (let i = 0; i < 5; i++) {
    const before = process.cpuUsage();
    renderMarkdown(input);
    const used = process.cpuUsage(before);
    samples.push((used.user + used.system) / 1000);
  }
  return median(samples);
}

const rows = UNITS.map((unit) => {
  progress(`markdown: ${JSON.stringify(unit)} repeated`);
  const half = cpuMs(unit.repeat(Math.ceil(25_000 / unit.length)));
  const full = cpuMs(unit.repeat(Math.ceil(50_000 / unit.length)));
  return { unit, ms25k: round(half, 2), ms50k: round(full, 2), ratio: round(full / Math.max(half, 0.01), 2) };
});
const worst = rows.reduce((a, b) => (b.ms50k > a.ms50k ? b : a));
mergeResults(fileURLToPath(new URL('./results.json', import.meta.url)), {
  markdown: {
    worstMsPer50kChars: worst.ms50k, worstUnit: worst.unit, rows,
    measuredAt: new Date().toISOString(), machine: machineInfo(),
  },
});
console.log('unit            25k chars   50k chars   ratio');
for (const r of rows) {
  const cells = [`${r.ms25k} ms`.padStart(10), `${r.ms50k} ms`.padStart(11), String(r.ratio).padStart(7)];
  console.log(`${JSON.stringify(r.unit).padEnd(14)} ${cells.join(' ')}`);
}
console.log(`worst: ${JSON.stringify(worst.unit)} at 50,000 characters, ${worst.ms50k} ms CPU`);
