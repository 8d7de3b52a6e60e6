import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeKey, routes, type LambdaName } from '#lambdas/routes.ts';
import type { LocalStack } from '#local/stack.ts';
import { functionFor, type HandlerName } from '../support/bundles.ts';
import { api, startTestStack } from '../support/local-stack.ts';
import { addActiveReader } from '../support/readers.ts';

/**
 * Issue 23, item 4, on the local stack: readers' actions are three functions now (subscribe; public-api for the
 * confirmation and unsubscribe links; preferences), split by route. Every route keeps its method and path, reaches
 * the function routes.ts names through the stack's HTTP API (the template's integrations), and a form post with bad
 * input still answers a page that says what to fix.
 */
let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.close(); });

const HANDLER: Partial<Record<LambdaName, HandlerName>> = {
  subscribe: 'subscribe', publicApi: 'public-api', preferences: 'preferences',
};
const html = { accept: 'text/html,application/xhtml+xml' };
const formPost = (path: string, body: string) => api(stack, 'POST', path, {
  body, headers: { ...html, 'content-type': 'application/x-www-form-urlencoded' },
});

describe('readers\' actions after the split', () => {
  it('each route keeps its method and path and is served by the function routes.ts names, no other', async () => {
    const readerRoutes = routes.filter((r) => HANDLER[r.lambda]);
    expect(readerRoutes.map(routeKey).sort()).toEqual([
      'GET /preferences', 'GET /subscriptions/confirm', 'GET /unsubscribe', 'POST /preferences', 'POST /subscriptions',
      'POST /subscriptions/confirm', 'POST /unsubscribe',
    ]);
    const invocations = () => Object.fromEntries(Object.values(HANDLER)
      .map((h) => [h, functionFor(stack, h).stats.invocations]));
    for (const route of readerRoutes) {
      const before = invocations();
      // Without a token or a body: each answers a 4xx of its own, which is enough to see who answered.
      const res = await api(stack, route.method, route.path, { headers: html });
      expect(res.status, routeKey(route)).toBeGreaterThanOrEqual(400);
      expect(res.status, routeKey(route)).toBeLessThan(500);
      const grown = Object.entries(invocations()).filter(([h, n]) => n > before[h]!).map(([h]) => h);
      expect(grown, routeKey(route)).toEqual([HANDLER[route.lambda]]);
    }
  });

  it('form posts with bad input answer a 4xx page that says what to fix, and change nothing', async () => {
    const reader = await addActiveReader(stack.deps.subscriberStore, 'form.reader@example.com', {
      timeZone: 'Asia/Tokyo',
    });
    const token = new URL(stack.deps.links.preferencesUrl(reader.id, reader.email)).searchParams.get('token')!;

    const badEmail = await formPost('/subscriptions',
      new URLSearchParams({ email: 'not an address', timeZone: 'UTC' }).toString());
    const badDigest = await formPost(`/preferences?token=${encodeURIComponent(token)}`,
      new URLSearchParams({ timeZone: 'Asia/Tokyo', digest: 'hourly', eventsScope: 'all' }).toString());
    const noOneClick = await formPost(`/unsubscribe?token=${encodeURIComponent(token)}`, 'never=yes');

    for (const res of [badEmail, badDigest, noOneClick]) {
      expect(res.status, res.text).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.text).toContain('Back to the subscribe page');
    }
    expect(badEmail.text).toMatch(/email/);
    expect(badDigest.text).toMatch(/digest/);
    expect(noOneClick.text).toContain('List-Unsubscribe=One-Click');
    expect(await stack.deps.subscriberStore.get(reader.id)).toEqual(reader);
  });
});
