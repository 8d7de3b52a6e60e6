import type { Clock } from '#ports/clock.ts';
import type { IdGenerator } from '#ports/ids.ts';
import type { StoryStore } from '#ports/story-store.ts';
import { ConflictError, NotFoundError, ValidationError, VersionConflictError } from './errors.ts';
import type { DatedEvent, EventSource } from './model/event.ts';
import type { EventsService } from './events-service.ts';
import { parseIfMatch } from './events-service.ts';
import { slugOf, SLUG, sourceSchema } from './fields.ts';
import { type AdminStory, createStorySchema, patchStorySchema, type Story, type StoryInput } from './model/story.ts';
import { parseWith } from './validation.ts';
import * as v from './validate/index.ts';

export interface StoriesServiceDeps {
  stories: StoryStore;
  events: EventsService;
  clock: Clock;
  newId: IdGenerator;
}

/** Cancelling a story cancels its scheduled events, so it says on whose word, as an event's cancellation does. */
export const storyPatchBody = /* @__PURE__ */ v.lazy(() =>
  v.looseObject({ changeSource: v.optional(sourceSchema('changeSource')) }));

/** Editors' story use cases: conditional writes on the version, as for events. */
export function makeStoriesService({ stories, events, clock, newId }: StoriesServiceDeps) {
  async function mustGet(id: string): Promise<Story> {
    if (!SLUG.test(id)) throw new NotFoundError('no story with that id');
    const story = await stories.get(id);
    if (!story) throw new NotFoundError(`no story with id "${id}"`);
    return story;
  }

  const conflict = (current: Story) => new VersionConflictError(
    `the story is at version ${current.version}; fetch it again and retry with If-Match: "${current.version}"`, { currentVersion: current.version });

  /**
   * Cancels each event of a withdrawn story still scheduled, on the withdraw's word. Safe to run again after a crash
   * at any point: an event cancelled already is passed over (its one alert was queued with its cancellation), and a
   * cancellation that raced another finishes as cancelled.
   */
  async function cancelEventsOf(story: Story, changeSource: EventSource): Promise<void> {
    for (const event of await events.listByStory(story.id)) {
      if (event.status !== 'scheduled') continue;
      try {
        await events.cancel(event.id, undefined, { changeSource });
      } catch (err) {
        if (!(err instanceof VersionConflictError) || (await events.get(event.id)).status !== 'cancelled') throw err;
      }
    }
  }

  /** A withdrawn story with the events it still holds as scheduled (a withdraw that did not finish), for editors. */
  function viewOf({ withdrawal, ...story }: Story, events: readonly DatedEvent[]): AdminStory {
    if (story.status !== 'cancelled') return story;
    const left = events.filter((e) => e.storyId === story.id && e.status === 'scheduled').map((e) => e.id);
    return { ...story, withdrawal: { ...withdrawal, eventsLeft: left } };
  }
  const adminView = async (story: Story): Promise<AdminStory> =>
    viewOf(story, story.status === 'cancelled' ? await events.listByStory(story.id) : []);

  /**
   * The withdraw sent again (status "cancelled" alone, If-Match the version it was sent with or the withdrawn
   * story's): it finishes what a crash left, on the stored word, and changes nothing once finished.
   */
  async function finishWithdraw(current: Story, expected: number, given: EventSource | undefined): Promise<AdminStory> {
    if (expected !== current.version && expected !== current.version - 1) throw conflict(current);
    const source = current.withdrawal?.source ?? given;
    if (!source) {
      throw new ValidationError('changeSource is required to finish this withdraw: {"publisher", "quote", "url"?}; '
        + 'the story does not say on whose word it was withdrawn');
    }
    await cancelEventsOf(current, source);
    return adminView(current);
  }

  return {
    get: async (id: string) => adminView(await mustGet(id)),
    /** Every story; a withdrawn one with its events left, read in one Query over all events when any is withdrawn. */
    async list(): Promise<AdminStory[]> {
      const all = await stories.list();
      const every = all.some((s) => s.status === 'cancelled') ? await events.listAll() : [];
      return all.map((s) => viewOf(s, every));
    },

    /** A given id is kept (a conflict if taken); without one the id is made from the title. */
    async create(body: unknown): Promise<Story> {
      const input = parseWith(createStorySchema, body) as StoryInput;
      const now = clock.now().toISOString();
      const { id: wanted, ...fields } = input;
      const story: Story = { id: wanted ?? newId(slugOf(fields.title, 'story', 60)), ...fields, status: 'active', version: 1, createdAt: now, updatedAt: now };
      if (!(await stories.create(story))) {
        throw new ConflictError(wanted ? `a story with id "${wanted}" exists already; choose another id` : 'a story with this id exists already; try again');
      }
      return story;
    },

    /**
     * Changes a story's fields or status. Cancelling (with `changeSource`) cancels each of its events still
     * scheduled; archiving stops its mail and keeps its page. A cancelled story stays cancelled; cancelling it
     * again finishes a withdraw that stopped half-way.
     */
    async update(id: string, ifMatch: string | undefined, body: unknown): Promise<AdminStory> {
      const expected = parseIfMatch(ifMatch);
      const { changeSource, ...rest } = parseWith(storyPatchBody, body) as { changeSource?: EventSource } & Record<string, unknown>;
      const patch = parseWith(patchStorySchema, rest);
      const current = await mustGet(id);
      const again = current.status === 'cancelled' && patch.status === 'cancelled' && Object.keys(patch).length === 1;
      if (again) return finishWithdraw(current, expected, changeSource);
      if (current.version !== expected) throw conflict(current);
      if (current.status === 'cancelled') throw new ValidationError('the story is cancelled and can no longer be changed');
      if (patch.status === 'cancelled' && !changeSource) {
        throw new ValidationError('changeSource is required to cancel a story: {"publisher", "quote", "url"?}, on whose word it is called off');
      }
      const { url, summary, translations, ...others } = patch;
      const now = clock.now().toISOString();
      const next: Story = { ...current, ...others, version: current.version + 1, updatedAt: now };
      if (url !== undefined) { if (url === null) delete next.url; else next.url = url; }
      if (summary !== undefined) { if (summary === null) delete next.summary; else next.summary = summary; }
      if (translations === null) delete next.translations;
      else if (translations !== undefined) next.translations = translations;
      // The word is stored with the status, in one write: a crash after it leaves what a retry needs to finish.
      if (next.status === 'cancelled') next.withdrawal = { source: changeSource!, at: now };
      if (!(await stories.replace(next, current.version))) throw conflict((await stories.get(id)) ?? current);
      if (next.status !== 'cancelled') return viewOf(next, []);
      await cancelEventsOf(next, changeSource!);
      return adminView(next);
    },
  };
}

export type StoriesService = ReturnType<typeof makeStoriesService>;
