import * as v from '../validate/index.ts';
import storyFile from '../../data/story.json' with { type: 'json' };
import { createEventSchema, type DatedEvent, type EventInput, type EventSource } from './event.ts';
import { clearable, httpUrl, oneLine, slugField, text } from '../fields.ts';
import { isCalendarDate } from '../zoned-time.ts';
import { parseWith } from '../validation.ts';
import { storyTranslationsSchema, type StoryTranslation, type Translations } from './translations.ts';

/**
 * A news story whose dated events Datewatch follows. `active`: on the subscribe page, in digests, mail goes out.
 * `archived`: the story is over; its page and feeds stay readable, it leaves the subscribe page and no mail is
 * sent about it any more. `cancelled`: the story was withdrawn (a retraction); every event still scheduled is
 * cancelled with the editor's source, so its followers get one cancellation alert each, then nothing.
 */
export type StoryStatus = 'active' | 'archived' | 'cancelled';

/**
 * On whose word and when a story was withdrawn, stored with the withdrawn story: a withdraw that stopped before
 * every event was cancelled is finished later on the same word, so every follower reads the same source.
 */
export interface Withdrawal {
  source: EventSource;
  at: string;
}

export interface Story {
  id: string;
  title: string;
  publisher: string;
  /** The day the story was published, YYYY-MM-DD. */
  publishedOn: string;
  url?: string;
  summary?: string;
  /** BCP 47 language tag of the story's text, e.g. "en". */
  language: string;
  /** Undated context that digests carry beside the story's events. */
  background: string[];
  /** Title and summary in other reader languages, as an editor wrote them (translations.ts). */
  translations?: Translations<StoryTranslation>;
  status: StoryStatus;
  /** Set when the story is withdrawn (stories withdrawn before it was kept have none). */
  withdrawal?: Withdrawal;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * A story as editors see it: a withdrawn one says which of its events are still scheduled, the withdraw not finished
 * (it stopped half-way); the same withdraw sent again finishes it. Worked out from the events, never stored.
 */
export type AdminStory = Omit<Story, 'withdrawal'> & { withdrawal?: Partial<Withdrawal> & { eventsLeft: string[] } };

/** True for an event a withdrawn story still holds as scheduled: it takes place no more, whatever its record says. */
export const calledOffWithStory = (story: Pick<Story, 'status'>, event: { status: string }): boolean =>
  story.status === 'cancelled' && event.status === 'scheduled';

/**
 * A story's events as its calendar feed gives them: one a half-done withdraw left scheduled is cancelled there, at
 * the version (the feed's SEQUENCE) its cancellation will have when the withdraw is finished.
 */
export const calendarEventsOf = (story: Pick<Story, 'status'>, events: readonly DatedEvent[]): DatedEvent[] =>
  events.map((e) => (calledOffWithStory(story, e) ? { ...e, status: 'cancelled', version: e.version + 1 } : e));

export type StoryInput = Pick<Story, 'title' | 'publisher' | 'publishedOn' | 'url' | 'summary' | 'language' | 'background' | 'translations'>
  & { id?: string };

const publishedOn = () => v.string({ error: 'publishedOn must be a string' })
  .check(v.refine(isCalendarDate, { error: 'publishedOn must be a real calendar date as YYYY-MM-DD' }));
const language = () => v.string({ error: 'language must be a string' })
  .check(v.regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { error: 'language must be a BCP 47 tag such as en or pt-BR' }));
const background = () => v.array(text('background item', 500), { error: 'background must be a list of short texts' })
  .check(v.maxLength(20, { error: 'background holds at most 20 items' }));

/** Built on first use, as the event schemas are (model/event.ts says why). */
export const createStorySchema = /* @__PURE__ */ v.lazy(() => v.strictObject({
  id: v.optional(slugField('id')),
  title: oneLine('title', 200),
  publisher: oneLine('publisher', 100),
  publishedOn: publishedOn(),
  url: v.optional(httpUrl('url', 500)),
  summary: v.optional(text('summary', 2000)),
  language: v.withDefault(language(), 'en'),
  background: v.withDefault(background(), []),
  translations: v.optional(storyTranslationsSchema),
}));

