import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { distilGazetteer, gazetteerFile } from '../../scripts/generate-gazetteer.ts';
import { lookupPlace, normalizePlaceName } from '#core/proposals/gazetteer.ts';

const first = (name: string) => lookupPlace(normalizePlaceName(name))[0];

describe('the gazetteer', () => {
  it('is distilled from the installed city-timezones and countries-list (run `npm run gazetteer` after updating them)', () => {
    expect(JSON.parse(readFileSync(gazetteerFile, 'utf8'))).toEqual(distilGazetteer());
  });

  it('gives a country the zone of its capital, certain only where that clock holds most of its people', () => {
    expect(first('Russia')).toMatchObject({ kind: 'country', timeZone: 'Europe/Moscow', zoneCertain: true });
    expect(first('Japan')).toMatchObject({ kind: 'country', timeZone: 'Asia/Tokyo', zoneCertain: true });
    expect(first('United States')).toMatchObject({ kind: 'country', timeZone: 'America/New_York', zoneCertain: false });
    expect(first('U.S.')).toMatchObject({ kind: 'country', iso2: 'US' });
  });

  it('knows provinces as regions, newsroom names and spellings without accents', () => {
    expect(first('Yamaguchi')).toMatchObject({ kind: 'region', iso2: 'JP', timeZone: 'Asia/Tokyo' });
    expect(first('Washington')).toMatchObject({ kind: 'city', name: 'Washington, D.C.', timeZone: 'America/New_York' });
    expect(first('Brasilia')).toMatchObject({ kind: 'city', iso2: 'BR' });
    expect(first('Britain')).toMatchObject({ kind: 'country', iso2: 'GB', timeZone: 'Europe/London' });
  });
});
