/**
 * The engine's modules that the Japanese and Russian date readers import (dates-ja.ts, dates-ru.ts). In a deployed
 * function those readers are files beside the bundle (date-reader-files.ts); they are built without these modules
 * (scripts/build-catalogues.ts), which the bundle hands them when it requires them, so each module exists once, as
 * the sources have it, and an English story's bundle carries the rules of no other language. A reader importing a
 * module of ours not listed here fails that build: add the module here.
 */
import * as calendar from './calendar.ts';
import * as dates from './dates.ts';
import * as jaPredicate from './ja-predicate.ts';

/** Where the bundle puts the modules for a reader file to take (`Symbol.for(SHARED_MODULES_KEY)` on globalThis). */
export const SHARED_MODULES_KEY = 'datewatch.proposals.shared-modules';

/** By file name under lambdas/core/proposals/. */
export const SHARED_MODULES: Readonly<Record<string, object>> = {
  'calendar.ts': calendar,
  'dates.ts': dates,
  'ja-predicate.ts': jaPredicate,
};
