import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zonesToPlan } from '#core/dispatcher.ts';
import { createEventSchema, patchEventSchema } from '#core/model/event.ts';
import { preferencesSchema, subscribeSchema } from '#core/subscription-schema.ts';
import { canonicalTimeZone, canonicalTimeZones, isValidTimeZone } from '#core/zoned-time.ts';

const TZDATA = '/usr/share/zoneinfo/tzdata.zi';

/** IANA's own data (Debian's tzdata package), read in the test only: `Z name …` zones and `L target name` links. */
function ianaNames(): { zones: Set<string>; links: Map<string, string> } {
  const zones = new Set<string>();
  const links = new Map<string, string>();
  for (const line of readFileSync(TZDATA, 'utf8').split('\n')) {
    const [kind, a, b] = line.split(' ');
    if (kind === 'Z') zones.add(a!);
    if (kind === 'L') links.set(b!, a!);
  }
  zones.delete('Factory');
  return { zones, links };
}

describe('canonical time zones', () => {
  it('folds case and aliases to one IANA name', () => {
    expect(canonicalTimeZone('aSiA/tOkYo')).toBe('Asia/Tokyo');
    expect(canonicalTimeZone('asia/tokyo')).toBe('Asia/Tokyo');
    expect(canonicalTimeZone('Japan')).toBe('Asia/Tokyo');
    expect(canonicalTimeZone('US/Eastern')).toBe('America/New_York');
    expect(canonicalTimeZone('US/Pacific')).toBe('America/Los_Angeles');
    expect(canonicalTimeZone('US/Hawaii')).toBe('Pacific/Honolulu');
    expect(canonicalTimeZone('US/Samoa')).toBe('Pacific/Pago_Pago');
    expect(canonicalTimeZone('NZ')).toBe('Pacific/Auckland');
    expect(canonicalTimeZone('W-SU')).toBe('Europe/Moscow');
    expect(canonicalTimeZone('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('Etc/UTC')).toBe('UTC');
    expect(canonicalTimeZone('GMT')).toBe('UTC');
    expect(canonicalTimeZone('Pacific/Kiritimati')).toBe('Pacific/Kiritimati');
  });

  it('refuses what is not an IANA zone', () => {
    for (const bad of ['', 'Mars/Olympus', '+09:00', 'Asia/Tokyo ', 'x'.repeat(65), 'Etc/GMT+13']) {
      expect(canonicalTimeZone(bad), bad).toBeUndefined();
      expect(isValidTimeZone(bad)).toBe(false);
    }
  });

  it('is idempotent, and the list offered to readers holds only canonical names, UTC first', () => {
    const list = canonicalTimeZones();
    expect(list[0]).toBe('UTC');
    expect(new Set(list).size).toBe(list.length);
    for (const zone of list) expect(canonicalTimeZone(zone), zone).toBe(zone);
    expect(list).toContain('Asia/Kolkata');
    expect(list).not.toContain('Asia/Calcutta');
  });

  it.skipIf(!existsSync(TZDATA))('maps every name in IANA\'s data into a set no larger than the IANA list', () => {
    // Prepare
    const { zones, links } = ianaNames();
    const all = [...zones, ...links.keys()];

    // Act
    const folded = new Set(all.map((name) => canonicalTimeZone(name)));

    // Assess: every IANA name is accepted, and lands on a name IANA itself has.
    expect(folded.has(undefined)).toBe(false);
    for (const name of folded) expect(zones.has(name!) || links.has(name!), name).toBe(true);
    expect(folded.size).toBeLessThanOrEqual(zones.size);
    // Spellings: once any name reaches a zone, no other spelling of that zone is produced.
    for (const name of all) expect(canonicalTimeZone(canonicalTimeZone(name)!)).toBe(canonicalTimeZone(name));
  });

  it.skipIf(!existsSync(TZDATA))('uses IANA\'s current spelling wherever the runtime keeps an old one', () => {
    // Prepare: a runtime name that IANA lists only as a link, while one of IANA's zones resolves to it, is an old
    // spelling of that zone (Asia/Calcutta for Asia/Kolkata); links that merge zones of different countries are not.
    const { zones } = ianaNames();
    const runtime = (z: string) => new Intl.DateTimeFormat('en-US', { timeZone: z }).resolvedOptions().timeZone;
    const renamed = Intl.supportedValuesOf('timeZone').filter((z) => !zones.has(z))
      .map((old) => [old, [...zones].find((zone) => runtime(zone) === old && zone !== old)] as const)
      .filter(([, current]) => current !== undefined);

    // Assess
    expect(renamed.length).toBeGreaterThan(10);
    for (const [old, current] of renamed) expect(canonicalTimeZone(old), old).toBe(current);
  });
});

describe('zones as stored and planned', () => {
  it('stores a reader\'s zone and an event\'s zone in the canonical spelling', () => {
    expect(subscribeSchema.parse({ email: 'a@example.com', timeZone: ' aSiA/tOkYo ' }).timeZone).toBe('Asia/Tokyo');
    expect(preferencesSchema.parse({ timeZone: 'US/Eastern' }).timeZone).toBe('America/New_York');
    expect(preferencesSchema.parse({ timeZone: 'Asia/Calcutta' }).timeZone).toBe('Asia/Kolkata');
    expect(preferencesSchema.safeParse({ timeZone: 'Mars/Olympus' }).success).toBe(false);
    const event = { storyId: 'abe-putin-lima-2016', title: 't', summary: 's', date: '2016-12-03', place: 'p', source: { publisher: 'P', quote: 'q' } };
    expect(createEventSchema.parse({ ...event, timeZone: 'w-su' }).timeZone).toBe('Europe/Moscow');
    expect(patchEventSchema.parse({ timeZone: 'japan' }).timeZone).toBe('Asia/Tokyo');
  });

  it('plans each zone once, whatever spellings the table holds from before, and never a name that is no zone', () => {
    // Prepare: what an older table could hold, next to what the schema stores now.
    const stored = ['Asia/Tokyo', 'aSiA/tOkYo', 'Japan', 'US/Eastern', 'America/New_York', 'Mars/Olympus', 'UTC', 'Etc/UTC'];

    // Act
    const zones = zonesToPlan(stored);

    // Assess: three zones to plan; the fan-out still reads every spelling's readers.
    expect([...zones.keys()].sort()).toEqual(['America/New_York', 'Asia/Tokyo', 'UTC']);
    expect(zones.get('Asia/Tokyo')).toEqual(['Asia/Tokyo', 'aSiA/tOkYo', 'Japan']);
    expect(zonesToPlan(canonicalTimeZones()).size).toBe(canonicalTimeZones().length);
  });
});
