/**
 * What an editor sees before readers do: any email the service sends, rendered for a chosen event or story, reader
 * zone and moment, by the very functions the sender and the sign-up worker use (same StoryRef, same digest
 * content), with fake links in place of a reader's signed ones. Pure over the stores and the clock.
 */
import { eventOnStoryPage } from './links.ts';
import type { Clock } from '#ports/clock.ts';
import type { EventStore } from '#ports/event-store.ts';
import type { StoryStore } from '#ports/story-store.ts';
import type { UpdateStore } from '#ports/update-store.ts';
import { digestFor } from './digest-content.ts';
import { DIGEST_HORIZON_DAYS, reminderDueAt } from './due.ts';
import { renderAlert, renderConfirmation, renderDigest, renderReminder, type EmailLinks } from './email/render.ts';
import { renderUpdate, UpdateTooLargeError } from './email/render-update.ts';
export { isPreviewKind, PREVIEW_KINDS, previewFields, previewQuerySchema, type PreviewKind, type PreviewQuery } from './preview-query.ts';
import { isPreviewKind, PREVIEW_KINDS, previewQuerySchema, type PreviewKind, type PreviewQuery } from './preview-query.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import {
  applyPatch, eventHistory, isConfirmation, isMove, isProvisional, PatchShapeError, whenAndWhere,
  type DatedEvent, type EventChange, type EventPatch, type EventSource, type WhenAndWhere,
} from './model/event.ts';
import type { AlertKind } from './change-notice.ts';
import { type Story, storyRef } from './model/story.ts';
import { follows, followsStory, type LeadTime, type Preferences } from './model/subscriber.ts';
import { whenShort } from './when.ts';
import { localizeDigest, localizeEvent, localizeStory } from './i18n/localize.ts';
import type { Language } from './model/language.ts';
import { parseWith } from './validation.ts';

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
type RenderQuery = PreviewQuery & { withoutInvite?: boolean };

