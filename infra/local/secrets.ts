import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TokenKeys } from '#adapters/subscription-dependencies.ts';

/** The token-signing keys: on AWS in Secrets Manager; here generated once under .local/ (or in memory). */
export function loadOrCreateTokenKeys(file?: string): TokenKeys {
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as TokenKeys;
  const keys: TokenKeys = { current: randomBytes(32).toString('base64url') };
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  }
  return keys;
}
