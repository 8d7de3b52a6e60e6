/**
 * Every HTTP route, declared once. The CDK stack builds the HTTP API from this list and the local
 * API server dispatches with it, so the two cannot drift apart. The route keys are typed from it: each handler's
 * table, the OpenAPI operations and the console's routes are checked against them by the compiler.
 */
import { MAX_PROPOSAL_BODY_BYTES } from '#core/proposals/limits.ts';

/**
 * The function behind each route, split by what a request needs at a cold start (see the README's "Which function
 * serves a route"): readers' pages and feeds read the catalog only; a sign-up is validated and queued (subscribe,
 * no signing key); the confirmation and unsubscribe links (publicApi) and the preferences link (preferences) verify
 * signed links; the console's files and the OpenAPI document are built files; editors' routes need the credential,
 * and of them only previews and test sends load every email template, only proposals the story parser, only
 * subscriber-csv the CSV import and export, and only mail-jobs the send jobs' figures and story updates.
 */
export type LambdaName =
  | 'publicPages' | 'subscribe' | 'publicApi' | 'preferences' | 'staticFiles' | 'adminApi' | 'subscriberCsv'
  | 'mailJobs' | 'editorMail' | 'proposals';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RouteSpec {
  method: HttpMethod;
  /** API Gateway HTTP API path syntax: `{name}` is a path parameter. */
  path: string;
  lambda: LambdaName;
  /** Admin routes need a JWT from the admins group (API Gateway's authorizer on AWS, the local server here). */
  admin: boolean;
  /** A larger request body than the local server's default 64 KB (API Gateway's own limit is 10 MB). */
  maxBodyBytes?: number;
}

/** A reader's page or feed: the catalog read, no secret, no queue (public-pages). */
const page = <M extends HttpMethod, P extends string>(method: M, path: P) =>
  ({ method, path, lambda: 'publicPages', admin: false }) as const;
/**
 * A reader's action with a signed link (public-api: confirm, unsubscribe; `{ ...pub(…), lambda: 'preferences' }`
 * for the preferences link) or a sign-up (`lambda: 'subscribe'`).
 */
const pub = <M extends HttpMethod, P extends string>(method: M, path: P) =>
  ({ method, path, lambda: 'publicApi', admin: false }) as const;
/** A built file, served as it was built (static-files). */
const file = <M extends HttpMethod, P extends string>(method: M, path: P) =>
  ({ method, path, lambda: 'staticFiles', admin: false }) as const;
/** An editor's route (admin-api; `{ ...adm(…), lambda: 'editorMail' }` puts one in another editors' function). */
const adm = <M extends HttpMethod, P extends string>(method: M, path: P) =>
  ({ method, path, lambda: 'adminApi', admin: true }) as const;

