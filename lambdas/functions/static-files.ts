import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeStaticFiles } from '#handlers/static-files.ts';
import { lazyHandler } from '#handlers/http/router.ts';
import { readConsoleSignIn, readTaskRoot, type Env } from '#lambdas/config.ts';
import { STATIC_DIR, STATIC_FILES, type StaticFileName } from '#lambdas/static-files.ts';
import { awsAccessOf, edgeTrustOf, telemetryOf, type BuildOptions } from './build-basics.ts';

/**
 * Built files: the editors' console and the OpenAPI document, read from the package (beside index.mjs) on Lambda,
 * and where the build steps wrote them on one machine. Its code is the router and a file read, nothing more.
 */
export async function build(env: Env, options: BuildOptions = {}) {
  const taskRoot = readTaskRoot(env);
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
  const path = (name: StaticFileName) =>
    (taskRoot ? join(taskRoot, STATIC_DIR, name) : join(repoRoot, STATIC_FILES[name]));
  const edge = await edgeTrustOf(env, awsAccessOf(env, options));
  return makeStaticFiles({
    read: (name) => readFile(path(name), 'utf8'),
    consoleSignIn: readConsoleSignIn(env),
    telemetry: telemetryOf(env, options),
    ...(edge ? { edge } : {}),
  });
}

export const handler = lazyHandler(() => build(process.env));
