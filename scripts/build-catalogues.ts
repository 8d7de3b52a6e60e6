/**
 * `npm run build:catalogues`: what a function reads in a language other than English, each as one minified
 * CommonJS file that a deployed function requires beside its code on the first request in that language
 * (lambdas/asset-files.ts lists them): each catalogue (lambdas/core/i18n/<lang>.ts with its page words) as
 * lambdas/core/i18n/dist/<lang>.cjs (read by core/i18n/catalogue-files.ts), and the proposals' Japanese and Russian
 * date readers (lambdas/core/proposals/dates-<lang>.ts, the Russian one with chrono's Russian parser) as
 * lambdas/core/proposals/dist/<lang>.cjs (read by core/proposals/date-reader-files.ts).
 */
import { fileURLToPath } from 'node:url';
import { basename, dirname, relative, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { CATALOGUE_FILES, DATE_READER_FILES, PREVIEW_KIND_FILES } from '#lambdas/asset-files.ts';
import { SHARED_MODULES, SHARED_MODULES_KEY } from '#core/proposals/date-reader-shared.ts';
import { KIND_OWN_MODULES, SHARED_MAIL_MODULES, SHARED_MAIL_MODULES_KEY } from '#core/preview-kinds/shared.ts';
import { sharedModules } from './shared-modules.ts';
import { DATEWATCH_ESBUILD, repoRoot } from '../infra/aws/datewatch-function.ts';

const PROPOSALS_DIR = 'lambdas/core/proposals';

/**
 * A date reader's imports of the engine's own modules become the modules the bundle hands it (date-reader-shared.ts)
 * instead of copies: one `dates.ts` at run time, and a reader file that holds its own rules only. chrono's Russian
 * locale is bundled, its core (parsers' base classes, results, configuration) handed over too; a module of ours or
 * of chrono's core that is not shared fails the build.
 */
const sharedEngineModules: Plugin = {
  name: 'shared-engine-modules',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const file = relative(repoRoot, resolve(args.resolveDir, args.path));
      if (args.kind === 'entry-point') return undefined;
      // chrono's core (outside its locales): the bundle's copy, which its English parser uses.
      const chrono = /^node_modules\/(chrono-node\/dist\/esm\/(?!locales\/).+)$/.exec(file)?.[1];
      if (chrono) {
        if (chrono in SHARED_MODULES) return { path: chrono, namespace: 'shared-engine' };
        const text = `${chrono} is imported by a date reader but not handed to it: `
          + `list it in ${PROPOSALS_DIR}/date-reader-shared.ts`;
        return { errors: [{ text }] };
      }
      if (!file.startsWith('lambdas/')) return undefined;
      const name = basename(file);
      if (dirname(file) === PROPOSALS_DIR && name in SHARED_MODULES) return { path: name, namespace: 'shared-engine' };
      const text = `${file} is imported by a date reader but not handed to it: `
        + `list it in ${PROPOSALS_DIR}/date-reader-shared.ts`;
      return { errors: [{ text }] };
    });
    // An ES module re-exporting the handed module's exports by name (a default export too), so that imports of
    // either kind bind as they do in the sources.
    b.onLoad({ filter: /.*/, namespace: 'shared-engine' }, (args) => {
      const names = Object.keys(SHARED_MODULES[args.path]!);
      const named = names.filter((n) => n !== 'default');
      return {
        loader: 'js',
        contents: `const shared = globalThis[Symbol.for(${JSON.stringify(SHARED_MODULES_KEY)})];
if (!shared) throw new Error('a date reader file is required by date-reader-files.ts, which hands it the engine');
const m = shared[${JSON.stringify(args.path)}];
export const { ${named.join(', ')} } = m;
${names.includes('default') ? 'export default m.default;' : ''}`,
      };
    });
  },
};

/** A preview kind's code takes what it shares with the editor-mail bundle from it (preview-kinds/shared.ts). */
const sharedMailModules = sharedModules({
  key: SHARED_MAIL_MODULES_KEY, modules: SHARED_MAIL_MODULES, own: KIND_OWN_MODULES, repoRoot,
  listedIn: 'lambdas/core/preview-kinds/shared.ts',
});

/** Each output file (…/dist/<lang>.cjs) from its source: `source(lang)`, with the plugins its build needs. */
const SOURCES: Array<[outPaths: readonly string[], source: (lang: string) => string, plugins: Plugin[]]> = [
  [Object.values(CATALOGUE_FILES), (lang) => `lambdas/core/i18n/${lang}.ts`, []],
  [Object.values(DATE_READER_FILES), (lang) => `${PROPOSALS_DIR}/dates-${lang}.ts`, [sharedEngineModules]],
  [Object.values(PREVIEW_KIND_FILES), (name) => `lambdas/core/preview-kinds/${name}.ts`, [sharedMailModules]],
];

export async function buildCatalogues(): Promise<string[]> {
  return Promise.all(SOURCES.flatMap(([outPaths, source, plugins]) => outPaths.map(async (outPath) => {
    const lang = /\/(\w+)\.cjs$/.exec(outPath)![1]!;
    await build({
      absWorkingDir: repoRoot,
      entryPoints: [source(lang)],
      outfile: outPath,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: DATEWATCH_ESBUILD.target,
      // The packages' ES module builds, as the functions' own bundles pick them (chrono-node's CommonJS is larger).
      mainFields: DATEWATCH_ESBUILD.mainFields,
      conditions: ['module'],
      minify: true,
      charset: DATEWATCH_ESBUILD.charset,
      legalComments: 'none',
      logLevel: 'error',
      plugins,
    });
    return outPath;
  })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const built = await buildCatalogues();
  console.log(`built: ${built.join(', ')}`);
}