const declared = [
  page('GET', '/'),
  page('GET', '/events'),
  page('GET', '/events.ics'),
  page('GET', '/stories'),
  page('GET', '/stories/{id}'),
  page('GET', '/stories/{id}/events.ics'),
  page('GET', '/stories/{id}/changes.atom'),
  // Built at build time (npm run build:openapi), never by a function.
  file('GET', '/openapi.json'),
  // The editors' console: a static page whose script calls /admin/* with the editor's token.
  file('GET', '/console'),
  file('GET', '/console/app.js'),
  file('GET', '/console/config.json'),
  // Any other path under /console/ (a bookmark with a trailing slash): redirected to /console. HTTP API takes no
  // route ending in "/", and "/console/" matches none of the others, so a greedy route catches it.
  file('GET', '/console/{rest+}'),
  // A sign-up (the subscribe page's form, or JSON): validated, counted and queued; no signing key, no subscription
  // read.
  { ...pub('POST', '/subscriptions'), lambda: 'subscribe' },
  // The links in every email: each verifies its signed token. Only the preferences link validates preferences and
  // shows their form (with the catalog's stories and events), so it has a function of its own.
  pub('GET', '/subscriptions/confirm'),
  pub('POST', '/subscriptions/confirm'),
  { ...pub('GET', '/preferences'), lambda: 'preferences' },
  { ...pub('POST', '/preferences'), lambda: 'preferences' },
  pub('GET', '/unsubscribe'),
  pub('POST', '/unsubscribe'),
  adm('GET', '/admin/stories'),
  adm('POST', '/admin/stories'),
  adm('GET', '/admin/stories/{id}'),
  adm('PATCH', '/admin/stories/{id}'),
  adm('GET', '/admin/events'),
  adm('POST', '/admin/events'),
  adm('GET', '/admin/events/{id}'),
  adm('PATCH', '/admin/events/{id}'),
  adm('DELETE', '/admin/events/{id}'),
  adm('GET', '/admin/subscribers/{email}'),
  adm('DELETE', '/admin/subscribers/{email}'),
  // The send jobs with their progress, and story updates (an update is rendered to check its size).
  { ...adm('GET', '/admin/jobs'), lambda: 'mailJobs' },
  // Readers per zone, story and language, from counters kept as the subscriptions change.
  adm('GET', '/admin/audience'),
  // Readers in and out as CSV: the only routes whose function loads the import's parser and the export's writer.
  { ...adm('GET', '/admin/subscribers.csv'), lambda: 'subscriberCsv' },
  // A CSV of up to 4 MiB (the handler's limit), sent as is or base64-encoded by API Gateway.
  { ...adm('POST', '/admin/subscribers/import'), lambda: 'subscriberCsv', maxBodyBytes: 6 * 1024 * 1024 },
  // The only routes whose function loads the story parser and the gazetteer (the zones a place suggests use it too).
  { ...adm('POST', '/admin/stories/proposals'), lambda: 'proposals', maxBodyBytes: MAX_PROPOSAL_BODY_BYTES },
  { ...adm('GET', '/admin/places'), lambda: 'proposals' },
  { ...adm('GET', '/admin/stories/{id}/updates'), lambda: 'mailJobs' },
  { ...adm('POST', '/admin/stories/{id}/updates'), lambda: 'mailJobs' },
  // The only editors' routes whose function loads every email template (a test send is mailed).
  { ...adm('GET', '/admin/previews/{kind}'), lambda: 'editorMail' },
  { ...adm('POST', '/admin/test-sends'), lambda: 'editorMail' },
  // The stack's clock (a replayed or set clock on the local stack).
  adm('GET', '/admin/clock'),
] as const satisfies readonly RouteSpec[];

export const routes: readonly RouteSpec[] = declared;

type Route = (typeof declared)[number];
/** "METHOD /path" of one route, per route (not the cross product of every method and path). */
type KeyOf<R> = R extends { method: infer M extends string; path: infer P extends string } ? `${M} ${P}` : never;

/** Every route key, e.g. "PATCH /admin/events/{id}". */
export type RouteKey = KeyOf<Route>;
/** The route keys one function serves: its handler's table has exactly these. */
export type RouteKeyOf<L extends LambdaName> = KeyOf<Extract<Route, { lambda: L }>>;
export type PublicRouteKey = RouteKeyOf<'publicApi'>;
export type PageRouteKey = RouteKeyOf<'publicPages'>;
export type AdminRouteKey = RouteKeyOf<'adminApi'>;
/** The static files' routes that serve the editors' console page, its script and its sign-in configuration. */
export type ConsoleRouteKey = Extract<RouteKeyOf<'staticFiles'>, `${string} /console${string}`>;

/** The header CloudFront adds to every request it forwards (edge-header.ts), beside the routes it guards. */
export { ORIGIN_VERIFY_HEADER } from './edge-header.ts';

/** The route key API Gateway puts in `event.routeKey`, e.g. "PATCH /admin/events/{id}". */
// Every RouteSpec in `routes` comes from the typed table above, so its key is one of RouteKey.
export const routeKey = (r: RouteSpec): RouteKey => `${r.method} ${r.path}` as RouteKey;
