/**
 * The engine's modules that the Japanese and Russian date readers import (dates-ja.ts, dates-ru.ts). In a deployed
 * function those readers are files beside the bundle (date-reader-files.ts); they are built without these modules
 * (scripts/build-catalogues.ts), which the bundle hands them when it requires them, so each module exists once, as
 * the sources have it, and an English story's bundle carries the rules of no other language. A reader importing a
 * module of ours not listed here fails that build: add the module here. Their exports are functions and constants
 * (a reader file binds each once, when it is required).
 *
 * chrono's own modules that its Russian parser imports from outside its locale (the parsers' base classes, results
 * and configuration, which its English parser uses too) are handed over the same way, by their path in the package
 * (which exports none of them by name, hence the paths into node_modules): the Russian file holds chrono's Russian
 * words and parsers only, not a second copy of chrono.
 */
import * as duration from '../../../node_modules/chrono-node/dist/esm/calculation/duration.js';
import * as weekdays from '../../../node_modules/chrono-node/dist/esm/calculation/weekdays.js';
import * as years from '../../../node_modules/chrono-node/dist/esm/calculation/years.js';
import * as chronoClass from '../../../node_modules/chrono-node/dist/esm/chrono.js';
import * as casualRefs from '../../../node_modules/chrono-node/dist/esm/common/casualReferences.js';
import * as wordBound
  from '../../../node_modules/chrono-node/dist/esm/common/parsers/AbstractParserWithWordBoundary.js';
import * as timeExpr from '../../../node_modules/chrono-node/dist/esm/common/parsers/AbstractTimeExpressionParser.js';
import * as slashDate from '../../../node_modules/chrono-node/dist/esm/common/parsers/SlashDateFormatParser.js';
import * as mergeRange
  from '../../../node_modules/chrono-node/dist/esm/common/refiners/AbstractMergeDateRangeRefiner.js';
import * as mergeTime from '../../../node_modules/chrono-node/dist/esm/common/refiners/AbstractMergeDateTimeRefiner.js';
import * as configurations from '../../../node_modules/chrono-node/dist/esm/configurations.js';
import * as results from '../../../node_modules/chrono-node/dist/esm/results.js';
import * as types from '../../../node_modules/chrono-node/dist/esm/types.js';
import * as dateUtils from '../../../node_modules/chrono-node/dist/esm/utils/dates.js';
import * as pattern from '../../../node_modules/chrono-node/dist/esm/utils/pattern.js';
import * as calendar from './calendar.ts';
import * as dates from './dates.ts';
import * as jaPredicate from './ja-predicate.ts';

/** Where the bundle puts the modules for a reader file to take (`Symbol.for(SHARED_MODULES_KEY)` on globalThis). */
export const SHARED_MODULES_KEY = 'datewatch.proposals.shared-modules';

const CHRONO = 'chrono-node/dist/esm/';

/** By file name under lambdas/core/proposals/, or path under node_modules/ for chrono's. */
export const SHARED_MODULES: Readonly<Record<string, object>> = {
  'calendar.ts': calendar,
  'dates.ts': dates,
  'ja-predicate.ts': jaPredicate,
  [`${CHRONO}calculation/duration.js`]: duration,
  [`${CHRONO}calculation/weekdays.js`]: weekdays,
  [`${CHRONO}calculation/years.js`]: years,
  [`${CHRONO}chrono.js`]: chronoClass,
  [`${CHRONO}common/casualReferences.js`]: casualRefs,
  [`${CHRONO}common/parsers/AbstractParserWithWordBoundary.js`]: wordBound,
  [`${CHRONO}common/parsers/AbstractTimeExpressionParser.js`]: timeExpr,
  [`${CHRONO}common/parsers/SlashDateFormatParser.js`]: slashDate,
  [`${CHRONO}common/refiners/AbstractMergeDateRangeRefiner.js`]: mergeRange,
  [`${CHRONO}common/refiners/AbstractMergeDateTimeRefiner.js`]: mergeTime,
  [`${CHRONO}configurations.js`]: configurations,
  [`${CHRONO}results.js`]: results,
  [`${CHRONO}types.js`]: types,
  [`${CHRONO}utils/dates.js`]: dateUtils,
  [`${CHRONO}utils/pattern.js`]: pattern,
};
