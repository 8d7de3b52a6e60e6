import { noTelemetry, type InvocationTelemetry } from '#ports/telemetry.ts';
import { errorResponse } from './errors.ts';
import { json } from './responses.ts';
import type { HttpEvent, HttpHandler, HttpResult } from './types.ts';

export type RouteHandler = (event: HttpEvent) => Promise<HttpResult>;

/**
 * One entry per route key of the function (from routes.ts, so a missing, extra or misspelled key fails to
 * compile); `undefined` for a route whose use case this function was built without: it answers 404.
 */
export type RouteTable<K extends string = string> = { [key in K]: RouteHandler | undefined };

/**
 * Dispatches on API Gateway's routeKey (e.g. "GET /events") after an optional guard; every failure goes
 * through the one error mapper. Each request's log lines carry API Gateway's request id.
 */
export function makeRouter(table: RouteTable, guard?: (event: HttpEvent) => void, telemetry: InvocationTelemetry = noTelemetry): HttpHandler {
  return (event) => telemetry.invocation({ correlation_id: event.requestContext?.requestId, routeKey: event.routeKey }, async () => {
    const route = table[event.routeKey];
    if (!route) return json(404, { error: `no route for ${event.routeKey}` });
    try {
      guard?.(event);
      return await route(event);
    } catch (err) {
      return errorResponse(err, telemetry);
    }
  });
}

/** A Lambda's exported handler: dependencies are built on the first call, so importing the module is cheap. */
export function lazyHandler<E, R, C = unknown>(
  build: () => Promise<(event: E, context: C) => Promise<R>>,
): (event: E, context: C) => Promise<R> {
  let handler: Promise<(event: E, context: C) => Promise<R>> | undefined;
  // Lambda's context (the sender reads its time left from it) goes through with the event.
  return async (event, context) => {
    handler ??= build().catch((err) => { handler = undefined; throw err; });
    return (await handler)(event, context);
  };
}
