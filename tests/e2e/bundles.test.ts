import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudFormationCustomResourceResponse, SQSBatchResponse } from 'aws-lambda';
import type { DispatchReport } from '#core/dispatcher.ts';
import { distanceLabel } from '#core/due.ts';
import { reminderJobId } from '#core/model/job.ts';
import { limaSeed } from '#core/model/story.ts';
import { proposeEvents } from '#core/proposals/propose.ts';
import { makePreviews, PREVIEW_KINDS } from '#core/previews.ts';
import { LANGUAGES } from '#core/model/language.ts';
import type { HttpResult } from '#handlers/http/types.ts';
import type { IamReport } from '#local/cloud/iam-guard.ts';
import { readSesStore, type StoredEmail } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import {
  BundleInvocationError, buildBundles, buildOneBundle, customResourceEvent, functionFor, httpApiEvent, invokeBundle,
  snsEvent, sqsEvent,
  type HandlerName,
} from '../support/bundles.ts';
import { readBuiltFile } from '../support/http-functions.ts';
import { labelledStories } from '../../bench/proposals-score.ts';
import { startTestStack } from '../support/local-stack.ts';
import { makeSignedLinks } from '#lambdas/functions/links.ts';
import { addActiveReader } from '../support/readers.ts';

const { events: storyEvents } = limaSeed();

let stack: LocalStack;
let sesPort: number;
let bundleDir: string;
let bundles: Record<HandlerName, string>;
let iamAtStart: IamReport;

const KISHIDA = storyEvents.find((e) => e.id === 'kishida-visits-russia')!;
const KISHIDA_7_DAYS = 'In 7 days: Foreign Minister Kishida visits Russia for talks with Lavrov';

/** One cold start of the built bundle in its own node process, with the function's environment from the template. */
const invoke = async <R>(handler: HandlerName, event: unknown): Promise<R> =>
  (await invokeBundle<R>(bundles[handler], functionFor(stack, handler), event)).result;

const inbox = async (to: string): Promise<StoredEmail[]> => (await readSesStore(sesPort)).filter((m) => m.destination.to.includes(to));
const iamReport = async (): Promise<IamReport> => (await fetch(`${stack.apiUrl}/_local/iam`)).json() as Promise<IamReport>;
const usageOf = (report: IamReport, handler: HandlerName) => report.functions[functionFor(stack, handler).spec.logicalId]?.used ?? [];
/** The actions the function's role was allowed more often in `after` than in `before`, on any resource. */
function grownActions(before: IamReport, after: IamReport, handler: HandlerName): string[] {
  const earlier = new Map(usageOf(before, handler).map((u) => [`${u.action} ${u.resource}`, u.count]));
  const grown = usageOf(after, handler).filter((u) => u.count > (earlier.get(`${u.action} ${u.resource}`) ?? 0)).map((u) => u.action);
  return [...new Set(grown)].sort();
}
/** Calls of `action` the role was allowed: each call is checked once against every resource it names. */
const calls = (report: IamReport, handler: HandlerName, action: string) =>
  Math.max(0, ...usageOf(report, handler).filter((u) => u.action === action).map((u) => u.count));
const newEmail = (who: string) => `${who}-${randomUUID().slice(0, 8)}@example.com`;

beforeAll(async () => {
  bundleDir = await mkdtemp(join(tmpdir(), 'datewatch-bundles-'));
  const [built, started] = await Promise.all([buildBundles(bundleDir), startTestStack()]);
  bundles = built.files;
  stack = started;
  sesPort = Number(new URL(stack.sesUrl).port);
  console.log(`built ${Object.keys(bundles).length} bundles in ${Math.round(built.ms)} ms`);
  iamAtStart = await iamReport();
});
afterAll(async () => {
  await stack?.close();
  if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
});

