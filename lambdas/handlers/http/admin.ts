import { ForbiddenError, UnauthorizedError } from '#core/errors.ts';
import type { Editor } from '#core/test-sends.ts';
import { requireEdge, type EdgeTrust } from './client-ip.ts';
import type { HttpEvent } from './types.ts';

export const ADMIN_GROUP = 'admins';

/** API Gateway's JWT authorizer proved the token; membership of the admins group is checked here. */
export function requireAdmin(event: HttpEvent): void {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  if (!claims) throw new UnauthorizedError('send an admin token: Authorization: Bearer <token>');
  const groups = groupsClaim(claims['cognito:groups']);
  if (!groups.includes(ADMIN_GROUP)) {
    throw new ForbiddenError(`the token is valid but not in the "${ADMIN_GROUP}" group`);
  }
}

/**
 * API Gateway's HTTP API passes an array claim flattened to one string, `[admins editors]`: the names inside the
 * brackets, separated by spaces (Cognito group names cannot contain whitespace). A comma is part of a name, so
 * a group called `x,admins` is not `admins`.
 */
export function groupsClaim(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.filter((g): g is string => typeof g === 'string');
  if (typeof raw !== 'string') return [];
  const inner = /^\[(.*)\]$/s.exec(raw.trim())?.[1] ?? raw;
  return inner.split(/\s+/).filter((g) => g !== '');
}

/** The signed-in editor, from the verified token: API Gateway passes `email_verified` as the string "true". */
export function editorOf(event: HttpEvent): Editor {
  const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
  const email = typeof claims.email === 'string' && claims.email !== '' ? claims.email : undefined;
  const emailVerified = claims.email_verified === true || claims.email_verified === 'true';
  return { id: String(claims.sub ?? ''), ...(email ? { email } : {}), emailVerified };
}

/** The guard of every editors' function: CloudFront's header when there is an edge, then the admins group. */
export function adminGuard(edge: EdgeTrust | undefined): (event: HttpEvent) => void {
  const fromEdge = requireEdge(edge);
  return (event) => { fromEdge(event); requireAdmin(event); };
}
