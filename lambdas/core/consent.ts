import { createHmac } from 'node:crypto';

/** Where a request came from, as the consent record keeps it. */
export interface RequestContext {
  ip: string;
  userAgent?: string;
}

export type IpHasher = (ip: string) => string;

/**
 * A keyed hash: the same IP gives the same value (so abuse from one source can be seen), but without the key
 * nobody can run the four billion IPv4 addresses through it to get the address back.
 */
export function makeIpHasher(secret: string): IpHasher {
  if (secret.length < 16) throw new Error('the IP hashing key must be at least 16 characters');
  return (ip) => createHmac('sha256', secret).update(`datewatch-ip:${ip}`).digest('hex').slice(0, 32);
}

const MAX_USER_AGENT = 200;

/** A user agent as kept in the consent record: one line, bounded. */
export function truncateUserAgent(userAgent: string | undefined): string {
  return (userAgent ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, MAX_USER_AGENT);
}
