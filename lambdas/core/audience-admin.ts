import type { AudienceStore } from '#ports/audience-store.ts';
import type { StoryStore } from '#ports/story-store.ts';
import { audienceFrom } from './audience-counts.ts';
import type { Story } from './model/story.ts';

/** Active readers, as the admin API answers them: read from the counters, never by listing readers. */
export interface AudienceView {
  total: number;
  /** Largest first: the first is the zone of the largest audience. */
  zones: { timeZone: string; readers: number }[];
  /** Readers who follow every story (they count among each story's followers). */
  followAll: number;
  /** Each story's followers: those who chose it and those who follow every story. */
  stories: { id: string; title: string; status: Story['status']; followers: number }[];
  /** Per language, where subscriptions record one (empty otherwise). */
  languages: { language: string; readers: number }[];
}

export function makeAudienceAdmin({
  audience,
  stories,
}: {
  audience: AudienceStore;
  stories: Pick<StoryStore, 'list'>;
}) {
  return {
    async counts(): Promise<AudienceView> {
      const [raw, list] = await Promise.all([audience.counters(), stories.list()]);
      const counts = audienceFrom(raw);
      return {
        total: counts.total,
        zones: counts.zones,
        followAll: counts.followAll,
        stories: list.map((s) => ({
          id: s.id,
          title: s.title,
          status: s.status,
          followers: counts.followAll + (counts.storyChosen.get(s.id) ?? 0),
        })),
        languages: counts.languages,
      };
    },
  };
}

export type AudienceAdmin = ReturnType<typeof makeAudienceAdmin>;
