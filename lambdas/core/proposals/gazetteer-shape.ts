/** gazetteer-data.json (scripts/generate-gazetteer.ts): tab-separated rows, one string per table. */
export interface GazetteerData {
  source: string;
  /** The IANA zones the rows refer to by line number, one a line. */
  zones: string;
  /** city, ASCII name (empty when the same), ISO 3166 code, province, zone number, population, latitude. */
  cities: string;
  /** ISO 3166 code, name, capital, other names separated by "|". */
  countries: string;
  /** Towns city-timezones lacks (GeoNames): name, ISO 3166 code, zone number, population, latitude. */
  towns: string;
}
