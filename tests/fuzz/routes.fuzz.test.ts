import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { routeKey, routes } from '#lambdas/routes.ts';
import { anyRequest, request } from './arbitraries.ts';
import { formatFuzzReport, startFuzzTarget, type FuzzTarget } from './harness.ts';

let target: FuzzTarget;
beforeAll(async () => { target = await startFuzzTarget(); });
afterAll(async () => { await target?.close(); });

describe('hostile requests to every route (a small seeded run of `npm run fuzz`)', () => {
  it('never answers 5xx, never writes or mails on a rejected request, and says what is wrong without internals', async () => {
    // Prepare: 25 requests per route, from a fixed seed so a failure replays.
    const requests = routes.flatMap((route, i) => fc.sample(request(route), { numRuns: 25, seed: 1000 + i }));
    // Act
    const report = await target.run(requests);
    // Assess
    expect(report.inputs).toBe(routes.length * 25);
    expect([...report.perRoute.keys()].sort()).toEqual(routes.map(routeKey).sort());
    expect(report.findings, formatFuzzReport(report)).toEqual([]);
  });

  it('an event id longer than DynamoDB allows in a key is a 404, not a 500 (found by the fuzz run)', async () => {
    // Prepare: an id of 5,000 characters, past DynamoDB's 2,048-byte partition key limit.
    const route = routes.find((r) => r.method === 'GET' && r.path === '/admin/events/{id}')!;
    const [req] = fc.sample(request(route), { numRuns: 1, seed: 1 });
    // Act
    const report = await target.run([{ ...req!, param: { known: false, value: 'a'.repeat(5000) }, auth: 'admin' }]);
    // Assess
    expect([...report.perRoute.values()][0]!.statuses.get(404), formatFuzzReport(report)).toBe(1);
  });

  it('a mixed random run finds nothing either', async () => {
    const report = await target.run(fc.sample(anyRequest, { numRuns: 200, seed: 20161119 }));
    expect(report.findings, formatFuzzReport(report)).toEqual([]);
  });
});
