import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { distanceLabel, reminderDueAt } from '#core/due.ts';
import type { DatedEvent } from '#core/model/event.ts';
import { renderReminder } from '#core/email/render.ts';
import { limaSeed, type StoryRef } from '#core/model/story.ts';
import { LEAD_TIMES, leadDays } from '#core/model/subscriber.ts';

const { story: seedStory, events: storyEvents } = limaSeed();

/** Readers around the world, UTC+14 to UTC−11. */
const ZONES = ['Pacific/Kiritimati', 'Pacific/Auckland', 'Asia/Tokyo', 'Europe/Moscow', 'America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu', 'Pacific/Pago_Pago'];
const story: StoryRef = { id: seedStory.id, title: seedStory.title, publisher: seedStory.publisher };
const links = { preferencesUrl: 'https://datewatch.example/p', unsubscribeUrl: 'https://datewatch.example/u' };

const asEvent = (e: (typeof storyEvents)[number], over: Partial<DatedEvent> = {}): DatedEvent => ({
  ...e, status: 'scheduled', version: 1, createdAt: '2016-11-19T00:00:00Z', updatedAt: '2016-11-19T00:00:00Z', ...over,
});

/** The story's three all-day events, the same three as timed events, and two timed events across DST changes. */
const EVENTS: DatedEvent[] = [
  ...storyEvents.map((e) => asEvent(e)),
  asEvent(storyEvents[0]!, { id: 'kishida-timed', date: undefined, startTime: '2016-12-03T11:00' }),
  asEvent(storyEvents[1]!, { id: 'summit-timed', date: undefined, startTime: '2016-12-15T15:00' }),
  asEvent(storyEvents[2]!, { id: 'economy-timed', date: undefined, startTime: '2016-12-16T07:30' }),
  // New York falls back on 6 November 2016; Auckland springs forward on 25 September 2016.
  asEvent(storyEvents[0]!, { id: 'ny-dst', date: undefined, startTime: '2016-11-08T09:00', timeZone: 'America/New_York' }),
  asEvent(storyEvents[0]!, { id: 'auckland-dst', date: undefined, startTime: '2016-09-27T07:00', timeZone: 'Pacific/Auckland' }),
  asEvent(storyEvents[0]!, { id: 'auckland-all-day-dst', date: '2016-09-26', timeZone: 'Pacific/Auckland' }),
];

/** The oracle, from Temporal alone: when the event begins, and the calendar days between two instants in a zone. */
function startOf(e: DatedEvent): Temporal.Instant {
  const wall = e.date ? Temporal.PlainDate.from(e.date).toPlainDateTime() : Temporal.PlainDateTime.from(e.startTime!);
  return wall.toZonedDateTime(e.timeZone).toInstant();
}
const dayIn = (i: Temporal.Instant, zone: string) => i.toZonedDateTimeISO(zone).toPlainDate();
const calendarDays = (from: Temporal.Instant, to: Temporal.Instant, zone: string) => dayIn(from, zone).until(dayIn(to, zone), { largestUnit: 'days' }).days;
const trueLabel = (days: number) => (days === 0 ? 'Today' : days === 1 ? 'Tomorrow' : `In ${days} days`);

describe('reminders for readers around the world (checked against Temporal)', () => {
  for (const zone of ZONES) {
    it(`${zone}: every reminder arrives before the event begins, at 08:00 (or 20:00 the evening before), labelled with the true distance`, () => {
      for (const event of EVENTS) {
        const start = startOf(event);
        for (const lead of LEAD_TIMES) {
          // Act
          const due = reminderDueAt(event, lead, zone);
          const mail = renderReminder({ event, story, readerTimeZone: zone, links, now: due });

          // Assess
          const dueAt = Temporal.Instant.fromEpochMilliseconds(due.getTime());
          const local = dueAt.toZonedDateTimeISO(zone);
          const where = `${event.id} ${lead} due ${local.toString()}`;
          expect(Temporal.Instant.compare(dueAt, start), where).toBeLessThan(0);
          const days = calendarDays(dueAt, start, zone);
          expect(mail.subject, where).toBe(`${trueLabel(days)}: ${event.title}`);
          expect(distanceLabel(event, zone, due), where).toBe(trueLabel(days));
          const morningOf = dayIn(start, zone).subtract({ days: leadDays(lead) });
          const beginsByEight = Temporal.PlainTime.compare(start.toZonedDateTimeISO(zone).toPlainTime(), Temporal.PlainTime.from('08:00')) <= 0;
          if (lead === 'P0D' && beginsByEight) {
            // The event begins at or before 08:00 the reader's time: the evening before, labelled "Tomorrow".
            expect(local.toPlainDate().equals(morningOf.subtract({ days: 1 })), where).toBe(true);
            expect(local.toPlainTime().toString(), where).toBe('20:00:00');
          } else {
            expect(local.toPlainDate().equals(morningOf), where).toBe(true);
            expect(local.toPlainTime().toString(), where).toBe('08:00:00');
            expect(days, where).toBe(leadDays(lead));
          }
        }
      }
    });
  }

  it('tells the New York reader the truth the issue found wrong', () => {
    // Kishida's visit begins at 16:00 on Friday 2 December in New York.
    const kishida = EVENTS[0]!;
    expect(reminderDueAt(kishida, 'P1D', 'America/New_York').toISOString()).toBe('2016-12-01T13:00:00.000Z');
    expect(reminderDueAt(kishida, 'P7D', 'America/New_York').toISOString()).toBe('2016-11-25T13:00:00.000Z');
    const mail = renderReminder({ event: kishida, story, readerTimeZone: 'America/New_York', links, now: new Date('2016-12-01T13:00:00Z') });
    expect(mail.subject).toBe('Tomorrow: Foreign Minister Kishida visits Russia for talks with Lavrov');
    expect(mail.text).toContain('Your time: Friday 2 December 2016, 16:00 to Saturday 3 December 2016, 16:00 New York time (EST)');
    // The summit begins at 07:00 on 14 December in Los Angeles: the same-day reminder comes the evening before.
    const summit = EVENTS[1]!;
    expect(reminderDueAt(summit, 'P0D', 'America/Los_Angeles').toISOString()).toBe('2016-12-14T04:00:00.000Z');
    expect(renderReminder({ event: summit, story, readerTimeZone: 'America/Los_Angeles', links, now: new Date('2016-12-14T04:00:00Z') }).subject)
      .toBe('Tomorrow: Abe-Putin summit in Yamaguchi');
  });
});
