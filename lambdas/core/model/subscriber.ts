import type { Language } from './language.ts';

/** A reader's chosen lead times: ISO-8601 day durations before the day the event begins on the reader's calendar (P0D = that morning, or the evening before when it begins by 08:00; see due.ts). */
export const LEAD_TIMES = ['P14D', 'P7D', 'P3D', 'P1D', 'P0D'] as const;
export type LeadTime = (typeof LEAD_TIMES)[number];
export const leadDays = (lead: LeadTime): number => Number(lead.slice(1, -1));

export const DIGEST_FREQUENCIES = ['weekly', 'daily', 'none'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

export interface Preferences {
  timeZone: string;
  reminders: LeadTime[];
  digest: DigestFrequency;
  /** Story ids the reader follows, or 'all' (also the stories added later). Absent on readers from before stories: all. */
  stories?: string[] | 'all';
  /** Within the followed stories: every event ('all', also those added later), or only these event ids. */
  events: string[] | 'all';
  /** Editors' updates about the stories the reader follows. Absent (readers from before updates): true. */
  updates?: boolean;
  /** The language of every mail and page the reader gets. Absent (readers from before languages): English. */
  language?: Language;
}

export type SubscriberStatus = 'pending' | 'active' | 'unsubscribed' | 'suppressed';

export interface Consent {
  requestedAt: string;
  requestIpHash: string;
  requestUserAgent: string;
  confirmedAt?: string;
  confirmIpHash?: string;
  confirmUserAgent?: string;
  /** Imported readers only: where the consent was given, as the imported list recorded it (confirmedAt is its date). */
  source?: string;
  /** Imported readers only: when the import made the subscription (its requestIpHash and requestUserAgent say 'import'). */
  importedAt?: string;
}

/** The one sign-up request a pending subscription's confirmation link is bound to (by its nonce). */
export interface SignUpRequest {
  requestId: string;
  nonce: string;
  requestedAt: string;
  /** When its confirmation email went out; unset while the email is queued or being retried. */
  mailedAt?: string;
}

export interface Subscriber {
  /** The subscription's opaque id: random, the table key and what its links carry; a new sign-up after an ended subscription gets a new one. */
  id: string;
  email: string;
  status: SubscriberStatus;
  preferences: Preferences;
  consent: Consent;
  createdAt: string;
  updatedAt: string;
  /** Mail that fell due before this instant is never sent to the reader. */
  confirmedAt?: string;
  unsubscribedAt?: string;
  /** Set while pending: the request whose link confirms it. */
  signUp?: SignUpRequest;
  /** When the record is deleted (TTL on AWS): pending requests and ended subscriptions; never set while active. */
  expiresAt?: string;
  transientBounces?: number;
  lastTransientBounceAt?: string;
  /** Set with status 'suppressed': when, and why the address is never mailed again. */
  suppressedAt?: string;
  suppressionReason?: SuppressionReason;
}

/** Why an address is never mailed again: a hard bounce, a complaint, or the reader's own "never mail me". */
export type SuppressionReason = 'bounce' | 'complaint' | 'request';

/** Why a mailbox's reader left: they unsubscribed, or had their data erased at their request. */
export type DepartureReason = 'unsubscribed' | 'erased';

/** Fan-out partitions per zone: spreads a million readers' index entries over many keys (no hot partition). */
export const READER_SHARDS = 16;

/** True when the reader follows the story. */
export function followsStory(p: Preferences, storyId: string): boolean {
  return p.stories === undefined || p.stories === 'all' || p.stories.includes(storyId);
}

/** True when the reader wants mail about this event of this story. */
export function follows(p: Preferences, storyId: string, eventId: string): boolean {
  return followsStory(p, storyId) && (p.events === 'all' || p.events.includes(eventId));
}