function stamped<I extends { now: Date; readerTimeZone: string }>(render: (input: I) => Preview, input: I): RenderedPreview {
  const { subject, html, text } = render(input);
  return { subject, html, text, asOf: input.now, timeZone: input.readerTimeZone };
}

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

  /** The change's source as the editor is about to save it, or undefined when none was given. */
  function draftSource(q: PreviewQuery): EventSource | undefined {
    if (q.sourcePublisher === undefined && q.sourceQuote === undefined) return undefined;
    if (!q.sourcePublisher || !q.sourceQuote) {
      throw new ValidationError('give the change\'s source whole: sourcePublisher and sourceQuote'
        + ' (sourceUrl optional)');
    }
    return { publisher: q.sourcePublisher, quote: q.sourceQuote, ...(q.sourceUrl ? { url: q.sourceUrl } : {}) };
  }
  /** The event with the unsaved change in its history, so the alert quotes that source, as the saved one will. */
  function withDraftChange(
    event: DatedEvent, kind: AlertKind, now: Date, q: PreviewQuery, from?: WhenAndWhere,
  ): DatedEvent {
    const source = draftSource(q);
    if (!source) return event;
    const change: EventChange = {
      kind, at: now.toISOString(), version: event.version + 1, source, ...(from ? { from } : {}),
      ...(kind === 'cancelled' ? {} : { to: whenAndWhere(event) }),
    };
    return { ...event, history: [...eventHistory(event), change] };
  }

  /** The event as it would be after saving the would-be values, or undefined when none were given. */
  function wouldBe(event: DatedEvent, q: PreviewQuery): DatedEvent | undefined {
    if (q.date === undefined && q.startTime === undefined && q.eventTimeZone === undefined && q.place === undefined) return undefined;
    if (event.status === 'cancelled') throw new ValidationError(`event "${event.id}" is cancelled and can no longer be changed`);
    if (q.date !== undefined && q.startTime !== undefined) throw new ValidationError('give date (all-day) or startTime (timed), not both');
    const patch: EventPatch = {
      ...(q.date !== undefined ? { date: q.date } : {}), ...(q.startTime !== undefined ? { startTime: q.startTime } : {}),
      ...(q.eventTimeZone !== undefined ? { timeZone: q.eventTimeZone } : {}), ...(q.place !== undefined ? { place: q.place } : {}),
    };
    try {
      const { date: _d, startTime: _s, range: _r, ...unchanged } = event;
      return { ...unchanged, ...applyPatch(event, patch) };
    } catch (err) {
      if (err instanceof PatchShapeError) throw new ValidationError(err.message);
      throw err;
    }
  }

  async function moved(q: RenderQuery, now: Date): Promise<RenderedPreview> {
    const stored = await needEvent('moved', q);
    const next = wouldBe(stored, q);
    let event = stored;
    let previous: WhenAndWhere | undefined;
    if (next) {
      if (!isMove(stored, next)) throw new ValidationError('date, startTime, eventTimeZone and place as given do not move the event: followers would get no alert');
      if (isConfirmation(stored, next)) throw new ValidationError(`that change gives the provisional event "${stored.id}" its date: followers get the "confirmed" alert; preview kind confirmed`);
      event = next;
      previous = whenAndWhere(stored);
    } else if (q.from !== undefined || q.fromTime !== undefined) {
      if (q.from !== undefined && q.fromTime !== undefined) throw new ValidationError('give from (all-day) or fromTime (timed), not both');
      previous = { ...(q.from !== undefined ? { date: q.from } : { startTime: q.fromTime! }), timeZone: stored.timeZone, place: stored.place };
    } else {
      previous = eventHistory(stored).filter((c) => c.kind === 'moved').at(-1)?.from;
      if (!previous) {
        throw new ValidationError(`event "${stored.id}" has never moved: give the would-be date, startTime, eventTimeZone or place, or what it was before as from=YYYY-MM-DD or fromTime=YYYY-MM-DDTHH:mm`);
      }
    }
    if (next) event = withDraftChange(event, 'moved', now, q, previous);
    else if (draftSource(q)) {
      throw new ValidationError('a change\'s source goes with the would-be values it is the source of');
    }
    const tz = q.timeZone ?? event.timeZone;
    return stamped(renderAlert, {
      ...(await inLanguage(event, q.language ?? 'en')), kind: 'moved', previous, readerTimeZone: tz, links, now,
      ...(q.withoutInvite ? { withoutInvite: true } : {}),
    });
  }

  async function confirmed(q: RenderQuery, now: Date): Promise<RenderedPreview> {
    const stored = await needEvent('confirmed', q);
    const next = wouldBe(stored, q);
    let event = stored;
    let previous: WhenAndWhere | undefined;
    if (next) {
      if (!isConfirmation(stored, next)) {
        throw new ValidationError(isProvisional(stored)
          ? 'a confirmed preview needs the would-be date or startTime the provisional event is given'
          : `event "${stored.id}" has its date already: a change of it is a move; preview kind moved`);
      }
      // The alert quotes the confirmation's source: the editor's draft one, else (not written yet) the event's own.
      previous = whenAndWhere(stored);
      const unconfirmed = { ...next, history: eventHistory(stored).filter((c) => c.kind !== 'confirmed') };
      event = withDraftChange(unconfirmed, 'confirmed', now, q, previous);
    } else {
      if (isProvisional(stored)) throw new ValidationError(`event "${stored.id}" is still to be confirmed: give the would-be date or startTime`);
      previous = eventHistory(stored).filter((c) => c.kind === 'confirmed').at(-1)?.from;
      if (!previous) throw new ValidationError(`event "${stored.id}" never had its date confirmed: give the would-be date or startTime of a provisional event`);
    }
    const tz = q.timeZone ?? event.timeZone;
    return stamped(renderAlert, {
      ...(await inLanguage(event, q.language ?? 'en')), kind: 'confirmed', previous, readerTimeZone: tz, links, now,
      ...(q.withoutInvite ? { withoutInvite: true } : {}),
    });
  }

  const renderers: Record<PreviewKind, (q: RenderQuery, at: Date | undefined) => Promise<RenderedPreview>> = {
    /** The double opt-in email, listing what a reader of the event, the story or every story would follow. */
    async confirmation(q, at) {
      const event = q.event ? await mustEvent(q.event) : undefined;
      const story = q.story ? await mustStory(q.story) : undefined;
      if (event && story && event.storyId !== story.id) throw new ValidationError(`event "${event.id}" is not in story "${story.id}"`);
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

    /** As the sender renders it when it is due: `at` defaults to the moment the reminder at `lead` goes out. */
    async reminder(q, at) {
      const event = await needEvent('reminder', q);
      if (event.status === 'cancelled') throw new ValidationError(`event "${event.id}" is cancelled: readers get no reminder for it; preview kind cancelled`);
      if (isProvisional(event)) throw new ValidationError(`event "${event.id}" has no date yet: readers get no reminder until it is confirmed`);
      const tz = q.timeZone ?? event.timeZone;
      const lead: LeadTime = q.lead ?? 'P1D';
      const language = q.language ?? 'en';
      const storyPage = `${base}/stories/${encodeURIComponent(event.storyId)}?lang=${language}`;
      return stamped(renderReminder, {
        ...(await inLanguage(event, language)), readerTimeZone: tz, links,
        eventPageUrl: eventOnStoryPage(storyPage, event.id, tz),
        now: at ?? reminderDueAt(event, lead, tz), ...(q.withoutInvite ? { withoutInvite: true } : {}),
      });
    },

    /** One reader's digest at `at`: of the story (a reader following it alone), or of every story. */
    async digest(q, at) {
      const now = at ?? clock.now();
      if (q.story) await mustStory(q.story);
      const [upcoming, all] = await Promise.all([events.listFrom(now), stories.list()]);
      const preferences: Preferences = {
        timeZone: q.timeZone ?? 'UTC', reminders: [], digest: q.period ?? 'weekly', stories: q.story ? [q.story] : 'all', events: 'all',
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

    moved: (q, at) => moved(q, at ?? clock.now()),
    confirmed: (q, at) => confirmed(q, at ?? clock.now()),

    /** The alert as readers get it once the event is cancelled (now, or already). */
    async cancelled(q, at) {
      const stored = await needEvent('cancelled', q);
      const now = at ?? clock.now();
      const already = stored.status === 'cancelled';
      if (already && draftSource(q)) throw new ValidationError(`event "${stored.id}" is cancelled already`);
      const event = already ? stored : withDraftChange(stored, 'cancelled', now, q, whenAndWhere(stored));
      const tz = q.timeZone ?? event.timeZone;
      return stamped(renderAlert, {
        ...(await inLanguage({ ...event, status: 'cancelled' }, q.language ?? 'en')), kind: 'cancelled',
        readerTimeZone: tz, links, now,
        ...(q.withoutInvite ? { withoutInvite: true } : {}),
      });
    },

    /** A story update as its followers get it: a stored one (?story=&update=) or a draft (?story=&subject=&body=). */
    async update(q, at) {
      if (!q.story) throw new ValidationError('story is required for an update preview: ?story=<story id>', { issues: [{ field: 'story', message: 'required' }] });
      const story = await mustStory(q.story);
      let text: { subject: string; body: string };
      if (q.update !== undefined) {
        if (q.subject !== undefined || q.body !== undefined) throw new ValidationError('give update (a stored update) or subject and body (a draft), not both');
        const stored = await updates?.get(story.id, q.update);
        if (!stored) throw new NotFoundError(`story "${story.id}" has no update with id "${q.update}"`);
        text = stored;
      } else {
        if (q.subject === undefined || q.body === undefined) {
          throw new ValidationError('an update preview needs subject and body (a draft), or update=<update id>', { issues: [{ field: q.subject === undefined ? 'subject' : 'body', message: 'required' }] });
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

  /** Checks the parameters against the kind (400s name them) and renders. */
  async function render(kind: PreviewKind, q: RenderQuery): Promise<RenderedPreview> {
    for (const [field, kinds] of Object.entries(ONLY_FOR) as [keyof PreviewQuery, readonly PreviewKind[]][]) {
      if (q[field] !== undefined && !kinds.includes(kind)) {
        throw new ValidationError(`${field} applies to ${kinds.join(' and ')} previews only`, { issues: [{ field, message: 'not for this kind' }] });
      }
    }
    return renderers[kind](q, q.at);
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
