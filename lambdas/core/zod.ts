/**
 * The one zod of the code: `zod/mini`, the functional build of zod 4 (26 KB of a function's bundle where classic
 * zod took 85 KB, and about 40% less time to build the same schemas), with classic zod's English messages, which a
 * few 4xx answers carry ("Invalid input: expected object, received array"): the messages stay word for word.
 * Import zod from here, never classic zod (tests/unit/zod-imports.test.ts). The handlers' schemas are built on
 * first use (z.lazy), not at import: see core/model/event.ts.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
