import type { Clock } from '#ports/clock.ts';
import type { EventStore } from '#ports/event-store.ts';
import type { IdGenerator } from '#ports/ids.ts';
import type { StoryStore } from '#ports/story-store.ts';
import { ConflictError, NotFoundError, PreconditionRequiredError, ValidationError, VersionConflictError } from './errors.ts';
import {
  applyPatch, cancelEventSchema, createEventSchema, isConfirmation, isMove, patchEventSchema, PatchShapeError, whenAndWhere, withChange,
  type DatedEvent, type EventInput,
} from './model/event.ts';
import { slugOf } from './fields.ts';
import { storyIsLive } from './model/story.ts';
import { parseWith } from './validation.ts';
import { makeEventReads } from './event-reads.ts';

const MAX_ID_LENGTH = 200;

export interface EventsServiceDeps {
  events: EventStore;
  stories: StoryStore;
  clock: Clock;
  newId: IdGenerator;
}

/** Editors' use cases: every change is a conditional write on the version, so no edit is lost. */
export function makeEventsService({ events, stories, clock, newId }: EventsServiceDeps) {
  async function mustGet(id: string): Promise<DatedEvent> {
    // Ids we issue are short slugs; a longer one cannot exist, and would overflow DynamoDB's key limit.
    if (id.length === 0 || id.length > MAX_ID_LENGTH) throw new NotFoundError('no event with that id');
    const event = await events.get(id);
    if (!event) throw new NotFoundError(`no event with id "${id}"`);
    return event;
  }

  return {
    get: mustGet,

    async create(body: unknown): Promise<DatedEvent> {
      const input = parseWith(createEventSchema, body) as EventInput;
      const story = await stories.get(input.storyId);
      if (!story) throw new ValidationError(`storyId: no story with id "${input.storyId}"; create it with POST /admin/stories first`);
      if (!storyIsLive(story)) throw new ValidationError(`storyId: the story "${story.id}" is ${story.status}; events can be added to active stories only`);
      const now = clock.now().toISOString();
      const id = newId(slugOf(input.title, 'event'));
      const history = [{ kind: 'created' as const, at: now, version: 1, source: input.source, to: whenAndWhere(input) }];
      const event: DatedEvent = { id, ...input, status: 'scheduled', version: 1, createdAt: now, updatedAt: now, history };
      if (!(await events.create(event))) throw new ConflictError('an event with this id exists already; try again');
      return event;
    },

    async update(id: string, ifMatch: string | undefined, body: unknown): Promise<DatedEvent> {
      const expected = parseIfMatch(ifMatch);
      const patch = parseWith(patchEventSchema, body);
      const current = await mustGet(id);
      if (current.version !== expected) throw versionConflict(current);
      if (current.status === 'cancelled') throw new ValidationError('the event is cancelled and can no longer be changed');
      // A withdraw that stopped half-way leaves events scheduled under a withdrawn story: they may only be cancelled.
      if ((await stories.get(current.storyId))?.status === 'cancelled') {
        throw new ValidationError(`the story "${current.storyId}" is withdrawn: its events can only be cancelled `
          + '(send the withdraw again to finish it)');
      }
      if (patch.storyId !== undefined && patch.storyId !== current.storyId) {
        throw new ValidationError(`storyId: an event cannot move to another story; cancel it and create it under "${patch.storyId}"`);
      }
      let input: EventInput;
      try {
        input = applyPatch(current, patch);
      } catch (err) {
        if (err instanceof PatchShapeError) throw new ValidationError(err.message);
        throw err;
      }
      const moved = isMove(current, input);
      if (moved && !patch.changeSource) {
        throw new ValidationError(isConfirmation(current, input)
          ? 'changeSource is required when a provisional event is given its date: {"publisher", "quote", "url"?}, on whose word the date is confirmed'
          : 'changeSource is required when a change moves the event (date, startTime, range, timeZone or place): {"publisher", "quote", "url"?}, on whose word it moved');
      }
      // The patched input carries exactly one of date/startTime/range; the old one must not survive the spread.
      const { date: _date, startTime: _startTime, range: _range, ...unchanged } = current;
      const now = clock.now().toISOString();
      const version = current.version + 1;
      const next: DatedEvent = { ...unchanged, ...input, version, updatedAt: now };
      // A provisional event given its date is "confirmed", not "moved": followers learn the day it was waiting for.
      const kind = isConfirmation(current, input) ? 'confirmed' as const : 'moved' as const;
      if (moved) next.history = withChange(current, { kind, at: now, version, source: patch.changeSource!, from: whenAndWhere(current), to: whenAndWhere(input) });
      const alert = moved ? { kind, previous: whenAndWhere(current) } : undefined;
      if (!(await events.replace(next, current.version, alert))) throw versionConflict(await mustGet(id));
      return next;
    },

    /** Cancelling keeps the event readable; cancelling twice changes nothing. The body says on whose word. */
    async cancel(id: string, ifMatch: string | undefined, body: unknown): Promise<DatedEvent> {
      const current = await mustGet(id);
      if (ifMatch !== undefined && current.version !== parseIfMatch(ifMatch)) throw versionConflict(current);
      if (current.status === 'cancelled') return current;
      const { changeSource } = parseWith(cancelEventSchema, body);
      const now = clock.now().toISOString();
      const version = current.version + 1;
      const history = withChange(current, { kind: 'cancelled', at: now, version, source: changeSource, from: whenAndWhere(current) });
      const next: DatedEvent = { ...current, status: 'cancelled', version, updatedAt: now, history };
      if (!(await events.replace(next, current.version, { kind: 'cancelled', previous: whenAndWhere(current) }))) {
        throw versionConflict(await mustGet(id));
      }
      return next;
    },

    ...makeEventReads({ events, clock }),
  };
}

export type EventsService = ReturnType<typeof makeEventsService>;

function versionConflict(current: DatedEvent): VersionConflictError {
  return new VersionConflictError(`the event is at version ${current.version}; fetch it again and retry with If-Match: "${current.version}"`, {
    currentVersion: current.version,
  });
}

/** Accepts If-Match as 3, "3" or W/"3" (the ETag the API returns). */
export function parseIfMatch(value: string | undefined): number {
  if (value === undefined || value.trim() === '') throw new PreconditionRequiredError('send If-Match with the version you last read, e.g. If-Match: "1"');
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!m) throw new ValidationError('If-Match must be the version you last read, e.g. "1"');
  return Number(m[1]);
}
