import { describe, expect, it } from 'vitest';
import { planJobs } from '#core/planning.ts';
import { reminderDueAt, digestSlots } from '#core/due.ts';
import type { DatedEvent } from '#core/event.ts';
import { allDayEvent } from '../support/events.ts';

const event = (over: Partial<DatedEvent> = {}): DatedEvent => allDayEvent({ id: 'kishida', ...over });

describe('reminder due times', () => {
  it('is 08:00 in the reader zone on the event date minus the lead time', () => {
    expect(reminderDueAt(event(), 'P7D', 'Asia/Tokyo').toISOString()).toBe('2016-11-25T23:00:00.000Z');
    expect(reminderDueAt(event(), 'P1D', 'Asia/Tokyo').toISOString()).toBe('2016-12-01T23:00:00.000Z');
    expect(reminderDueAt(event(), 'P0D', 'America/New_York').toISOString()).toBe('2016-12-03T13:00:00.000Z');
    expect(reminderDueAt(event(), 'P14D', 'Europe/Moscow').toISOString()).toBe('2016-11-19T05:00:00.000Z');
  });

  it('crosses the New York daylight-saving change: the offset of the reminder day, not of the event day', () => {
    const nyEvent = event({ id: 'ny', date: '2016-11-08', timeZone: 'America/New_York' });
    expect(reminderDueAt(nyEvent, 'P3D', 'America/New_York').toISOString()).toBe('2016-11-05T12:00:00.000Z'); // EDT
    expect(reminderDueAt(nyEvent, 'P1D', 'America/New_York').toISOString()).toBe('2016-11-07T13:00:00.000Z'); // EST
  });
});

describe('planJobs', () => {
  const zones = ['Asia/Tokyo', 'Europe/Moscow'];

  it('plans a reminder only in the window that contains its due time, never a minute early', () => {
    const due = new Date('2016-11-25T23:00:00Z');
    const before = planJobs({ from: new Date(due.getTime() - 120_000), to: new Date(due.getTime() - 60_000), events: [event()], zones, alerts: [] });
    const at = planJobs({ from: new Date(due.getTime() - 60_000), to: due, events: [event()], zones, alerts: [] });
    expect(before.filter((j) => j.kind === 'reminder')).toEqual([]);
    expect(at.filter((j) => j.kind === 'reminder').map((j) => j.id)).toEqual(['reminder|kishida|2016-12-03|P7D|Asia/Tokyo']);
  });

  it('after downtime catches up a reminder whose event is still ahead and skips one whose event is over', () => {
    const jobs = planJobs({ from: new Date('2016-11-30T00:00:00Z'), to: new Date('2016-12-05T00:00:00Z'), events: [event()], zones: ['Asia/Tokyo'], alerts: [] });
    const reminders = jobs.filter((j) => j.kind === 'reminder');
    expect(reminders.map((j) => [j.lead, j.status, j.reason])).toEqual([
      ['P1D', 'skipped', 'event already begun or over'],
      ['P0D', 'skipped', 'event already begun or over'],
    ]);
    const caughtUp = planJobs({ from: new Date('2016-11-30T00:00:00Z'), to: new Date('2016-12-02T23:30:00Z'), events: [event()], zones: ['Asia/Tokyo'], alerts: [] });
    expect(caughtUp.filter((j) => j.kind === 'reminder').map((j) => [j.lead, j.status])).toEqual([['P1D', 'fanning-out'], ['P0D', 'fanning-out']]);
  });

  it('never plans a live reminder for a cancelled event', () => {
    const jobs = planJobs({ from: new Date('2016-11-25T00:00:00Z'), to: new Date('2016-11-27T00:00:00Z'), events: [event({ status: 'cancelled' })], zones, alerts: [] });
    expect(jobs.filter((j) => j.kind === 'reminder' && j.status !== 'skipped')).toEqual([]);
    expect(jobs.some((j) => j.reason === 'event cancelled')).toBe(true);
  });

  it('plans daily digests each morning and weekly ones on Mondays, keeping only the latest after downtime', () => {
    const slots = digestSlots('Asia/Tokyo', new Date('2016-11-20T00:00:00+09:00'), new Date('2016-11-22T09:00:00+09:00'));
    expect(slots.map((s) => `${s.period} ${s.localDate}`)).toEqual(['daily 2016-11-20', 'daily 2016-11-21', 'weekly 2016-11-21', 'daily 2016-11-22']);
    const jobs = planJobs({ from: new Date('2016-11-20T00:00:00+09:00'), to: new Date('2016-11-22T09:00:00+09:00'), events: [event()], zones: ['Asia/Tokyo'], alerts: [] });
    const digests = jobs.filter((j) => j.kind === 'digest').map((j) => [j.id, j.status, j.reason ?? '']);
    expect(digests).toEqual([
      ['digest|daily|Asia/Tokyo|2016-11-20', 'skipped', 'superseded by a later digest'],
      ['digest|daily|Asia/Tokyo|2016-11-21', 'skipped', 'superseded by a later digest'],
      ['digest|weekly|Asia/Tokyo|2016-11-21', 'fanning-out', ''],
      ['digest|daily|Asia/Tokyo|2016-11-22', 'fanning-out', ''],
    ]);
  });

  it('turns a pending move into one alert job for the new version', () => {
    const moved = event({ version: 2, date: '2016-12-04' });
    const jobs = planJobs({ from: new Date('2016-11-25T00:00:00Z'), to: new Date('2016-11-25T00:01:00Z'), events: [moved], zones, alerts: [
      { event: moved, alert: { kind: 'moved', previous: { date: '2016-12-03', timeZone: 'Europe/Moscow', place: 'Russia' } } },
    ] });
    expect(jobs.filter((j) => j.kind === 'alert').map((j) => [j.id, j.status])).toEqual([['alert|kishida|v2', 'fanning-out']]);
  });
});
