import { describe, expect, it } from 'vitest';
import { makeEventsService } from '#core/events-service.ts';
import { ValidationError, VersionConflictError, NotFoundError, PreconditionRequiredError } from '#core/errors.ts';
import type { DatedEvent, PendingAlert } from '#core/event.ts';
import type { EventStore } from '#ports/event-store.ts';

/** A map-backed EventStore with the same conditional semantics as the DynamoDB one (the integration tests cover that one). */
function memoryStore(): EventStore & { alerts: Map<string, PendingAlert> } {
  const items = new Map<string, DatedEvent>();
  const alerts = new Map<string, PendingAlert>();
  return {
    alerts,
    async get(id) { return items.get(id); },
    async create(e) { if (items.has(e.id)) return false; items.set(e.id, e); return true; },
    async replace(e, expected, alert) {
      if (items.get(e.id)?.version !== expected) return false;
      items.set(e.id, e);
      if (alert && !alerts.has(e.id)) alerts.set(e.id, alert);
      return true;
    },
    async listFrom() { return [...items.values()]; },
    async listAll() { return [...items.values()]; },
    async pendingAlerts() { return [...alerts].map(([id, alert]) => ({ event: items.get(id)!, alert })); },
    async clearAlert(id) { alerts.delete(id); },
  };
}

const clock = { now: () => new Date('2016-11-20T00:00:00Z') };
const body = { title: 'Summit', summary: 'Talks.', date: '2016-12-15', timeZone: 'Asia/Tokyo', place: 'Yamaguchi', source: { publisher: 'Kyodo', quote: 'q' } };

describe('events service', () => {
  it('creates at version 1 stamped with the injected clock', async () => {
    const service = makeEventsService({ events: memoryStore(), clock, newId: (p) => `${p}-1` });
    const e = await service.create(body);
    expect(e).toMatchObject({ id: 'summit-1', version: 1, status: 'scheduled', createdAt: '2016-11-20T00:00:00.000Z' });
  });

  it('bumps the version by one per change and records a move as a pending alert; a title fix is no move', async () => {
    const store = memoryStore();
    const service = makeEventsService({ events: store, clock, newId: (p) => p });
    await service.create(body);
    const retitled = await service.update('summit', '"1"', { title: 'Summit in Nagato' });
    expect(retitled.version).toBe(2);
    expect(store.alerts.size).toBe(0);
    const moved = await service.update('summit', '2', { startTime: '2016-12-15T15:00' });
    expect(moved).toMatchObject({ version: 3, startTime: '2016-12-15T15:00' });
    expect(moved.date).toBeUndefined();
    expect(store.alerts.get('summit')).toEqual({ kind: 'moved', previous: { date: '2016-12-15', startTime: undefined, timeZone: 'Asia/Tokyo', place: 'Yamaguchi' } });
  });

  it('refuses a stale or missing If-Match and an unknown id with typed errors', async () => {
    const service = makeEventsService({ events: memoryStore(), clock, newId: (p) => p });
    await service.create(body);
    await expect(service.update('summit', '"7"', { title: 'x' })).rejects.toBeInstanceOf(VersionConflictError);
    await expect(service.update('summit', undefined, { title: 'x' })).rejects.toBeInstanceOf(PreconditionRequiredError);
    await expect(service.update('summit', 'abc', { title: 'x' })).rejects.toBeInstanceOf(ValidationError);
    await expect(service.get('nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('cancels once: a second cancel returns the event unchanged', async () => {
    const service = makeEventsService({ events: memoryStore(), clock, newId: (p) => p });
    await service.create(body);
    const first = await service.cancel('summit', undefined);
    const second = await service.cancel('summit', undefined);
    expect(first).toMatchObject({ status: 'cancelled', version: 2 });
    expect(second).toEqual(first);
    await expect(service.update('summit', '2', { title: 'x' })).rejects.toThrow(/cancelled/);
  });

  it('names the field in validation errors', async () => {
    const service = makeEventsService({ events: memoryStore(), clock, newId: (p) => p });
    await expect(service.create({ ...body, timeZone: 'Nowhere/Land' })).rejects.toThrow(/timeZone must be an IANA time zone/);
    await expect(service.create({ ...body, extra: 1 })).rejects.toThrow(/unknown field "extra"/);
    await expect(service.update('x', '1', {})).rejects.toThrow(/at least one field/);
  });
});
