/**
 * What each deployed package holds, read from esbuild's metafile of each function built with the stack's options:
 * the files beside the code (lambdas/asset-files.ts) agree with the code that reads them, and what a function
 * never uses on its common path stays out of its bundle.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_NAMES } from '#core/email/compiled.ts';
import { LANGUAGES } from '#core/model/language.ts';
import {
  ASSET_FILES, CATALOGUE_FILES, DATE_READER_FILES, FRAGMENT_FILES, GAZETTEER_FILES, PREVIEW_KIND_FILES, TEMPLATE_FILES,
} from '#lambdas/asset-files.ts';
import { KIND_MODULES } from '#core/preview-kinds/kind-module.ts';
import { KIND_OWN_MODULES } from '#core/preview-kinds/shared.ts';
import { assetFileCommands, DATEWATCH_ESBUILD, repoRoot } from '../../infra/aws/datewatch-function.ts';
import { entryPointsByAsset, HANDLERS, type HandlerName } from '../support/bundles.ts';

/** Each function's bundled source files (the modules esbuild kept), by handler. */
const inputs = {} as Record<HandlerName, string[]>;

beforeAll(async () => {
  // One esbuild run for all (each entry its own output, as built alone): the modules they share are parsed once.
  const result = await build({
    ...DATEWATCH_ESBUILD, sourcemap: false, metafile: true, write: false, logLevel: 'error',
    entryPoints: entryPointsByAsset(), outdir: 'bundles', outExtension: { '.js': '.mjs' },
  });
  for (const handler of HANDLERS) {
    const output = result.metafile.outputs[`bundles/${handler}/index.mjs`];
    if (!output) throw new Error(`esbuild wrote no bundles/${handler}/index.mjs`);
    inputs[handler] = Object.entries(output.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([file]) => file);
  }
});

const bundles = (handler: HandlerName, file: string) => inputs[handler].some((f) => f.includes(file));

