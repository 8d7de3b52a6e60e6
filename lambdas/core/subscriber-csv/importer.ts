/**
 * Importing readers from a CSV (import-plan.ts reads it). Nobody is made active without evidence: a row with a
 * consent date and source becomes an active reader at once; every other row goes through the public sign-up
 * path (the sign-up queue), so its reader gets a confirmation email and becomes active only by clicking it.
 * A reader's own "no" outranks an editor's list: a suppressed mailbox (hard bounce, complaint, "never mail me")
 * is skipped as `suppressed`; a mailbox whose reader unsubscribed or was erased at their request, at any time, is
 * skipped as `unsubscribed-earlier`, whatever consent date the row claims; only the reader, by confirming a fresh
 * sign-up themselves, can subscribe again. An active reader is left as they are. A dry run reads the same and
 * writes and sends nothing.
 */
import type { Clock } from '#ports/clock.ts';
import type { SignUpMessage, SignUpQueue } from '#ports/sign-up-queue.ts';
import type { SubscriberBulkStore, SubscriberStore } from '#ports/subscriber-store.ts';
import { PayloadTooLargeError } from '../errors.ts';
import type { DatedEvent } from '../model/event.ts';
import type { Story } from '../model/story.ts';
import type { Subscriber } from '../model/subscriber.ts';
import { foldedAddress, newSubscriptionId } from '../subscriber-id.ts';
import type { Suppressions } from '../suppressions.ts';
import { decodeCsvBytes, type Delimiter } from './csv.ts';
import { MAX_IMPORT_BYTES, planImport, type PlannedRow, type RowProblem } from './import-plan.ts';

export type RowOutcome = 'activated' | 'confirmation-queued' | 'unchanged' | 'skipped' | 'invalid' | 'failed';

export interface RowReport {
  /** 1-based data row: row 1 is the first record after the header; blank lines are not rows. */
  row: number;
  /** The physical line (1-based, the header is line 1) the row starts on. */
  line: number;
  email?: string;
  outcome: RowOutcome;
  /** Why, for every outcome but activated and confirmation-queued: e.g. bad-email, already-active, suppressed. */
  reason?: string;
  message?: string;
  /** Every problem of an invalid row. */
  problems?: RowProblem[];
}

export interface ImportReport {
  dryRun: boolean;
  delimiter: Delimiter;
  rowNumbering: string;
  columns: string[];
  ignoredColumns: string[];
  counts: Record<RowOutcome, number> & { rows: number };
  /** The rows, at most `listedPerReason` of each outcome and reason (counts cover them all). */
  rows: RowReport[];
  /** How many rows of each outcome and reason a report lists at most, so it stays under MAX_REPORT_BYTES. */
  listedPerReason: number;
  /** Rows left out of `rows`, in all and per `<outcome>:<reason>`; zero and empty when every row is listed. */
  omitted: { rows: number; byReason: Record<string, number> };
}

/** A report stays far under what Lambda may answer (6 MB) however many of 50,000 rows are bad. */
export const MAX_REPORT_BYTES = 1_000_000;
/** Rows listed per outcome and reason, at first; fewer if the report would still be too large. */
const LISTED_PER_REASON = 500;
/** A message names what to fix; a cell's whole content (up to megabytes) is not needed for that. */
const MAX_MESSAGE_CHARS = 300;

export interface SubscriberImporterDeps {
  subscribers: SubscriberStore & SubscriberBulkStore;
  suppressions: Suppressions;
  signUps: SignUpQueue;
  events: { listAll(): Promise<Pick<DatedEvent, 'id'>[]> };
  stories: { list(): Promise<Pick<Story, 'id' | 'status'>[]> };
  clock: Clock;
  newId?: () => string;
  /** Single-item calls (suppression lookups, address claims) in flight at once. */
  parallelism?: number;
}

export const ROW_NUMBERING = 'row 1 is the first data row after the header (blank lines are not rows); line is the line of the file the row starts on, the header being line 1';
/** What an import's consent record says instead of a requester's hashed IP and user agent. */
export const IMPORT_REQUESTER = 'import';

interface Decision { outcome: RowOutcome; reason?: string; message?: string }

