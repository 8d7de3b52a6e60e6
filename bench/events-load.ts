/**
 * `npm run bench:events`: GET /events alone at 200 connections on the local stack, from cold and then warm (see
 * api-load.ts), without the fan-out of a full `npm run bench`. BENCH_API_SECONDS sets each window (default 10);
 * the load generator runs in a process of its own unless BENCH_LOAD_GENERATOR=in-process.
 */
import { benchApiLoad } from './api-load.ts';

const seconds = Number(process.env.BENCH_API_SECONDS ?? 10);
const [events] = await benchApiLoad({ connections: 200, seconds, only: ['GET /events'] });
console.log(JSON.stringify(events));
