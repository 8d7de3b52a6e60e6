/** The update preview (preview-kinds/context.ts): a story update, stored or drafted, as followers get it. */
import { renderUpdate, UpdateTooLargeError } from '../email/render-update.ts';
import { localizeStory } from '../i18n/localize.ts';
import { storyRef } from '../model/story.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { stamped, type KindRenderers } from './context.ts';

export const RENDERERS: KindRenderers = {
  /** A story update as its followers get it: a stored one (?story=&update=) or a draft (?story=&subject=&body=). */
  async update(ctx, q, at) {
    const { updates, clock, base, links, mustStory } = ctx;
    if (!q.story) {
      throw new ValidationError('story is required for an update preview: ?story=<story id>',
        { issues: [{ field: 'story', message: 'required' }] });
    }
    const story = await mustStory(q.story);
    let text: { subject: string; body: string };
    if (q.update !== undefined) {
      if (q.subject !== undefined || q.body !== undefined) {
        throw new ValidationError('give update (a stored update) or subject and body (a draft), not both');
      }
      const stored = await updates?.get(story.id, q.update);
      if (!stored) throw new NotFoundError(`story "${story.id}" has no update with id "${q.update}"`);
      text = stored;
    } else {
      if (q.subject === undefined || q.body === undefined) {
        throw new ValidationError('an update preview needs subject and body (a draft), or update=<update id>',
          { issues: [{ field: q.subject === undefined ? 'subject' : 'body', message: 'required' }] });
      }
      text = { subject: q.subject, body: q.body };
    }
    try {
      const language = q.language ?? 'en';
      const lang = language === 'en' ? '' : `?lang=${language}`;
      return stamped(renderUpdate, {
        story: localizeStory(storyRef(story), language, story.language), subject: text.subject,
        body: text.body, readerTimeZone: q.timeZone ?? 'UTC', links, language,
        storyPageUrl: `${base}/stories/${encodeURIComponent(story.id)}${lang}`, now: at ?? clock.now(),
      });
    } catch (err) {
      if (err instanceof UpdateTooLargeError) throw new ValidationError(`body: ${err.message}`);
      throw err;
    }
  },
};
