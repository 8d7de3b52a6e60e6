import { beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey, makeLocalAuthorizer, type KeyFile } from '#local/local-auth.ts';
import { makeAdminApi } from '#handlers/admin-api.ts';
import type { HttpEvent } from '#handlers/http/types.ts';
import { forgeAdminHeaders } from '../support/forged-tokens.ts';

let keys: KeyFile;
let headers: Record<string, string | undefined>;
let authorize: ReturnType<typeof makeLocalAuthorizer>;

beforeAll(async () => {
  keys = await loadOrCreateSigningKey();
  headers = await forgeAdminHeaders(keys);
  authorize = makeLocalAuthorizer(keys);
});

describe('the local JWT authorizer refuses what API Gateway refuses', () => {
  it('accepts a token signed with the stack key, for our issuer and audience, not expired', async () => {
    const result = await authorize(headers.admin);
    expect(result.ok).toBe(true);
  });

  it.each([
    ['alg-none', 'alg "none" with no signature'],
    ['hs256-public-key', 'HS256 signed with the public key as the HMAC secret'],
    ['wrong-issuer', 'a token from another issuer'],
    ['wrong-audience', 'a token for another audience'],
    ['expired', 'an expired token'],
    ['no-exp', 'a token without exp'],
    ['other-key', 'a token signed with another RSA key'],
    ['garbage', 'a malformed bearer'],
    ['basic', 'Basic credentials'],
    ['none', 'no Authorization header'],
  ])('refuses %s (%s) with a reason', async (kind) => {
    // Act
    const result = await authorize(headers[kind]);
    // Assess
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason.length).toBeGreaterThan(10);
  });

  it('a valid token outside the admins group passes the authorizer but gets 403 from the admin API', async () => {
    // Prepare
    const auth = await authorize(headers['not-admin']);
    expect(auth.ok).toBe(true);
    const claims = auth.ok ? Object.fromEntries(Object.entries(auth.claims).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : v])) : {};
    const adminApi = makeAdminApi({
      events: { listAll: async () => [] } as never, stories: {} as never, subscribers: {} as never,
    });
    const event = { routeKey: 'GET /admin/events', headers: {}, requestContext: { authorizer: { jwt: { claims, scopes: [] } } } } as unknown as HttpEvent;
    // Act
    const result = await adminApi(event);
    // Assess
    expect(result.statusCode).toBe(403);
    expect(JSON.parse(result.body!).error).toMatch(/admins/);
    const asAdmin = await adminApi({ ...event, requestContext: { authorizer: { jwt: { claims: { ...claims, 'cognito:groups': '[admins]' }, scopes: [] } } } } as unknown as HttpEvent);
    expect(asAdmin.statusCode).toBe(200);
  });

  it('without authorizer claims at all the admin API answers 401', async () => {
    const adminApi = makeAdminApi({ events: {} as never, stories: {} as never, subscribers: {} as never });
    const result = await adminApi({ routeKey: 'GET /admin/events', headers: {}, requestContext: {} } as unknown as HttpEvent);
    expect(result.statusCode).toBe(401);
  });
});
