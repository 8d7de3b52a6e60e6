/**
 * Signed links: `<kid>.<payload>.<mac>`, all base64url. The MAC is HMAC-SHA256 over `<kid>.<payload>` with the
 * key the kid names, so a token keeps working across one key rotation (current or previous key).
 * The payload binds a purpose and a subscription's opaque id (random, never derived from the address), a
 * confirmation's nonce (the one sign-up request it was mailed for), and optionally an expiry in epoch seconds.
 * Preference and unsubscribe links also carry the address they were mailed to, encrypted (AES-256-GCM under a key
 * derived from the signing key), so a link from an older subscription still finds the address's current one.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '#ports/clock.ts';
import { UnauthorizedError, ValidationError } from './errors.ts';

export type TokenPurpose = 'confirm' | 'preferences' | 'unsubscribe';
/**
 * The secret's keys: `current` signs, `previous` still verifies links during a rotation, until `previousUntil`
 * (an ISO instant: the rotation's stated grace period) when given. `retired` keys verify no link any more; they
 * only still recognise suppressions recorded under them before the suppression key had a secret of its own.
 */
export interface TokenKeys { current: string; previous?: string; previousUntil?: string; retired?: string[] }

/** The keys as they are now: a value, or a getter over a secret re-read while the function stays warm. */
export type KeySource<K> = K | (() => K);

/** Confirmation links expire; preference and unsubscribe links in old emails keep working. */
export const TOKEN_LIFETIME_SECONDS: Record<TokenPurpose, number | undefined> = {
  confirm: 7 * 86_400,
  preferences: undefined,
  unsubscribe: undefined,
};

const PURPOSES = new Set<TokenPurpose>(['confirm', 'preferences', 'unsubscribe']);
/** Room for the longest address (254 characters) encrypted in the payload. */
const MAX_TOKEN_LENGTH = 1024;
const MIN_KEY_LENGTH = 16;

/** `a`: the address the link was mailed to, encrypted: iv (12 bytes), ciphertext, tag (16 bytes), base64url. */
interface Payload { p: TokenPurpose; s: string; n?: string; x?: number; a?: string }

/**
 * What a verified token names: the subscription, for a confirmation the sign-up request's nonce, and for a
 * preference or unsubscribe link made since links carry it, the address it was mailed to.
 */
export interface TokenSubject { subscriptionId: string; nonce?: string; address?: string }

export interface Tokens {
  issue(purpose: TokenPurpose, subscriptionId: string, nonce?: string, address?: string): string;
  /** The subscription id the token was issued for; throws a 400/401 DomainError with a reader-facing message. */
  verify(token: string | undefined, purpose: TokenPurpose): string;
  /** As verify, with the nonce a confirmation token carries. */
  verifySubject(token: string | undefined, purpose: TokenPurpose): TokenSubject;
}

const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64url');
/** One spelling per value: the last character's spare bits must be zero, so no second spelling verifies. */
const isCanonical = (part: string) => b64(Buffer.from(part, 'base64url')) === part;
const MAC_CHARS = 43; // 32 bytes
/** A short public name for a key: lets verify pick the key without trying each one. */
const keyId = (key: string) => createHash('sha256').update(`datewatch-kid:${key}`).digest('base64url').slice(0, 8);

/** The keys that verify, by key id; the previous key only until its grace period ends. */
interface KeyRing { keys: TokenKeys; currentId: string; byId: Map<string, string>; previousId?: string; previousUntil?: number }

function ringOf(keys: TokenKeys): KeyRing {
  for (const k of [keys.current, keys.previous]) {
    if (k !== undefined && k.length < MIN_KEY_LENGTH) throw new Error(`token keys must be at least ${MIN_KEY_LENGTH} characters`);
  }
  const previousUntil = keys.previousUntil === undefined ? undefined : Date.parse(keys.previousUntil);
  if (previousUntil !== undefined && Number.isNaN(previousUntil)) throw new Error('previousUntil must be an ISO-8601 instant');
  const byId = new Map<string, string>();
  if (keys.previous) byId.set(keyId(keys.previous), keys.previous);
  byId.set(keyId(keys.current), keys.current);
  return {
    keys, byId, currentId: keyId(keys.current),
    ...(keys.previous ? { previousId: keyId(keys.previous) } : {}),
    ...(previousUntil !== undefined ? { previousUntil } : {}),
  };
}

