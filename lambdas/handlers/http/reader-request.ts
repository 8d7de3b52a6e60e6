import type { RequestContext } from '#core/consent.ts';
import { clientIp, type EdgeTrust } from './client-ip.ts';
import { header, queryParam } from './request.ts';
import type { HttpEvent } from './types.ts';

/** Where a reader's request came from, as the consent record keeps it (the viewer's address behind the edge). */
export const requestContextWith = (edge: EdgeTrust | undefined) => (e: HttpEvent): RequestContext =>
  ({ ip: clientIp(e, edge), userAgent: header(e, 'user-agent') });

/** A token arrives in the link's query string; a form may carry it as a field instead. */
export function tokenOf(e: HttpEvent, body?: Record<string, unknown>): string | undefined {
  const fromBody = body?.token;
  return queryParam(e, 'token') ?? (typeof fromBody === 'string' ? fromBody : undefined);
}
