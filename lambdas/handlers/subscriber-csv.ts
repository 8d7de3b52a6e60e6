import { MAX_IMPORT_BYTES } from '#core/subscriber-csv/import-plan.ts';
import type { SubscriberExporter } from '#core/subscriber-csv/exporter.ts';
import type { SubscriberImporter } from '#core/subscriber-csv/importer.ts';
import type { InvocationTelemetry } from '#ports/telemetry.ts';
import type { RouteKeyOf } from '#lambdas/routes.ts';
import { adminGuard } from './http/admin.ts';
import type { EdgeTrust } from './http/client-ip.ts';
import { csvBodyBytes, csvResponse } from './http/csv.ts';
import { json } from './http/responses.ts';
import { makeRouter, type RouteTable } from './http/router.ts';
import type { HttpEvent } from './http/types.ts';

export interface SubscriberCsvDeps {
  importer: SubscriberImporter;
  exporter: SubscriberExporter;
  telemetry?: InvocationTelemetry;
  /** Set when CloudFront (and AWS WAF) sit in front: a request without its secret header is refused. */
  edge?: EdgeTrust;
}

/**
 * Readers in and out as CSV, the editors' two routes that read or write the subscriptions in bulk: the only
 * editors' function with the import's parser and plan and the export's writer (and the sign-up queue an import
 * sends its confirmations through).
 */
export function makeSubscriberCsv({ importer, exporter, telemetry, edge }: SubscriberCsvDeps) {
  const table: RouteTable<RouteKeyOf<'subscriberCsv'>> = {
    'GET /admin/subscribers.csv': async (e) => exportPage(exporter, e),
    'POST /admin/subscribers/import': async (e) => json(200, await importer.importCsv(
      csvBodyBytes(e, MAX_IMPORT_BYTES), { dryRun: e.queryStringParameters?.dryRun === 'true' },
    )),
  };
  return makeRouter(table, adminGuard(edge), telemetry);
}

/**
 * One page of the export: a whole CSV; `x-next-cursor` and a `Link: rel="next"` name the next one while there is one.
 */
async function exportPage(exporter: SubscriberExporter, e: HttpEvent) {
  const q = e.queryStringParameters ?? {};
  const limit = q.limit === undefined ? undefined : Number(q.limit);
  const page = await exporter.page({ cursor: q.cursor, limit });
  const nextQuery = (cursor: string) => new URLSearchParams({ ...(q.limit ? { limit: q.limit } : {}), cursor });
  const next: Record<string, string> = page.cursor
    ? { 'x-next-cursor': page.cursor, link: `</admin/subscribers.csv?${nextQuery(page.cursor)}>; rel="next"` }
    : {};
  return csvResponse(page.csv, 'subscribers.csv', { 'x-row-count': String(page.rows), ...next });
}
