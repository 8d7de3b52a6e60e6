/**
 * The OpenAPI 3.1 document served at GET /openapi.json: one operation per route of routes.ts, described in
 * operations.ts. Built on the first call and kept; the public API imports this module only when asked for it.
 */
import * as z from 'zod/mini';
import { createDocument, type oas31, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject } from 'zod-openapi';
import { routeKey, routes, type RouteSpec } from '#lambdas/routes.ts';
import pkg from '../../package.json' with { type: 'json' };
import { operations, TAGS, type Operation } from './operations.ts';
import { documentText, errorSchema, meta } from './schemas.ts';

/** The security scheme of every admin route: a JWT of the admins group, checked by API Gateway's authorizer. */
export const ADMIN_SECURITY = 'adminJwt';

const EVERY_ROUTE: Record<number, string> = { 500: 'Internal error: the request was not completed; try again later.' };
const ADMIN_ROUTES: Record<number, string> = {
  401: 'No token, or a token that is not valid (Authorization: Bearer <token>).',
  403: 'The token is valid but not in the admins group.',
};
const WITH_BODY: Record<number, string> = {
  400: 'The body is not valid, or a field is invalid (see issues).',
  413: 'The body is larger than 16 KB.',
  415: 'The body is not of one of the media types listed.',
};

const pathParams = (path: string): string[] => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);

/** e.g. "PATCH /admin/events/{id}" → patchAdminEventsById */
const operationId = (r: RouteSpec): string => r.method.toLowerCase() + r.path.split(/[/.-]/).filter(Boolean)
  .map((w) => (w.startsWith('{') ? `By${cap(w.slice(1, -1))}` : cap(w))).join('');
const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

function failure(description: string, as: Operation['errorsAs'], status: number): ZodOpenApiResponseObject {
  const json = { 'application/json': { schema: errorSchema } };
  const page = { 'text/html': { schema: documentText('An error page saying what went wrong.') } };
  const content = as === 'page' ? page : as === 'page-or-json' ? { ...json, ...page } : json;
  const headers = status === 429 ? z.object({ 'Retry-After': meta(z.string(), { description: 'Seconds to wait.' }) }) : undefined;
  return { description, content, ...(headers ? { headers } : {}) };
}

function operationOf(route: RouteSpec, op: Operation): ZodOpenApiOperationObject {
  const declared = op.path?.shape ?? {};
  const missing = pathParams(route.path).filter((name) => !(name in declared));
  const path = pathParams(route.path).length
    ? z.object({ ...Object.fromEntries(missing.map((name) => [name, z.string()])), ...declared })
    : undefined;
  const errors: Record<number, string> = {
    ...EVERY_ROUTE, ...(route.admin ? ADMIN_ROUTES : {}), ...(op.body ? WITH_BODY : {}), ...op.errors,
  };
  return {
    operationId: operationId(route),
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: op.tags,
    requestParams: { ...(path ? { path } : {}), ...(op.query ? { query: op.query } : {}), ...(op.headers ? { header: op.headers } : {}) },
    ...(op.body ? {
      requestBody: {
        required: op.body.required,
        ...(op.body.description ? { description: op.body.description } : {}),
        content: Object.fromEntries(Object.entries(op.body.content).map(([media, schema]) => [media, { schema }])),
      },
    } : {}),
    responses: {
      ...Object.fromEntries(Object.entries(op.responses)),
      ...Object.fromEntries(Object.entries(errors).map(([status, text]) => [status, failure(text, op.errorsAs, Number(status))])),
    },
    ...(route.admin ? { security: [{ [ADMIN_SECURITY]: [] }] } : {}),
  };
}

/** A route nobody has described yet still appears, with what every route shares (the test names it); the document stays whole. */
const undescribed = (route: RouteSpec): ZodOpenApiOperationObject => ({
  ...operationOf(route, { summary: 'Not described yet', tags: [TAGS.meta], responses: {} }),
  'x-undescribed': true,
});

function build(): oas31.OpenAPIObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const op = operations[routeKey(route)];
    const item = (paths[route.path] ??= {});
    item[route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'] = op ? operationOf(route, op) : undescribed(route);
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Datewatch API',
      version: pkg.version,
      description: 'Reminders, digests and change alerts for the dated events of news stories. '
        + 'Public routes serve readers (pages, feeds, subscriptions); /admin routes serve editors and need an admin token.',
    },
    tags: Object.values(TAGS).map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        [ADMIN_SECURITY]: {
          type: 'http', scheme: 'bearer', bearerFormat: 'JWT',
          description: 'A Cognito token of a user in the admins group (locally: npm run admin-token).',
        },
      },
    },
  });
}

let built: oas31.OpenAPIObject | undefined;

/** The document, built once per process. */
export function openApiDocument(): oas31.OpenAPIObject {
  return (built ??= build());
}
