/**
 * The one zod of the code: `zod/mini`, the functional build of zod 4 (a third of classic zod's bundle and of its
 * time to build our schemas at a cold start), with classic zod's English messages, which a few 4xx answers carry
 * ("Invalid input: expected object, received array"). Import zod from here, never classic zod
 * (tests/unit/zod-imports.test.ts).
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
