import { describe, expect, it } from 'vitest';
import { UnauthorizedError, ValidationError } from '#core/errors.ts';
import { makeLinks } from '#core/links.ts';
import { makeTokens } from '#core/tokens.ts';

const OLD_KEY = 'old-signing-key-0123456789abcdef';
const NEW_KEY = 'new-signing-key-fedcba9876543210';
const fixedClock = (iso: string) => ({ now: () => new Date(iso) });
const READER = 'a'.repeat(64);

describe('signed link tokens', () => {
  it('a token split by the blanks of a folded List-Unsubscribe header still verifies (RFC 2369: they are ignored)', () => {
    const tokens = makeTokens({ keys: { current: NEW_KEY }, clock: fixedClock('2016-11-20T00:00:00Z') });
    const token = tokens.issue('unsubscribe', READER);
    expect(tokens.verify(`${token.slice(0, 30)} ${token.slice(30, 70)}\r\n ${token.slice(70)}`, 'unsubscribe')).toBe(READER);
    expect(() => tokens.verify(`${token.slice(0, 30)} x${token.slice(30)}`, 'unsubscribe')).toThrow();
  });

  it('a token verifies for its own purpose and gives back the subscriber it was issued for', () => {
    // Prepare
    const tokens = makeTokens({ keys: { current: NEW_KEY }, clock: fixedClock('2016-11-20T00:00:00Z') });
    // Act
    const token = tokens.issue('preferences', READER);
    // Assess
    expect(tokens.verify(token, 'preferences')).toBe(READER);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('a confirmation link works for 7 days, then says it has expired', () => {
    const clock = { at: new Date('2016-11-20T00:00:00Z'), now() { return this.at; } };
    const tokens = makeTokens({ keys: { current: NEW_KEY }, clock });
    const token = tokens.issue('confirm', READER);

    clock.at = new Date('2016-11-26T23:59:00Z');
    expect(tokens.verify(token, 'confirm')).toBe(READER);

    clock.at = new Date('2016-11-27T00:00:01Z');
    expect(() => tokens.verify(token, 'confirm')).toThrow(UnauthorizedError);
    expect(() => tokens.verify(token, 'confirm')).toThrow('this link has expired; subscribe again to get a new one');
  });

  it('unsubscribe and preferences links in old emails keep working years later', () => {
    const clock = { at: new Date('2016-11-20T00:00:00Z'), now() { return this.at; } };
    const tokens = makeTokens({ keys: { current: NEW_KEY }, clock });
    const unsubscribe = tokens.issue('unsubscribe', READER);
    clock.at = new Date('2026-11-20T00:00:00Z');
    expect(tokens.verify(unsubscribe, 'unsubscribe')).toBe(READER);
  });

  it('a token for one purpose is refused for another', () => {
    const tokens = makeTokens({ keys: { current: NEW_KEY }, clock: fixedClock('2016-11-20T00:00:00Z') });
    const preferences = tokens.issue('preferences', READER);
    expect(() => tokens.verify(preferences, 'unsubscribe')).toThrow(/this link is for changing preferences, not for unsubscribing/);
  });

  it('a forged, altered or truncated token is refused with a clear message', () => {
    const tokens = makeTokens({ keys: { current: NEW_KEY }, clock: fixedClock('2016-11-20T00:00:00Z') });
    const good = tokens.issue('unsubscribe', READER);
    const [kid, body, sig] = good.split('.') as [string, string, string];
    const otherReader = Buffer.from(JSON.stringify({ p: 'unsubscribe', s: 'b'.repeat(64) })).toString('base64url');
    const forgedByOtherKey = makeTokens({ keys: { current: 'attacker-key-000000000000000' }, clock: fixedClock('2016-11-20T00:00:00Z') }).issue('unsubscribe', READER);

    for (const bad of [`${kid}.${otherReader}.${sig}`, `${kid}.${body}.${sig.slice(0, -2)}`, good.slice(0, 20), forgedByOtherKey, 'not a token', `${good}.extra`]) {
      expect(() => tokens.verify(bad, 'unsubscribe'), bad).toThrow(/this link is not valid/);
    }
    expect(() => tokens.verify('', 'unsubscribe')).toThrow(ValidationError);
    expect(() => tokens.verify(undefined, 'unsubscribe')).toThrow(/missing its token/);
  });

  it('after a key rotation, links signed with the previous key still work and new links use the new key', () => {
    const clock = fixedClock('2016-11-20T00:00:00Z');
    const before = makeTokens({ keys: { current: OLD_KEY }, clock });
    const oldLink = before.issue('unsubscribe', READER);

    const after = makeTokens({ keys: { current: NEW_KEY, previous: OLD_KEY }, clock });
    expect(after.verify(oldLink, 'unsubscribe')).toBe(READER);
    const newLink = after.issue('unsubscribe', READER);
    expect(newLink.split('.')[0]).not.toBe(oldLink.split('.')[0]);

    // Once the old key is retired, its links stop working.
    const retired = makeTokens({ keys: { current: NEW_KEY }, clock });
    expect(() => retired.verify(oldLink, 'unsubscribe')).toThrow(UnauthorizedError);
    expect(retired.verify(newLink, 'unsubscribe')).toBe(READER);
  });

  it('the previous key verifies until the grace period the secret states, then no more; the current key is unaffected', () => {
    // Prepare: a link signed before the rotation; the rotated secret keeps the old key until 1 March.
    let now = '2016-11-20T00:00:00Z';
    const clock = { now: () => new Date(now) };
    const oldLink = makeTokens({ keys: { current: OLD_KEY }, clock }).issue('unsubscribe', READER);
    const rotated = makeTokens({ keys: { current: NEW_KEY, previous: OLD_KEY, previousUntil: '2017-03-01T00:00:00Z' }, clock });
    const newLink = rotated.issue('unsubscribe', READER);
    // Act + Assess: within the grace period both verify; from its end only the new one.
    expect(rotated.verify(oldLink, 'unsubscribe')).toBe(READER);
    now = '2017-03-01T00:00:00Z';
    expect(() => rotated.verify(oldLink, 'unsubscribe')).toThrow(/this link is not valid/);
    expect(rotated.verify(newLink, 'unsubscribe')).toBe(READER);
  });

  it('keys given as a getter are read at each call, so a rotated secret signs and verifies without a new Tokens', () => {
    // Prepare: one Tokens over keys that change under it, as a warm function's cached secret does.
    const clock = fixedClock('2016-11-20T00:00:00Z');
    let keys: { current: string; previous?: string } = { current: OLD_KEY };
    const tokens = makeTokens({ keys: () => keys, clock });
    const oldLink = tokens.issue('unsubscribe', READER);
    // Act: the secret is rotated.
    keys = { current: NEW_KEY, previous: OLD_KEY };
    const newLink = tokens.issue('unsubscribe', READER);
    // Assess
    expect(newLink.split('.')[0]).not.toBe(oldLink.split('.')[0]);
    expect(tokens.verify(oldLink, 'unsubscribe')).toBe(READER);
    expect(tokens.verify(newLink, 'unsubscribe')).toBe(READER);
    keys = { current: NEW_KEY };
    expect(() => tokens.verify(oldLink, 'unsubscribe')).toThrow(UnauthorizedError);
  });

  it('a signature has one spelling: the spare bits of its last character must be zero', () => {
    // Prepare: 32 bytes are 43 base64url characters, the last carrying 4 bits and 2 spare ones.
    const tokens = makeTokens({ keys: { current: NEW_KEY }, clock: fixedClock('2016-11-20T00:00:00Z') });
    const good = tokens.issue('unsubscribe', READER);
    const [kid, body, sig] = good.split('.') as [string, string, string];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(sig.at(-1)!);
    // Act: every other character that decodes to the same bytes.
    const twins = [1, 2, 3].map((spare) => `${kid}.${body}.${sig.slice(0, -1)}${alphabet[last ^ spare]}`);
    // Assess
    for (const twin of twins) expect(Buffer.from(twin.split('.')[2]!, 'base64url')).toEqual(Buffer.from(sig, 'base64url'));
    for (const twin of twins) expect(() => tokens.verify(twin, 'unsubscribe'), twin).toThrow(/this link is not valid/);
    expect(() => tokens.verify(`${good}=`, 'unsubscribe')).toThrow(/this link is not valid/);
    expect(tokens.verify(good, 'unsubscribe')).toBe(READER);
  });

  it('a confirmation token carries the nonce of the sign-up request it was mailed for', () => {
    const tokens = makeTokens({ keys: { current: NEW_KEY }, clock: fixedClock('2016-11-20T00:00:00Z') });
    expect(tokens.verifySubject(tokens.issue('confirm', READER, 'n-42'), 'confirm')).toEqual({ subscriptionId: READER, nonce: 'n-42' });
    expect(tokens.verifySubject(tokens.issue('unsubscribe', READER), 'unsubscribe')).toEqual({ subscriptionId: READER });
  });

  it('refuses a key too short to be a secret', () => {
    expect(() => makeTokens({ keys: { current: 'short' }, clock: fixedClock('2016-11-20T00:00:00Z') })).toThrow(/at least 16/);
  });
});

describe('email links', () => {
  it('point at the public pages with a token that verifies for the matching purpose', () => {
    const tokens = makeTokens({ keys: { current: NEW_KEY }, clock: fixedClock('2016-11-20T00:00:00Z') });
    const links = makeLinks({ baseUrl: 'https://news.example.com/', tokens });
    const cases = [
      [links.confirmUrl(READER, 'nonce-1'), '/subscriptions/confirm', 'confirm'],
      [links.preferencesUrl(READER), '/preferences', 'preferences'],
      [links.unsubscribeUrl(READER), '/unsubscribe', 'unsubscribe'],
    ] as const;
    for (const [url, path, purpose] of cases) {
      const parsed = new URL(url);
      expect(parsed.origin + parsed.pathname).toBe(`https://news.example.com${path}`);
      expect(tokens.verify(parsed.searchParams.get('token')!, purpose)).toBe(READER);
    }
  });
});
