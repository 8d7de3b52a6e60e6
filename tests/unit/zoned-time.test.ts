import { describe, expect, it } from 'vitest';
import { addDays, formatIsoInZone, isCalendarDate, isoWeekday, isValidTimeZone, localDate, offsetMinutes, zonedToInstant } from '#core/zoned-time.ts';

describe('zoned time (Intl only)', () => {
  it('converts 08:00 wall time to instants in zones east and west of UTC', () => {
    expect(zonedToInstant('2016-11-26', '08:00', 'Asia/Tokyo').toISOString()).toBe('2016-11-25T23:00:00.000Z');
    expect(zonedToInstant('2016-12-02', '08:00', 'Europe/Moscow').toISOString()).toBe('2016-12-02T05:00:00.000Z');
    expect(zonedToInstant('2016-12-02', '08:00', 'America/New_York').toISOString()).toBe('2016-12-02T13:00:00.000Z');
    expect(zonedToInstant('2016-12-02', '08:00', 'Asia/Kolkata').toISOString()).toBe('2016-12-02T02:30:00.000Z');
  });

  it('follows New York across the 2016-11-06 fall-back change', () => {
    expect(zonedToInstant('2016-11-05', '08:00', 'America/New_York').toISOString()).toBe('2016-11-05T12:00:00.000Z');
    expect(zonedToInstant('2016-11-06', '08:00', 'America/New_York').toISOString()).toBe('2016-11-06T13:00:00.000Z');
    expect(offsetMinutes(new Date('2016-11-06T05:30:00Z'), 'America/New_York')).toBe(-240);
    expect(offsetMinutes(new Date('2016-11-06T06:30:00Z'), 'America/New_York')).toBe(-300);
  });

  it('resolves the ambiguous fall-back hour to its first occurrence and the spring-forward gap past the gap', () => {
    expect(zonedToInstant('2016-11-06', '01:30', 'America/New_York').toISOString()).toBe('2016-11-06T05:30:00.000Z');
    expect(zonedToInstant('2017-03-12', '02:30', 'America/New_York').toISOString()).toBe('2017-03-12T07:30:00.000Z');
    expect(formatIsoInZone(new Date('2017-03-12T07:30:00Z'), 'America/New_York')).toBe('2017-03-12T03:30:00-04:00');
  });

  it('handles month and year ends and leap days', () => {
    expect(addDays('2016-12-03', -7)).toBe('2016-11-26');
    expect(addDays('2016-03-01', -1)).toBe('2016-02-29');
    expect(addDays('2016-12-31', 1)).toBe('2017-01-01');
    expect(localDate(new Date('2016-11-30T15:30:00Z'), 'Asia/Tokyo')).toBe('2016-12-01');
    expect(localDate(new Date('2016-11-30T15:30:00Z'), 'America/New_York')).toBe('2016-11-30');
  });

  it('validates zones and dates', () => {
    expect(isValidTimeZone('Europe/Moscow')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isCalendarDate('2016-02-29')).toBe(true);
    expect(isCalendarDate('2015-02-29')).toBe(false);
    expect(isCalendarDate('2016-13-01')).toBe(false);
    expect(isoWeekday('2016-11-21')).toBe(1);
    expect(isoWeekday('2016-11-20')).toBe(7);
  });
});
