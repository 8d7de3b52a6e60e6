/**
 * `npm run build:catalogues`: each catalogue other than English (lambdas/core/i18n/<lang>.ts with its page words)
 * as one minified CommonJS file, lambdas/core/i18n/dist/<lang>.cjs, which a deployed function requires beside its
 * code on the first message in that language (core/i18n/catalogue-files.ts; lambdas/asset-files.ts lists them).
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { CATALOGUE_FILES } from '#lambdas/asset-files.ts';
import { DATEWATCH_ESBUILD, repoRoot } from '../infra/aws/datewatch-function.ts';

export async function buildCatalogues(): Promise<string[]> {
  return Promise.all(Object.values(CATALOGUE_FILES).map(async (outPath) => {
    const lang = /\/(\w+)\.cjs$/.exec(outPath)![1]!;
    await build({
      absWorkingDir: repoRoot,
      entryPoints: [`lambdas/core/i18n/${lang}.ts`],
      outfile: outPath,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: DATEWATCH_ESBUILD.target,
      minify: true,
      legalComments: 'none',
      logLevel: 'error',
    });
    return outPath;
  }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const built = await buildCatalogues();
  console.log(`catalogues: ${built.join(', ')}`);
}
