import { generateKeyPair, importJWK, SignJWT, type JWTPayload } from 'jose';
import { issueAdminToken, LOCAL_AUDIENCE, LOCAL_ISSUER, type KeyFile } from '#local/local-auth.ts';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = (overrides: JWTPayload = {}): JWTPayload => ({
  iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, sub: 'mallory', 'cognito:groups': ['admins'], token_use: 'id',
  iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600, ...overrides,
});

async function signRs256(keys: KeyFile, payload: JWTPayload): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'local-1' }).sign(await importJWK(keys.privateJwk, 'RS256'));
}

/**
 * The Authorization header values an attacker would try against /admin/*, each named for what API Gateway's
 * JWT authorizer does with it. Only `admin` and `not-admin` carry a genuine signature from the stack's key.
 */
export async function forgeAdminHeaders(keys: KeyFile): Promise<Record<string, string | undefined>> {
  const other = await generateKeyPair('RS256', { extractable: true });
  const publicJwkText = JSON.stringify(keys.publicJwk);
  return {
    admin: `Bearer ${await issueAdminToken(keys)}`,
    'not-admin': `Bearer ${await issueAdminToken(keys, { groups: ['editors'] })}`,
    'alg-none': `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`,
    'hs256-public-key': `Bearer ${await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: 'local-1' }).sign(new TextEncoder().encode(publicJwkText))}`,
    'wrong-issuer': `Bearer ${await signRs256(keys, claims({ iss: 'https://evil.example/issuer' }))}`,
    'wrong-audience': `Bearer ${await signRs256(keys, claims({ aud: 'some-other-app' }))}`,
    expired: `Bearer ${await signRs256(keys, claims({ iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 }))}`,
    'no-exp': `Bearer ${await signRs256(keys, (({ exp: _, ...rest }) => rest)(claims()))}`,
    'other-key': `Bearer ${await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid: 'local-1' }).sign(other.privateKey)}`,
    garbage: 'Bearer not.a-jwt!.at all',
    basic: 'Basic YWRtaW46YWRtaW4=',
    none: undefined,
  };
}
