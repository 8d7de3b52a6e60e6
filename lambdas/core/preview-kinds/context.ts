/**
 * What a preview kind's renderer (confirmation.ts, reminder.ts, digest.ts, alerts.ts, update.ts) is given by
 * previews.ts: the stores, the clock, the fake links, and the lookups every kind makes. Each kind is a module of its
 * own so that a deployed editor-mail function reads a kind's code beside its bundle on the first preview of that kind
 * (`#asset/preview-kinds`: kind-files.ts), and its cold start loads none of them.
 */
import type { Clock } from '#ports/clock.ts';
import type { EventStore } from '#ports/event-store.ts';
import type { StoryStore } from '#ports/story-store.ts';
import type { UpdateStore } from '#ports/update-store.ts';
import type { EmailLinks } from '../email/render-parts.ts';
import type { Localized } from '../i18n/localize.ts';
import type { DatedEvent } from '../model/event.ts';
import type { Language } from '../model/language.ts';
import type { Story, StoryRef } from '../model/story.ts';
import type { PreviewKind, PreviewQuery } from '../preview-query.ts';

export interface Preview {
  subject: string;
  html: string;
  text: string;
  /** For the editor, never in the mail: why readers would get none of it now, and when they would. */
  note?: string;
}

/** A preview and the moment it reads as of, in the zone it is read in (a test send states both). */
export interface RenderedPreview extends Preview {
  asOf: Date;
  timeZone: string;
}

/** How a preview is rendered for a mail that carries no invitation (a test send): it mentions none. */
export type RenderQuery = PreviewQuery & { withoutInvite?: boolean };

export function stamped<I extends { now: Date; readerTimeZone: string }>(
  render: (input: I) => Preview, input: I,
): RenderedPreview {
  const { subject, html, text } = render(input);
  return { subject, html, text, asOf: input.now, timeZone: input.readerTimeZone };
}

export interface PreviewContext {
  events: Pick<EventStore, 'get' | 'listAll' | 'listFrom'>;
  stories: Pick<StoryStore, 'get' | 'list'>;
  updates: Pick<UpdateStore, 'get'> | undefined;
  clock: Clock;
  /** The public base URL without a trailing slash. */
  base: string;
  /** Clearly fake: a reader's links carry a signed token; these open the page with a token it refuses. */
  links: EmailLinks;
  confirmUrl: string;
  mustEvent(eventId: string): Promise<DatedEvent>;
  mustStory(storyId: string): Promise<Story>;
  /** The query's event (a 400 naming `?event=` without one, a 404 when there is none with its id). */
  needEvent(kind: PreviewKind, q: PreviewQuery): Promise<DatedEvent>;
  /** The event and the story a reminder or alert names, in `language` as the sender gives them to a reader. */
  inLanguage(event: DatedEvent, language: Language): Promise<{
    event: Localized<DatedEvent>; story: Localized<StoryRef>; language: Language;
  }>;
}

/** One kind's preview: checked against the stores, rendered at `at` (or the kind's own moment). */
export type KindRenderer = (ctx: PreviewContext, q: RenderQuery, at: Date | undefined) => Promise<RenderedPreview>;

/** The kinds each module renders (a module's export `RENDERERS`). */
export type KindRenderers = Partial<Record<PreviewKind, KindRenderer>>;
