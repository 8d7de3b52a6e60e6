/**
 * Exporting readers as CSV, one page per request: every page is a whole CSV (header included) that the import
 * reads back. Active readers come from the fan-out index, zone by zone and shard by shard; the others (pending,
 * unsubscribed, suppressed, until their records expire) from their own index: Queries only, never a Scan.
 * Consent evidence goes out (dates, source, hashed IPs, user agents); link tokens, nonces and ids never do.
 */
import type { ReaderPage, SubscriberBulkStore, SubscriberStore } from '#ports/subscriber-store.ts';
import { ValidationError } from '../errors.ts';
import { READER_SHARDS, type Subscriber } from '../model/subscriber.ts';
import { csvLine } from './csv.ts';

export const EXPORT_COLUMNS = [
  'email', 'status', 'timeZone', 'reminders', 'digest', 'stories', 'events', 'consentDate', 'consentSource',
  'requestedAt', 'requestIpHash', 'requestUserAgent', 'confirmIpHash', 'confirmUserAgent', 'importedAt',
  'activeSince', 'unsubscribedAt', 'suppressedAt', 'suppressionReason', 'language',
] as const;

/** What a confirmed click is, as consent evidence, for readers who signed up here (imported ones keep their source). */
export const DOUBLE_OPT_IN = 'double opt-in';
export const DEFAULT_EXPORT_ROWS = 5_000;
export const MAX_EXPORT_ROWS = 10_000;
/** A page stops growing past this many bytes: a Lambda response is at most 6 MB. */
const MAX_PAGE_BYTES = 4 * 1024 * 1024;
const QUERY_PAGE = 500;

/** Where the next page starts: a zone's shard (active readers) or a shard of the others, and the store's cursor in it. */
type Position = { a: string; s: number; c?: string } | { i: number; c?: string };

export interface ExportPage {
  csv: string;
  rows: number;
  /** Absent on the last page. */
  cursor?: string;
}

export function makeSubscriberExporter({ subscribers }: { subscribers: SubscriberStore & SubscriberBulkStore }) {
  return {
    async page(options: { cursor?: string; limit?: number } = {}): Promise<ExportPage> {
      const limit = options.limit ?? DEFAULT_EXPORT_ROWS;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EXPORT_ROWS) throw new ValidationError(`limit must be a whole number from 1 to ${MAX_EXPORT_ROWS}`);
      const zones = [...new Set(await subscribers.zones())].sort();
      let at: Position | undefined = options.cursor ? decodePosition(options.cursor) : zones.length ? { a: zones[0]!, s: 0 } : { i: 0 };
      let csv = csvLine(EXPORT_COLUMNS);
      let bytes = Buffer.byteLength(csv);
      let rows = 0;

      while (at && rows < limit && bytes < MAX_PAGE_BYTES) {
        const want = Math.min(QUERY_PAGE, limit - rows);
        const page: ReaderPage = 'a' in at
          ? await subscribers.activeReaders(at.a, at.s, at.c, want)
          : await subscribers.inactiveReaders(at.i, at.c, want);
        for (const s of page.readers) {
          const line = csvLine(exportRow(s));
          csv += line;
          bytes += Buffer.byteLength(line);
        }
        rows += page.readers.length;
        at = page.cursor ? { ...at, c: page.cursor } : after(at, zones);
      }
      return { csv, rows, ...(at ? { cursor: encodePosition(at) } : {}) };
    },
  };
}

export type SubscriberExporter = ReturnType<typeof makeSubscriberExporter>;

/** The partition after a finished one: the zone's next shard, the next zone, then the shards of the others. */
function after(at: Position, zones: readonly string[]): Position | undefined {
  if ('i' in at) return at.i + 1 < READER_SHARDS ? { i: at.i + 1 } : undefined;
  if (at.s + 1 < READER_SHARDS) return { a: at.a, s: at.s + 1 };
  // By name, not index: a zone registered between two pages is visited if it sorts later.
  const nextZone = zones.find((z) => z > at.a);
  return nextZone ? { a: nextZone, s: 0 } : { i: 0 };
}

/** One reader as a row of EXPORT_COLUMNS. */
export function exportRow(s: Subscriber): (string | undefined)[] {
  const p = s.preferences;
  const c = s.consent ?? ({} as Partial<Subscriber['consent']>);
  const list = (v: string[] | 'all' | undefined) => (v === undefined || v === 'all' ? 'all' : v.join(' '));
  const confirmed = s.status === 'active' && c.confirmedAt !== undefined;
  return [
    s.email, s.status, p.timeZone, p.reminders.length ? p.reminders.join(' ') : 'none', p.digest, list(p.stories), list(p.events),
    // The evidence a later import needs to keep the reader active: when they consented, and how.
    confirmed ? c.confirmedAt! : '', confirmed ? c.source ?? DOUBLE_OPT_IN : '',
    c.requestedAt ?? '', c.requestIpHash ?? '', c.requestUserAgent ?? '', c.confirmIpHash ?? '', c.confirmUserAgent ?? '', c.importedAt ?? '',
    s.confirmedAt ?? '', s.unsubscribedAt ?? '', s.suppressedAt ?? '', s.suppressionReason ?? '',
    // The reader's language; absent (readers from before languages) is English.
    p.language ?? 'en',
  ];
}

function encodePosition(p: Position): string {
  return Buffer.from(JSON.stringify(p)).toString('base64url');
}

function decodePosition(cursor: string): Position {
  const bad = () => new ValidationError('cursor is not one this export gave; start again without it');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const v = value as Record<string, unknown>;
  if (!v || typeof v !== 'object' || (v.c !== undefined && typeof v.c !== 'string')) throw bad();
  // The store's own cursor must be one it could have made: base64url of a JSON object.
  if (typeof v.c === 'string') {
    try {
      const inner = JSON.parse(Buffer.from(v.c, 'base64url').toString('utf8')) as unknown;
      if (!inner || typeof inner !== 'object' || Array.isArray(inner)) throw bad();
    } catch {
      throw bad();
    }
  }
  const shard = (n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) < READER_SHARDS;
  if (typeof v.a === 'string' && shard(v.s)) return { a: v.a, s: v.s as number, ...(v.c ? { c: v.c as string } : {}) };
  if (shard(v.i)) return { i: v.i as number, ...(v.c ? { c: v.c as string } : {}) };
  throw bad();
}
