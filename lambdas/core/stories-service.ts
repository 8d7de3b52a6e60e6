import type { Clock } from '#ports/clock.ts';
import type { IdGenerator } from '#ports/ids.ts';
import type { StoryStore } from '#ports/story-store.ts';
import { ConflictError, NotFoundError, ValidationError, VersionConflictError } from './errors.ts';
import type { EventSource } from './model/event.ts';
import type { EventsService } from './events-service.ts';
import { parseIfMatch } from './events-service.ts';
import { slugOf, SLUG, sourceSchema } from './fields.ts';
import { createStorySchema, patchStorySchema, type Story, type StoryInput } from './model/story.ts';
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

  return {
    get: mustGet,
    list: () => stories.list(),

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
     * scheduled; archiving stops its mail and keeps its page. A cancelled story stays cancelled.
     */
    async update(id: string, ifMatch: string | undefined, body: unknown): Promise<Story> {
      const expected = parseIfMatch(ifMatch);
      const { changeSource, ...rest } = parseWith(storyPatchBody, body) as { changeSource?: EventSource } & Record<string, unknown>;
      const patch = parseWith(patchStorySchema, rest);
      const current = await mustGet(id);
      if (current.version !== expected) throw conflict(current);
      if (current.status === 'cancelled') throw new ValidationError('the story is cancelled and can no longer be changed');
      if (patch.status === 'cancelled' && !changeSource) {
        throw new ValidationError('changeSource is required to cancel a story: {"publisher", "quote", "url"?}, on whose word it is called off');
      }
      const { url, summary, translations, ...others } = patch;
      const next: Story = { ...current, ...others, version: current.version + 1, updatedAt: clock.now().toISOString() };
      if (url !== undefined) { if (url === null) delete next.url; else next.url = url; }
      if (summary !== undefined) { if (summary === null) delete next.summary; else next.summary = summary; }
      if (translations === null) delete next.translations;
      else if (translations !== undefined) next.translations = translations;
      if (!(await stories.replace(next, current.version))) throw conflict((await stories.get(id)) ?? current);
      if (next.status === 'cancelled') {
        for (const event of await events.listByStory(id)) {
          if (event.status === 'scheduled') await events.cancel(event.id, undefined, { changeSource });
        }
      }
      return next;
    },
  };
}

export type StoriesService = ReturnType<typeof makeStoriesService>;
