import type { Clock } from '#ports/clock.ts';
import type { EventStore } from '#ports/event-store.ts';
import type { IdGenerator } from '#ports/ids.ts';
import { NotFoundError, PreconditionRequiredError, ValidationError, VersionConflictError } from './errors.ts';
import {
  applyPatch, createEventSchema, isMove, patchEventSchema, PatchShapeError,
  type DatedEvent, type EventInput,
} from './event.ts';
import { parseWith } from './validation.ts';

const MAX_ID_LENGTH = 200;

export interface EventsServiceDeps {
  events: EventStore;
  clock: Clock;
  newId: IdGenerator;
}

/** Editors' use cases: every change is a conditional write on the version, so no edit is lost. */
export function makeEventsService({ events, clock, newId }: EventsServiceDeps) {
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
      const now = clock.now().toISOString();
      const event: DatedEvent = { id: newId(slug(input.title)), ...input, status: 'scheduled', version: 1, createdAt: now, updatedAt: now };
      if (!(await events.create(event))) throw new VersionConflictError('an event with this id exists already; try again');
      return event;
    },

    async update(id: string, ifMatch: string | undefined, body: unknown): Promise<DatedEvent> {
      const expected = parseIfMatch(ifMatch);
      const patch = parseWith(patchEventSchema, body);
      const current = await mustGet(id);
      if (current.version !== expected) throw versionConflict(current);
      if (current.status === 'cancelled') throw new ValidationError('the event is cancelled and can no longer be changed');
      let input: EventInput;
      try {
        input = applyPatch(current, patch);
      } catch (err) {
        if (err instanceof PatchShapeError) throw new ValidationError(err.message);
        throw err;
      }
      // The patched input carries exactly one of date/startTime; the old one must not survive the spread.
      const { date: _date, startTime: _startTime, ...unchanged } = current;
      const next: DatedEvent = { ...unchanged, ...input, version: current.version + 1, updatedAt: clock.now().toISOString() };
      const alert = isMove(current, input) ? { kind: 'moved' as const, previous: whenAndWhere(current) } : undefined;
      if (!(await events.replace(next, current.version, alert))) throw versionConflict(await mustGet(id));
      return next;
    },

    /** Cancelling keeps the event readable; cancelling twice changes nothing. */
    async cancel(id: string, ifMatch: string | undefined): Promise<DatedEvent> {
      const current = await mustGet(id);
      if (ifMatch !== undefined && current.version !== parseIfMatch(ifMatch)) throw versionConflict(current);
      if (current.status === 'cancelled') return current;
      const next: DatedEvent = { ...current, status: 'cancelled', version: current.version + 1, updatedAt: clock.now().toISOString() };
      if (!(await events.replace(next, current.version, { kind: 'cancelled', previous: whenAndWhere(current) }))) {
        throw versionConflict(await mustGet(id));
      }
      return next;
    },

    listAll: () => events.listAll(),
    listUpcoming: () => events.listFrom(clock.now()),
  };
}

export type EventsService = ReturnType<typeof makeEventsService>;

function whenAndWhere(e: DatedEvent) {
  return { date: e.date, startTime: e.startTime, timeZone: e.timeZone, place: e.place };
}

function versionConflict(current: DatedEvent): VersionConflictError {
  return new VersionConflictError(`the event is at version ${current.version}; fetch it again and retry with If-Match: "${current.version}"`, {
    currentVersion: current.version,
  });
}

/** Accepts If-Match as 3, "3" or W/"3" (the ETag the API returns). */
export function parseIfMatch(value: string | undefined): number {
  if (value === undefined || value.trim() === '') throw new PreconditionRequiredError('send If-Match with the version you last read, e.g. If-Match: "1"');
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!m) throw new ValidationError('If-Match must be the event version, e.g. "1"');
  return Number(m[1]);
}

function slug(title: string): string {
  return title.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'event';
}
