import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Where the CDK app starts; every file it imports is an input of the synth. */
const APP_ENTRY = 'infra/aws/app.ts';

/**
 * Files the synth reads besides the app's imports: the whole CDK folder, the story it hashes for the seed, the
 * context, and the lock file (aws-cdk-lib and cdk-nag versions; NodejsFunction also requires it to exist).
 */
const ALSO_READ = ['infra/aws', 'lambdas/data', 'cdk.json', 'package.json', 'package-lock.json', 'infra/local/cloud/synth.ts'];

/** NodejsFunction only checks that each entry exists (bundling is skipped), so their names matter, not their text. */
const NAMES_ONLY = ['lambdas/functions'];

/** A sha256 over everything that can change the synthesized templates, plus `extra` (the context given). */
export function synthInputsHash(repoRoot: string, extra: unknown): string {
  const hash = createHash('sha256');
  const files = new Set<string>([...importClosure(repoRoot, join(repoRoot, APP_ENTRY)), ...ALSO_READ.flatMap((p) => filesUnder(join(repoRoot, p)))]);
  for (const file of [...files].sort()) {
    hash.update(`${relative(repoRoot, file)}\0`).update(readFileSync(file)).update('\0');
  }
  for (const dir of NAMES_ONLY) hash.update(`${dir}:${filesUnder(join(repoRoot, dir)).map((f) => relative(repoRoot, f)).sort().join(',')}\0`);
  hash.update(JSON.stringify(extra ?? null));
  return hash.digest('hex');
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => filesUnder(join(path, entry.name)));
}

/** The repository's own source files reachable from `entry` by static or dynamic imports (packages left out). */
function importClosure(repoRoot: string, entry: string): string[] {
  const aliases = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { imports?: Record<string, string> }).imports ?? {};
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)) {
      const target = localTarget(repoRoot, dirname(file), specifier!, aliases);
      if (target) pending.push(target);
    }
  }
  return [...seen];
}

function localTarget(repoRoot: string, fromDir: string, specifier: string, aliases: Record<string, string>): string | undefined {
  if (specifier.startsWith('.')) return resolve(fromDir, specifier);
  if (!specifier.startsWith('#')) return undefined;
  for (const [pattern, target] of Object.entries(aliases)) {
    const prefix = pattern.replace(/\*$/, '');
    if (pattern.endsWith('*') ? specifier.startsWith(prefix) : specifier === pattern) {
      return resolve(repoRoot, target.replace(/\*$/, '') + specifier.slice(prefix.length));
    }
  }
  return undefined;
}
