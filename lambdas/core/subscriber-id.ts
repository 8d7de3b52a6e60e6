import { createHash, randomBytes } from 'node:crypto';
import { READER_SHARDS } from './model/subscriber.ts';
import { ValidationError } from './errors.ts';

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The address as we store and mail it: trimmed, the domain lower-cased and in its ASCII (punycode) form, the
 * local part as typed (RFC 5321 leaves its case to the receiving host; dots and +tags are provider-specific and
 * a reader may filter on them). Two spellings are still one subscription: see addressKeyOf.
 * Returns undefined when it is not a usable address.
 */
export function normaliseEmail(raw: string): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const trimmed = raw.trim();
  if (trimmed.length === 0 || trimmed.length > 254 || /[\s<>()\[\],;:"\\]/.test(trimmed)) return undefined;
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at !== trimmed.indexOf('@')) return undefined;
  const local = trimmed.slice(0, at);
  let domain = trimmed.slice(at + 1).toLowerCase().replace(/\.$/, '');
  if (local.length > 64 || !LOCAL_PART.test(local)) return undefined;
  if (/[^\x00-\x7f]/.test(domain)) {
    try {
      domain = new URL(`http://${domain}/`).hostname;
    } catch {
      return undefined;
    }
  }
  const labels = domain.split('.');
  if (labels.length < 2 || domain.length > 253 || !labels.every((l) => LABEL.test(l)) || /^\d+$/.test(labels.at(-1)!)) return undefined;
  const address = `${local}@${domain}`;
  return address.length <= 254 ? address : undefined;
}

/** As normaliseEmail, but a malformed address is a 400 that says what is wrong. */
export function requireEmail(raw: unknown): string {
  const email = typeof raw === 'string' ? normaliseEmail(raw) : undefined;
  if (!email) throw new ValidationError('email must be an address such as name@example.com', { issues: [{ field: 'email', message: 'email must be an address such as name@example.com' }] });
  return email;
}

/** Case folded: every mailbox provider that matters ignores case, so `Jane@` and `jane@` are one subscription. */
export const foldedAddress = (email: string): string => email.toLowerCase();

/** Providers known to ignore dots in the local part and to deliver both domains to one mailbox. */
const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * The mailbox an address delivers to, for limits, suppressions and departures: case folded, the `+tag` dropped, and
 * at Gmail the dots dropped and googlemail.com read as gmail.com, so `V.ictim+1@Googlemail.com` and
 * `victim@gmail.com` count as one mailbox. The subscription keeps the address as typed.
 */
export function mailboxOf(email: string): string {
  const [local, domain] = splitFolded(email);
  const plus = local.indexOf('+');
  const untagged = plus > 0 ? local.slice(0, plus) : local;
  if (GMAIL_DOMAINS.has(domain)) return `${untagged.replaceAll('.', '')}@gmail.com`;
  return `${untagged}@${domain}`;
}

/** The mailbox as suppressions were keyed before Gmail dots were folded (case and `+tag` only): still looked up. */
export function legacyMailboxOf(email: string): string {
  const [local, domain] = splitFolded(email);
  const plus = local.indexOf('+');
  return `${plus > 0 ? local.slice(0, plus) : local}@${domain}`;
}

/**
 * True when the address is spelled as its owner most likely types it: no `+tag`. Such a spelling keeps a
 * confirmation of its own when other spellings of the mailbox have used up theirs (see sign-ups.ts).
 */
export function isPlainSpelling(email: string): boolean {
  return splitFolded(email)[0].indexOf('+') <= 0;
}

function splitFolded(email: string): [string, string] {
  const folded = foldedAddress(email);
  const at = folded.lastIndexOf('@');
  return [folded.slice(0, at), folded.slice(at + 1)];
}

/** A subscription's opaque id: random, so a link that carries it says nothing about the address. */
export const newSubscriptionId = (): string => randomBytes(16).toString('base64url');

/**
 * A deterministic id for readers that tests, benchmarks and harnesses store directly. Subscriptions made through
 * the API get newSubscriptionId(); nothing in the Lambdas derives an id from an address.
 */
export function subscriberIdOf(email: string): string {
  return createHash('sha256').update(`datewatch-seeded:${foldedAddress(email)}`).digest('hex');
}

/** Which fan-out partition of its zone an active reader is indexed under: spread evenly whatever the id's alphabet. */
export function shardOf(subscriberId: string): number {
  return createHash('sha256').update(subscriberId).digest().readUInt32BE(0) % READER_SHARDS;
}
