/**
 * `npm run lint` (with Biome): no line over 120 characters in new code. The house predates the rule (about 2,600
 * longer lines in 260 files) and rewrapping them all would rewrite most files, so this is a ratchet: each file may
 * keep at most the long lines it had when the rule came (line-length-baseline.json), a file not listed none.
 * `npm run lint:lines -- --update` writes the baseline again after long lines were shortened.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MAX = 120;
const root = fileURLToPath(new URL('..', import.meta.url));
const baselineFile = fileURLToPath(new URL('./line-length-baseline.json', import.meta.url));

const files = execFileSync('git', ['ls-files', '*.ts', '*.mts', '*.mjs'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter(Boolean);
const counts: Record<string, number> = {};
for (const file of files) {
  if (!existsSync(`${root}${file}`)) continue;
  const long = readFileSync(`${root}${file}`, 'utf8').split('\n').filter((line) => line.length > MAX).length;
  if (long > 0) counts[file] = long;
}

if (process.argv.includes('--update')) {
  writeFileSync(baselineFile, `${JSON.stringify(counts, null, 1)}\n`);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`line length: baseline written, ${total} lines over ${MAX} in ${Object.keys(counts).length} files`);
} else {
  const baseline = JSON.parse(readFileSync(baselineFile, 'utf8')) as Record<string, number>;
  const worse = Object.entries(counts).filter(([file, n]) => n > (baseline[file] ?? 0));
  for (const [file, n] of worse) {
    console.error(`${file}: ${n} lines over ${MAX} characters (allowed: ${baseline[file] ?? 0})`);
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (worse.length) {
    console.error(`line length: ${worse.length} files have more lines over ${MAX} characters than before; wrap them`);
    process.exit(1);
  }
  console.log(`line length: ok (${total} older lines over ${MAX} remain; none added)`);
}
