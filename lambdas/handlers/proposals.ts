import { MAX_PROPOSAL_BODY_BYTES } from '#core/proposals/limits.ts';
import { proposeFromRequest } from '#core/proposals/propose.ts';
import type { InvocationTelemetry } from '#ports/telemetry.ts';
import type { RouteKeyOf } from '#lambdas/routes.ts';
import { adminGuard } from './http/admin.ts';
import type { EdgeTrust } from './http/client-ip.ts';
import { suggestZones } from '#core/proposals/place-zones.ts';
import { jsonBody } from './http/request.ts';
import { json } from './http/responses.ts';
import { makeRouter, type RouteTable } from './http/router.ts';

export interface ProposalsDeps {
  telemetry?: InvocationTelemetry;
  /** Set when CloudFront (and AWS WAF) sit in front: a request without its secret header is refused. */
  edge?: EdgeTrust;
}

/**
 * Reading a story: pure and offline (no table, no clock, no secret), so this function alone carries the date
 * parser and the gazetteer (read for proposals and for the zones a place suggests), and no other editor's request
 * pays for them at a cold start.
 */
export function makeProposals({ telemetry, edge }: ProposalsDeps = {}) {
  const table: RouteTable<RouteKeyOf<'proposals'>> = {
    // A story as long as the schema allows must fit in the body (the default cap is 16 KB).
    'POST /admin/stories/proposals': async (e) => json(200, proposeFromRequest(jsonBody(e, MAX_PROPOSAL_BODY_BYTES))),
    // The zones an event's place suggests, from the same gazetteer.
    'GET /admin/places': async (e) => json(200, suggestZones(e.queryStringParameters?.q)),
  };
  return makeRouter(table, adminGuard(edge), telemetry);
}
