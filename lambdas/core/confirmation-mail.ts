import type { Clock } from '#ports/clock.ts';
import { sesTags } from './compose.ts';
import type { Mailer } from '#ports/mailer.ts';
import type { DatedEvent } from './model/event.ts';
import { renderConfirmation } from './email/render.ts';
import { buildRawMessage } from './email/mime.ts';
import { follows, followsStory, type Subscriber } from './model/subscriber.ts';
import { storyIsLive, type Story, storyRef } from './model/story.ts';
import { languageOf } from './model/language.ts';
import { localizeEvent, localizeStory } from './i18n/localize.ts';

/** Sends the double opt-in email; the subscription use cases decide when. */
export type SendConfirmation = (subscriber: Subscriber, confirmUrl: string) => Promise<void>;

export function makeConfirmationMailer({ mailer, sender, events, stories, clock }: {
  mailer: Mailer;
  sender: string;
  events: { listAll(): Promise<DatedEvent[]> };
  stories: { list(): Promise<Story[]> };
  clock: Clock;
}): SendConfirmation {
  return async (subscriber, confirmUrl) => {
    const now = clock.now();
    const p = subscriber.preferences;
    const [all, storyList] = await Promise.all([events.listAll(), stories.list()]);
    const live = storyList.filter(storyIsLive);
    const followedStories = live.filter((s) => followsStory(p, s.id));
    const liveIds = new Set(followedStories.map((s) => s.id));
    const followed = all.filter((e) => liveIds.has(e.storyId) && follows(p, e.storyId, e.id));
    const language = languageOf(p);
    const own = new Map(storyList.map((s) => [s.id, s.language]));
    const mail = renderConfirmation({
      confirmUrl, language, now, readerTimeZone: p.timeZone, allStories: p.stories === undefined || p.stories === 'all',
      events: followed.map((e) => localizeEvent(e, language, own.get(e.storyId) ?? 'en')),
      stories: followedStories.map((s) => localizeStory(storyRef(s), language, s.language)),
    });
    const raw = buildRawMessage({
      from: sender, to: subscriber.email, subject: mail.subject, html: mail.html, text: mail.text,
      attachments: mail.attachments, messageDate: now,
      // Transactional, not bulk: it carries no List-Unsubscribe; ignoring it is how a reader declines.
      headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': mail.language, ...sesTags('confirmation') },
    });
    await mailer.sendRaw({ to: subscriber.email, raw });
  };
}
