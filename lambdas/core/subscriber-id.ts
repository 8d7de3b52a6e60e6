import { createHash } from 'node:crypto';
import { READER_SHARDS } from './subscriber.ts';
import { ValidationError } from './errors.ts';

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The one spelling of an address we store and mail: trimmed and lower-cased as a whole (local part too: every
 * mailbox provider that matters treats it case-insensitively, and two spellings must not become two
 * subscriptions), an internationalised domain in its ASCII (punycode) form. Dots and +tags are kept: they are
 * provider-specific and a reader may filter on them. Returns undefined when it is not a usable address.
 */
export function normaliseEmail(raw: string): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const trimmed = raw.trim();
  if (trimmed.length === 0 || trimmed.length > 254 || /[\s<>()\[\],;:"\\]/.test(trimmed)) return undefined;
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at !== trimmed.indexOf('@')) return undefined;
  const local = trimmed.slice(0, at).toLowerCase();
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

/** Pseudonymous and stable: the same address always has the same id, whatever key signs its links. */
export function subscriberIdOf(normalisedEmail: string): string {
  return createHash('sha256').update(`datewatch:${normalisedEmail}`).digest('hex');
}

/** Which fan-out partition of its zone an active reader is indexed under. */
export function shardOf(subscriberId: string): number {
  return Number.parseInt(subscriberId.slice(0, 8), 16) % READER_SHARDS;
}