export const patchStorySchema = /* @__PURE__ */ v.lazy(() => v.strictObject({
  title: v.optional(oneLine('title', 200)),
  publisher: v.optional(oneLine('publisher', 100)),
  publishedOn: v.optional(publishedOn()),
  url: clearable(v.optional(httpUrl('url', 500))),
  summary: clearable(v.optional(text('summary', 2000))),
  language: v.optional(language()),
  background: v.optional(background()),
  /** Replaces every translation; null removes them. */
  translations: clearable(storyTranslationsSchema),
  status: v.optional(v.enumOf(['active', 'archived', 'cancelled'], { error: 'status must be active, archived or cancelled' })),
}).check(v.refine((p) => Object.keys(p).length > 0, { error: 'the body must change at least one field' })));

export type StoryPatch = v.Infer<typeof patchStorySchema>;

/** Mail goes out about a story's events only while it is active. */
export const storyIsLive = (s: Pick<Story, 'status'>): boolean => s.status === 'active';

/**
 * The alerts that go out about a story's events: every kind while it is active; once withdrawn, its cancellations
 * only (a move queued before the withdraw, or made to an event a half-done withdraw left, tells nothing true);
 * none once archived.
 */
export const storyAlerts = (s: Pick<Story, 'status'>, kind: 'moved' | 'confirmed' | 'cancelled'): boolean =>
  s.status === 'active' || (s.status === 'cancelled' && kind === 'cancelled');

/** What the public API shows of a story. */
export function publicStoryView(s: Story) {
  return {
    id: s.id, title: s.title, publisher: s.publisher, publishedOn: s.publishedOn,
    ...(s.url ? { url: s.url } : {}), ...(s.summary ? { summary: s.summary } : {}),
    language: s.language, background: s.background, ...(s.translations ? { translations: s.translations } : {}),
    status: s.status, updatedAt: s.updatedAt,
  };
}

// ---- The seed: the Lima story, stored on every deploy if missing --------------------------------------------

/**
 * The first story's id (data/story.json's; the seed test checks they agree). Events stored before stories existed
 * belong to it. Written out so that the functions naming it do not bundle the whole story file: only the seed's.
 */
export const SEED_STORY_ID = 'abe-putin-lima-2016';

export interface StoryEvent extends EventInput {
  id: string;
}

export interface Seed {
  /** The seed story as the admin API would take it. */
  story: StoryInput & { id: string };
  /** The seed story's events, checked against the same schema the admin API applies. */
  events: StoryEvent[];
}

let parsedSeed: Seed | undefined;

/** The seed, parsed on first use: only the seed function needs it, and parsing it at load cost every cold start. */
export function limaSeed(): Seed {
  parsedSeed ??= {
    story: { ...parseWith(createStorySchema, storyFile.story), id: storyFile.story.id },
    events: storyFile.events.map(({ id, ...rest }) => ({
      id, ...parseWith(createEventSchema, { ...rest, storyId: SEED_STORY_ID }) as EventInput,
    })),
  };
  return parsedSeed;
}

/** The story a mail is about, as mails name it. */
export interface StoryRef {
  id: string;
  title: string;
  publisher: string;
  /** Where the story itself is read (an update links to it). */
  url?: string;
  background?: readonly string[];
  /** The language the story is written in (BCP 47): its text is marked with it where the reader reads another. */
  language?: string;
  translations?: Translations<StoryTranslation>;
}

export const storyRef = (s: Story): StoryRef => ({
  id: s.id, title: s.title, publisher: s.publisher, ...(s.url ? { url: s.url } : {}), background: s.background, language: s.language,
  ...(s.translations ? { translations: s.translations } : {}),
});