export function makeSubscriberImporter(deps: SubscriberImporterDeps) {
  const { subscribers, suppressions, signUps, events, stories, clock } = deps;
  const newId = deps.newId ?? newSubscriptionId;
  const parallelism = deps.parallelism ?? 32;

  return {
    async importCsv(body: Uint8Array, options: { dryRun: boolean }): Promise<ImportReport> {
      if (body.byteLength > MAX_IMPORT_BYTES) {
        throw new PayloadTooLargeError(`the CSV is ${body.byteLength} bytes; send at most ${MAX_IMPORT_BYTES} bytes (about 40,000 rows) at a time`);
      }
      const text = decodeCsvBytes(body);
      const [allStories, allEvents] = await Promise.all([stories.list(), events.listAll()]);
      const now = clock.now();
      const plan = planImport(text, {
        now,
        storyIds: new Set(allStories.filter((s) => s.status !== 'cancelled').map((s) => s.id)),
        eventIds: new Set(allEvents.map((e) => e.id)),
      });

      const decisions = new Map<PlannedRow, Decision>();
      const candidates = plan.rows.filter((r): r is Extract<PlannedRow, { action: 'activate' | 'confirm' }> => r.action === 'activate' || r.action === 'confirm');

      // What the table says about each address: a suppression, the subscription it belongs to.
      const suppressed = new Set<PlannedRow>();
      const departed = await suppressions.departedAmong(candidates.map((r) => r.email));
      if (suppressions.suppressedAmong) {
        const emails = await suppressions.suppressedAmong(candidates.map((r) => r.email));
        for (const r of candidates) if (emails.has(r.email)) suppressed.add(r);
      } else {
        await inParallel(candidates, parallelism, async (r) => { if (await suppressions.find(r.email)) suppressed.add(r); });
      }
      const owners = await subscribers.addressOwners(candidates.map((r) => r.email));
      const current = new Map((await subscribers.getMany([...new Set(owners.values())])).map((s) => [s.id, s]));
      const existingOf = (email: string) => {
        const s = current.get(owners.get(foldedAddress(email)) ?? '');
        return s && foldedAddress(s.email) === foldedAddress(email) ? s : undefined;
      };

      const toActivate: { row: PlannedRow; next: Subscriber; expectedOwner?: string; replaced?: Subscriber }[] = [];
      const toConfirm: { row: PlannedRow; message: SignUpMessage }[] = [];
      for (const r of candidates) {
        const existing = existingOf(r.email);
        if (suppressed.has(r) || existing?.status === 'suppressed') { decisions.set(r, { outcome: 'skipped', reason: 'suppressed' }); continue; }
        if (existing?.status === 'active') { decisions.set(r, { outcome: 'unchanged', reason: 'already-active', message: 'an active reader: left as they are' }); continue; }
        if (existing?.status === 'unsubscribed' || departed.has(r.email)) {
          decisions.set(r, { outcome: 'skipped', reason: 'unsubscribed-earlier', message: 'this reader unsubscribed or was erased at their request: only they can subscribe again' });
          continue;
        }
        if (r.action === 'activate') {
          const at = now.toISOString();
          toActivate.push({
            row: r, expectedOwner: owners.get(foldedAddress(r.email)), replaced: existing,
            next: {
              id: newId(), email: r.email, status: 'active', preferences: r.preferences,
              consent: {
                requestedAt: r.consent.date, requestIpHash: IMPORT_REQUESTER, requestUserAgent: IMPORT_REQUESTER,
                confirmedAt: r.consent.date, source: r.consent.source, importedAt: at,
              },
              // Mail that fell due before the import is not this reader's: the import, not the consent, starts it.
              confirmedAt: at, createdAt: at, updatedAt: at,
            },
          });
          decisions.set(r, { outcome: 'activated' });
        } else {
          toConfirm.push({
            row: r,
            message: {
              requestId: newId(), email: r.email, preferences: r.preferences,
              consent: { requestedAt: now.toISOString(), requestIpHash: IMPORT_REQUESTER, requestUserAgent: IMPORT_REQUESTER },
            },
          });
          decisions.set(r, { outcome: 'confirmation-queued' });
        }
      }

      if (!options.dryRun) {
        await activate(toActivate, decisions);
        await queueConfirmations(toConfirm, decisions);
      }
      return report(plan, decisions, options.dryRun);
    },
  };

  /**
   * The sign-up worker's order: the new subscription first (its id is fresh, nothing points at it), then the
   * address entry, claimed only if it still names what was read; the replaced pending or ended one goes last.
   */
  async function activate(items: { row: PlannedRow; next: Subscriber; expectedOwner?: string; replaced?: Subscriber }[], decisions: Map<PlannedRow, Decision>) {
    const CHUNK = 500;
    for (let i = 0; i < items.length; i += CHUNK) {
      const chunk = items.slice(i, i + CHUNK);
      try {
        await subscribers.putMany(chunk.map((a) => a.next));
      } catch {
        // Part of the chunk may be written: an active record no address names must not stay in the fan-out.
        await inParallel(chunk, parallelism, (a) => subscribers.remove(a.next.id).catch(() => undefined));
        for (const a of chunk) decisions.set(a.row, { outcome: 'failed', reason: 'write-failed', message: 'the subscription could not be written; import this row again' });
        continue;
      }
      // Addresses nobody had: one batch write and a read back, not a conditional put each (thousands of rows).
      const free = chunk.filter((a) => a.expectedOwner === undefined);
      let held = new Set<string>();
      try {
        held = await subscribers.claimFreeAddresses(free.map((a) => ({ email: a.next.email, id: a.next.id })));
      } catch { /* each is checked below */ }
      await inParallel(free.filter((a) => !held.has(a.next.id)), parallelism, async (a) => {
        await subscribers.remove(a.next.id).catch(() => undefined);
        decisions.set(a.row, { outcome: 'failed', reason: 'address-changed', message: 'the address changed while importing (a sign-up at the same moment); import this row again' });
      });
      await inParallel(chunk.filter((a) => a.expectedOwner !== undefined), parallelism, async (a) => {
        try {
          if (!(await subscribers.claimAddress(a.next.email, a.next.id, a.expectedOwner, undefined))) {
            await subscribers.remove(a.next.id);
            decisions.set(a.row, { outcome: 'failed', reason: 'address-changed', message: 'the address changed while importing (a sign-up at the same moment); import this row again' });
            return;
          }
          if (a.replaced) await subscribers.remove(a.replaced.id, a.replaced.updatedAt).catch(() => undefined);
        } catch {
          await subscribers.remove(a.next.id).catch(() => undefined);
          decisions.set(a.row, { outcome: 'failed', reason: 'write-failed', message: 'the address could not be claimed; import this row again' });
        }
      });
    }
  }

  async function queueConfirmations(items: { row: PlannedRow; message: SignUpMessage }[], decisions: Map<PlannedRow, Decision>) {
    const CHUNK = 500;
    for (let i = 0; i < items.length; i += CHUNK) {
      const chunk = items.slice(i, i + CHUNK);
      try {
        if (signUps.enqueueMany) await signUps.enqueueMany(chunk.map((c) => c.message));
        else await inParallel(chunk, parallelism, (c) => signUps.enqueue(c.message));
      } catch {
        // Some of the chunk may be queued: a second import of these rows is harmless (the worker resends only after its delay).
        for (const c of chunk) decisions.set(c.row, { outcome: 'failed', reason: 'queue-failed', message: 'the confirmation could not be queued; import this row again' });
      }
    }
  }
}

