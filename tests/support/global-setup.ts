/**
 * Before any test, so that a plain `npx vitest run` tests what the code makes now, as `npm test` does:
 * - the mail templates (templates/compiled/, `npm run build:templates`), compiled again when missing or older than
 *   any file under templates/ (MJML compiling takes seconds, so it is skipped when nothing changed);
 * - the built files deployed beside the functions' code (lambdas/asset-files.ts): console, OpenAPI document and
 *   the ja/ru catalogues, made afresh every run (esbuild makes them in a fraction of a second).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEMPLATE_FILES } from '#lambdas/asset-files.ts';
import { buildConsole } from '#lambdas/console/build.ts';
import { buildOpenApi } from '#lambdas/openapi/build.ts';
import { buildCatalogues } from '../../scripts/build-catalogues.ts';
import { isStale } from './stale.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const compiledDir = join(repoRoot, 'templates', 'compiled');

async function buildTemplatesIfStale(): Promise<void> {
  const outputs = [
    join(compiledDir, 'templates.json'), join(compiledDir, 'fragments.json'),
    ...Object.values(TEMPLATE_FILES).map((f) => join(repoRoot, f)),
  ];
  const inputs = [join(repoRoot, 'templates'), join(repoRoot, 'package-lock.json')];
  if (!isStale(outputs, inputs, (path) => path === compiledDir)) return;
  // Imported only here: templates/build.ts loads mjml, which a run with fresh templates never needs.
  const { writeCompiledTemplates } = await import('../../templates/build.ts');
  await writeCompiledTemplates();
}

export default async function setup(): Promise<void> {
  await Promise.all([buildTemplatesIfStale(), buildConsole(), buildOpenApi(), buildCatalogues()]);
}
