/**
 * Runs the lifecycle model: random sequences of commands (commands.ts) against one local stack, each checked step
 * by step against the oracle. Every sequence runs to its end and its violations are counted; then the first
 * sequence that had any is replayed by fast-check from its seed and path and shrunk to a short one that still
 * fails, which is what a failure prints.
 */
import fc from 'fast-check';
import { commandArbitraries, SPELLINGS, stepsRun, type Ctx } from './commands.ts';
import { startWorld, type World } from './world.ts';

export interface LifecycleOptions {
  runs: number;
  seed: number;
  maxCommands?: number;
  /** How long shrinking a failure may take (each try replays a sequence on the stack). */
  shrinkMs?: number;
  log?: (line: string) => void;
}

export interface LifecycleResult {
  sequences: number;
  steps: number;
  violations: number;
  /** The first failing sequence and its first violations, one line each. */
  examples: string[];
  /** Violations by kind: the message with its step, addresses, quotes and numbers taken out. */
  kinds: Map<string, number>;
  /** The shrunk failing sequence and what it broke, when there was a violation. */
  shrunk?: { commands: string; violations: string[] };
}

export const summaryLine = (r: LifecycleResult) => `lifecycle: ${r.sequences} sequences, ${r.steps} steps, ${r.violations} violations`;

async function runSequence(world: World, commands: Iterable<fc.AsyncCommand<Ctx, Ctx, false>>): Promise<{ violations: string[]; trace: string[] }> {
  const seq = await world.begin();
  try {
    await fc.asyncModelRun(() => ({ model: { world, seq }, real: { world, seq } }), commands);
  } finally {
    await world.end(seq, SPELLINGS);
  }
  return { violations: seq.violations, trace: seq.trace };
}

export async function runLifecycle(options: LifecycleOptions): Promise<LifecycleResult> {
  const { runs, seed, maxCommands = 25, shrinkMs = 180_000, log = () => {} } = options;
  const world = await startWorld();
  try {
    const arbitrary = fc.commands(commandArbitraries, { maxCommands, size: 'max' });
    let sequences = 0;
    let violations = 0;
    let firstFailing: number | undefined;
    const examples: string[] = [];
    const kinds = new Map<string, number>();
    // Every sequence runs to its end: the property records violations instead of failing.
    await fc.check(fc.asyncProperty(arbitrary, async (commands) => {
      const { violations: found, trace } = await runSequence(world, commands);
      for (const v of found) kinds.set(kindOf(v), (kinds.get(kindOf(v)) ?? 0) + 1);
      if (found.length > 0) {
        violations += found.length;
        if (firstFailing === undefined) {
          firstFailing = sequences;
          examples.push(`sequence ${sequences + 1}: ${trace.join('; ')}`, ...found.slice(0, 5));
        }
      }
      sequences++;
      if (sequences % 25 === 0) log(`  ${sequences} sequences, ${stepsRun.count} steps, ${violations} violations`);
      return true;
    }), { numRuns: runs, seed });
    const steps = stepsRun.count;
    const result: LifecycleResult = { sequences, steps, violations, examples, kinds };
    if (firstFailing === undefined) return result;

    // Replays the first failing sequence (same seed, its path) and shrinks it.
    let lastViolations: string[] = [];
    const shrinking = await fc.check(fc.asyncProperty(arbitrary, async (commands) => {
      const { violations: found } = await runSequence(world, commands);
      if (found.length > 0) lastViolations = found;
      return found.length === 0;
    }), { seed, path: String(firstFailing), numRuns: 1, interruptAfterTimeLimit: shrinkMs, markInterruptAsFailure: false });
    if (shrinking.failed && shrinking.counterexample) {
      result.shrunk = { commands: String(shrinking.counterexample[0]), violations: lastViolations };
    }
    return result;
  } finally {
    await world.close();
  }
}

/** "step 7 dispatch …: list mail reached q3bob@example.org after its stop at step 5 (…)" → "list mail reached <address> after its stop at step N". */
export function kindOf(violation: string): string {
  return violation.replace(/^step \d+ [^:]*: /, '').replace(/"[^"]*"/g, '"…"').replace(/\{[^}]*\}/g, '{…}')
    .replace(/\S+@\S+/g, '<address>').replace(/\d+/g, 'N').replace(/\s*\(\.\.\.\)|\s*\("…"\)/g, '');
}
