import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time among `paths` (a directory counts every file under it, skipping `skip`). */
function newest(paths: string[], skip: (path: string) => boolean): number {
  let latest = 0;
  for (const path of paths) {
    if (skip(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) latest = Math.max(latest, newest(readdirSync(path).map((f) => join(path, f)), skip));
    else latest = Math.max(latest, stat.mtimeMs);
  }
  return latest;
}

/**
 * True when any output is missing or older than the newest input: what make would rebuild. `skip` leaves out
 * paths under an input directory that are not inputs (the outputs themselves, when they live there).
 */
export function isStale(outputs: string[], inputs: string[], skip: (path: string) => boolean = () => false): boolean {
  let oldestOutput = Number.POSITIVE_INFINITY;
  for (const out of outputs) {
    try {
      oldestOutput = Math.min(oldestOutput, statSync(out).mtimeMs);
    } catch {
      return true;
    }
  }
  return newest(inputs, skip) > oldestOutput;
}
