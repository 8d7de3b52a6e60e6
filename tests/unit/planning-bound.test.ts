import { describe, expect, it } from 'vitest';
import { reminderDueAt } from '#core/due.ts';
import { eventStartsAt, type DatedEvent } from '#core/model/event.ts';
import { mayFallDue, planJobs } from '#core/planning.ts';
import { LEAD_TIMES } from '#core/model/subscriber.ts';
import { allDayEvent, timedEvent } from '../support/events.ts';

/** Zones at the ends of the offset range, with half and quarter hours, and with daylight saving either side of the equator. */
const ZONES = ['Pacific/Kiritimati', 'Etc/GMT+12', 'Pacific/Chatham', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Auckland',
  'America/New_York', 'Europe/Moscow', 'Asia/Tokyo', 'UTC', 'Pacific/Pago_Pago', 'Australia/Lord_Howe', 'America/Santiago'];

/** Every hour of a year, as all-day and timed events in zones far apart: 2016-03-01 … 2017-03-01. */
function events(): DatedEvent[] {
  const out: DatedEvent[] = [];
  for (let day = 0; day < 365; day += 3) {
    const date = new Date(Date.UTC(2016, 2, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const zone = ZONES[day % ZONES.length]!;
    out.push(allDayEvent({ id: `all-${date}`, date, timeZone: zone }));
    out.push(timedEvent({ id: `t-${date}`, startTime: `${date}T${String((day * 7) % 24).padStart(2, '0')}:30`, timeZone: ZONES[(day + 5) % ZONES.length]! }));
  }
  return out;
}

describe('the cheap bound the planner uses before resolving wall times', () => {
  it('never rules out a reminder that is due: every lead, every zone, a year of events', () => {
    let checked = 0;
    for (const event of events()) {
      for (const lead of LEAD_TIMES) {
        for (const zone of ZONES) {
          const due = reminderDueAt(event, lead, zone);
          // The one-minute window that ends at the due time, as the dispatcher's run at that minute covers it.
          expect(mayFallDue(eventStartsAt(event), lead, new Date(due.getTime() - 60_000), due), `${event.id} ${lead} ${zone}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBe(events().length * LEAD_TIMES.length * ZONES.length);
  });

  it('plans the same jobs as resolving every event, and rules out almost every event of a minute far from its dates', () => {
    const all = events();
    const window = { from: new Date('2016-11-25T22:59:00Z'), to: new Date('2016-11-25T23:00:00Z') };
    const planned = planJobs({ ...window, events: all, zones: ZONES, alerts: [] }).filter((j) => j.kind === 'reminder');
    const expected = all.flatMap((event) => ZONES.flatMap((zone) => LEAD_TIMES
      .filter((lead) => { const at = reminderDueAt(event, lead, zone); return at > window.from && at <= window.to; })
      .map((lead) => `${event.id}|${lead}|${zone}`)));
    expect(planned.map((j) => `${j.eventId}|${j.lead}|${j.timeZone}`).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(0);
    const near = all.filter((event) => LEAD_TIMES.some((lead) => mayFallDue(eventStartsAt(event), lead, window.from, window.to)));
    expect(near.length).toBeLessThan(all.length / 10);
  });
});
