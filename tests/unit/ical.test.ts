import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { DatedEvent } from '#core/model/event.ts';
import { foldLine, renderCalendarFeed, renderEventInvite } from '#core/ical.ts';
import { allDayEvent, timedEvent } from '../support/events.ts';

const now = new Date('2016-11-26T09:30:00Z');
const parties = { organizerEmail: 'news@datewatch.example', attendeeEmail: 'reader@example.com' };

const kishida: DatedEvent = allDayEvent({
  summary: 'Talks with Lavrov; a final touch, before the visit.\nSecond line', version: 3, updatedAt: '2016-11-25T08:00:00.000Z',
});
const summit: DatedEvent = timedEvent({ summary: kishida.summary });

function vevents(ics: string): ICAL.Component[] {
  return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
}

describe('renderCalendarFeed', () => {
  it('publishes one VEVENT per event with stable UIDs, SEQUENCE = version and STATUS', () => {
    // Prepare / Act
    const ics = renderCalendarFeed([kishida, { ...summit, status: 'cancelled' }], { calendarName: 'Abe–Putin, 2016', now });
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const [first, second] = vevents(ics);

    // Assess
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    // ical.js does not know X-WR-CALNAME's type, so it is checked as written: TEXT-escaped, as Apple and Google read it.
    expect(ics).toContain('X-WR-CALNAME:Abe–Putin\\, 2016\r\n');
    expect(ics).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n');
    expect(ics).toContain('X-PUBLISHED-TTL:PT1H\r\n');
    expect(new ICAL.Event(first!).uid).toBe('kishida-visit@datewatch');
    expect(new ICAL.Event(first!).sequence).toBe(3);
    expect(first!.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(new ICAL.Event(second!).uid).toBe('summit@datewatch');
    expect(new ICAL.Event(second!).sequence).toBe(1);
    expect(second!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(String(first!.getFirstPropertyValue('dtstamp'))).toBe('2016-11-26T09:30:00Z');
  });

  it('writes all-day events as DATE values with an exclusive end the next day', () => {
    const event = new ICAL.Event(vevents(renderCalendarFeed([kishida], { calendarName: 'x', now }))[0]!);

    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2016-12-03');
    expect(event.endDate.toString()).toBe('2016-12-04');
  });

  it('writes timed events in UTC, two hours long', () => {
    const event = new ICAL.Event(vevents(renderCalendarFeed([summit], { calendarName: 'x', now }))[0]!);

    // 15:00 in Tokyo (UTC+9) is 06:00 UTC.
    expect(event.startDate.isDate).toBe(false);
    expect(event.startDate.toString()).toBe('2016-12-15T06:00:00Z');
    expect(event.endDate.toString()).toBe('2016-12-15T08:00:00Z');
  });

  it('escapes commas, semicolons, backslashes and newlines so the parser gets the text back', () => {
    const tricky = { ...kishida, title: 'Talks; maybe, \\ perhaps', place: 'Moscow, Russia; MID' };
    const ics = renderCalendarFeed([tricky], { calendarName: 'x', now });
    const event = new ICAL.Event(vevents(ics)[0]!);

    expect(ics).toContain('SUMMARY:Talks\\; maybe\\, \\\\ perhaps');
    expect(event.summary).toBe('Talks; maybe, \\ perhaps');
    expect(event.location).toBe('Moscow, Russia; MID');
    expect(event.description).toContain('Talks with Lavrov; a final touch, before the visit.\nSecond line');
    expect(event.description).toContain('Kyodo: "Kishida will visit Russia on Dec. 3"');
    // The feed has no reader: the day is said in the event's own zone.
    expect(event.description).toMatch(/^Date: Saturday 3 December 2016, all day \(Moscow time\)\n/);
  });

  it('folds a long non-ASCII title at 75 octets without splitting a character', () => {
    const title = 'プーチン大統領の訪日と山口での首脳会談、経済協力プランについて'.repeat(3);
    const ics = renderCalendarFeed([{ ...summit, title }], { calendarName: 'x', now });
    const lines = ics.split('\r\n');

    expect(ics.endsWith('\r\n')).toBe(true);
    expect(lines.every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect(ics).not.toContain('\uFFFD');
    expect(new ICAL.Event(vevents(ics)[0]!).summary).toBe(title);
  });

  it('uses a custom refresh interval and rejects one that is not a duration', () => {
    expect(renderCalendarFeed([], { calendarName: 'x', now, refreshInterval: 'PT15M' })).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT15M');
    expect(() => renderCalendarFeed([], { calendarName: 'x', now, refreshInterval: 'PT1H\r\nX:1' })).toThrow(/duration/);
  });
});

describe('foldLine', () => {
  it('leaves short lines alone and folds with CRLF + space', () => {
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
    const folded = foldLine(`DESCRIPTION:${'a'.repeat(200)}`);
    expect(folded.split('\r\n ').join('')).toBe(`DESCRIPTION:${'a'.repeat(200)}`);
    expect(folded.split('\r\n').map((l) => l.length)).toEqual([75, 75, 64]);
  });
});

describe('renderEventInvite', () => {
  it('sends METHOD:REQUEST with the event as it stands', () => {
    const ics = renderEventInvite(kishida, { method: 'REQUEST', now, ...parties });
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const [vevent] = vevents(ics);

    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(vevents(ics)).toHaveLength(1);
    expect(vevent!.getFirstPropertyValue('uid')).toBe('kishida-visit@datewatch');
    expect(vevent!.getFirstPropertyValue('sequence')).toBe(3);
    expect(vevent!.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(vevent!.getFirstPropertyValue('organizer')).toBe('mailto:news@datewatch.example');
    // RFC 5546 REQUEST: the reader is the ATTENDEE, informed only (no RSVP, nothing to answer).
    const attendee = vevent!.getFirstProperty('attendee')!;
    expect(attendee.getFirstValue()).toBe('mailto:reader@example.com');
    expect(attendee.getParameter('role')).toBe('NON-PARTICIPANT');
    expect(attendee.getParameter('partstat')).toBe('ACCEPTED');
    expect(attendee.getParameter('rsvp')).toBe('FALSE');
  });

  it('says in the DESCRIPTION whose day an all-day event is, and what that is on the reader\'s clock', () => {
    const ics = renderEventInvite(kishida, { method: 'REQUEST', now, ...parties, readerTimeZone: 'America/New_York' });
    const description = new ICAL.Event(vevents(ics)[0]!).description;
    expect(description).toContain('Date: Saturday 3 December 2016, all day (Moscow time)\n');
    expect(description).toContain('Your time: Friday 2 December 2016, 16:00 to Saturday 3 December 2016, 16:00 New York time (EST)\n');
  });

  it('sends METHOD:CANCEL with STATUS:CANCELLED and the same UID', () => {
    const ics = renderEventInvite({ ...kishida, status: 'cancelled', version: 4 }, { method: 'CANCEL', now, ...parties });
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const [vevent] = vevents(ics);

    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent!.getFirstPropertyValue('uid')).toBe('kishida-visit@datewatch');
    expect(vevent!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent!.getFirstPropertyValue('sequence')).toBe(4);
    expect(vevent!.getFirstPropertyValue('organizer')).toBe('mailto:news@datewatch.example');
    expect(vevent!.getFirstPropertyValue('attendee')).toBe('mailto:reader@example.com');
  });

  it('rejects an organizer or attendee address that could break the line or its parameters', () => {
    expect(() => renderEventInvite(kishida, { method: 'REQUEST', now, ...parties, organizerEmail: 'a@b.example\r\nX-EVIL:1' })).toThrow(/organizerEmail/);
    expect(() => renderEventInvite(kishida, { method: 'REQUEST', now, ...parties, attendeeEmail: 'a;RSVP=TRUE@b.example' })).toThrow(/attendeeEmail/);
  });
});
