import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSesStore } from '#local/ses-emulator.ts';
import type { LocalStack } from '#local/stack.ts';
import { api, startTestStack } from '../support/local-stack.ts';

/**
 * Found by the lifecycle model (issue 25): a reader signs up for every story, then at once again for one story
 * only. No second mail goes out so soon, but the link they have must confirm their latest choice: before the fix
 * the second request was dropped and the reader was counted (and mailed) as following every story.
 */
const LIMA = 'abe-putin-lima-2016';
const EMAIL = 'latest-choice@example.org';
let stack: LocalStack;
let token: string;

beforeAll(async () => {
  stack = await startTestStack();
  token = await stack.adminToken();
});
afterAll(async () => {
  await stack?.close();
});

describe('a sign-up asked again before its confirmation', () => {
  it('confirms the latest preferences, with one mail', async () => {
    expect((await api(stack, 'POST', '/subscriptions', { body: { email: EMAIL } })).status).toBe(202);
    await stack.cloud.drainQueues(10_000);
    const again = await api(stack, 'POST', '/subscriptions', {
      body: { email: EMAIL, stories: [LIMA], timeZone: 'America/Lima' },
    });
    expect(again.status).toBe(202);
    await stack.cloud.drainQueues(10_000);
    const mails = (await readSesStore(Number(new URL(stack.sesUrl).port))).filter((m) =>
      m.destination.to.includes(EMAIL),
    );
    expect(mails).toHaveLength(1);
    const link = /\/subscriptions\/confirm\?token=([A-Za-z0-9._%-]+)/.exec(mails[0]!.body.text ?? '');
    expect(link).not.toBeNull();
    const confirmed = await api(stack, 'POST', '/subscriptions/confirm', {
      body: { token: decodeURIComponent(link![1]!) },
    });
    expect(confirmed.status, confirmed.text).toBe(200);
    const held = (await api(stack, 'GET', `/admin/subscribers/${encodeURIComponent(EMAIL)}`, { token })).json;
    expect(held).toMatchObject({ status: 'active', preferences: { stories: [LIMA], timeZone: 'America/Lima' } });
    const audience = (await api(stack, 'GET', '/admin/audience', { token })).json;
    expect(audience.zones).toContainEqual({ timeZone: 'America/Lima', readers: 1 });
  });
});
