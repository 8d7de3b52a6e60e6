/**
 * From a CSV of readers to what importing it means, row by row, without I/O: each row is either invalid (with
 * every reason), skipped, or a reader to activate (the row carries consent evidence) or to send a confirmation
 * (everyone else). What the table already holds (an active reader, a suppression) is decided by importer.ts.
 *
 * Rows are numbered from 1 at the first data record after the header; blank lines are not rows. `line` is
 * the physical line of the file the row starts on (the header is line 1), for a row whose quoted field spans lines.
 */
import { PayloadTooLargeError, ValidationError } from '../errors.ts';
import type { Preferences } from '../model/subscriber.ts';
import { foldedAddress, normaliseEmail } from '../subscriber-id.ts';
import { DEFAULT_PREFERENCES, preferencesSchema } from '../subscription-schema.ts';
import { parseCsv, unguardCell, type Delimiter } from './csv.ts';

/** The columns an import reads (names are matched case-insensitively; only `email` is required). */
export const IMPORT_COLUMNS = [
  'email', 'status', 'timeZone', 'reminders', 'digest', 'stories', 'events', 'consentDate', 'consentSource', 'language',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const MAX_IMPORT_ROWS = 50_000;
/** Under Lambda's 6 MB request payload even when API Gateway base64-encodes the body (4/3 larger). */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;
const MAX_SOURCE_LENGTH = 200;

export type ProblemReason =
  | 'malformed-line' | 'bad-email' | 'duplicate-in-file' | 'bad-status' | 'unknown-zone' | 'bad-lead' | 'bad-digest'
  | 'bad-stories' | 'unknown-story' | 'bad-events' | 'unknown-event' | 'bad-consent-date' | 'consent-date-in-future'
  | 'incomplete-consent' | 'bad-language';

export interface RowProblem {
  field: ImportColumn | 'line';
  reason: ProblemReason;
  message: string;
}

export interface ConsentEvidence {
  /** When the reader consented, as the source recorded it (ISO-8601 instant). */
  date: string;
  /** Where the consent was given (e.g. "old list, signup form 2015"). */
  source: string;
}

interface RowBase { row: number; line: number; email?: string }
export type PlannedRow =
  | RowBase & { action: 'invalid'; problems: RowProblem[] }
  /** The file itself says the reader is not subscribed (status unsubscribed or suppressed). */
  | RowBase & { action: 'skip'; email: string; reason: 'not-subscribed-in-file' }
  | RowBase & { action: 'activate'; email: string; preferences: Preferences; consent: ConsentEvidence }
  | RowBase & { action: 'confirm'; email: string; preferences: Preferences };

export interface ImportPlan {
  delimiter: Delimiter;
  /** The header's columns that are read, in the canonical spelling. */
  columns: ImportColumn[];
  /** Header names the import does not read (e.g. the export's evidence columns): left alone. */
  ignoredColumns: string[];
  rows: PlannedRow[];
}

export interface PlanContext {
  now: Date;
  /** Ids of the stories and events a reader may follow (as the subscribe form allows). */
  storyIds: ReadonlySet<string>;
  eventIds: ReadonlySet<string>;
  maxRows?: number;
}

const canonicalColumn = new Map(IMPORT_COLUMNS.map((c) => [c.toLowerCase(), c]));

/** Reads the header and plans every data row; a header it cannot use is a 400, too many rows a 413. */
export function planImport(text: string, ctx: PlanContext): ImportPlan {
  const { delimiter, records } = parseCsv(text);
  const [header, ...data] = records;
  if (!header) throw new ValidationError('the CSV is empty; send a header row (at least "email") and one row per reader');
  if (header.error) throw new ValidationError(`the header row cannot be read: ${header.error}`);
  const maxRows = ctx.maxRows ?? MAX_IMPORT_ROWS;
  if (data.length > maxRows) throw new PayloadTooLargeError(`the CSV has ${data.length} rows; import at most ${maxRows} at a time`);

  const index = new Map<ImportColumn, number>();
  const ignoredColumns: string[] = [];
  header.fields.forEach((raw, i) => {
    const name = unguardCell(raw).trim();
    const column = canonicalColumn.get(name.toLowerCase());
    if (!column) { ignoredColumns.push(name); return; }
    if (index.has(column)) throw new ValidationError(`the header names the column "${column}" twice`);
    index.set(column, i);
  });
  if (!index.has('email')) {
    throw new ValidationError(`the header has no "email" column; columns are ${IMPORT_COLUMNS.join(', ')} (any case), separated by , or ;`);
  }

  const firstRowOf = new Map<string, number>();
  const rows = data.map((record, n): PlannedRow => {
    const row = n + 1;
    const base = { row, line: record.line };
    if (record.error) return { ...base, action: 'invalid', problems: [{ field: 'line', reason: 'malformed-line', message: record.error }] };
    if (record.fields.length !== header.fields.length) {
      return { ...base, action: 'invalid', problems: [{ field: 'line', reason: 'malformed-line', message: `the row has ${record.fields.length} fields, the header ${header.fields.length}` }] };
    }
    const cell = (c: ImportColumn) => {
      const i = index.get(c);
      return i === undefined ? '' : unguardCell(record.fields[i]!).trim();
    };
    const problems: RowProblem[] = [];

    const email = normaliseEmail(cell('email'));
    if (!email) {
      // The report quotes the bad value itself: the editor finds the row by what it holds.
      const given = cell('email');
      const message = given ? `email "${given}" is not an address such as name@example.com` : 'email is empty';
      problems.push({ field: 'email', reason: 'bad-email', message });
    } else {
      const first = firstRowOf.get(foldedAddress(email));
      if (first !== undefined) problems.push({ field: 'email', reason: 'duplicate-in-file', message: `the same address as row ${first}` });
      else firstRowOf.set(foldedAddress(email), row);
    }

    const status = cell('status').toLowerCase();
    if (status !== '' && !['active', 'pending', 'unsubscribed', 'suppressed'].includes(status)) {
      const message = `status "${cell('status')}" must be active, pending, unsubscribed, suppressed or empty`;
      problems.push({ field: 'status', reason: 'bad-status', message });
    }

    const { preferences, problems: preferenceProblems } = readPreferences(cell, ctx);
    problems.push(...preferenceProblems);
    const { consent, problems: consentProblems } = readConsent(cell('consentDate'), cell('consentSource'), ctx.now);
    problems.push(...consentProblems);

    const withEmail = email ? { ...base, email } : base;
    if (problems.length > 0 || !email) return { ...withEmail, action: 'invalid', problems };
    if (status === 'unsubscribed' || status === 'suppressed') return { ...base, email, action: 'skip', reason: 'not-subscribed-in-file' };
    return consent ? { ...base, email, action: 'activate', preferences, consent } : { ...base, email, action: 'confirm', preferences };
  });

  return { delimiter, columns: [...index.keys()], ignoredColumns, rows };
}

/** A list in one cell: separated by spaces, `|`, `,` or `;` (whichever the file's own separator leaves free). */
const listOf = (value: string) => value.split(/[\s|,;]+/).filter((v) => v !== '');

/** The row's preferences: an empty cell is the subscribe form's default; values are checked as the API checks them. */
function readPreferences(cell: (c: ImportColumn) => string, ctx: PlanContext): { preferences: Preferences; problems: RowProblem[] } {
  const patch: Record<string, unknown> = {};
  const problems: RowProblem[] = [];
  if (cell('timeZone')) patch.timeZone = cell('timeZone');
  if (cell('reminders')) {
    const leads = listOf(cell('reminders'));
    patch.reminders = leads.length === 1 && leads[0]!.toLowerCase() === 'none' ? [] : leads.map((l) => l.toUpperCase());
  }
  if (cell('digest')) patch.digest = cell('digest').toLowerCase();
  // No column, or an empty cell: English, as for a reader from before languages.
  if (cell('language')) patch.language = cell('language').toLowerCase();
  for (const field of ['stories', 'events'] as const) {
    if (!cell(field)) continue;
    patch[field] = cell(field).toLowerCase() === 'all' ? 'all' : listOf(cell(field));
  }

  let parsed: Partial<Preferences> = {};
  if (Object.keys(patch).length > 0) {
    const result = preferencesSchema.safeParse(patch);
    if (result.success) parsed = result.data as Partial<Preferences>;
    else {
      const seen = new Set<string>();
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? '') as ImportColumn;
        if (seen.has(field)) continue;
        seen.add(field);
        const value = cell(field);
        const reason: ProblemReason = field === 'timeZone' ? 'unknown-zone' : field === 'reminders' ? 'bad-lead' : field === 'digest' ? 'bad-digest'
          : field === 'stories' ? 'bad-stories' : field === 'language' ? 'bad-language' : 'bad-events';
        problems.push({ field, reason, message: `${field} "${value}": ${issue.message}` });
      }
    }
  }
  for (const [field, known, reason] of [['stories', ctx.storyIds, 'unknown-story'], ['events', ctx.eventIds, 'unknown-event']] as const) {
    const wanted = parsed[field];
    if (!Array.isArray(wanted)) continue;
    const unknown = wanted.filter((id) => !known.has(id));
    if (unknown.length > 0) problems.push({ field, reason, message: `${field}: no ${field === 'stories' ? 'story' : 'event'} with id ${unknown.map((id) => `"${id}"`).join(', ')}` });
  }
  return {
    preferences: {
      timeZone: parsed.timeZone ?? DEFAULT_PREFERENCES.timeZone,
      reminders: parsed.reminders ?? DEFAULT_PREFERENCES.reminders,
      digest: parsed.digest ?? DEFAULT_PREFERENCES.digest,
      stories: parsed.stories ?? DEFAULT_PREFERENCES.stories,
      events: parsed.events ?? DEFAULT_PREFERENCES.events,
      ...(parsed.language && parsed.language !== 'en' ? { language: parsed.language } : {}),
    },
    problems,
  };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Consent is judged by the stack's clock, the one every rule here runs by: a reader whose consent comes after the
 * stack's now would be mailed, by that clock, before they agreed. On AWS that clock is real time; on a local stack
 * replaying 2016 a consent given last month is refused too, and the message says which clock refused it.
 */
