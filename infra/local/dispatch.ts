import { localSettings } from './settings.ts';
import { LOCAL_PATHS } from './local-routes.ts';

/**
 * `npm run dispatch -- --at <ISO-8601>`: moves the running stack's manual clock to that instant, runs the
 * scheduler's handler once for it, and returns when the mail it queued has been processed.
 */
const args = process.argv.slice(2);
const i = args.indexOf('--at');
const at = i >= 0 ? args[i + 1] : undefined;
if (!at || Number.isNaN(new Date(at).getTime())) {
  console.error('usage: npm run dispatch -- --at 2016-11-26T08:00:00+09:00');
  process.exit(2);
}
const { port } = localSettings();
let res: Response;
try {
  res = await fetch(`http://127.0.0.1:${port}${LOCAL_PATHS.dispatch}?at=${encodeURIComponent(new Date(at).toISOString())}`, { method: 'POST' });
} catch {
  console.error(`no local stack answers on port ${port}; start it with CLOCK=manual npm start`);
  process.exit(1);
}
const body = await res.json() as Record<string, unknown>;
if (!res.ok) {
  console.error(`dispatch refused (${res.status}): ${body.error}`);
  process.exit(1);
}
console.log(JSON.stringify(body, null, 2));
