/// <reference lib="dom" />
import { api } from './api.ts';

/** GET /admin/audience: active readers from counters kept as subscriptions change (see core/audience-admin.ts). */
export interface Audience {
  total: number;
  zones: { timeZone: string; readers: number }[];
  followAll: number;
  stories: { id: string; title: string; status: string; followers: number }[];
  languages: { language: string; readers: number }[];
}

export async function loadAudience(): Promise<Audience> {
  return (await api<Audience>('GET', '/admin/audience')).data;
}

/** A story's followers as counted now; undefined when the count could not be read (the caller words it without). */
export async function followersOf(storyId: string): Promise<number | undefined> {
  try {
    return (await loadAudience()).stories.find((s) => s.id === storyId)?.followers ?? 0;
  } catch {
    return undefined;
  }
}

/** The zone with the most active readers (the first: the API sorts them largest first). */
export async function largestAudienceZone(): Promise<string | undefined> {
  try {
    return (await loadAudience()).zones[0]?.timeZone;
  } catch {
    return undefined;
  }
}
