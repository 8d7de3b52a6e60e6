import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';

/** What API Gateway's JWT authorizer checks, with the local issuer standing in for Cognito's. */
export const LOCAL_ISSUER = 'https://datewatch.local/issuer';
export const LOCAL_AUDIENCE = 'datewatch-admin';
const ALG = 'RS256';

export interface KeyFile { privateJwk: JWK; publicJwk: JWK }

/** An RSA key pair kept under .local/, so tokens survive restarts of the local stack. */
export async function loadOrCreateSigningKey(file?: string): Promise<KeyFile> {
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const keys = { privateJwk: { ...(await exportJWK(privateKey)), alg: ALG, kid: 'local-1' }, publicJwk: { ...(await exportJWK(publicKey)), alg: ALG, kid: 'local-1' } };
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  }
  return keys;
}

/** The address a local editor's token carries unless told otherwise: test sends go there (the SES emulator's inbox). */
export const LOCAL_EDITOR_EMAIL = 'editor@datewatch.local';

export interface AdminTokenOptions {
  groups?: string[];
  ttlSeconds?: number;
  subject?: string;
  /** The `email` claim, as Cognito puts the user's address in an ID token; null leaves it out. */
  email?: string | null;
  /** The `email_verified` claim; a test send needs it true. */
  emailVerified?: boolean;
}

/** A token like a Cognito ID token of a user in the given groups, valid for `ttlSeconds` of real time. */
export async function issueAdminToken(keys: KeyFile, options: AdminTokenOptions = {}): Promise<string> {
  const { groups = ['admins'], ttlSeconds = 3600, subject = 'local-admin', email = LOCAL_EDITOR_EMAIL, emailVerified = true } = options;
  const key = await importJWK(keys.privateJwk, ALG);
  return new SignJWT({ 'cognito:groups': groups, token_use: 'id', ...(email === null ? {} : { email, email_verified: emailVerified }) })
    .setProtectedHeader({ alg: ALG, kid: 'local-1' })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key);
}

export type AuthResult = { ok: true; claims: JWTPayload } | { ok: false; reason: string };

/**
 * Does the authorizer's job for /admin/*: a bearer token signed by our key with RS256 only (so alg "none"
 * and HMAC confusion fail), our issuer and audience, not expired. Group membership is the handler's check.
 */
export function makeLocalAuthorizer(keys: KeyFile) {
  const publicKey = importJWK(keys.publicJwk, ALG);
  return async (authorization: string | undefined): Promise<AuthResult> => {
    const m = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization?.trim() ?? '');
    if (!m) return { ok: false, reason: authorization ? 'the Authorization header must be "Bearer <token>"' : 'send an admin token: Authorization: Bearer <token>' };
    try {
      const { payload } = await jwtVerify(m[1]!, await publicKey, { algorithms: [ALG], issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, requiredClaims: ['exp'] });
      return { ok: true, claims: payload };
    } catch {
      return { ok: false, reason: 'the token is invalid or expired' };
    }
  };
}
