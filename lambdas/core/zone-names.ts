/**
 * Zones in the words people use, from Intl (CLDR), never the IANA spelling: "Los Angeles time (PST)", "Moscow
 * time", "Japan time", "New Zealand time". The IANA name stays where a machine reads it (invites, job keys, the API).
 * CLDR's generic location name ("Los Angeles Time", from en-GB) says whose clock it is; the abbreviation follows
 * when the runtime has a lettered one for the zone at that instant (en-US: PST/PDT, EST/EDT), else nothing is added
 * (Moscow's "GMT+3" would only repeat the offset in another spelling).
 */
const generic = new Map<string, Intl.DateTimeFormat>();
const abbreviation = new Map<string, Intl.DateTimeFormat>();

function zonePart(cache: Map<string, Intl.DateTimeFormat>, locale: string, style: 'shortGeneric' | 'short', zone: string, at: Date): string {
  let f = cache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style });
    cache.set(zone, f);
  }
  return f.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

const names = new Map<string, string>();
const NAME_ENTRIES = 4096;

/** "Los Angeles time (PST)" at `at` (the abbreviation changes with daylight saving: PDT in summer). */
export function zoneName(zone: string, at: Date): string {
  const place = zonePart(generic, 'en-GB', 'shortGeneric', zone, at);
  const abbr = zonePart(abbreviation, 'en-US', 'short', zone, at);
  const key = `${zone}|${place}|${abbr}`;
  let name = names.get(key);
  if (name === undefined) {
    const lettered = /^[A-Z]{2,5}$/.test(abbr) && abbr !== 'UTC' && abbr !== 'GMT';
    if (abbr === 'UTC') name = 'UTC';
    else if (/ Time$/.test(place)) name = `${place.slice(0, -' Time'.length)} time${lettered ? ` (${abbr})` : ''}`;
    else if (zone.startsWith('Etc/') || !zone.includes('/')) name = place; // a fixed offset such as Etc/GMT-14 reads "GMT+14"
    // A zone newer than the runtime's CLDR (Europe/Kyiv on older ICU) has no location name yet: its city stands in.
    else name = `${zone.slice(zone.lastIndexOf('/') + 1).replace(/_/g, ' ')} time${lettered ? ` (${abbr})` : ''}`;
    if (names.size >= NAME_ENTRIES) names.clear();
    names.set(key, name);
  }
  return name;
}
