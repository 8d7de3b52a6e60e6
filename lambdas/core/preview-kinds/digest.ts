/** The digest preview (preview-kinds/context.ts): one reader's digest, with a note when readers get none. */
import { digestFor } from '../digest-content.ts';
import { DIGEST_HORIZON_DAYS } from '../due.ts';
import { renderDigest } from '../email/render-digest.ts';
import { localizeDigest } from '../i18n/localize.ts';
import { isProvisional, type DatedEvent } from '../model/event.ts';
import { followsStory, type Preferences } from '../model/subscriber.ts';
import { whenShort } from '../when.ts';
import { stamped, type KindRenderers } from './context.ts';

export const RENDERERS: KindRenderers = {
  /** One reader's digest at `at`: of the story (a reader following it alone), or of every story. */
  async digest(ctx, q, at) {
    const { events, stories, clock, links, mustStory } = ctx;
    const now = at ?? clock.now();
    if (q.story) await mustStory(q.story);
    const [upcoming, all] = await Promise.all([events.listFrom(now), stories.list()]);
    const preferences: Preferences = {
      timeZone: q.timeZone ?? 'UTC', reminders: [], digest: q.period ?? 'weekly', stories: q.story ? [q.story] : 'all',
      events: 'all',
    };
    const period = q.period ?? 'weekly';
    const storyMap = new Map(all.map((s) => [s.id, s]));
    const content = digestFor(preferences, upcoming, storyMap, now, period);
    const language = q.language ?? 'en';
    const rendered = stamped(renderDigest, {
      ...localizeDigest(content, language), readerTimeZone: preferences.timeZone, period, links, now, language,
    });
    const followed = (e: DatedEvent) => e.status === 'scheduled' && followsStory(preferences, e.storyId)
      && storyMap.get(e.storyId)?.status === 'active';
    const listed = new Set(content.groups.flatMap((g) => g.events.map((e) => e.id)));
    const nextDated = upcoming.find((e) => followed(e) && !isProvisional(e) && !listed.has(e.id));
    const nextText = (e: DatedEvent) => `“${e.title}” (${storyMap.get(e.storyId)!.title}), `
      + `${whenShort(e, preferences.timeZone)}; digests list it from ${DIGEST_HORIZON_DAYS} days before.`;
    const days = `the next ${DIGEST_HORIZON_DAYS} days`;
    if (content.groups.length > 0 || content.newStories.length > 0) {
      // Only dates still to be confirmed: say when the next dated event comes within reach.
      const dated = content.groups.some((g) => g.events.some((e) => !isProvisional(e)));
      return dated || !nextDated ? rendered
        : { ...rendered, note: `No dated event falls within ${days}. The next is ${nextText(nextDated)}` };
    }
    // The sender skips an empty digest: say so, and when the next event will bring one.
    const next = upcoming.find(followed);
    const none = `Readers get no ${period} digest now: nothing they follow is within ${days}`;
    const note = next ? `${none}. The next event is ${nextText(next)}`
      : `${none}, and nothing they follow is coming up at all.`;
    return { ...rendered, note };
  },
};
