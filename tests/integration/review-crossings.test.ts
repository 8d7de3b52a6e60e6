import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#local/stack.ts';
import { api, startTestStack } from '../support/local-stack.ts';

/** As `cdk deploy` synthesizes for an account in eu-west-1: the reader edge (CloudFront and AWS WAF) is in the template. */
const WITH_EDGE = { region: 'eu-west-1', sendRatePerSecond: '1000', maxSendRate: '100000' };

describe('where the split, the edge, the desk and the languages meet (through the template\'s edge)', () => {
  let stack: LocalStack;
  const logs: string[] = [];
  beforeAll(async () => { stack = await startTestStack({ context: WITH_EDGE, log: (l) => logs.push(l) }); });
  afterAll(async () => { await stack?.close(); });

  it('the subscribe page follows the browser\'s Accept-Language through the edge, as it does without one', async () => {
    const res = await api(stack, 'GET', '/', { headers: { accept: 'text/html', 'accept-language': 'ja-JP,ja;q=0.9' } });
    expect(logs.join('\n')).toMatch(/requests pass through the edge/);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-language')).toBe('ja');
    expect(res.text).toContain('<html lang="ja">');
  });

  it('?lang=ja reaches the readers\' pages through the edge', async () => {
    const res = await api(stack, 'GET', '/?lang=ja', { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-language')).toBe('ja');
  });

  it('/console/ redirects to /console through the edge; GET /admin/places and /admin/clock answer', async () => {
    const token = await stack.adminToken();
    const slash = await api(stack, 'GET', '/console/');
    expect(slash.status).toBeGreaterThanOrEqual(300);
    expect(slash.status).toBeLessThan(400);
    expect(slash.headers.get('location')).toMatch(/\/console$/);
    const places = await api(stack, 'GET', '/admin/places?q=Tokyo', { token });
    expect(places.status, places.text).toBe(200);
    const clock = await api(stack, 'GET', '/admin/clock', { token });
    expect(clock.status, clock.text).toBe(200);
  });
});
