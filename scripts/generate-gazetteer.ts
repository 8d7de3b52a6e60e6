/**
 * `npm run gazetteer`: distils the two npm data sets (city-timezones: 7,300 cities with zone, province,
 * country and population; countries-list: each country's capital and other names) into gazetteer-data.json,
 * a few tab-separated strings that the admin Lambda parses in milliseconds instead of loading 1.3 MB of
 * objects on every cold start. tests/unit/proposals-gazetteer.test.ts fails when the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cityMapping } from 'city-timezones';
import { countries } from 'countries-list';
import type { GazetteerData } from '../lambdas/core/proposals/gazetteer-shape.ts';

const clean = (s: string) => s.replace(/[\t\n]/g, ' ').trim();

export function distilGazetteer(): GazetteerData {
  const rows = (cityMapping as unknown as Array<{ city: string; city_ascii: string; iso2: string; province: string; timezone: string | null; pop: number; lat: number; country: string }>)
    .filter((r) => r.timezone && r.iso2 && r.iso2 !== '-99');
  const zones = [...new Set(rows.map((r) => r.timezone!))].sort();
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
  return { source: 'city-timezones + countries-list, distilled by scripts/generate-gazetteer.ts', zones: zones.join('\n'), cities, countries: countryRows };
}

export const gazetteerFile = fileURLToPath(new URL('../lambdas/core/proposals/gazetteer-data.json', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const data = distilGazetteer();
  writeFileSync(gazetteerFile, `${JSON.stringify(data, null, 1)}\n`);
  console.log(`wrote ${gazetteerFile}: ${data.cities.split('\n').length} cities, ${data.countries.split('\n').length} countries, ${data.zones.split('\n').length} zones`);
}
