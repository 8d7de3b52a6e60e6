import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenKeys } from '#core/tokens.ts';
import { SECRET_MAX_AGE_MS } from '#adapters/secrets/cached-secret.ts';
import { makeSignedLinks } from '#lambdas/functions/links.ts';
import type { LocalStack } from '#local/stack.ts';
import { readSesStore } from '#local/ses-emulator.ts';
import { addActiveReader } from '../support/readers.ts';
import { api, startTestStack } from '../support/local-stack.ts';

let stack: LocalStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.close(); });

const GRACE_DAYS = 90;
const linksUnder = (keys: TokenKeys) => makeSignedLinks(keys, stack.apiUrl, stack.clock).links;
/** Cold starts of the functions that verify readers' links: preferences, and public-api (confirm, unsubscribe). */
const linkColdStarts = () => [...stack.cloud.functions.values()]
  .filter((f) => f.spec.handler === 'preferences' || f.spec.handler === 'public-api').map((f) => f.stats.coldStarts);
const status = async (url: string, init?: RequestInit) => (await fetch(url, { redirect: 'manual', ...init })).status;
const later = (ms: number) => stack.clock.set(new Date(stack.clock.now().getTime() + ms));

describe('rotating the link-signing key on the running stack', () => {
  it('warm link functions verify new links once their keys expire, old ones until the grace period ends', async () => {
    // Prepare: a reader, and links signed with the key the stack started with; both functions behind links are warm.
    const reader = await addActiveReader(stack.deps.subscriberStore, 'rotating@example.com', { timeZone: 'Asia/Tokyo' });
    const before = stack.cloud.tokenKeys();
    const oldLinks = linksUnder(before);
    expect(await status(oldLinks.preferencesUrl(reader.id))).toBe(200);
    expect(await status(oldLinks.unsubscribeUrl(reader.id))).toBe(200);
    const coldStarts = linkColdStarts();
    expect(coldStarts).toEqual([1, 1]);

    // Act: the runbook's rotation (README, "Rotating the token secret"), as put-secret-value would do it.
    const previousUntil = new Date(stack.clock.now().getTime() + GRACE_DAYS * 86_400_000).toISOString();
    const rotated: TokenKeys = { current: randomBytes(48).toString('base64url'), previous: before.current, previousUntil };
    stack.cloud.putSecretValue(stack.cloud.secretArnOf('TOKEN_SECRET_NAME'), JSON.stringify(rotated));
    const newLinks = linksUnder(rotated);

    // Assess: within the cache's maximum age the warm container still holds the old keys; after it, both verify.
    expect(await status(newLinks.preferencesUrl(reader.id))).toBe(401);
    expect(await status(newLinks.unsubscribeUrl(reader.id))).toBe(401);
    later(SECRET_MAX_AGE_MS);
    expect(await status(newLinks.preferencesUrl(reader.id))).toBe(200);
    expect(await status(newLinks.unsubscribeUrl(reader.id))).toBe(200);
    expect(await status(oldLinks.preferencesUrl(reader.id))).toBe(200);
    expect(linkColdStarts()).toEqual(coldStarts);

    // Assess: one-click unsubscribe from a mail sent before the rotation still works within the grace period.
    const oneClick = await status(oldLinks.unsubscribeUrl(reader.id), {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick).toBe(200);
    expect((await stack.deps.subscriberStore.get(reader.id))?.status).not.toBe('active');

    // Assess: once the grace period the secret states is over, the old key verifies nothing; the new one still does.
    const second = await addActiveReader(stack.deps.subscriberStore, 'after-grace@example.com', { timeZone: 'UTC' });
    stack.clock.set(new Date(previousUntil));
    expect(await status(oldLinks.preferencesUrl(second.id))).toBe(401);
    expect(await status(newLinks.preferencesUrl(second.id))).toBe(200);
    expect(linkColdStarts()).toEqual(coldStarts);
  });

  it('signs the sign-up confirmation with the rotated key in a warm worker', async () => {
    // Prepare: a subscribe request warms the sign-up worker under the current keys.
    const keysNow = stack.cloud.tokenKeys();
    const subscribe = (email: string) => fetch(`${stack.apiUrl}/subscriptions`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, timeZone: 'UTC' }),
    });
    expect((await subscribe('first-signup@example.com')).status).toBe(202);
    await stack.cloud.drainQueues(10_000);
    const worker = [...stack.cloud.functions.values()].find((f) => f.spec.handler === 'sign-ups')!;
    const coldStarts = worker.stats.coldStarts;

    // Act: rotate again, wait out the cache, subscribe another address.
    const rotated: TokenKeys = { current: randomBytes(48).toString('base64url'), previous: keysNow.current };
    stack.cloud.putSecretValue(stack.cloud.secretArnOf('TOKEN_SECRET_NAME'), JSON.stringify(rotated));
    later(SECRET_MAX_AGE_MS);
    expect((await subscribe('second-signup@example.com')).status).toBe(202);
    await stack.cloud.drainQueues(10_000);

    // Assess: its confirmation link carries the new key's id, and the warm public API accepts it.
    const mail = await latestMailTo('second-signup@example.com');
    const link = /https?:\/\/[^\s"<>]+\/subscriptions\/confirm\?token=[^\s"<>]+/.exec(mail)?.[0];
    expect(link).toBeDefined();
    const kid = decodeURIComponent(new URL(link!).searchParams.get('token')!).split('.')[0];
    const newKid = linksUnder(rotated).unsubscribeUrl('x').split('token=')[1]!.split('.')[0];
    expect(kid).toBe(newKid);
    expect(await status(link!)).toBe(200);
    expect(worker.stats.coldStarts).toBe(coldStarts);
  });
});

