import { describe, expect, it } from 'vitest';
import { planJobs } from '#core/planning.ts';
import { reminderDueAt, digestSlots } from '#core/due.ts';
import type { DatedEvent } from '#core/model/event.ts';
import { whyNot } from '#core/audience.ts';
import type { LeadTime, Subscriber } from '#core/model/subscriber.ts';
import { allDayEvent } from '../support/events.ts';

const event = (over: Partial<DatedEvent> = {}): DatedEvent => allDayEvent({ id: 'kishida', ...over });

describe('reminder due times, on the reader\'s calendar', () => {
  it('counts the lead to the day the event begins for the reader, at 08:00 their time', () => {
    // Kishida's visit is all day on 3 December in Moscow: 06:00 on the 3rd in Tokyo, 16:00 on the 2nd in New York.
    expect(reminderDueAt(event(), 'P7D', 'Asia/Tokyo').toISOString()).toBe('2016-11-25T23:00:00.000Z');
    expect(reminderDueAt(event(), 'P1D', 'Asia/Tokyo').toISOString()).toBe('2016-12-01T23:00:00.000Z');
    expect(reminderDueAt(event(), 'P7D', 'America/New_York').toISOString()).toBe('2016-11-25T13:00:00.000Z');
    expect(reminderDueAt(event(), 'P1D', 'America/New_York').toISOString()).toBe('2016-12-01T13:00:00.000Z');
    expect(reminderDueAt(event(), 'P0D', 'America/New_York').toISOString()).toBe('2016-12-02T13:00:00.000Z');
    expect(reminderDueAt(event(), 'P14D', 'Europe/Moscow').toISOString()).toBe('2016-11-19T05:00:00.000Z');
  });

  it('sends the morning-of reminder at 20:00 the evening before when the event begins at or before 08:00', () => {
    // 06:00 in Tokyo, midnight in Moscow: 08:00 on the day would be after it began.
    expect(reminderDueAt(event(), 'P0D', 'Asia/Tokyo').toISOString()).toBe('2016-12-02T11:00:00.000Z');
    expect(reminderDueAt(event(), 'P0D', 'Europe/Moscow').toISOString()).toBe('2016-12-02T17:00:00.000Z');
    // The summit, all day on 15 December in Tokyo, begins at 07:00 on the 14th in Los Angeles.
    const summit = event({ id: 'summit', date: '2016-12-15', timeZone: 'Asia/Tokyo' });
    expect(reminderDueAt(summit, 'P1D', 'America/Los_Angeles').toISOString()).toBe('2016-12-13T16:00:00.000Z');
    expect(reminderDueAt(summit, 'P0D', 'America/Los_Angeles').toISOString()).toBe('2016-12-14T04:00:00.000Z');
    // A timed event at 08:00 sharp gets the evening before too; at 08:01 the morning of the day.
    const at = (time: string) => reminderDueAt(event({ id: 't', date: undefined, startTime: `2016-12-03T${time}`, timeZone: 'Asia/Tokyo' }), 'P0D', 'Asia/Tokyo').toISOString();
    expect(at('08:00')).toBe('2016-12-02T11:00:00.000Z');
    expect(at('08:01')).toBe('2016-12-02T23:00:00.000Z');
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

  it('after downtime plans every missed reminder, each naming the nearer ones that supersede it', () => {
    // Prepare: the dispatcher was down from 25 November until 20:00 UTC on 2 December (05:00 on the 3rd in Tokyo).
    const from = new Date('2016-11-25T00:00:00Z');
    const to = new Date('2016-12-02T20:00:00Z');

    // Act
    const reminders = planJobs({ from, to, events: [event()], zones: ['Asia/Tokyo'], alerts: [] }).filter((j) => j.kind === 'reminder');

    // Assess: the event begins at 21:00 UTC, so all are still useful; a reader gets only the nearest they chose.
    expect(reminders.map((j) => [j.lead, j.status, j.supersededBy ?? []])).toEqual([
      ['P7D', 'fanning-out', ['P3D', 'P1D', 'P0D']],
      ['P3D', 'fanning-out', ['P1D', 'P0D']],
      ['P1D', 'fanning-out', ['P0D']],
      ['P0D', 'fanning-out', []],
    ]);
  });

  it('skips every missed reminder once the event has begun', () => {
    const jobs = planJobs({ from: new Date('2016-11-30T00:00:00Z'), to: new Date('2016-12-02T21:00:00Z'), events: [event()], zones: ['Asia/Tokyo'], alerts: [] });
    expect(jobs.filter((j) => j.kind === 'reminder').map((j) => [j.lead, j.status, j.reason, j.supersededBy])).toEqual([
      ['P1D', 'skipped', 'event already begun', undefined],
      ['P0D', 'skipped', 'event already begun', undefined],
    ]);
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

  describe('one reminder per event per reader calendar day', () => {
    // Kishida's visit begins at 06:00 on 3 December in Tokyo: the 1-day reminder is due at 08:00 on the 2nd and the
    // same-day one, moved to the evening before, at 20:00 on the 2nd: both "Tomorrow", twelve hours apart.
    const plan = (to: string) => planJobs({ from: new Date(new Date(to).getTime() - 3_600_000), to: new Date(to), events: [event()], zones: ['Asia/Tokyo'], alerts: [] })
      .filter((j) => j.kind === 'reminder');
    const reader = (reminders: LeadTime[]): Subscriber => ({
      id: 'r', email: 'r@example.com', status: 'active', preferences: { timeZone: 'Asia/Tokyo', reminders, digest: 'none', events: 'all' },
      consent: { requestedAt: '', requestIpHash: '', requestUserAgent: '' }, createdAt: '', updatedAt: '', confirmedAt: '2016-11-20T00:00:00.000Z',
    });

    it('the farther reminder names the nearer one due later that day; the nearer one names what it stands for', () => {
      // Act
      const [oneDay] = plan('2016-12-01T23:00:00Z');
      const [sameDay] = plan('2016-12-02T11:00:00Z');

      // Assess
      expect([oneDay!.lead, oneDay!.laterSameDay, oneDay!.standsFor]).toEqual(['P1D', ['P0D'], undefined]);
      expect([sameDay!.lead, sameDay!.laterSameDay, sameDay!.standsFor]).toEqual(['P0D', undefined, ['P1D']]);
    });

    it('a reader who asked for both is skipped, with the reason, for the farther one; one who asked for it alone gets it', () => {
      const [oneDay] = plan('2016-12-01T23:00:00Z');
      expect(whyNot(reader(['P1D', 'P0D']), oneDay!)).toEqual({ code: 'superseded', reason: 'one reminder per event per day: the P0D reminder is due later the same day' });
      expect(whyNot(reader(['P1D']), oneDay!)).toBeUndefined();
      const [sameDay] = plan('2016-12-02T11:00:00Z');
      expect(whyNot(reader(['P1D', 'P0D']), sameDay!)).toBeUndefined();
    });

    it('leads on different days name nothing: a 09:00 event has its 1-day reminder the day before, its same-day one that morning', () => {
      const late = event({ date: undefined, startTime: '2016-12-03T09:00', timeZone: 'Asia/Tokyo' });
      const jobs = planJobs({ from: new Date('2016-12-01T00:00:00Z'), to: new Date('2016-12-02T23:30:00Z'), events: [late], zones: ['Asia/Tokyo'], alerts: [] });
      expect(jobs.filter((j) => j.kind === 'reminder').map((j) => [j.lead, j.laterSameDay, j.standsFor])).toEqual([['P1D', undefined, undefined], ['P0D', undefined, undefined]]);
    });
  });
});
