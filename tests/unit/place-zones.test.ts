import { describe, expect, it } from 'vitest';
import { suggestZones } from '#core/proposals/place-zones.ts';
import { ValidationError } from '#core/errors.ts';

const zones = (q: string) => suggestZones(q).suggestions.map((s) => s.timeZone);

describe("an event's place suggests its zone", () => {
  it('takes the meaning in the country the place names: Lima, Peru is Lima in Peru', () => {
    // Act
    const { suggestions } = suggestZones('Lima, Peru');

    // Assess
    expect(suggestions[0]).toEqual({
      timeZone: 'America/Lima', place: 'Lima', kind: 'city', country: 'PE', certain: true,
    });
    expect(zones('Lima, Peru')).not.toContain('America/New_York');
  });

  it('offers the other meanings of a bare name after the likeliest', () => {
    const lima = zones('Lima');
    expect(lima[0]).toBe('America/Lima');
    expect(lima).toContain('America/New_York'); // Lima, Ohio
  });

  it('reads past a venue the gazetteer does not know, and names a country that spans zones as uncertain', () => {
    expect(zones('Kremlin, Moscow')[0]).toBe('Europe/Moscow');
    expect(zones('Nagato, Yamaguchi, Japan')[0]).toBe('Asia/Tokyo');
    const us = suggestZones('United States').suggestions[0];
    expect(us).toMatchObject({ timeZone: 'America/New_York', kind: 'country', country: 'US', certain: false });
  });

  it('suggests nothing for a place it does not know, and refuses an empty or overlong query', () => {
    expect(suggestZones('Atlantis under the sea').suggestions).toEqual([]);
    expect(() => suggestZones('  ')).toThrow(ValidationError);
    expect(() => suggestZones(undefined)).toThrow(/q is required/);
    expect(() => suggestZones('x'.repeat(201))).toThrow(/at most 200/);
  });
});
