import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { createEventSchema, publicView, whenAndWhere, type DatedEvent } from '#core/model/event.ts';
import { ValidationError, VersionConflictError, RateLimitedError } from '#core/errors.ts';
import { limaSeed, publicStoryView, type Story } from '#core/model/story.ts';
import { parseWith } from '#core/validation.ts';
import { errorResponse } from '#handlers/http/errors.ts';
import { ADMIN_SECURITY, openApiDocument } from '#lambdas/openapi/document.ts';
import { operations } from '#lambdas/openapi/operations.ts';
import { routeKey, routes } from '#lambdas/routes.ts';

const { story: seedStory, events: storyEvents } = limaSeed();

/* eslint-disable @typescript-eslint/no-explicit-any -- the document is read as plain JSON */
type Json = any;

const doc: Json = JSON.parse(JSON.stringify(openApiDocument()));
const op = (method: string, path: string): Json => doc.paths[path]?.[method.toLowerCase()];
const ref = (schema: Json): Json => (schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema);
const bodyOf = (method: string, path: string, media = 'application/json'): Json => ref(op(method, path).requestBody.content[media].schema);

/** Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) compiling the document's own schemas, $refs and all. */
type AddFormats = (ajv: Ajv2020) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(doc, 'openapi.json');
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
function responseValidator(method: string, path: string, status: number) {
  const v = ajv.getSchema(`openapi.json#/${pointer('paths', path, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema')}`);
  if (!v) throw new Error(`no JSON response ${status} for ${method} ${path}`);
  return (value: unknown) => (v(JSON.parse(JSON.stringify(value))) ? [] : v.errors);
}
function bodyValidator(method: string, path: string) {
  const v = ajv.getSchema(`openapi.json#/${pointer('paths', path, method.toLowerCase(), 'requestBody', 'content', 'application/json', 'schema')}`)!;
  return (value: unknown) => v(value);
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator)', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('describes every route of routes.ts, with its method, and nothing else', () => {
    const undescribed = routes.map(routeKey).filter((key) => !operations[key]);
    expect(undescribed, `describe these routes in lambdas/openapi/operations.ts: ${undescribed.join(', ')}`).toEqual([]);
    const stale = Object.keys(operations).filter((key) => !routes.some((r) => routeKey(r) === key));
    expect(stale, `these entries of lambdas/openapi/operations.ts name no route of routes.ts: ${stale.join(', ')}`).toEqual([]);

    for (const r of routes) {
      const o = op(r.method, r.path);
      expect(o, `${routeKey(r)} is missing from the document`).toBeDefined();
      expect(o['x-undescribed'], `${routeKey(r)} is not described`).toBeUndefined();
      expect(o.summary).toBeTruthy();
      // A success, or the permanent redirect of /console/…
      const succeeds = Object.keys(o.responses).some((s) => /^(2\d\d|30[178])$/.test(s));
      expect(succeeds, `${routeKey(r)} has no success answer`).toBe(true);
    }
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item as object).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(routes.map(routeKey).sort());
  });

  it('declares every path parameter of a route', () => {
    for (const r of routes) {
      const names = [...r.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = (op(r.method, r.path).parameters ?? []).filter((p: Json) => p.in === 'path');
      expect(declared.map((p: Json) => p.name).sort(), routeKey(r)).toEqual([...names].sort());
      for (const p of declared) expect(p.required).toBe(true);
    }
  });

  it('puts the JWT bearer scheme on every admin route and on no public one', () => {
    expect(doc.components.securitySchemes[ADMIN_SECURITY]).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.security).toBeUndefined();
    const admin = routes.filter((r) => r.admin);
    expect(admin.length).toBeGreaterThan(0);
    for (const r of routes) {
      const o = op(r.method, r.path);
      if (r.admin) {
        expect(o.security, routeKey(r)).toEqual([{ [ADMIN_SECURITY]: [] }]);
        expect(Object.keys(o.responses), routeKey(r)).toEqual(expect.arrayContaining(['401', '403']));
      } else {
        expect(o.security, routeKey(r)).toBeUndefined();
        expect(o.responses['403'], routeKey(r)).toBeUndefined();
      }
    }
  });

  it('answers every failure of a JSON route with the error shape', () => {
    const error = doc.components.schemas.Error;
    expect(error.required).toEqual(['error']);
    expect(error.properties.error.type).toBe('string');
    expect(error.properties.issues.items).toMatchObject({ properties: { field: { type: 'string' }, message: { type: 'string' } }, required: ['field', 'message'] });
    expect(error.properties.currentVersion.type).toBe('integer');
    for (const r of routes) {
      const o = op(r.method, r.path);
      expect(o.responses['500'], routeKey(r)).toBeDefined();
      for (const [status, response] of Object.entries(o.responses as Record<string, Json>)) {
        if (!/^[45]/.test(status)) continue;
        const json = response.content?.['application/json'];
        const html = response.content?.['text/html'];
        expect(json ?? html, `${routeKey(r)} ${status}`).toBeDefined();
        if (json) expect(json.schema, `${routeKey(r)} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
      }
    }
    expect(op('PATCH', '/admin/events/{id}').responses['412']).toBeDefined();
    expect(op('POST', '/subscriptions').responses['429'].headers['Retry-After']).toBeDefined();
  });

  it('takes request bodies from the zod schemas the handlers validate with', () => {
    const create = bodyOf('POST', '/admin/events');
    expect(create.required).toEqual(expect.arrayContaining(['storyId', 'title', 'timeZone', 'place', 'source']));
    expect(create.required).not.toContain('date');
    expect(create.properties.timeZone.type).toBe('string');
    expect(create.properties.storyId.pattern).toBe('^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$');
    expect(create.properties.range.required).toEqual(['from', 'to']);
    expect(create.additionalProperties).toBe(false);

    const valid = bodyValidator('POST', '/admin/events');
    const lima = { storyId: 'lima-talks-2016', title: 'Summit', summary: 'Abe and Putin meet.', date: '2016-12-15', timeZone: 'Asia/Tokyo', place: 'Nagato', source: { publisher: 'Kyodo', quote: 'on Dec. 15' } };
    expect(valid(lima)).toBe(true);
    expect(parseWith(createEventSchema, lima).storyId).toBe('lima-talks-2016');
    const { storyId: _, ...withoutStory } = lima;
    expect(valid(withoutStory)).toBe(false);
    expect(valid({ ...lima, colour: 'red' })).toBe(false);

    const patch = bodyOf('PATCH', '/admin/events/{id}');
    expect(patch.properties.changeSource.required).toEqual(['publisher', 'quote']);
    expect(patch.required ?? []).toEqual([]);
    expect(bodyOf('DELETE', '/admin/events/{id}').required).toEqual(['changeSource']);

    const storyPatch = bodyOf('PATCH', '/admin/stories/{id}');
    expect(storyPatch.properties.status.enum).toEqual(['active', 'archived', 'cancelled']);
    expect(storyPatch.properties.changeSource).toBeDefined();
    expect(op('PATCH', '/admin/stories/{id}').parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'If-Match', required: true }));
    expect(bodyOf('POST', '/admin/stories').required).toEqual(expect.arrayContaining(['title', 'publisher', 'publishedOn']));
    expect(bodyOf('POST', '/admin/stories').required).not.toContain('language'); // it has a default
    expect(bodyOf('POST', '/admin/stories/proposals').required).toEqual(expect.arrayContaining(['text', 'publishedOn', 'publisher']));

    const subscribe = bodyOf('POST', '/subscriptions');
    expect(subscribe.required).toEqual(['email']);
    expect(subscribe.properties.reminders.items.enum).toEqual(['P14D', 'P7D', 'P3D', 'P1D', 'P0D']);
    expect(op('POST', '/subscriptions').requestBody.content['application/x-www-form-urlencoded']).toBeDefined();
  });

  it('describes pages, calendars and feeds by their media type', () => {
    const media = (method: string, path: string) => Object.entries(op(method, path).responses['200'].content as Record<string, Json>);
    expect(media('GET', '/stories/{id}')).toEqual([['text/html', { schema: expect.objectContaining({ type: 'string' }) }]]);
    expect(media('GET', '/events.ics')).toEqual([['text/calendar', { schema: expect.objectContaining({ type: 'string' }) }]]);
    expect(media('GET', '/stories/{id}/events.ics')).toEqual([['text/calendar', { schema: expect.objectContaining({ type: 'string' }) }]]);
    expect(media('GET', '/stories/{id}/changes.atom')).toEqual([['application/atom+xml', { schema: expect.objectContaining({ type: 'string' }) }]]);
    expect(media('GET', '/stories').map(([m]) => m)).toEqual(['application/json']);
  });

  it('describes what the handlers really answer', () => {
    const at = '2016-11-19T12:00:00.000Z';
    const story: Story = { ...seedStory, status: 'active', version: 1, createdAt: at, updatedAt: at };
    const base = storyEvents[0]!;
    const allDay: DatedEvent = {
      ...base, status: 'scheduled', version: 2, createdAt: at, updatedAt: at,
      history: [{ kind: 'created', at, version: 1, source: base.source, to: whenAndWhere(base) }],
    };
    const { date: _, ...undated } = allDay;
    const timed: DatedEvent = { ...undated, startTime: '2016-12-15T17:30' };
    const provisional: DatedEvent = { ...undated, range: { from: '2016-12-10', to: '2016-12-20', label: 'mid-December' } };

    expect(responseValidator('GET', '/events', 200)({
      stories: [publicStoryView(story)], events: [allDay, timed, provisional].map(publicView),
    })).toEqual([]);
    expect(responseValidator('GET', '/stories', 200)({ stories: [publicStoryView(story)] })).toEqual([]);
    expect(responseValidator('GET', '/admin/stories/{id}', 200)(story)).toEqual([]);
    expect(responseValidator('GET', '/admin/events', 200)({ events: [allDay, timed, provisional] })).toEqual([]);
    // …and not just anything: a public event with two kinds of date, or an event without its story, is refused.
    expect(responseValidator('GET', '/events', 200)({ stories: [], events: [{ ...publicView(allDay), startTime: '2016-12-15T17:30' }] })).not.toEqual([]);
    const { storyId: __, ...storyless } = allDay;
    expect(responseValidator('GET', '/admin/events/{id}', 200)(storyless)).not.toEqual([]);

    const failed = (() => { try { parseWith(createEventSchema, { title: 3 }); } catch (err) { return errorResponse(err); } })()!;
    expect(failed.statusCode).toBe(400);
    expect(responseValidator('POST', '/admin/events', 400)(JSON.parse(failed.body!))).toEqual([]);
    const conflict = errorResponse(new VersionConflictError('the event is at version 3', { currentVersion: 3 }));
    expect(responseValidator('PATCH', '/admin/events/{id}', conflict.statusCode)(JSON.parse(conflict.body!))).toEqual([]);
    const limited = errorResponse(new RateLimitedError('too many', { retryAfterSeconds: 30 }));
    expect(responseValidator('POST', '/subscriptions', limited.statusCode)(JSON.parse(limited.body!))).toEqual([]);
    expect(responseValidator('POST', '/subscriptions', 400)(JSON.parse(errorResponse(new ValidationError('email is required')).body!))).toEqual([]);
  });

  it('is built once', () => {
    expect(openApiDocument()).toBe(openApiDocument());
  });
});
