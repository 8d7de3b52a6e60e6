import { randomBytes } from 'node:crypto';
import type { IdGenerator } from '#ports/ids.ts';

/** Event ids: a readable prefix and 32 random bits. */
export const randomIds: IdGenerator = (prefix) => `${prefix}-${randomBytes(4).toString('hex')}`;
