/** The readers' counters, kept by every write of a subscription (see core/audience-counts.ts). */
export interface AudienceStore {
  /** Every counter by name (`total`, `zone:<tz>`, `story:<id>`, `story:*`, `lang:<tag>`); one read, never a Scan. */
  counters(): Promise<Map<string, number>>;
}
