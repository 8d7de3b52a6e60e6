/**
 * The lifecycle model's oracle: what a reader's own acts allow, written from the product rules, not from the code.
 * It knows nothing of subscriptions' ids or generations; it keeps, per address (case folded) and per mailbox, the
 * last time the reader (or their mail server) said stop, and whether they confirmed since. Mail is then judged
 * by it: list mail only to an address confirmed since its latest stop, nothing to a suppressed mailbox, at most
 * three confirmations a mailbox per clock hour.
 */

/** The mailbox an address delivers to, as a reader would see it: case, +tag, and Gmail's dots and domains. */
export function mailboxOf(address: string): string {
  const lower = address.toLowerCase();
  const at = lower.lastIndexOf('@');
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (domain === 'gmail.com' || domain === 'googlemail.com') {
    local = local.replaceAll('.', '');
    domain = 'gmail.com';
  }
  return `${local}@${domain}`;
}

export const addressOf = (address: string) => address.toLowerCase();

export interface MailedLink {
  url: string;
  /** The address (case folded) the mail carrying it went to. */
  address: string;
  mailedStep: number;
}

export interface Oracle {
  step: number;
  /** Per address: the step of its latest stop (an unsubscribe by any of its links, erasure, its mailbox suppressed). */
  stoppedAt: Map<string, number>;
  /** Addresses confirmed (or imported with consent, when allowed) since their latest stop. */
  receiving: Set<string>;
  /** Mailboxes suppressed, with the step. */
  suppressed: Map<string, number>;
  /** Confirmation mails per mailbox per clock hour. */
  confirmationsPerHour: Map<string, number>;
  links: { confirm: MailedLink[]; unsubscribe: MailedLink[]; preferences: MailedLink[] };
  /** Per address: the zone and stories of its active subscription (absent: UTC and every story). */
  preferences: Map<string, Preferences>;
  /** Per address: those of its latest sign-up or preferences change while not active, which a confirmation takes. */
  pendingPreferences: Map<string, Preferences>;
  /** Addresses still active in the store whose mailbox was suppressed under another spelling. */
  dormant: Set<string>;
}

export interface Preferences { timeZone: string; stories: 'all' | string[] }
export const DEFAULT_PREFERENCES: Preferences = { timeZone: 'UTC', stories: 'all' };

/**
 * The address became active: by its own confirmation, with its sign-up's preferences; by an import, with the
 * row's (none here: the defaults), whatever a pending sign-up had chosen.
 */
export function activate(o: Oracle, address: string, by: 'confirmation' | 'import' = 'confirmation'): void {
  const a = addressOf(address);
  o.receiving.add(a);
  o.preferences.set(a, (by === 'confirmation' && o.pendingPreferences.get(a)) || DEFAULT_PREFERENCES);
  o.pendingPreferences.delete(a);
}

export function newOracle(): Oracle {
  return {
    step: 0, stoppedAt: new Map(), receiving: new Set(), suppressed: new Map(), confirmationsPerHour: new Map(),
    links: { confirm: [], unsubscribe: [], preferences: [] }, preferences: new Map(), pendingPreferences: new Map(),
    dormant: new Set(),
  };
}

/** The reader (or an operator at their request) stopped mail to this address. */
export function stop(o: Oracle, address: string): void {
  o.stoppedAt.set(addressOf(address), o.step);
  o.receiving.delete(addressOf(address));
  o.preferences.delete(addressOf(address));
  o.pendingPreferences.delete(addressOf(address));
  o.dormant.delete(addressOf(address));
}

/** The mailbox is never to be mailed again: every address of it stops. */
export function suppress(o: Oracle, address: string): void {
  const mailbox = mailboxOf(address);
  if (!o.suppressed.has(mailbox)) o.suppressed.set(mailbox, o.step);
  // Other spellings' subscriptions stay active in the store (the sender skips them): still counted, never mailed.
  for (const a of [...o.receiving]) if (mailboxOf(a) === mailbox) {
    o.receiving.delete(a);
    if (a !== addressOf(address)) o.dormant.add(a);
  }
  stop(o, address);
}

export const isSuppressed = (o: Oracle, address: string) => o.suppressed.has(mailboxOf(address));
export const everStopped = (o: Oracle, address: string) => o.stoppedAt.has(addressOf(address)) || isSuppressed(o, address);

/** Why a confirmation that succeeded must not have (undefined when it may). */
export function whyConfirmationMayNot(o: Oracle, link: MailedLink): string | undefined {
  if (isSuppressed(o, link.address)) return `confirmed ${link.address}, whose mailbox is suppressed`;
  const stopped = o.stoppedAt.get(link.address);
  if (stopped !== undefined && link.mailedStep <= stopped) {
    return `a confirmation link mailed at step ${link.mailedStep} confirmed ${link.address} after its stop at step ${stopped}`;
  }
  return undefined;
}

/** Why a list mail (update, reminder, digest, alert) to this address is wrong now (undefined when it may go). */
export function whyNoListMail(o: Oracle, to: string): string | undefined {
  if (isSuppressed(o, to)) return `list mail reached ${to}, whose mailbox was suppressed at step ${o.suppressed.get(mailboxOf(to))}`;
  if (!o.receiving.has(addressOf(to))) {
    const stopped = o.stoppedAt.get(addressOf(to));
    return stopped === undefined
      ? `list mail reached ${to}, which never confirmed`
      : `list mail reached ${to} after its stop at step ${stopped}, with no confirmation since`;
  }
  return undefined;
}

/** Counts a confirmation mail; why it is one too many, if it is. */
export function countConfirmation(o: Oracle, to: string, at: Date): string | undefined {
  if (isSuppressed(o, to)) return `a confirmation reached ${to}, whose mailbox is suppressed`;
  const key = `${mailboxOf(to)}|${Math.floor(at.getTime() / 3_600_000)}`;
  const n = (o.confirmationsPerHour.get(key) ?? 0) + 1;
  o.confirmationsPerHour.set(key, n);
  return n > 3 ? `confirmation number ${n} this clock hour reached the mailbox ${mailboxOf(to)} (as ${to})` : undefined;
}