export function makeTokens({ keys, clock }: { keys: KeySource<TokenKeys>; clock: Clock }): Tokens {
  const keysNow = typeof keys === 'function' ? keys : () => keys;
  // Rebuilt only when the secret's value changes (a rotation), not per token.
  let ring = ringOf(keysNow());
  const ringNow = () => {
    const k = keysNow();
    if (k !== ring.keys) ring = ringOf(k);
    return ring;
  };
  const mac = (key: string, signed: string) => createHmac('sha256', key).update(`datewatch-token:${signed}`).digest();
  const sealKey = (key: string) => createHmac('sha256', key).update('datewatch-token-address-key').digest();
  const seal = (address: string) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', sealKey(ringNow().keys.current), iv);
    const body = Buffer.concat([cipher.update(address, 'utf8'), cipher.final()]);
    return b64(Buffer.concat([iv, body, cipher.getAuthTag()]));
  };
  const unseal = (key: string, sealed: string): string | undefined => {
    const bytes = Buffer.from(sealed, 'base64url');
    if (bytes.length < 29) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', sealKey(key), bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  };

  function verifySubject(link: string | undefined, purpose: TokenPurpose): TokenSubject {
    // A token has no whitespace: any there came from a header folded inside its URL (RFC 2369 says to ignore it).
    const token = link?.replace(/\s+/g, '');
    if (!token) throw new ValidationError('this link is missing its token; open the link from the email again');
    const notValid = () => new UnauthorizedError('this link is not valid; copy the whole link from the email, or subscribe again to get a new one');
    if (token.length > MAX_TOKEN_LENGTH) throw notValid();
    const parts = token.split('.');
    if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) throw notValid();
    const [kid, body, sig] = parts as [string, string, string];
    if (sig.length !== MAC_CHARS || !isCanonical(sig) || !isCanonical(body)) throw notValid();
    const { byId, currentId, previousId, previousUntil } = ringNow();
    const key = byId.get(kid);
    if (!key) throw notValid();
    if (kid === previousId && kid !== currentId && previousUntil !== undefined && clock.now().getTime() >= previousUntil) throw notValid();
    const expected = mac(key, `${kid}.${body}`);
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw notValid();
    let payload: Payload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
    } catch {
      throw notValid();
    }
    if (!payload || !PURPOSES.has(payload.p) || typeof payload.s !== 'string' || !payload.s) throw notValid();
    if (payload.n !== undefined && typeof payload.n !== 'string') throw notValid();
    if (payload.a !== undefined && typeof payload.a !== 'string') throw notValid();
    if (payload.p !== purpose) throw new UnauthorizedError(`this link is for ${describe(payload.p)}, not for ${describe(purpose)}; use the matching link from the email`);
    if (payload.x !== undefined && Math.floor(clock.now().getTime() / 1000) >= payload.x) {
      throw new UnauthorizedError('this link has expired; subscribe again to get a new one');
    }
    const address = payload.a === undefined ? undefined : unseal(key, payload.a);
    if (payload.a !== undefined && address === undefined) throw notValid();
    return { subscriptionId: payload.s, ...(payload.n ? { nonce: payload.n } : {}), ...(address ? { address } : {}) };
  }

  return {
    issue(purpose, subscriptionId, nonce, address) {
      const lifetime = TOKEN_LIFETIME_SECONDS[purpose];
      const payload: Payload = { p: purpose, s: subscriptionId, ...(nonce ? { n: nonce } : {}), ...(address ? { a: seal(address) } : {}) };
      if (lifetime !== undefined) payload.x = Math.floor(clock.now().getTime() / 1000) + lifetime;
      const { currentId, keys: now } = ringNow();
      const signed = `${currentId}.${b64(JSON.stringify(payload))}`;
      return `${signed}.${b64(mac(now.current, signed))}`;
    },

    verify: (token, purpose) => verifySubject(token, purpose).subscriptionId,
    verifySubject,
  };
}

function describe(p: TokenPurpose): string {
  return p === 'confirm' ? 'confirming a subscription' : p === 'preferences' ? 'changing preferences' : 'unsubscribing';
}