describe('rotating the suppression key on the running stack', () => {
  it('a warm subscriber-csv keeps out mailboxes suppressed under the old key and, later, the new', async () => {
    // Prepare: a bounce under the key the stack started with; a dry run warms subscriber-csv under that key.
    const token = await stack.adminToken();
    const consent = new Date(stack.clock.now().getTime() - 86_400_000).toISOString();
    const importCsv = (emails: string[], query = '') => api(stack, 'POST', `/admin/subscribers/import${query}`, {
      token, headers: { 'content-type': 'text/csv' },
      body: ['email,consentDate,consentSource', ...emails.map((e) => `${e},${consent},fair stand`)].join('\n'),
    });
    // A mailbox with no subscription: only the suppression's keyed hash can keep it out of an import.
    const bounce = async (email: string) => {
      await stack.publishSesNotification({
        notificationType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: email }] },
      });
    };
    await bounce('bounced-before@example.com');
    expect((await importCsv(['warm-up@example.com'], '?dryRun=true')).status).toBe(200);
    const csvFunction = [...stack.cloud.functions.values()].find((f) => f.spec.handler === 'subscriber-csv')!;
    const coldStarts = csvFunction.stats.coldStarts;
    const before = stack.cloud.suppressionKeys();

    // Act: rotate (the old key stays as previous), wait out the cached keys, bounce another reader under the new key.
    const rotated = { current: randomBytes(48).toString('base64url'), previous: before.current };
    stack.cloud.putSecretValue(stack.cloud.secretArnOf('SUPPRESSION_SECRET_NAME'), JSON.stringify(rotated));
    later(SECRET_MAX_AGE_MS);
    await bounce('bounced-after@example.com');
    const res = await importCsv(['bounced-before@example.com', 'bounced-after@example.com', 'fresh-after@example.com']);

    // Assess: the same warm container skipped both suppressed readers and imported the other one.
    expect(res.status, res.text).toBe(200);
    expect(res.json.rows.map((r: { outcome: string; reason?: string }) => `${r.outcome} ${r.reason ?? ''}`.trim()))
      .toEqual(['skipped suppressed', 'skipped suppressed', 'activated']);
    expect(csvFunction.stats.coldStarts).toBe(coldStarts);
  });
});

/** The newest message the SES emulator holds for an address, as text. */
async function latestMailTo(address: string): Promise<string> {
  const mine = (await readSesStore(Number(new URL(stack.sesUrl).port))).filter((m) => m.destination.to.includes(address));
  const last = mine.at(-1);
  if (!last) throw new Error(`no mail to ${address}`);
  return last.body.text ?? '';
}
