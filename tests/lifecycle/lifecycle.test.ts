import { describe, expect, it } from 'vitest';
import { runLifecycle, summaryLine } from './run-lifecycle.ts';

/**
 * Issue 20, item 6: a short seeded run of the lifecycle model on the local stack (`npm run lifecycle -- --runs N`
 * runs more). Every step is checked: no mail after a stop unless confirmed since, answers that match the store,
 * at most three confirmations a mailbox an hour, nothing 5xx.
 */
describe('the lifecycle model', () => {
  it('finds no violation in a short seeded run', async () => {
    const result = await runLifecycle({ runs: 10, seed: 20161119, maxCommands: 20, shrinkMs: 20_000 });
    const detail = [...result.examples, ...(result.shrunk ? [`shrunk: ${result.shrunk.commands}`, ...result.shrunk.violations] : [])].join('\n');
    expect(result.sequences).toBe(10);
    expect(result.steps).toBeGreaterThan(50);
    expect(result.violations, `${summaryLine(result)}\n${detail}`).toBe(0);
  });
});
