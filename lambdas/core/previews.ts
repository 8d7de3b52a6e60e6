/**
 * What an editor sees before readers do: any email the service sends, rendered for a chosen event or story, reader
 * zone and moment, by the very functions the sender and the sign-up worker use (same StoryRef, same digest
 * content), with fake links in place of a reader's signed ones. Pure over the stores and the clock. Each kind's code
 * is a module of its own (preview-kinds/), from `#asset/preview-kinds`: a deployed function reads it on its first
 * preview of that kind.
 */
import { kindRenderer } from '#asset/preview-kinds';
import type { Clock } from '#ports/clock.ts';
import type { EventStore } from '#ports/event-store.ts';
import type { StoryStore } from '#ports/story-store.ts';
import type { UpdateStore } from '#ports/update-store.ts';
export { isPreviewKind, PREVIEW_KINDS, previewFields, previewQuerySchema, type PreviewKind, type PreviewQuery } from './preview-query.ts';
import { isPreviewKind, PREVIEW_KINDS, previewQuerySchema, type PreviewKind, type PreviewQuery } from './preview-query.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import type { DatedEvent } from './model/event.ts';
import { type Story, storyRef } from './model/story.ts';
import { localizeEvent, localizeStory } from './i18n/localize.ts';
import type { Language } from './model/language.ts';
import { parseWith } from './validation.ts';
import type { EmailLinks } from './email/render-parts.ts';
import type { Preview, PreviewContext, RenderedPreview, RenderQuery } from './preview-kinds/context.ts';

export type { Preview, RenderedPreview } from './preview-kinds/context.ts';

export interface PreviewsDeps {
  events: Pick<EventStore, 'get' | 'listAll' | 'listFrom'>;
  stories: Pick<StoryStore, 'get' | 'list'>;
  clock: Clock;
  /** A stored story update, for ?update=<id> (without it only drafts, ?subject=…&body=…, preview). */
  updates?: Pick<UpdateStore, 'get'>;
  /** Where readers' links point; previews link to it with a token that opens nothing. */
  publicBaseUrl: string;
}

/** The parameters that apply to some kinds only: given with another kind they are an error, not silently ignored. */
const ONLY_FOR: Partial<Record<keyof PreviewQuery, readonly PreviewKind[]>> = {
  period: ['digest'],
  from: ['moved'],
  fromTime: ['moved'],
  date: ['moved', 'confirmed'],
  startTime: ['moved', 'confirmed'],
  eventTimeZone: ['moved', 'confirmed'],
  place: ['moved', 'confirmed'],
  sourcePublisher: ['moved', 'confirmed', 'cancelled'],
  sourceQuote: ['moved', 'confirmed', 'cancelled'],
  sourceUrl: ['moved', 'confirmed', 'cancelled'],
  update: ['update'],
  subject: ['update'],
  body: ['update'],
};


export function makePreviews({ events, stories, clock, updates, publicBaseUrl }: PreviewsDeps) {
  const base = publicBaseUrl.replace(/\/+$/, '');
  /** Clearly fake: a reader's links carry a signed token; these open the page with a token it refuses. */
  const links: EmailLinks = { preferencesUrl: `${base}/preferences?token=preview`, unsubscribeUrl: `${base}/unsubscribe?token=preview` };
  const confirmUrl = `${base}/subscriptions/confirm?token=preview`;

  async function mustEvent(eventId: string): Promise<DatedEvent> {
    const found = await events.get(eventId);
    if (!found) throw new NotFoundError(`no event with id "${eventId}"`);
    return found;
  }
  async function mustStory(storyId: string): Promise<Story> {
    const found = await stories.get(storyId);
    if (!found) throw new NotFoundError(`no story with id "${storyId}"`);
    return found;
  }
  const needEvent = (kind: PreviewKind, q: PreviewQuery): Promise<DatedEvent> => {
    if (!q.event) throw new ValidationError(`event is required for a ${kind} preview: ?event=<event id>`, { issues: [{ field: 'event', message: 'required' }] });
    return mustEvent(q.event);
  };
  /**
   * The event and the story a reminder or alert names, as the sender gives them to a reader of `language`: the
   * editors' translations where there are some, else the text as written (marked with the story's language).
   */
  const inLanguage = async (event: DatedEvent, language: Language) => {
    const story = await mustStory(event.storyId);
    return {
      event: localizeEvent(event, language, story.language),
      story: localizeStory(storyRef(story), language, story.language),
      language,
    };
  };

  const ctx: PreviewContext = {
    events, stories, updates, clock, base, links, confirmUrl, mustEvent, mustStory, needEvent, inLanguage,
  };

  /** Checks the parameters against the kind (400s name them) and renders. */
  async function render(kind: PreviewKind, q: RenderQuery): Promise<RenderedPreview> {
    for (const [field, kinds] of Object.entries(ONLY_FOR) as [keyof PreviewQuery, readonly PreviewKind[]][]) {
      if (q[field] !== undefined && !kinds.includes(kind)) {
        throw new ValidationError(`${field} applies to ${kinds.join(' and ')} previews only`, { issues: [{ field, message: 'not for this kind' }] });
      }
    }
    return kindRenderer(kind)(ctx, q, q.at);
  }

  return {
    render,
    /** As `render`, for a mail that carries no invitation: the text mentions none. */
    renderWithoutInvite: (kind: PreviewKind, q: PreviewQuery) => render(kind, { ...q, withoutInvite: true }),
    /** GET /admin/previews/{kind}?…: an unknown kind is a 404 listing the known ones. */
    async preview(kind: string, query: Record<string, string | undefined>): Promise<Preview> {
      if (!isPreviewKind(kind)) throw new NotFoundError(`unknown preview kind "${kind}"; the kinds are ${PREVIEW_KINDS.join(', ')}`, { kinds: [...PREVIEW_KINDS] });
      const { subject, html, text, note } = await render(kind, parseWith(previewQuerySchema, definedOnly(query)));
      return { subject, html, text, ...(note ? { note } : {}) };
    },
  };
}

export type Previews = ReturnType<typeof makePreviews>;

function definedOnly(query: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
}