describe('each deployed bundle, built as CDK builds it, run by plain node against the local stack', () => {
  it('built in one esbuild run, a bundle is the very bytes of its function built alone, as `cdk synth` builds it', async () => {
    // static-files, the smallest: the shared run must not change what the other tests here run.
    const alone = await buildOneBundle('static-files', join(bundleDir, 'alone'));
    expect(await readFile(bundles['static-files'])).toEqual(await readFile(alone));
    expect(await readFile(`${bundles['static-files']}.map`)).toEqual(await readFile(`${alone}.map`));
  });

  it('public-pages lists events ahead of its clock; subscribe takes a base64 form post and queues it', async () => {
    // Prepare: the story's events are in 2016, past on the function's wall clock; the operator adds one ahead of it.
    const nextYear = new Date().getUTCFullYear() + 1;
    const now = new Date().toISOString();
    const ahead = {
      ...KISHIDA, id: `bundles-follow-up-${nextYear}`, title: 'Follow-up talks', date: `${nextYear}-06-01`,
      status: 'scheduled' as const, version: 1, createdAt: now, updatedAt: now,
    };
    expect(await stack.deps.eventStore.create(ahead)).toBe(true);
    const email = newEmail('paris');

    // Act
    const listed = await invoke<HttpResult>('public-pages', httpApiEvent('GET /events'));
    const subscribed = await invoke<HttpResult>('subscribe', httpApiEvent('POST /subscriptions', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml' },
      cookies: ['dw_seen=1', 'theme=dark'],
      body: new URLSearchParams({ email, timeZone: 'Europe/Paris' }).toString(),
    }));

    // Assess
    expect(listed.statusCode).toBe(200);
    expect(listed.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(listed.body!) as { stories: { title: string }[]; events: { id: string }[] };
    expect(body.stories[0]!.title).toMatch(/Abe and Putin/);
    expect(body.events.map((e) => e.id)).toEqual([ahead.id]);

    expect(subscribed.statusCode).toBe(202);
    expect(subscribed.headers['content-type']).toMatch(/^text\/html/);
    // The bundle queued the request through SQS; the stack's own sign-up worker mailed it.
    await stack.cloud.drainQueues(10_000);
    expect((await inbox(email)).map((m) => m.subject)).toEqual(['Confirm your Datewatch subscription']);
    expect(await stack.deps.subscriberStore.findByAddress(email)).toMatchObject({ status: 'pending', preferences: { timeZone: 'Europe/Paris' } });
  });

  it('preferences shows and saves a mailed form (bad field: 400); public-api unsubscribes in one click', async () => {
    // Prepare: an active reader and the links a mail sent earlier carries, signed with the stack's keys.
    const reader = await addActiveReader(stack.deps.subscriberStore, newEmail('links'), { timeZone: 'Asia/Tokyo' });
    const links = makeSignedLinks(stack.cloud.tokenKeys(), stack.apiUrl, stack.clock).links;
    const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
    const preferencesToken = tokenOf(links.preferencesUrl(reader.id, reader.email));
    const unsubscribeToken = tokenOf(links.unsubscribeUrl(reader.id, reader.email));
    const html = 'text/html,application/xhtml+xml';
    const form = (fields: Record<string, string>) => ({
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: html },
      query: { token: preferencesToken }, body: new URLSearchParams(fields).toString(),
    });

    // Act
    const shown = await invoke<HttpResult>('preferences', httpApiEvent('GET /preferences', {
      headers: { accept: html }, query: { token: preferencesToken },
    }));
    const refused = await invoke<HttpResult>('preferences', httpApiEvent('POST /preferences', form({
      timeZone: 'Mars/Olympus_Mons', digest: 'daily', eventsScope: 'all',
    })));
    const saved = await invoke<HttpResult>('preferences', httpApiEvent('POST /preferences', form({
      timeZone: 'Asia/Tokyo', digest: 'daily', reminders: 'P1D', eventsScope: 'all',
    })));
    const page = await invoke<HttpResult>('public-api', httpApiEvent('GET /unsubscribe', {
      headers: { accept: html }, query: { token: unsubscribeToken },
    }));
    const afterPage = await stack.deps.subscriberStore.get(reader.id);
    const oneClick = await invoke<HttpResult>('public-api', httpApiEvent('POST /unsubscribe', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' }, query: { token: unsubscribeToken },
      body: 'List-Unsubscribe=One-Click',
    }));

    // Assess: each function answered its own routes with its pages; bad input changed nothing and said what to fix.
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('<form method="post" action="/preferences?token=');
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.body).toMatch(/timeZone/);
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('Saved.');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('List-Unsubscribe');
    expect(afterPage).toMatchObject({ status: 'active', preferences: { digest: 'daily', reminders: ['P1D'] } });
    expect(oneClick.statusCode).toBe(200);
    expect((await stack.deps.subscriberStore.get(reader.id))?.status).toBe('unsubscribed');
  });

  it('public-pages answers in English with no catalogue file beside it, and in Japanese and Russian from them', async () => {
    // Prepare: the other languages' catalogues are files beside index.mjs (lambdas/asset-files.ts); take them away.
    const i18n = join(dirname(bundles['public-pages']), 'i18n');
    const html = { accept: 'text/html' };
    await rename(i18n, `${i18n}-away`);
    try {
      // Act: an English page needs no file (the English catalogue is in the bundle), a Japanese one does.
      const english = await invoke<HttpResult>('public-pages', httpApiEvent('GET /stories', { headers: html }));
      const withoutFiles = await invoke<HttpResult>('public-pages', httpApiEvent('GET /stories', {
        headers: html, query: { lang: 'ja' },
      }));

      // Assess
      expect(english.statusCode).toBe(200);
      expect(english.body).toContain('Feeds and calendars');
      // The picker still names every language: the names are not in the catalogues.
      expect(english.body).toContain('日本語');
      expect(withoutFiles.statusCode).toBe(500);
    } finally {
      await rename(`${i18n}-away`, i18n);
    }
    const japanese = await invoke<HttpResult>('public-pages', httpApiEvent('GET /stories', {
      headers: html, query: { lang: 'ja' },
    }));
    const russian = await invoke<HttpResult>('public-pages', httpApiEvent('GET /stories', {
      headers: { ...html, 'accept-language': 'ru-RU,ru;q=0.9' },
    }));
    expect(japanese.statusCode).toBe(200);
    expect(japanese.body).toContain('フィードとカレンダー');
    expect(russian.body).toContain('Ленты и календари');
  });

  it('sign-ups takes an SQS batch of subscribe requests, mails each confirmation once, and a redelivery mails nothing more', async () => {
    // Prepare: a request as the public API queues it.
    const email = newEmail('lisbon');
    const worker = functionFor(stack, 'sign-ups');
    const queueArn = stack.model.eventSourceMappings.find((m) => m.functionLogicalId === worker.spec.logicalId)!.eventSourceArn;
    const request = {
      requestId: randomUUID().replaceAll('-', ''), email,
      preferences: { timeZone: 'Europe/Lisbon', reminders: ['P1D'], digest: 'none', events: 'all' },
      consent: { requestedAt: new Date().toISOString(), requestIpHash: 'bundle-test', requestUserAgent: 'bundle-test' },
    };
    const batch = sqsEvent(queueArn, [{ messageId: randomUUID(), body: request }]);
    // Act
    const first = await invoke<SQSBatchResponse>('sign-ups', batch);
    const redelivered = await invoke<SQSBatchResponse>('sign-ups', batch);
    // Assess
    expect(first).toEqual({ batchItemFailures: [] });
    expect(redelivered).toEqual({ batchItemFailures: [] });
    expect((await inbox(email)).map((m) => m.subject)).toEqual(['Confirm your Datewatch subscription']);
    expect(await stack.deps.subscriberStore.findByAddress(email)).toMatchObject({ id: request.requestId, status: 'pending', preferences: { timeZone: 'Europe/Lisbon' } });
  });

  it('static-files serves the console and the OpenAPI document from the files beside its code, as built', async () => {
    // Act
    const page = await invoke<HttpResult>('static-files', httpApiEvent('GET /console'));
    const config = await invoke<HttpResult>('static-files', httpApiEvent('GET /console/config.json'));
    const openapi = await invoke<HttpResult>('static-files', httpApiEvent('GET /openapi.json'));

    // Assess
    const built = JSON.parse(await readBuiltFile('console.json')) as { version: string };
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/console/app.js?v=${built.version}`);
    expect(JSON.parse(config.body!)).toMatchObject({ signIn: 'local' });
    expect(openapi.statusCode).toBe(200);
    expect(openapi.body).toBe(await readBuiltFile('openapi.json'));
    expect((JSON.parse(openapi.body!) as { openapi: string }).openapi).toMatch(/^3\.1/);
  });

  it('proposals reads a story\'s text for an admin, with no table and no secret of its own', async () => {
    // Prepare
    const claims = { sub: 'editor-1', 'cognito:groups': '[admins]' };
    const body = JSON.stringify({
      text: 'Foreign Minister Fumio Kishida will visit Russia on Dec. 3.',
      publishedOn: '2016-11-19', publisher: 'Kyodo News',
    });

    // Act
    const proposed = await invoke<HttpResult>('proposals', httpApiEvent('POST /admin/stories/proposals', {
      headers: { authorization: 'Bearer x', 'content-type': 'application/json' }, claims, body,
    }));

    // Assess
    expect(proposed.statusCode).toBe(200);
    const { events } = JSON.parse(proposed.body!) as { events: { date?: string; timeZone: string }[] };
    expect(events).toEqual([expect.objectContaining({ date: '2016-12-03', timeZone: 'Europe/Moscow' })]);
  });

  it('proposals reads Japanese and Russian stories with its reader files, as the sources read them', async () => {
    // Prepare: a story in each language, each the first request of a fresh process (the file is read then).
    const claims = { sub: 'editor-1', 'cognito:groups': '[admins]' };
    const stories = labelledStories().filter((s) => s.language === 'ja' || s.language === 'ru');
    const requestOf = ({ text, publishedOn, publisher, dateline }: (typeof stories)[number]) =>
      ({ text, publishedOn, publisher, ...(dateline ? { dateline } : {}) });
    const eventOf = (story: (typeof stories)[number]) => httpApiEvent('POST /admin/stories/proposals', {
      headers: { authorization: 'Bearer x', 'content-type': 'application/json' }, claims,
      body: JSON.stringify(requestOf(story)),
    });
    const ja = stories.find((s) => s.id === 'j01-putin-yamaguchi')!;
    const ru = stories.find((s) => s.id === 'r01-putin-japan')!;

    // Act
    const [jaCold, ruCold] = await Promise.all([ja, ru]
      .map((story) => invoke<HttpResult>('proposals', eventOf(story))));
    // Every labelled Japanese and Russian story, handled in turn by one warm process.
    const warm = (await invokeBundle<HttpResult[]>(bundles.proposals, functionFor(stack, 'proposals'),
      stories.map(eventOf), 'warm')).result;

    // Assess: the same proposals as the engine's sources give (which import the readers as modules).
    expect(jaCold!.statusCode).toBe(200);
    expect(JSON.parse(jaCold!.body!)).toEqual(JSON.parse(JSON.stringify(proposeEvents(requestOf(ja)))));
    expect(JSON.parse(jaCold!.body!).events.length).toBeGreaterThan(0);
    expect(ruCold!.statusCode).toBe(200);
    expect(JSON.parse(ruCold!.body!)).toEqual(JSON.parse(JSON.stringify(proposeEvents(requestOf(ru)))));
    expect(JSON.parse(ruCold!.body!).events.length).toBeGreaterThan(0);
    expect(warm).toHaveLength(stories.length);
    warm.forEach((result, i) => {
      expect(result.statusCode, stories[i]!.id).toBe(200);
      expect(JSON.parse(result.body!), stories[i]!.id)
        .toEqual(JSON.parse(JSON.stringify(proposeEvents(requestOf(stories[i]!)))));
    });
  });

  it('editor-mail previews a reminder for an admin, rendered from the compiled templates', async () => {
    // Prepare
    const claims = { sub: 'editor-1', 'cognito:groups': '[admins]' };
    // Act
    const preview = await invoke<HttpResult>('editor-mail', httpApiEvent('GET /admin/previews/{kind}', {
      headers: { authorization: 'Bearer x' }, claims, pathParameters: { kind: 'reminder' },
      query: { event: KISHIDA.id, timeZone: 'Asia/Tokyo', lead: 'P7D' },
    }));
    // Assess
    expect(preview.statusCode).toBe(200);
    expect(JSON.parse(preview.body!)).toMatchObject({
      subject: expect.stringContaining(KISHIDA.title), html: expect.stringContaining('<html'),
    });
  });

  it('editor-mail reads the fragments from the file beside its code: without it a preview fails', async () => {
    // Prepare
    const fragments = join(dirname(bundles['editor-mail']), 'templates', 'fragments.json');
    const preview = httpApiEvent('GET /admin/previews/{kind}', {
      headers: { authorization: 'Bearer x' }, claims: { sub: 'editor-1', 'cognito:groups': '[admins]' },
      pathParameters: { kind: 'cancelled' }, query: { event: KISHIDA.id },
    });
    await rename(fragments, `${fragments}-away`);
    try {
      // Act
      const without = await invoke<HttpResult>('editor-mail', preview);
      // Assess
      expect(without.statusCode).toBe(500);
    } finally {
      await rename(`${fragments}-away`, fragments);
    }
    expect((await invoke<HttpResult>('editor-mail', preview)).statusCode).toBe(200);
  });

  it('editor-mail renders every kind in every language with the kinds\' files beside its code, as the sources do',
    async () => {
      // Prepare: a provisional event (a confirmed alert gives it its date), one query per kind at a fixed moment.
      const claims = { sub: 'editor-1', 'cognito:groups': '[admins]' };
      const { date: _date, ...dated } = KISHIDA;
      const at = '2016-11-25T00:00:00.000Z';
      const provisional = {
        ...dated, id: `bundles-provisional-${randomUUID().slice(0, 8)}`, title: 'Talks, date to be set',
        range: { from: '2016-12-01', to: '2016-12-31', label: 'in December' }, status: 'scheduled' as const, version: 1,
        createdAt: at, updatedAt: at,
      };
      expect(await stack.deps.eventStore.create(provisional)).toBe(true);
      const QUERIES: Record<(typeof PREVIEW_KINDS)[number], Record<string, string>> = {
        confirmation: { event: KISHIDA.id },
        reminder: { event: KISHIDA.id, lead: 'P7D', timeZone: 'Asia/Tokyo' },
        digest: { timeZone: 'Europe/Moscow' },
        moved: { event: KISHIDA.id, from: '2016-12-01' },
        confirmed: { event: provisional.id, date: '2016-12-15', sourcePublisher: 'Kyodo', sourceQuote: 'On the 15th.' },
        cancelled: { event: KISHIDA.id },
        update: { story: KISHIDA.storyId, subject: 'Talks moved', body: 'The **talks** [moved](https://example.com).' },
      };
      const requests = PREVIEW_KINDS.flatMap((kind) => LANGUAGES.map((language) => ({
        kind, query: { ...QUERIES[kind], language, at },
      })));
      const eventOf = ({ kind, query }: (typeof requests)[number]) => httpApiEvent('GET /admin/previews/{kind}', {
        headers: { authorization: 'Bearer x' }, claims, pathParameters: { kind }, query,
      });
      const fromSources = makePreviews({
        events: stack.deps.eventStore, stories: stack.deps.storyStore, updates: stack.deps.updateStore,
        clock: stack.clock, publicBaseUrl: functionFor(stack, 'editor-mail').env.PUBLIC_BASE_URL!,
      });

      // Act: each kind's file as the first request of a fresh process, then every request in turn in one process.
      const firsts = await Promise.all(PREVIEW_KINDS.map((kind) =>
        invoke<HttpResult>('editor-mail', eventOf(requests.find((r) => r.kind === kind)!))));
      const warm = (await invokeBundle<HttpResult[]>(bundles['editor-mail'], functionFor(stack, 'editor-mail'),
        requests.map(eventOf), 'warm')).result;

      // Assess: byte for byte what the sources render (which import every kind as a module).
      const expected = await Promise.all(requests.map(async ({ kind, query }) =>
        JSON.parse(JSON.stringify(await fromSources.preview(kind, query)))));
      PREVIEW_KINDS.forEach((kind, i) => {
        expect(firsts[i]!.statusCode, kind).toBe(200);
        expect(JSON.parse(firsts[i]!.body!), kind).toEqual(expected[requests.findIndex((r) => r.kind === kind)]);
      });
      expect(warm).toHaveLength(requests.length);
      warm.forEach((result, i) => {
        const { kind, query } = requests[i]!;
        expect(result.statusCode, `${kind} ${query.language}`).toBe(200);
        expect(JSON.parse(result.body!), `${kind} ${query.language}`).toEqual(expected[i]);
      });
    });

  it('editor-mail reads a kind\'s code from its file beside the bundle: without it that kind fails, others do not',
    async () => {
      // Prepare
      const digestFile = join(dirname(bundles['editor-mail']), 'editor-mail', 'digest.cjs');
      const preview = (kind: string) => httpApiEvent('GET /admin/previews/{kind}', {
        headers: { authorization: 'Bearer x' }, claims: { sub: 'editor-1', 'cognito:groups': '[admins]' },
        pathParameters: { kind }, query: kind === 'digest' ? {} : { event: KISHIDA.id },
      });
      await rename(digestFile, `${digestFile}-away`);
      try {
        // Act
        const [digest, cancelled] = await Promise.all([
          invoke<HttpResult>('editor-mail', preview('digest')), invoke<HttpResult>('editor-mail', preview('cancelled')),
        ]);
        // Assess
        expect(digest.statusCode).toBe(500);
        expect(cancelled.statusCode).toBe(200);
      } finally {
        await rename(`${digestFile}-away`, digestFile);
      }
      expect((await invoke<HttpResult>('editor-mail', preview('digest'))).statusCode).toBe(200);
    });

  it('admin-api answers an admin whose groups claim API Gateway flattened to "[admins]", and 401 without claims', async () => {
    // Prepare
    const claims = { sub: 'editor-1', 'cognito:groups': '[admins]', iss: 'https://cognito-idp.us-east-1.amazonaws.com/local', token_use: 'access' };

    // Act
    const admin = await invoke<HttpResult>('admin-api', httpApiEvent('GET /admin/events', { headers: { authorization: 'Bearer x' }, claims }));
    const stranger = await invoke<HttpResult>('admin-api', httpApiEvent('GET /admin/events'));

    // Assess
    expect(admin.statusCode).toBe(200);
    const ids = (JSON.parse(admin.body!) as { events: { id: string }[] }).events.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(storyEvents.map((e) => e.id)));
    expect(stranger.statusCode).toBe(401);
  });

  it('subscriber-csv imports and exports for an admin only; a reader erased through admin-api stays out', async () => {
    // Prepare: a reader the admin-api bundle erases (a departure, under the suppression key both functions read).
    const claims = { sub: 'editor-1', 'cognito:groups': '[admins]' };
    const headers = { authorization: 'Bearer x' };
    const erased = newEmail('erased');
    await addActiveReader(stack.deps.subscriberStore, erased, { timeZone: 'UTC' });
    const erasure = await invoke<HttpResult>('admin-api', httpApiEvent('DELETE /admin/subscribers/{email}', {
      headers, claims, pathParameters: { email: erased },
    }));
    expect(erasure.statusCode).toBe(200);
    const [consented, unconfirmed] = [newEmail('consented'), newEmail('unconfirmed')];
    const consentDate = new Date(Date.now() - 86_400_000).toISOString();
    const csv = ['email,timeZone,consentDate,consentSource', `${consented},Asia/Tokyo,${consentDate},fair stand`,
      `${unconfirmed},Europe/Paris,,`, `${erased},UTC,${consentDate},fair stand`].join('\r\n');
    const upload = { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' }, body: csv };

    // Act
    const csvRoute = (key: string, init: Parameters<typeof httpApiEvent>[1]) =>
      invoke<HttpResult>('subscriber-csv', httpApiEvent(key, init));
    const strangerImport = await csvRoute('POST /admin/subscribers/import', upload);
    const imported = await csvRoute('POST /admin/subscribers/import', { ...upload, claims });
    await stack.cloud.drainQueues(10_000);
    const exported = await csvRoute('GET /admin/subscribers.csv', { headers, claims });
    const strangerExport = await csvRoute('GET /admin/subscribers.csv', { headers });

    // Assess: no claims, no import and no export.
    expect(strangerImport.statusCode).toBe(401);
    expect(strangerExport.statusCode).toBe(401);
    expect(strangerExport.body).not.toContain(consented);
    expect(imported.statusCode, imported.body).toBe(200);
    const rows = (JSON.parse(imported.body!) as { rows: { email: string; outcome: string; reason?: string }[] }).rows;
    expect(rows.map((r) => `${r.outcome} ${r.reason ?? ''}`.trim())).toEqual([
      'activated', 'confirmation-queued', 'skipped unsubscribed-earlier',
    ]);
    // The unconfirmed reader's confirmation went through SQS to the stack's sign-up worker; the erased one got nothing.
    expect((await inbox(unconfirmed)).map((m) => m.subject)).toEqual(['Confirm your Datewatch subscription']);
    expect(await inbox(consented)).toEqual([]);
    expect(await inbox(erased)).toEqual([]);
    expect(await stack.deps.subscriberStore.findByAddress(erased)).toBeUndefined();
    // The export after the import: the consented reader active with the evidence the row gave, the other pending.
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    const lines = exported.body!.split(/\r?\n/);
    expect(lines.find((l) => l.startsWith(`${consented},`))).toMatch(/,active,.*fair stand/);
    expect(lines.find((l) => l.startsWith(`${unconfirmed},`))).toMatch(/,pending,/);
    expect(lines.some((l) => l.startsWith(`${erased},`))).toBe(false);
  });

  it('dispatcher, given the schedule\'s input for 08:00 Tokyo on 26 November, queues the 7-day reminder through SQS', async () => {
    // Prepare
    const tokyo = await addActiveReader(stack.deps.subscriberStore, newEmail('tokyo'), { timeZone: 'Asia/Tokyo', reminders: ['P7D'] });
    const scheduledTime = new Date('2016-11-26T08:00:00+09:00').toISOString();
    const input = JSON.parse(stack.model.schedules[0]!.input!.replaceAll('<aws.scheduler.scheduled-time>', scheduledTime)) as unknown;
    // The stack's sender sends on the stack's clock, and a reminder says how far the event is when it is sent.
    stack.clock.set(new Date(scheduledTime));

    // Act
    const report = await invoke<DispatchReport>('dispatcher', input);
    await stack.queue.drain(); // the stack's own sender consumes what the bundle queued through the gateway

    // Assess
    expect(input).toEqual({ scheduledTime });
    expect(report).toMatchObject({ to: scheduledTime, queuedMessages: 1, recipients: 1 });
    expect((await inbox(tokyo.email)).map((m) => m.subject)).toEqual([KISHIDA_7_DAYS]);
  });

  it('dispatcher fails the invocation when the schedule passes no scheduled time, its stack mapped to the TypeScript source', async () => {
    // Act
    const failure = await invoke('dispatcher', { time: '2016-11-26T08:00:00+09:00' }).catch((err: unknown) => err);

    // Assess: the template's NODE_OPTIONS=--enable-source-maps and the bundle's map put the handler's line in the log.
    expect(failure).toBeInstanceOf(BundleInvocationError);
    expect(failure).toMatchObject({ errorType: 'Error', message: expect.stringContaining('the schedule must pass {"scheduledTime"') });
    expect((failure as BundleInvocationError).errorStack).toMatch(/lambdas\/handlers\/dispatcher\.ts:\d+:\d+/);
  });

  it('sender sends an SQS batch\'s reader once, and the same record delivered again sends nothing more', async () => {
    // Prepare: a Berlin reader and the Berlin 7-day reminder job, queued, as the dispatcher leaves it. The bundle
    // runs on the system clock, and no reminder goes after its event began: the event is a month from today.
    const berlin = await addActiveReader(stack.deps.subscriberStore, newEmail('berlin'), { timeZone: 'Europe/Berlin', reminders: ['P7D'] });
    const date = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const { id: _storyId, ...fields } = KISHIDA;
    const event = await stack.deps.events.create({ ...fields, title: 'Kishida visits Russia again', date, timeZone: 'Europe/Berlin' });
    const jobId = reminderJobId(event.id, date, 'P7D', 'Europe/Berlin');
    await stack.deps.jobStore.createOnce({
      id: jobId, kind: 'reminder', dueAt: '2016-11-26T07:00:00.000Z', timeZone: 'Europe/Berlin', eventId: event.id,
      eventDate: date, lead: 'P7D', status: 'queued', recipients: 1, createdAt: '2016-11-26T07:00:00.000Z',
    });
    const expected = `${distanceLabel(event, 'Europe/Berlin', new Date())}: Kishida visits Russia again`;
    const sender = functionFor(stack, 'sender');
    const queueArn = stack.model.eventSourceMappings.find((m) => m.functionLogicalId === sender.spec.logicalId)!.eventSourceArn;
    const batch = sqsEvent(queueArn, [{ messageId: randomUUID(), body: { jobId, recipients: [berlin.id] } }]);
    const before = await iamReport();

    // Act
    const first = await invoke<SQSBatchResponse>('sender', batch);
    const afterFirst = await iamReport();
    const redelivered = await invoke<SQSBatchResponse>('sender', batch);
    const afterRedelivery = await iamReport();

    // Assess
    expect(first).toEqual({ batchItemFailures: [] });
    expect(redelivered).toEqual({ batchItemFailures: [] });
    expect((await inbox(berlin.email)).map((m) => m.subject)).toEqual([expected]);
    expect(expected).toMatch(/^In (29|30|31) days: /);
    // The bundle's own SES call, checked under the sender's role; the redelivery stopped at the ledger, before SES.
    expect(calls(afterFirst, 'sender', 'ses:SendRawEmail') - calls(before, 'sender', 'ses:SendRawEmail')).toBe(1);
    expect(calls(afterRedelivery, 'sender', 'ses:SendRawEmail')).toBe(calls(afterFirst, 'sender', 'ses:SendRawEmail'));
    expect(await stack.deps.ledger.recentFor(berlin.id, 5)).toEqual([expect.objectContaining({ jobId, status: 'SENT', subject: expected })]);
  });

  it('one warm sender mails English, then Japanese, then Russian readers; one warm public-pages shows each their event', async () => {
    // Prepare: an event a month ahead, its 7-day Berlin reminder queued, and one Berlin reader in each language.
    const date = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const { id: _storyId, ...fields } = KISHIDA;
    const event = await stack.deps.events.create({
      ...fields, title: 'Kishida visits Moscow', date, timeZone: 'Europe/Berlin',
    });
    const jobId = reminderJobId(event.id, date, 'P7D', 'Europe/Berlin');
    await stack.deps.jobStore.createOnce({
      id: jobId, kind: 'reminder', dueAt: '2016-11-26T07:00:00.000Z', timeZone: 'Europe/Berlin', eventId: event.id,
      eventDate: date, lead: 'P7D', status: 'queued', recipients: 3, createdAt: '2016-11-26T07:00:00.000Z',
    });
    const languages = ['en', 'ja', 'ru'] as const;
    const readers = await Promise.all(languages.map((language) => addActiveReader(stack.deps.subscriberStore,
      newEmail(`warm-${language}`), { timeZone: 'Europe/Berlin', reminders: ['P7D'], language })));
    const sender = functionFor(stack, 'sender');
    const queueArn = stack.model.eventSourceMappings
      .find((m) => m.functionLogicalId === sender.spec.logicalId)!.eventSourceArn;
    const batches = readers.map((r) => sqsEvent(queueArn, [
      { messageId: randomUUID(), body: { jobId, recipients: [r.id] } },
    ]));

    // Act: one process each, as one warm container serves one invocation after another.
    const sent = await invokeBundle<SQSBatchResponse[]>(bundles.sender, sender, batches, 'warm');
    const mails = await Promise.all(readers.map(async (r) => (await inbox(r.email))[0]));
    const pageLinks = mails.map((m) => /https?:\/\/\S+#event-\S+/.exec(m?.body.text ?? '')?.[0] ?? '');
    const pageEvents = pageLinks.map((link) => {
      const url = new URL(link);
      return httpApiEvent('GET /stories/{id}', {
        path: url.pathname, pathParameters: { id: url.pathname.split('/').at(-1)! },
        query: Object.fromEntries(url.searchParams), headers: { accept: 'text/html' },
      });
    });
    const pages = await invokeBundle<HttpResult[]>(bundles['public-pages'], functionFor(stack, 'public-pages'),
      pageEvents, 'warm');

    // Assess: each mail in its reader's words, its text part linking to the event on the story page.
    expect(sent.result).toEqual(languages.map(() => ({ batchItemFailures: [] })));
    expect(mails.map((m) => m?.subject)).toEqual([
      expect.stringMatching(/^In (29|30|31) days: Kishida visits Moscow$/),
      expect.stringMatching(/[\u3040-\u30ff]/),
      expect.stringMatching(/[\u0400-\u04ff]/),
    ]);
    languages.forEach((language, i) => {
      const url = new URL(pageLinks[i]!);
      expect(url.pathname).toBe(`/stories/${KISHIDA.storyId}`);
      expect(Object.fromEntries(url.searchParams)).toEqual({ lang: language, timeZone: 'Europe/Berlin' });
      expect(url.hash).toBe(`#event-${event.id}`);
    });
    // The page each link opens: 200, the reader's language, the event's own calendar links where the link points.
    expect(pages.result.map((p) => p.statusCode)).toEqual([200, 200, 200]);
    const words = ['Add to your calendar', 'カレンダーに追加', 'Добавить в календарь'];
    pages.result.forEach((page, i) => {
      const item = page.body!.split(`<li id="event-${event.id}"`)[1]?.split('</li>')[0] ?? '';
      expect(item, languages[i]).toContain(words[i]);
      expect(item).toContain('calendar.google.com');
    });
  });

  it('ses-events suppresses a reader from a permanent SES bounce that SNS delivers', async () => {
    // Prepare
    const reader = await addActiveReader(stack.deps.subscriberStore, newEmail('bouncing'), { timeZone: 'Asia/Tokyo' });
    const sesEvents = functionFor(stack, 'ses-events');
    const topicArn = stack.model.snsSubscriptions.find((s) => s.functionLogicalId === sesEvents.spec.logicalId)!.topicArn;
    const bounce = {
      notificationType: 'Bounce',
      bounce: {
        bounceType: 'Permanent', bounceSubType: 'General', timestamp: '2016-12-02T23:01:00.000Z',
        bouncedRecipients: [{ emailAddress: reader.email, action: 'failed', status: '5.1.1', diagnosticCode: `smtp; 550 5.1.1 <${reader.email}>... User unknown` }],
        feedbackId: '00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa068a-000000', reportingMTA: 'dsn; a8-70.smtp-out.amazonses.com',
      },
      mail: {
        timestamp: '2016-12-02T23:00:00.000Z', source: 'alerts@datewatch.example', sendingAccountId: '000000000000',
        messageId: '0100015fd91a5ca3-93c245fe-e333-46ae-8fed-96160d20cfab-000000', destination: [reader.email],
      },
    };

    // Act
    const result = await invoke<null>('ses-events', snsEvent(topicArn, bounce));

    // Assess
    expect(result).toBeNull();
    expect(await stack.deps.subscriberStore.get(reader.id)).toMatchObject({ status: 'suppressed', suppressionReason: 'bounce' });
    expect(await stack.deps.suppressions.find(reader.email)).toMatchObject({ reason: 'bounce' });
  });

  it('seed answers Create and Update with its physical id and counts, and Delete with the id it was given, changing nothing', async () => {
    // Prepare: the stack ran the seed already, so every story event is kept.
    const seed = functionFor(stack, 'seed');
    const resource = stack.model.customResources.find((c) => c.userFunctionLogicalId === seed.spec.logicalId)!;
    const eventsBefore = await stack.deps.eventStore.listAll();

    // Act
    const created = await invoke<CloudFormationCustomResourceResponse>('seed', customResourceEvent(resource, { RequestType: 'Create' }));
    const updated = await invoke<CloudFormationCustomResourceResponse>('seed', customResourceEvent(resource, { RequestType: 'Update', PhysicalResourceId: 'datewatch-story-seed' }));
    const deleted = await invoke<CloudFormationCustomResourceResponse>('seed', customResourceEvent(resource, { RequestType: 'Delete', PhysicalResourceId: 'datewatch-story-seed' }));

    // Assess
    // The story and its events are there already (the stack ran the seed at start), and nothing is left to migrate.
    const counts = { created: 0, kept: storyEvents.length + 1, migrated: 0 };
    expect(created).toEqual({ PhysicalResourceId: 'datewatch-story-seed', Data: counts });
    expect(updated).toEqual({ PhysicalResourceId: 'datewatch-story-seed', Data: counts });
    expect(deleted).toEqual({ PhysicalResourceId: 'datewatch-story-seed' });
    expect(await stack.deps.eventStore.listAll()).toEqual(eventsBefore);
  });

  it('mail-jobs writes and lists a story\'s update and lists the jobs, for an admin only', async () => {
    // Prepare (after the dispatcher's tests: the update stays pending, and a dispatcher run would send it)
    const claims = { sub: 'editor-1', 'cognito:groups': '[admins]' };
    const headers = { authorization: 'Bearer x', 'content-type': 'application/json' };
    const story = { id: 'abe-putin-lima-2016' };
    const key = randomUUID();
    const body = JSON.stringify({ subject: 'The Yamaguchi summit', body: 'Talks continue in **Tokyo** the next day.' });
    const update = (init: Parameters<typeof httpApiEvent>[1]) =>
      httpApiEvent('POST /admin/stories/{id}/updates', { pathParameters: story, body, ...init });

    // Act
    const keyed = { ...headers, 'idempotency-key': key };
    const stranger = await invoke<HttpResult>('mail-jobs', update({ headers: keyed }));
    const posted = await invoke<HttpResult>('mail-jobs', update({ headers: keyed, claims }));
    const again = await invoke<HttpResult>('mail-jobs', update({ headers: keyed, claims }));
    const listed = await invoke<HttpResult>('mail-jobs', httpApiEvent('GET /admin/stories/{id}/updates', {
      headers, claims, pathParameters: story,
    }));
    const jobs = await invoke<HttpResult>('mail-jobs', httpApiEvent('GET /admin/jobs', { headers, claims }));
    const jobsStranger = await invoke<HttpResult>('mail-jobs', httpApiEvent('GET /admin/jobs', { headers }));

    // Assess: written once (the same key again answers the first update), pending, listed; nothing without claims.
    expect(stranger.statusCode).toBe(401);
    expect(jobsStranger.statusCode).toBe(401);
    expect(posted.statusCode, posted.body).toBe(201);
    const written = JSON.parse(posted.body!) as { id: string; status: string };
    expect(written.status).toBe('pending');
    expect(again.statusCode).toBe(200);
    expect((JSON.parse(again.body!) as { id: string }).id).toBe(written.id);
    expect(listed.statusCode).toBe(200);
    const ids = (JSON.parse(listed.body!) as { updates: { id: string; job: unknown }[] }).updates.map((u) => u.id);
    expect(ids).toContain(written.id);
    expect(jobs.statusCode).toBe(200);
    expect(JSON.parse(jobs.body!)).toMatchObject({ jobs: expect.any(Array) });
  });

  // Last on purpose: it reads what the invocations above left in the gateway's IAM report.
  it('every bundle\'s AWS calls were checked under its own function\'s role, and none was denied', async () => {
    // Act
    const report = await iamReport();

    // Assess: the calls each bundle needs showed up under its own function, whose role allowed them.
    // Lists take Query, a story's page GetItem too; a subscribe request counts its network, reads its keys and
    // queues itself; the links read their keys and read and write the subscription (an unsubscribe records the
    // departure), and the preferences page lists the stories and events.
    expect(grownActions(iamAtStart, report, 'public-pages')).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect(grownActions(iamAtStart, report, 'subscribe'))
      .toEqual(['dynamodb:UpdateItem', 'secretsmanager:GetSecretValue', 'sqs:SendMessage']);
    expect(grownActions(iamAtStart, report, 'public-api'))
      .toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'secretsmanager:GetSecretValue']);
    // (A digest change moves no readers' counter: no UpdateItem here; a zone or language change would.)
    expect(grownActions(iamAtStart, report, 'preferences'))
      .toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'secretsmanager:GetSecretValue']);
    // Built files and proposals make no AWS call at all; a preview reads the table only.
    expect(grownActions(iamAtStart, report, 'static-files')).toEqual([]);
    expect(grownActions(iamAtStart, report, 'proposals')).toEqual([]);
    expect(grownActions(iamAtStart, report, 'editor-mail')).toEqual(expect.arrayContaining(['dynamodb:GetItem']));
    expect(grownActions(iamAtStart, report, 'editor-mail').every((a) => a.startsWith('dynamodb:'))).toBe(true);
    expect(grownActions(iamAtStart, report, 'public-api')).not.toContain('ses:SendRawEmail');
    expect(grownActions(iamAtStart, report, 'sign-ups')).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'secretsmanager:GetSecretValue', 'ses:SendRawEmail']));
    // An erasure deletes the subscription and its address entry, records the departure and moves the counters.
    expect(grownActions(iamAtStart, report, 'admin-api')).toEqual([
      'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem',
      'secretsmanager:GetSecretValue',
    ]);
    // Story updates: put once, read and listed (gsi3), the jobs listed (gsi2); nothing but the table.
    expect(grownActions(iamAtStart, report, 'mail-jobs')).toEqual(expect.arrayContaining([
      'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query',
    ]));
    expect(grownActions(iamAtStart, report, 'mail-jobs').every((a) => a.startsWith('dynamodb:'))).toBe(true);
    // An import reads and writes in batches and queues confirmations; no mail of its own.
    expect(grownActions(iamAtStart, report, 'subscriber-csv')).toEqual(expect.arrayContaining([
      'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:Query', 'secretsmanager:GetSecretValue',
      'sqs:SendMessage',
    ]));
    expect(grownActions(iamAtStart, report, 'subscriber-csv')).not.toContain('ses:SendRawEmail');
    expect(grownActions(iamAtStart, report, 'dispatcher')).toEqual(expect.arrayContaining(['dynamodb:Query', 'sqs:SendMessage']));
    expect(grownActions(iamAtStart, report, 'sender')).toEqual(expect.arrayContaining(['dynamodb:BatchGetItem', 'secretsmanager:GetSecretValue', 'ses:SendRawEmail']));
    expect(grownActions(iamAtStart, report, 'ses-events')).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem']));
    expect(grownActions(iamAtStart, report, 'seed')).toEqual(['dynamodb:PutItem', 'dynamodb:Query']);
    const denied = Object.entries(report.functions).filter(([, f]) => f.denied.length).map(([id, f]) => ({ id, denied: f.denied }));
    expect(denied).toEqual([]);
  });
});
