import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { canonicalTimeZones, zonedToInstant } from '#core/zoned-time.ts';

const FROM = Temporal.Instant.from('2016-01-01T00:00:00Z');
const UNTIL = Temporal.Instant.from('2031-01-01T00:00:00Z');

/** Every offset change of `zone` from 2016 through 2030, as Temporal (the polyfill's own tz code) sees them. */
function transitions(zone: string): { at: Temporal.Instant; before: bigint; after: bigint }[] {
  const found = [];
  let zdt: Temporal.ZonedDateTime | null = FROM.toZonedDateTimeISO(zone);
  while ((zdt = zdt.getTimeZoneTransition('next')) && Temporal.Instant.compare(zdt.toInstant(), UNTIL) < 0) {
    const before = zdt.toInstant().subtract({ nanoseconds: 1 }).toZonedDateTimeISO(zone).offsetNanoseconds;
    found.push({ at: zdt.toInstant(), before: BigInt(before), after: BigInt(zdt.offsetNanoseconds) });
  }
  return found;
}

/** Wall-clock readings (whole minutes) around a transition: either edge of the gap or overlap, its middle, just outside. */
function readingsAround(t: { at: Temporal.Instant; before: bigint; after: bigint }): Temporal.PlainDateTime[] {
  const wall = (offset: bigint) => Temporal.Instant.fromEpochNanoseconds(t.at.epochNanoseconds + offset).toZonedDateTimeISO('UTC').toPlainDateTime();
  const [lo, hi] = t.before < t.after ? [wall(t.before), wall(t.after)] : [wall(t.after), wall(t.before)];
  const span = hi.since(lo).total('minutes');
  const readings = [
    lo.subtract({ minutes: 1 }), lo, lo.add({ minutes: Math.floor(span / 2) }), hi.subtract({ minutes: 1 }), hi,
    lo.with({ hour: 0, minute: 0 }), lo.with({ hour: 8, minute: 0 }), hi.with({ hour: 0, minute: 0 }), hi.with({ hour: 8, minute: 0 }),
  ];
  return readings;
}

const pad = (n: number) => String(n).padStart(2, '0');

describe('zonedToInstant against Temporal (disambiguation "compatible")', () => {
  it('agrees on every transition of every IANA zone from 2016 to 2030: gaps resolve forward, overlaps to the first occurrence', () => {
    // Prepare
    const zones = canonicalTimeZones();
    let checked = 0;
    let transitionCount = 0;
    const disagreements: string[] = [];

    for (const zone of zones) {
      for (const t of transitions(zone)) {
        transitionCount++;
        for (const r of readingsAround(t)) {
          // Act
          const date = `${r.year}-${pad(r.month)}-${pad(r.day)}`;
          const time = `${pad(r.hour)}:${pad(r.minute)}`;
          const ours = zonedToInstant(date, time, zone).getTime();
          const temporal = r.toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
          checked++;
          if (ours !== temporal) disagreements.push(`${zone} ${date}T${time}: ours ${new Date(ours).toISOString()}, Temporal ${new Date(temporal).toISOString()}`);
        }
      }
    }

    // Assess
    expect(disagreements.slice(0, 20)).toEqual([]);
    expect(transitionCount).toBeGreaterThan(4000);
    expect(checked).toBeGreaterThan(30_000);
  });

  it('resolves the Auckland cases the issue reported (east of UTC+12)', () => {
    // Spring forward 2016-09-25 02:00 NZST → 03:00 NZDT: 02:30 does not exist and means 03:30 NZDT.
    expect(zonedToInstant('2016-09-25', '02:30', 'Pacific/Auckland').toISOString()).toBe('2016-09-24T14:30:00.000Z');
    // Fall back 2016-04-03 03:00 NZDT → 02:00 NZST: 02:30 happens twice; the first is NZDT (+13).
    expect(zonedToInstant('2016-04-03', '02:30', 'Pacific/Auckland').toISOString()).toBe('2016-04-02T13:30:00.000Z');
    // Kiritimati (UTC+14) and Pago Pago (UTC−11), a day apart on the same instant.
    expect(zonedToInstant('2016-12-03', '08:00', 'Pacific/Kiritimati').toISOString()).toBe('2016-12-02T18:00:00.000Z');
    expect(zonedToInstant('2016-12-02', '08:00', 'Pacific/Pago_Pago').toISOString()).toBe('2016-12-02T19:00:00.000Z');
  });
});
