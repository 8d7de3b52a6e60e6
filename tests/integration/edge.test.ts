import { Aspects, type App, type IAspect } from 'aws-cdk-lib';
import { CfnCachePolicy } from 'aws-cdk-lib/aws-cloudfront';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#local/stack.ts';
import { ORIGIN_VERIFY_HEADER } from '#lambdas/routes.ts';
import { makeLocalEdge, resolveSecretReferences } from '#local/edge.ts';
import { api, startTestStack } from '../support/local-stack.ts';

/** As `cdk deploy` synthesizes for an account in eu-west-1: the reader edge (CloudFront and AWS WAF) is in the template. */
const WITH_EDGE = { region: 'eu-west-1', sendRatePerSecond: '1000', maxSendRate: '100000' };

/** Drops Authorization from the /admin/* cache policy's headers, as a mistaken edit of infra/aws/edge.ts would. */
class WithoutAuthorizationAtTheEdge implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof CfnCachePolicy && node.node.path.includes('EditorsNoCache')) {
      node.addPropertyOverride('CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig', { HeaderBehavior: 'none' });
    }
  }
}

const functionOf = (stack: LocalStack, handler: string) => [...stack.cloud.functions.values()].find((f) => f.spec.handler === handler)!;

describe('the edge built from the template\'s CloudFront distribution', () => {
  let stack: LocalStack;
  const logs: string[] = [];
  beforeAll(async () => { stack = await startTestStack({ context: WITH_EDGE, log: (l) => logs.push(l) }); });
  afterAll(async () => { await stack?.close(); });

  it('passes the editor\'s Authorization on /admin/* (its cache policy) and adds the origin secret, so the admin API answers', async () => {
    // Prepare
    const token = await stack.adminToken();
    // Act
    const events = await api(stack, 'GET', '/admin/events', { token });
    const created = await api(stack, 'POST', '/admin/stories', {
      token, body: { id: 'edge-story', title: 'Through the edge', summary: 'Made through the local edge.', language: 'en', publisher: 'Datewatch', publishedOn: '2016-11-20' },
    });
    // If-Match is in the behaviour's origin request policy: a stale one is refused, the current one edits.
    const stale = await api(stack, 'PATCH', '/admin/stories/edge-story', { token, headers: { 'if-match': '"0"' }, body: { title: 'Edited through the edge' } });
    const edited = await api(stack, 'PATCH', '/admin/stories/edge-story', { token, headers: { 'if-match': created.headers.get('etag')! }, body: { title: 'Edited through the edge' } });
    // Assess
    expect(logs.join('\n')).toMatch(/requests pass through the edge built from ReaderEdgeDistribution.*\/admin\/\*, \*/);
    expect(events.status).toBe(200);
    expect(created.status, created.text).toBe(201);
    expect(stale.status).toBe(412);
    expect(edited.status, edited.text).toBe(200);
    expect(edited.json.title).toBe('Edited through the edge');
    // The synth's region is in the template's ARNs; the local stack runs in it, so the editor's test send is allowed.
    const testSend = await api(stack, 'POST', '/admin/test-sends', { token, body: { kind: 'reminder', event: 'abe-putin-economic-talks-tokyo', timeZone: 'Asia/Tokyo' } });
    expect(testSend.status, testSend.text).toBe(202);
  });

  it('serves readers through the default behaviour, which forwards no Authorization and no cookie, and the viewer address', async () => {
    // Prepare: the same edge the running stack applies, built from its model.
    const edge = makeLocalEdge(stack.model.edges[0]!, (v) => resolveSecretReferences(v, stack.cloud.secretValue));
    const viewer = {
      headers: { authorization: 'Bearer x', cookie: 'session=abc', accept: 'text/html', 'user-agent': 'ua', 'x-forwarded-for': '6.6.6.6', host: 'h' },
      search: new URLSearchParams('story=abe&token=t'), address: '198.51.100.7:4242',
    };
    // Act
    const reader = edge.forward('/preferences', viewer);
    const editor = edge.forward('/admin/events', viewer);
    const page = await api(stack, 'GET', '/events', { headers: { authorization: 'Bearer x', cookie: 'session=abc' } });
    // Assess
    const secret = stack.cloud.secretValue(stack.cloud.secretArnOf('ORIGIN_VERIFY_SECRET'));
    expect(reader.headers).toEqual({ accept: 'text/html', 'user-agent': 'ua', host: 'h', 'cloudfront-viewer-address': '198.51.100.7:4242', [ORIGIN_VERIFY_HEADER]: secret });
    expect(reader.search.toString()).toBe('story=abe&token=t');
    expect(editor.headers).toEqual({ authorization: 'Bearer x', accept: 'text/html', host: 'h', [ORIGIN_VERIFY_HEADER]: secret });
    expect(page.status).toBe(200);
  });

  it('a request that skips the edge (no origin header) is refused by the function itself', async () => {
    // Act: API Gateway's event for GET /events, straight to the readers' pages function, as a call to the
    // execute-api URL would be.
    const direct = await functionOf(stack, 'public-pages').invoke({
      version: '2.0', routeKey: 'GET /events', rawPath: '/events', rawQueryString: '', headers: {}, isBase64Encoded: false,
      requestContext: { requestId: 'direct', routeKey: 'GET /events', http: { method: 'GET', path: '/events', sourceIp: '203.0.113.7' } },
    }) as { statusCode: number; body: string };
    const withSecret = await functionOf(stack, 'public-pages').invoke({
      version: '2.0', routeKey: 'GET /events', rawPath: '/events', rawQueryString: '', isBase64Encoded: false,
      headers: { [ORIGIN_VERIFY_HEADER]: stack.cloud.secretValue(stack.cloud.secretArnOf('ORIGIN_VERIFY_SECRET')) },
      requestContext: { requestId: 'edge', routeKey: 'GET /events', http: { method: 'GET', path: '/events', sourceIp: '203.0.113.7' } },
    }) as { statusCode: number };
    // Assess
    expect(direct.statusCode).toBe(403);
    expect(direct.body).toMatch(/public address/);
    expect(withSecret.statusCode).toBe(200);
  });
});

describe('with Authorization removed from the forwarded set', () => {
  it('every admin call fails locally with 401, as it would on AWS', async () => {
    // Prepare: the same app, the /admin/* cache policy forwarding no header.
    const stack = await startTestStack({ context: WITH_EDGE, customizeApp: (app: App) => Aspects.of(app).add(new WithoutAuthorizationAtTheEdge()) });
    try {
      const token = await stack.adminToken();
      // Act
      const events = await api(stack, 'GET', '/admin/events', { token });
      // Assess: the JWT authorizer never saw the token.
      expect(events.status).toBe(401);
      expect(functionOf(stack, 'admin-api').stats.invocations).toBe(0);
    } finally {
      await stack.close();
    }
  });
});
