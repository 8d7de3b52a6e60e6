import { createHmac } from 'node:crypto';
import { makeIpHasher, makeLimitKeys } from '#core/consent.ts';
import { makeLinks } from '#core/links.ts';
import { makeTokens, type TokenKeys } from '#core/tokens.ts';
import type { Clock } from '#ports/clock.ts';

/** Signed links from the token keys: what the public API and the sender put in every email. */
export function makeSignedLinks(keys: TokenKeys, publicBaseUrl: string, clock: Clock) {
  const tokens = makeTokens({ keys, clock });
  return { tokens, links: makeLinks({ baseUrl: publicBaseUrl, tokens }) };
}

/** A key of its own for IP hashes, derived from the signing key so there is one secret to keep. */
export function makeConsentIpHasher(keys: TokenKeys) {
  return makeIpHasher(createHmac('sha256', keys.current).update('datewatch-ip-hash-key').digest('hex'));
}

/** Keys of the rate-limit counters (network, mailbox), under a key of their own derived from the signing key. */
export function makeRateLimitKeys(keys: TokenKeys) {
  return makeLimitKeys(createHmac('sha256', keys.current).update('datewatch-limit-key').digest('hex'));
}
