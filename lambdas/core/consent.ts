import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { mailboxOf } from './subscriber-id.ts';

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

/** Keys of the rate-limit counters: keyed hashes, so the table holds neither networks nor mailboxes. */
export interface LimitKeys {
  /** The requester's client network (clientNetwork: /24 or /56). */
  network(ip: string): string;
  /** The address's mailbox (mailboxOf: case, +tag and Gmail dots folded). */
  mailbox(email: string): string;
}

export function makeLimitKeys(secret: string): LimitKeys {
  if (secret.length < 16) throw new Error('the limit key must be at least 16 characters');
  const hash = (kind: string, value: string) => createHmac('sha256', secret).update(`datewatch-limit:${kind}:${value}`).digest('base64url').slice(0, 32);
  return {
    network: (ip) => `subscribe-net:${hash('net', clientNetwork(ip))}`,
    mailbox: (email) => `confirm-mailbox:${hash('mailbox', mailboxOf(email))}`,
  };
}

const MAX_USER_AGENT = 200;

/** A user agent as kept in the consent record: one line, bounded. */
export function truncateUserAgent(userAgent: string | undefined): string {
  return (userAgent ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, MAX_USER_AGENT);
}

/**
 * The client network a limit counts against: the /24 of an IPv4 address, the /56 of an IPv6 one (what one
 * household or small office is usually given), so one person cannot multiply a limit by walking their block.
 */
export function clientNetwork(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const v4 = mapped ?? ip;
  if (isIPv4(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  if (!isIPv6(ip)) return ip;
  const hextets = expandIPv6(ip);
  return `${hextets.slice(0, 3).join(':')}:${hextets[3]!.slice(0, 2)}00::/56`;
}

/** Eight four-digit hextets, lower case; an embedded IPv4 tail becomes two hextets. */
function expandIPv6(ip: string): string[] {
  let text = ip.toLowerCase().replace(/%.*$/, '');
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const middle = rest === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...middle, ...right].map((h) => h.padStart(4, '0'));
}
