/**
 * A stage of the bench that measures the local stack (the API under load, the fan-out) in a node process of its
 * own, started for it: what it measures then does not carry the heap, compiled code and child processes that the
 * stages before it left in the bench's process (the renders' MJML, the bundler). On AWS no function shares a
 * process with them either. `npm run bench:events` and `bench:local` run the same stages the same way.
 */
import { fileURLToPath } from 'node:url';
import { benchApiLoad } from './api-load.ts';
import { benchFanout } from './fanout.ts';
import { lastJsonLineOf } from './lib.ts';

const STAGES = { apiLoad: benchApiLoad, fanout: benchFanout } as const;
type Stages = typeof STAGES;
export type StageName = keyof Stages;

const self = fileURLToPath(import.meta.url);

/** Runs `stage` with `options` in a fresh node process (this one's loader flags, so TypeScript runs as here). */
export function inFreshProcess<S extends StageName>(
  stage: S, options: Parameters<Stages[S]>[0],
): ReturnType<Stages[S]> {
  // Progress lines go where this process's go; the answer comes back as the last line on stdout.
  return lastJsonLineOf<{ result: unknown }>([self, stage, JSON.stringify(options)], `bench stage ${stage}`)
    .then((answer) => answer.result) as ReturnType<Stages[S]>;
}

if (process.argv[1] === self) {
  const [stage, options] = process.argv.slice(2) as [StageName, string];
  const run = STAGES[stage] as (o: unknown) => Promise<unknown>;
  if (!run) throw new Error(`no bench stage ${stage}; one of ${Object.keys(STAGES).join(', ')}`);
  const result = await run(JSON.parse(options));
  process.stdout.write(`${JSON.stringify({ result })}\n`);
  // The stack's emulators are closed; nothing else should hold the process open.
  process.exit(0);
}
