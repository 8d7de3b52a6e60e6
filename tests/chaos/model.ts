/**
 * What the chaos run expects, worked out from the readers and the events alone, without the planner, the
 * audience rules or the zone arithmetic of the code under test: a reminder goes out at 08:00 in the reader's
 * zone, `lead` days before the day the event begins on the reader's calendar (an all-day event begins at
 * midnight in its own zone; a morning-of reminder for an event that begins by 08:00 goes at 20:00 the evening
 * before), at the first dispatch at or after that instant, if the reader then wants it and the event is neither
 * cancelled nor begun; of several reminders for one event caught by the same dispatch, only the nearest goes, and
 * of two that fall on one day of the reader's calendar (an event by 08:00: the 1-day one at 08:00, the same-day one
 * at 20:00), only the nearer. A cancellation alert goes to every follower.
 */

export const LEADS = ['P14D', 'P7D', 'P3D', 'P1D', 'P0D'] as const;
export type Lead = (typeof LEADS)[number];

export interface ModelEvent { id: string; date: string; timeZone: string; cancelledBeforeTick?: number }

export interface ModelReader {
  email: string;
  id: string;
  timeZone: string;
  leads: Lead[];
  events: string[] | 'all';
  /** Never confirmed: must get nothing. */
  pending?: boolean;
  confirmedAt: Date;
  /** Unsubscribed after this tick ran (so from the next tick on, nothing). */
  unsubscribedAfterTick?: number;
}

export interface Expected { key: string; kind: 'reminder' | 'alert'; readerId: string; eventId: string; lead?: Lead; tick: number }

/** UTC instant of a wall-clock time in an IANA zone, from Intl alone. */
export function wallTimeToInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const offsetAt = (t: number) => {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    }).formatToParts(new Date(t)).map((p) => [p.type, p.value]));
    return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!) - t;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}

export function shiftDate(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

const leadDays = (lead: Lead) => Number(lead.slice(1, -1));
const follows = (r: ModelReader, eventId: string) => r.events === 'all' || r.events.includes(eventId);
/** An all-day event is over when its own local day ends. */
const eventOver = (e: ModelEvent, at: Date) => at >= wallTimeToInstant(shiftDate(e.date, 1), '00:00', e.timeZone);
/** An all-day event begins at midnight in its own zone. */
const startsAt = (e: ModelEvent) => wallTimeToInstant(e.date, '00:00', e.timeZone);
const dateIn = (t: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
/** 08:00 the reader's time, `lead` days before the reader's day of the start; P0D at 20:00 the evening before if 08:00 is too late. */
function reminderDue(e: ModelEvent, lead: Lead, timeZone: string): number {
  const start = startsAt(e).getTime();
  const day = dateIn(new Date(start), timeZone);
  const morning = wallTimeToInstant(shiftDate(day, -leadDays(lead)), '08:00', timeZone).getTime();
  return morning < start ? morning : wallTimeToInstant(shiftDate(day, -1), '20:00', timeZone).getTime();
}

export const reminderKey = (readerId: string, eventId: string, lead: string) => `reminder ${eventId} ${lead} ${readerId}`;
export const alertKey = (readerId: string, eventId: string) => `alert ${eventId} ${readerId}`;

/**
 * Every mail that should go out, given the ticks the run dispatched (sorted instants; the first tick looks
 * back one minute, as a dispatcher with no cursor does).
 */
export function expectedMails(readers: ModelReader[], events: ModelEvent[], ticks: Date[], cancelTicks: Map<string, number>): Map<string, Expected> {
  const out = new Map<string, Expected>();
  const start = ticks[0]!.getTime() - 60_000;
  const firstTickAtOrAfter = (t: number) => {
    let lo = 0;
    let hi = ticks.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (ticks[mid]!.getTime() >= t) hi = mid; else lo = mid + 1; }
    return lo < ticks.length ? lo : -1;
  };
  const wants = (r: ModelReader, tick: number, dueAt: number) =>
    !r.pending && r.confirmedAt.getTime() <= dueAt && (r.unsubscribedAfterTick === undefined || tick <= r.unsubscribedAfterTick);

  for (const r of readers) {
    for (const e of events) {
      if (!follows(r, e.id)) continue;
      const nearestByTick = new Map<number, Lead>();
      const dueDay = (lead: Lead) => dateIn(new Date(reminderDue(e, lead, r.timeZone)), r.timeZone);
      for (const lead of r.leads) {
        const due = reminderDue(e, lead, r.timeZone);
        if (due <= start) continue;
        // One reminder per event per reader day: a nearer one the reader asked for falls on the same day.
        if (r.leads.some((other) => leadDays(other) < leadDays(lead) && dueDay(other) === dueDay(lead))) continue;
        const tick = firstTickAtOrAfter(due);
        if (tick < 0) continue;
        const cancelled = cancelTicks.get(e.id);
        if (cancelled !== undefined && tick > cancelled) continue;
        if (ticks[tick]! >= startsAt(e)) continue;
        if (!wants(r, tick, due)) continue;
        const nearest = nearestByTick.get(tick);
        if (nearest === undefined || leadDays(lead) < leadDays(nearest)) nearestByTick.set(tick, lead);
      }
      for (const [tick, lead] of nearestByTick) {
        const key = reminderKey(r.id, e.id, lead);
        out.set(key, { key, kind: 'reminder', readerId: r.id, eventId: e.id, lead, tick });
      }
    }
    for (const [eventId, cancelTick] of cancelTicks) {
      const tick = cancelTick + 1;
      const e = events.find((x) => x.id === eventId)!;
      if (tick >= ticks.length || !follows(r, eventId) || eventOver(e, ticks[tick]!)) continue;
      if (!wants(r, tick, ticks[tick]!.getTime())) continue;
      const key = alertKey(r.id, eventId);
      out.set(key, { key, kind: 'alert', readerId: r.id, eventId, tick });
    }
  }
  return out;
}

/** The semantic key of a sent mail, read from the job id it carries (kind|event|date|lead|zone or alert|event|vN). */
export function sentKey(jobId: string, readerId: string): string {
  const [kind, eventId, , lead] = jobId.split('|');
  if (kind === 'reminder') return reminderKey(readerId, eventId!, lead!);
  if (kind === 'alert') return alertKey(readerId, eventId!);
  return `${jobId} ${readerId}`;
}
