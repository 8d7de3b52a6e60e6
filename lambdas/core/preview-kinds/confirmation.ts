/** The confirmation preview (preview-kinds/context.ts): the double opt-in mail for an event, a story or all. */
import { renderConfirmation } from '../email/render-confirmation.ts';
import { localizeEvent } from '../i18n/localize.ts';
import { follows, type Preferences } from '../model/subscriber.ts';
import { ValidationError } from '../errors.ts';
import { stamped, type KindRenderers } from './context.ts';

export const RENDERERS: KindRenderers = {
  /** The double opt-in email, listing what a reader of the event, the story or every story would follow. */
  async confirmation(ctx, q, at) {
    const { events, stories, clock, confirmUrl, mustEvent, mustStory } = ctx;
    const event = q.event ? await mustEvent(q.event) : undefined;
    const story = q.story ? await mustStory(q.story) : undefined;
    if (event && story && event.storyId !== story.id) {
      throw new ValidationError(`event "${event.id}" is not in story "${story.id}"`);
    }
    const preferences: Preferences = {
      timeZone: q.timeZone ?? event?.timeZone ?? 'UTC', reminders: ['P1D'], digest: 'weekly',
      stories: event ? [event.storyId] : story ? [story.id] : 'all', events: event ? [event.id] : 'all',
    };
    const language = q.language ?? 'en';
    const [all, storyList] = await Promise.all([events.listAll(), stories.list()]);
    const own = new Map(storyList.map((s) => [s.id, s.language]));
    const followed = all.filter((e) => follows(preferences, e.storyId, e.id))
      .map((e) => localizeEvent(e, language, own.get(e.storyId) ?? 'en'));
    return stamped(renderConfirmation, {
      confirmUrl, events: followed, readerTimeZone: preferences.timeZone, now: at ?? clock.now(), language,
    });
  },

};
