/**
 * Files a function's deployed package carries beside its code (index.mjs), by handler: path in the package →
 * path in the repository. Each is read on first use, never bundled, so it costs a cold start nothing: the
 * static-files function's built console and OpenAPI document, the catalogues other than English of every
 * function that speaks to readers, the compiled mail templates of those that render mail, and the proposals
 * function's gazetteer and its Japanese and Russian date readers. The stack copies them into each asset
 * (DatewatchFunction), tests/support/bundles.ts into each test bundle; each is made by a build step or kept in git.
 */
import { STATIC_DIR, STATIC_FILES } from './static-files.ts';

/** Built by `npm run build:catalogues` (scripts/build-catalogues.ts); read by core/i18n/catalogue-files.ts. */
export const CATALOGUE_FILES = {
  'i18n/ja.cjs': 'lambdas/core/i18n/dist/ja.cjs',
  'i18n/ru.cjs': 'lambdas/core/i18n/dist/ru.cjs',
} as const;

/** Written by `npm run build:templates` (templates/build.ts); read by core/email/template-files.ts. */
export const TEMPLATE_FILES = Object.fromEntries(
  ['reminder', 'digest', 'alert-moved', 'alert-confirmed', 'alert-cancelled', 'confirmation', 'update']
    .map((name) => [`templates/${name}.html`, `templates/compiled/${name}.html`]),
);

/** The templates' repeated pieces, one file (templates/build.ts); read by core/email/template-files.ts. */
export const FRAGMENT_FILES = { 'templates/fragments.json': 'templates/compiled/fragments.json' } as const;

/** What every function that writes to readers carries: the other languages' words and the mail templates. */
const READER_FILES = { ...CATALOGUE_FILES, ...TEMPLATE_FILES, ...FRAGMENT_FILES };

/** Kept in git (scripts/generate-gazetteer.ts writes it); read by core/proposals/gazetteer-file.ts. */
export const GAZETTEER_FILES = {
  'data/gazetteer.json': 'lambdas/core/proposals/gazetteer-data.json',
} as const;

/**
 * Built by `npm run build:catalogues` (scripts/build-catalogues.ts) from dates-ja.ts and dates-ru.ts (with chrono's
 * Russian parser); read by core/proposals/date-reader-files.ts on the first story in that language.
 */
export const DATE_READER_FILES = {
  'proposals/ja.cjs': 'lambdas/core/proposals/dist/ja.cjs',
  'proposals/ru.cjs': 'lambdas/core/proposals/dist/ru.cjs',
} as const;

/**
 * Built by `npm run build:catalogues` (scripts/build-catalogues.ts) from lambdas/core/preview-kinds/<module>.ts, each
 * with the renderer of its kinds; read by core/preview-kinds/kind-files.ts on the first preview of one of its kinds.
 */
export const PREVIEW_KIND_FILES = Object.fromEntries(
  ['confirmation', 'reminder', 'digest', 'alerts', 'update']
    .map((name) => [`editor-mail/${name}.cjs`, `lambdas/core/preview-kinds/dist/${name}.cjs`]),
);

/** What the proposals function reads beside its code: the gazetteer, and the date readers other than English. */
const PROPOSAL_FILES = { ...GAZETTEER_FILES, ...DATE_READER_FILES };

const staticFiles = Object.fromEntries(
  Object.entries(STATIC_FILES).map(([name, path]) => [`${STATIC_DIR}/${name}`, path]),
);

/** Each function whose bundle holds core/i18n/catalogues.ts has the catalogues (tests/infra/asset-files.test.ts). */
export const ASSET_FILES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'static-files': staticFiles,
  'public-pages': CATALOGUE_FILES,
  subscribe: CATALOGUE_FILES,
  'public-api': CATALOGUE_FILES,
  preferences: CATALOGUE_FILES,
  // Each preview kind's code too, read on the first preview of that kind.
  'editor-mail': { ...READER_FILES, ...PREVIEW_KIND_FILES },
  // An update is rendered (in English, its update template) to refuse one too large to send.
  'mail-jobs': READER_FILES,
  'sign-ups': READER_FILES,
  sender: READER_FILES,
  proposals: PROPOSAL_FILES,
};
