/**
 * The zone an event's place suggests, for the console's event form (GET /admin/places?q=): the gazetteer the
 * proposals read stories with, asked for one place as an editor types it ("Lima, Peru", "Kremlin, Moscow").
 * It loads with the first lookup only, and stays on the server: the browser gets a few suggestions, not the data.
 */
import { ValidationError } from '../errors.ts';
import { lookupPlace, normalizePlaceName, type GazetteerPlace, type PlaceKind } from './gazetteer.ts';

export interface ZoneSuggestion {
  timeZone: string;
  /** The gazetteer's place that gives the zone, e.g. "Lima" (a city) or "Peru" (a country). */
  place: string;
  kind: PlaceKind;
  /** ISO 3166 country code of the place. */
  country: string;
  /** False when the place spans zones and this one does not hold most of its people. */
  certain: boolean;
}

const MAX_QUERY = 200;
const MAX_SUGGESTIONS = 5;

/**
 * The zones a place name suggests, likeliest first: the parts of the name in the order written (the most precise
 * first: "Lima, Peru"), each part's meanings kept to the countries another part names ("Lima" in Peru, not Ohio).
 */
export function suggestZones(query: unknown): { query: string; suggestions: ZoneSuggestion[] } {
  if (typeof query !== 'string' || query.trim() === '') {
    throw new ValidationError('q is required: the place as written, e.g. ?q=Lima, Peru', {
      issues: [{ field: 'q', message: 'required' }],
    });
  }
  if (query.length > MAX_QUERY) {
    throw new ValidationError(`q holds at most ${MAX_QUERY} characters`, {
      issues: [{ field: 'q', message: 'too long' }],
    });
  }
  const parts = [query, ...query.split(/[,;()/]|\s[-–—]\s/)].map((p) => p.trim()).filter(Boolean);
  const meanings = [...new Set(parts)].map((p) => lookupPlace(normalizePlaceName(p)));
  const countries = new Set(meanings.flatMap((m) => m.filter((c) => c.kind === 'country').map((c) => c.iso2)));
  const inNamedCountries = (m: readonly GazetteerPlace[]) => {
    const kept = countries.size ? m.filter((c) => countries.has(c.iso2)) : m;
    return kept.length ? kept : m;
  };
  const byZone = new Map<string, ZoneSuggestion>();
  for (const place of meanings.flatMap(inNamedCountries)) {
    if (byZone.has(place.timeZone)) continue;
    byZone.set(place.timeZone, {
      timeZone: place.timeZone,
      place: place.name,
      kind: place.kind,
      country: place.iso2,
      certain: place.zoneCertain,
    });
  }
  return { query: query.trim(), suggestions: [...byZone.values()].slice(0, MAX_SUGGESTIONS) };
}