const afterNow = (date: string, now: Date): string =>
  `consentDate "${date}" is after the stack's clock (${now.toISOString().slice(0, 16).replace('T', ' ')} UTC): `
  + 'consent cannot come after the import by that clock';

/**
 * A consent date is an ISO-8601 date (midnight UTC) or date-time (UTC when it names no offset), not after now.
 * Evidence needs both a date and a source: one without the other is a row to fix, not a reader to mail.
 */
export function readConsent(date: string, source: string, now: Date): { consent?: ConsentEvidence; problems: RowProblem[] } {
  if (!date && !source) return { problems: [] };
  const problems: RowProblem[] = [];
  const cleanSource = source.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, MAX_SOURCE_LENGTH);
  let at: Date | undefined;
  if (date) {
    at = parseConsentDate(date);
    if (!at) problems.push({ field: 'consentDate', reason: 'bad-consent-date', message: `consentDate "${date}" is not an ISO-8601 date or date-time such as 2016-11-20 or 2016-11-20T09:00:00Z` });
    else if (at.getTime() > now.getTime()) {
      problems.push({ field: 'consentDate', reason: 'consent-date-in-future', message: afterNow(date, now) });
    }
  }
  if (!date) problems.push({ field: 'consentDate', reason: 'incomplete-consent', message: 'consentSource without consentDate: give both, or neither (the reader then gets a confirmation email)' });
  else if (!cleanSource) problems.push({ field: 'consentSource', reason: 'incomplete-consent', message: 'consentDate without consentSource: give both, or neither (the reader then gets a confirmation email)' });
  if (problems.length > 0 || !at) return { problems };
  return { consent: { date: at.toISOString(), source: cleanSource }, problems };
}

function parseConsentDate(value: string): Date | undefined {
  const dateOnly = ISO_DATE.exec(value);
  const m = dateOnly ?? ISO_DATE_TIME.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return undefined;
  if (dateOnly) return calendar;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offset = (m[8] ?? 'Z').toUpperCase();
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${offset === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`}`;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
