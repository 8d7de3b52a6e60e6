import { createHmac } from 'node:crypto';
import { makeCachedSecret, type CachedSecret } from '#adapters/secrets/cached-secret.ts';
import { readSuppressionKeys, readTokenKeys } from '#adapters/secrets/token-keys.ts';
import { makeIpHasher, makeLimitKeys, type IpHasher, type LimitKeys } from '#core/consent.ts';
import { makeLinks } from '#core/links.ts';
import type { SuppressionKeys } from '#core/suppressions.ts';
import { makeTokens, type KeySource, type TokenKeys } from '#core/tokens.ts';
import { readSuppressionSecret, readTokenSecret, type AwsAccess, type Env } from '#lambdas/config.ts';
import type { Clock } from '#ports/clock.ts';
import type { InvocationTelemetry } from '#ports/telemetry.ts';

/** Signed links from the token keys: what the public API and the sender put in every email. */
export function makeSignedLinks(keys: KeySource<TokenKeys>, publicBaseUrl: string, clock: Clock) {
  const tokens = makeTokens({ keys, clock });
  return { tokens, links: makeLinks({ baseUrl: publicBaseUrl, tokens }) };
}

const derive = (key: string, label: string) => createHmac('sha256', key).update(label).digest('hex');
const keysNow = <K>(keys: KeySource<K>): (() => K) => (typeof keys === 'function' ? keys as () => K : () => keys);

/** A key of its own for IP hashes, derived from the suppression key: only what records consent holds it. */
export function makeConsentIpHasher(keys: KeySource<Pick<SuppressionKeys, 'current'>>): IpHasher {
  const now = keysNow(keys);
  return (ip) => makeIpHasher(derive(now().current, 'datewatch-ip-hash-key'))(ip);
}

/** Keys of the rate-limit counters (network, mailbox), under a key of their own derived from the suppression key. */
export function makeRateLimitKeys(keys: KeySource<Pick<SuppressionKeys, 'current'>>): LimitKeys {
  const now = keysNow(keys);
  const limitKeys = () => makeLimitKeys(derive(now().current, 'datewatch-limit-key'));
  return { network: (ip) => limitKeys().network(ip), mailbox: (email) => limitKeys().mailbox(email) };
}

/** Both secrets re-read at most every SECRET_MAX_AGE_MS, so a warm function picks up a rotation (read once here, at the cold start). */
export async function liveTokenKeys(
  env: Env, access: AwsAccess, clock: Clock, telemetry: InvocationTelemetry,
): Promise<CachedSecret<TokenKeys>> {
  const secretId = readTokenSecret(env);
  return warmed(makeCachedSecret({ read: () => readTokenKeys(access, secretId), clock, onStale: staleWarning(telemetry, 'link-signing') }));
}

export async function liveSuppressionKeys(
  env: Env, access: AwsAccess, clock: Clock, telemetry: InvocationTelemetry,
): Promise<CachedSecret<SuppressionKeys>> {
  const secretId = readSuppressionSecret(env);
  return warmed(makeCachedSecret({ read: () => readSuppressionKeys(access, secretId), clock, onStale: staleWarning(telemetry, 'suppression') }));
}

/**
 * Both secrets, for a function that signs links and also checks suppressions: read side by side, so its cold
 * start waits for one Secrets Manager round trip instead of two.
 */
export async function liveLinkAndSuppressionKeys(
  env: Env, access: AwsAccess, clock: Clock, telemetry: InvocationTelemetry,
): Promise<{ keys: CachedSecret<TokenKeys>; suppressionKeys: CachedSecret<SuppressionKeys> }> {
  const [keys, suppressionKeys] = await Promise.all([
    liveTokenKeys(env, access, clock, telemetry), liveSuppressionKeys(env, access, clock, telemetry),
  ]);
  return { keys, suppressionKeys };
}

/**
 * Has a use case's async entry re-read the keys (when older than the maximum age) before it runs: signing and
 * verifying inside it are synchronous, so they use what this read.
 */
export function keysFreshFirst<A extends unknown[], R>(keys: CachedSecret<unknown>, run: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => { await keys.fresh(); return run(...args); };
}

/** Every method of a use case object, each re-reading the keys first (its methods must all be async); other fields as they are. */
export function methodsKeysFreshFirst<T extends object>(keys: CachedSecret<unknown>, target: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(target)) {
    out[name] = typeof value === 'function' ? keysFreshFirst(keys, (value as (...args: unknown[]) => Promise<unknown>).bind(target)) : value;
  }
  return out as T;
}

async function warmed<T>(secret: CachedSecret<T>): Promise<CachedSecret<T>> {
  await secret.fresh();
  return secret;
}

const staleWarning = (telemetry: InvocationTelemetry, which: string) => (err: unknown) =>
  telemetry.warn(`could not re-read the ${which} secret; keeping the keys read before`, { error: (err as Error).message });
