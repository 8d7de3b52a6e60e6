/**
 * `npm run build:console`: bundles the console (app/main.ts, minified) and its style sheet into
 * lambdas/console/dist/console.json, which the static-files function reads (on its first /console request) from
 * the files deployed beside its code (lambdas/static-files.ts), never from its bundle.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface ConsoleBundle {
  /** A hash of js and css: the script's URL carries it, so browsers may cache the script for good. */
  version: string;
  js: string;
  css: string;
}

const here = dirname(fileURLToPath(import.meta.url));
export const CONSOLE_BUNDLE_FILE = join(here, 'dist', 'console.json');

export async function buildConsole(outFile = CONSOLE_BUNDLE_FILE): Promise<ConsoleBundle> {
  const result = await build({
    entryPoints: [join(here, 'app', 'main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    platform: 'browser',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const js = result.outputFiles[0]!.text;
  const css = (await readFile(join(here, 'app', 'style.css'), 'utf8')).replace(/\n+/g, '\n').trim();
  const version = createHash('sha256').update(js).update('\0').update(css).digest('hex').slice(0, 16);
  const bundle = { version, js, css };
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, JSON.stringify(bundle));
  return bundle;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { version, js } = await buildConsole();
  console.log(`console ${version}: ${(js.length / 1024).toFixed(1)} KB of script in ${CONSOLE_BUNDLE_FILE}`);
}
