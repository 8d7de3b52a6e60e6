import { describe, expect, it } from 'vitest';
import { makeAdminApi, type AdminApiDeps } from '#handlers/admin-api.ts';
import type { HttpEvent } from '#handlers/http/types.ts';
import { makeEditorMail } from '#handlers/editor-mail.ts';
import { makeMailJobs, type MailJobsDeps } from '#handlers/mail-jobs.ts';
import { makeProposals } from '#handlers/proposals.ts';
import { makePreferencesApi, type PreferencesApiDeps } from '#handlers/preferences.ts';
import { makePublicApi, type PublicApiDeps } from '#handlers/public-api.ts';
import { makeSubscribeApi, type SubscribeApiDeps } from '#handlers/subscribe.ts';
import { makePublicPages, type PublicPagesDeps } from '#handlers/public-pages.ts';
import { makeStaticFiles } from '#handlers/static-files.ts';
import { makeSubscriberCsv, type SubscriberCsvDeps } from '#handlers/subscriber-csv.ts';
import { LOCAL_CONSOLE_SIGN_IN } from '#local/local-routes.ts';
import { ORIGIN_VERIFY_HEADER, routeKey, routes, type LambdaName } from '#lambdas/routes.ts';
import { readBuiltFile } from '../support/http-functions.ts';

const edge = { header: ORIGIN_VERIFY_HEADER, value: 'origin-secret-0123456789abcdef' };
const adminClaims = { jwt: { claims: { 'cognito:groups': '[admins]' }, scopes: [] }, principalId: '', integrationLatency: 0 };

const event = (routeKey: string, headers: Record<string, string>, authorizer?: typeof adminClaims): HttpEvent => {
  const [method, rawPath] = routeKey.split(' ') as [string, string];
  return {
    version: '2.0', routeKey, rawPath, rawQueryString: '', headers, isBase64Encoded: false,
    requestContext: {
      accountId: '0', apiId: 'api', domainName: 'api.example', domainPrefix: 'api', requestId: 'r-1', routeKey, stage: '$default',
      time: '', timeEpoch: 0, http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' },
      ...(authorizer ? { authorizer } : {}),
    },
  } as HttpEvent;
};

// Routes that touch nothing but the guard and, when let through, one small answer: the guard is what is tested.
const publicApi = (withEdge: boolean) =>
  makeStaticFiles({ read: readBuiltFile, consoleSignIn: LOCAL_CONSOLE_SIGN_IN, ...(withEdge ? { edge } : {}) });
const adminApi = (withEdge: boolean) =>
  makeAdminApi({ events: { listAll: async () => [] }, ...(withEdge ? { edge } : {}) } as unknown as AdminApiDeps);

describe('with the edge on, the API refuses what did not come through CloudFront (the WAF cannot be walked around)', () => {
  it('a public route answers 403 without the origin header, or with a wrong value, and serves it with the right one', async () => {
    const api = publicApi(true);
    const direct = await api(event('GET /openapi.json', {}));
    const forged = await api(event('GET /openapi.json', { [ORIGIN_VERIFY_HEADER]: 'guessed-value-0123456789abcdef' }));
    const viaEdge = await api(event('GET /openapi.json', { [ORIGIN_VERIFY_HEADER]: edge.value }));
    expect(direct.statusCode).toBe(403);
    expect(JSON.parse(direct.body!).error).toMatch(/public address/);
    expect(forged.statusCode).toBe(403);
    expect(viaEdge.statusCode).toBe(200);
  });

  it('an admin route with a valid admin token answers 403 without the origin header, 200 with it', async () => {
    const api = adminApi(true);
    expect((await api(event('GET /admin/events', {}, adminClaims))).statusCode).toBe(403);
    expect((await api(event('GET /admin/events', { [ORIGIN_VERIFY_HEADER]: edge.value }, adminClaims))).statusCode).toBe(200);
  });

  it('every function behind routes refuses each of its routes without the origin header, before any use case', async () => {
    // Built with no use case at all: a request the guard let through would fail, not answer 403.
    const handlers: Record<LambdaName, ReturnType<typeof makePublicApi>> = {
      publicPages: makePublicPages({ publicBaseUrl: 'https://alerts.example', edge } as unknown as PublicPagesDeps),
      subscribe: makeSubscribeApi({ edge } as unknown as SubscribeApiDeps),
      publicApi: makePublicApi({ edge } as unknown as PublicApiDeps),
      preferences: makePreferencesApi({ edge } as unknown as PreferencesApiDeps),
      staticFiles: makeStaticFiles({
        read: () => Promise.reject(new Error('read')), consoleSignIn: LOCAL_CONSOLE_SIGN_IN, edge,
      }),
      adminApi: makeAdminApi({ audience: {}, clock: {}, edge } as unknown as AdminApiDeps),
      subscriberCsv: makeSubscriberCsv({ edge } as unknown as SubscriberCsvDeps),
      mailJobs: makeMailJobs({ jobs: {}, updates: {}, edge } as unknown as MailJobsDeps),
      editorMail: makeEditorMail({ previews: {} as never, testSends: {} as never, edge }),
      proposals: makeProposals({ edge }),
    };
    for (const route of routes) {
      const answer = await handlers[route.lambda](event(routeKey(route), {}, route.admin ? adminClaims : undefined));
      expect(answer.statusCode, routeKey(route)).toBe(403);
    }
  });

  it('with the edge off (waf=false, the local stack) nothing asks for the header', async () => {
    expect((await publicApi(false)(event('GET /openapi.json', {}))).statusCode).toBe(200);
    expect((await adminApi(false)(event('GET /admin/events', {}, adminClaims))).statusCode).toBe(200);
  });
});