export type SubscriberImporter = ReturnType<typeof makeSubscriberImporter>;

function report(plan: ReturnType<typeof planImport>, decisions: Map<PlannedRow, Decision>, dryRun: boolean): ImportReport {
  const counts: ImportReport['counts'] = { rows: plan.rows.length, activated: 0, 'confirmation-queued': 0, unchanged: 0, skipped: 0, invalid: 0, failed: 0 };
  const all = plan.rows.map((r): RowReport => {
    const base = { row: r.row, line: r.line, ...(r.email ? { email: r.email } : {}) };
    let out: RowReport;
    if (r.action === 'invalid') {
      const problems = r.problems.map((p) => ({ ...p, message: clip(p.message) }));
      out = { ...base, outcome: 'invalid', reason: r.problems[0]!.reason, message: clip(problems.map((p) => p.message).join('; ')), problems };
    } else if (r.action === 'skip') {
      out = { ...base, outcome: 'skipped', reason: r.reason, message: 'the file says this reader is unsubscribed or suppressed' };
    } else {
      const d = decisions.get(r)!;
      out = { ...base, outcome: d.outcome, ...(d.reason ? { reason: d.reason } : {}), ...(d.message ? { message: d.message } : {}) };
    }
    counts[out.outcome]++;
    return out;
  });
  const head = { dryRun, delimiter: plan.delimiter, rowNumbering: ROW_NUMBERING, columns: plan.columns, ignoredColumns: plan.ignoredColumns, counts };
  // Halve the rows listed per reason until the whole answer fits (a few steps at most: rows are short once clipped).
  for (let perReason = LISTED_PER_REASON; ; perReason = Math.floor(perReason / 2)) {
    const listed = listPerReason(all, perReason);
    const out: ImportReport = { ...head, ...listed, listedPerReason: perReason };
    if (perReason === 0 || Buffer.byteLength(JSON.stringify(out)) < MAX_REPORT_BYTES) return out;
  }
}

function listPerReason(rows: readonly RowReport[], perReason: number): Pick<ImportReport, 'rows' | 'omitted'> {
  const seen = new Map<string, number>();
  const byReason: Record<string, number> = {};
  const listed: RowReport[] = [];
  for (const r of rows) {
    const key = `${r.outcome}:${r.reason ?? ''}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n <= perReason) listed.push(r);
    else byReason[key] = (byReason[key] ?? 0) + 1;
  }
  return { rows: listed, omitted: { rows: rows.length - listed.length, byReason } };
}

const clip = (text: string) => (text.length <= MAX_MESSAGE_CHARS ? text : `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…`);

/** Runs `run` over the items with at most `parallelism` in flight. */
async function inParallel<T>(items: readonly T[], parallelism: number, run: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(parallelism, items.length) }, async () => {
    while (next < items.length) await run(items[next++]!);
  }));
}