describe('what no function bundles', () => {
  it('zod, zod-openapi or the OpenAPI build: functions validate with core/validate/, the document is built', () => {
    for (const handler of HANDLERS) {
      const found = inputs[handler].filter((f) => /node_modules\/zod(-openapi)?\/|lambdas\/openapi\//.test(f));
      expect(found, handler).toEqual([]);
    }
    expect(bundles('subscribe', 'lambdas/core/validate/schema.ts')).toBe(true);
    expect(bundles('preferences', 'lambdas/core/validate/schema.ts')).toBe(true);
    // Confirm and unsubscribe take no body to validate.
    expect(bundles('public-api', 'lambdas/core/validate/schema.ts')).toBe(false);
  });
});

describe('the files beside each function\'s code', () => {
  it('every function that looks words up carries the catalogues other than English, and no bundle holds them', () => {
    for (const handler of HANDLERS) {
      const files = ASSET_FILES[handler] ?? {};
      const carries = Object.keys(CATALOGUE_FILES).every((name) => name in files);
      // catalogues.ts looks up every word (mail's too), page-words.ts those of pages: either reads the files.
      const looksUp = bundles(handler, 'lambdas/core/i18n/catalogues.ts')
        || bundles(handler, 'lambdas/core/i18n/page-words.ts');
      expect(carries, handler).toBe(looksUp);
      for (const other of ['i18n/ja.ts', 'i18n/ru.ts', 'i18n/pages-ja.ts', 'i18n/pages-ru.ts']) {
        expect(bundles(handler, other), `${handler} bundles ${other}`).toBe(false);
      }
    }
    expect(bundles('public-pages', 'lambdas/core/i18n/page-words-en.ts')).toBe(true);
    // A function that only serves pages does not bundle the mail's words.
    expect(bundles('public-pages', 'lambdas/core/i18n/en.ts')).toBe(false);
    expect(bundles('sender', 'lambdas/core/i18n/en.ts')).toBe(true);
  });

  it('the catalogue files are every language but English: a language added is a file each package carries', () => {
    const others = LANGUAGES.filter((l) => l !== 'en').map((l) => `i18n/${l}.cjs`);
    expect(Object.keys(CATALOGUE_FILES).sort()).toEqual(others);
  });

  it('every function that renders mail carries each compiled template beside its code, and bundles none', () => {
    expect(Object.keys(TEMPLATE_FILES).sort()).toEqual(TEMPLATE_NAMES.map((n) => `templates/${n}.html`).sort());
    for (const handler of HANDLERS) {
      const files = ASSET_FILES[handler] ?? {};
      expect(Object.keys(TEMPLATE_FILES).every((name) => name in files), handler)
        .toBe(bundles(handler, 'lambdas/core/email/compiled.ts'));
      expect(bundles(handler, 'templates/compiled/templates.json'), handler).toBe(false);
    }
  });

  it('every function that renders mail carries the fragments beside its code; none bundles them', () => {
    for (const handler of HANDLERS) {
      const files = ASSET_FILES[handler] ?? {};
      expect(Object.keys(FRAGMENT_FILES).every((name) => name in files), handler)
        .toBe(bundles(handler, 'lambdas/core/email/compiled.ts'));
      expect(bundles(handler, 'templates/compiled/fragments.json'), handler).toBe(false);
    }
    expect(bundles('sender', 'lambdas/core/email/compiled.ts')).toBe(true);
  });

  it('only the proposals function carries the gazetteer, as a file read on first use rather than in its bundle', () => {
    for (const handler of HANDLERS) {
      const files = ASSET_FILES[handler] ?? {};
      expect(Object.keys(GAZETTEER_FILES).every((name) => name in files), handler)
        .toBe(bundles(handler, 'lambdas/core/proposals/gazetteer.ts'));
      expect(bundles(handler, 'gazetteer-data.json'), handler).toBe(false);
    }
    expect(Object.keys(ASSET_FILES.proposals ?? {}))
      .toEqual([...Object.keys(GAZETTEER_FILES), ...Object.keys(DATE_READER_FILES)]);
  });

  it('the proposals function carries the Japanese and Russian date readers beside its code, bundling neither', () => {
    // English is read in the bundle; each other language's rules (and chrono's Russian parser) on its first story.
    expect(Object.keys(DATE_READER_FILES).sort())
      .toEqual(LANGUAGES.filter((l) => l !== 'en').map((l) => `proposals/${l}.cjs`));
    for (const handler of HANDLERS) {
      const files = ASSET_FILES[handler] ?? {};
      expect(Object.keys(DATE_READER_FILES).every((name) => name in files), handler)
        .toBe(bundles(handler, 'lambdas/core/proposals/date-reader-files.ts'));
      for (const other of ['proposals/dates-ja.ts', 'proposals/dates-ru.ts', 'chrono-node/dist/esm/locales/ru/']) {
        expect(bundles(handler, other), `${handler} bundles ${other}`).toBe(false);
      }
    }
    expect(bundles('proposals', 'lambdas/core/proposals/dates.ts')).toBe(true);
    expect(bundles('proposals', 'chrono-node/dist/esm/locales/en/')).toBe(true);
  });

  it('editor-mail carries each preview kind\'s code beside its bundle, bundling none of the kinds\' code', () => {
    // One file per kind module (the three alerts share one); read on the first preview of one of its kinds.
    expect(Object.keys(PREVIEW_KIND_FILES).sort()).toEqual(KIND_MODULES.map((m) => `editor-mail/${m}.cjs`).sort());
    for (const handler of HANDLERS) {
      const files = ASSET_FILES[handler] ?? {};
      expect(Object.keys(PREVIEW_KIND_FILES).every((name) => name in files), handler)
        .toBe(bundles(handler, 'lambdas/core/preview-kinds/kind-files.ts'));
    }
    expect(bundles('editor-mail', 'lambdas/core/preview-kinds/kind-files.ts')).toBe(true);
    expect(KIND_OWN_MODULES.filter((m) => bundles('editor-mail', `lambdas/${m}`))).toEqual([]);
    // Those that send mail render every kind in their bundle, as before.
    expect(bundles('sender', 'lambdas/core/email/render-digest.ts')).toBe(true);
    expect(bundles('sender', 'lambdas/core/preview-kinds/')).toBe(false);
  });

  it('each file a package carries exists where the stack copies it from (built or kept in git)', () => {
    for (const files of Object.values(ASSET_FILES)) {
      for (const path of Object.values(files)) expect(existsSync(join(repoRoot, path)), path).toBe(true);
    }
  });

  it('the stack\'s hook makes each folder once, then copies each file from the project into the package', () => {
    expect(assetFileCommands('/in', '/out', { ...CATALOGUE_FILES, 'top.json': 'x/top.json' })).toEqual([
      'mkdir -p "/out/i18n"',
      'cp "/in/lambdas/core/i18n/dist/ja.cjs" "/out/i18n/ja.cjs"',
      'cp "/in/lambdas/core/i18n/dist/ru.cjs" "/out/i18n/ru.cjs"',
      'cp "/in/x/top.json" "/out/top.json"',
    ]);
  });
});

/** A DynamoDB adapter's file, by its name. */
const STORE_FILE =
  /lambdas\/adapters\/dynamodb\/(\w[\w-]*-store|subscription-records|send-ledger|job-stats|rate-limiter)\.ts$/;

describe('what each bundle leaves out', () => {
  it('each function behind readers\' actions bundles its own use cases only (routes.ts splits them by route)', () => {
    const useCases = (handler: HandlerName) => ['subscribe', 'confirmations', 'unsubscribes', 'preferences']
      .filter((name) => bundles(handler, `lambdas/core/${name}.ts`));
    expect(useCases('subscribe')).toEqual(['subscribe']);
    expect(useCases('public-api')).toEqual(['confirmations', 'unsubscribes']);
    expect(useCases('preferences')).toEqual(['preferences']);
    // Only the links' functions render their pages' forms: the preferences form's fields are the preferences one's.
    expect(HANDLERS.filter((h) => bundles(h, 'lambdas/core/pages/preference-fields.ts')).sort())
      .toEqual(['preferences', 'public-pages']);
  });

  it('no function bundles Powertools: telemetry is our own JSON and EMF lines', () => {
    for (const handler of HANDLERS) expect(bundles(handler, '@aws-lambda-powertools'), handler).toBe(false);
  });

  it('a function bundles only the DynamoDB stores its root names (readers\' pages: stories, events, both)', () => {
    const stores = (handler: HandlerName) => inputs[handler]
      .map((f) => STORE_FILE.exec(f)?.[1])
      .filter(Boolean).sort();
    expect(stores('public-pages')).toEqual(['catalog-store', 'event-store', 'story-store']);
    // The seed puts readers from before the mailbox index into it (the subscriber store, with its counters' helpers).
    expect(stores('seed'))
      .toEqual(['audience-store', 'event-store', 'story-store', 'subscriber-store', 'subscription-records']);
    // The subscriber store counts each subscription change in the audience counters (audience-store.ts helpers).
    expect(stores('ses-events'))
      .toEqual(['audience-store', 'job-stats', 'subscriber-store', 'subscription-records', 'suppression-store']);
    // Readers' actions: a sign-up reads no subscription; the links act on one subscription at a time, without the
    // fan-out's listings or the import's batches (subscriber-store.ts).
    expect(stores('subscribe')).toEqual(['event-store', 'rate-limiter', 'story-store']);
    expect(stores('public-api')).toEqual(['audience-store', 'subscription-records', 'suppression-store']);
    expect(stores('preferences'))
      .toEqual(['audience-store', 'catalog-store', 'event-store', 'story-store', 'subscription-records']);
    expect(stores('static-files')).toEqual([]);
    expect(stores('proposals')).toEqual([]);
  });
});
