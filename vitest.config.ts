import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Templates (when stale), console, OpenAPI and catalogues built before any test, as `npm test` builds them.
    globalSetup: ['tests/support/global-setup.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    pool: 'forks',
    maxWorkers: 2,
    // Each worker process runs its files one after another without a fresh module graph per file: the SDK, CDK and
    // our modules load once per worker instead of once per file (unit tests 48 s → 19 s, infra 44 s → 28 s here).
    // Safe because no test mocks modules or leaves global state behind; `npx vitest run --isolate` runs them apart.
    isolate: false,
    // A hang guard, not a speed check (speed is shown by bench/): under two busy cores the fuzz run's 925 requests
    // took over 30 s (6 s on a quieter machine), and tests of 15-17 s there had no margin left. At load 30-36
    // (2026-12-07, six suites on two cores) the chaos run, the fuzz run and the lifecycle model passed 120 s.
    // The one hang guard: no test or hook sets a shorter one of its own (at load 18 on 2026-12-08 the chaos run, the
    // lifecycle model and the zone property test each hit the 120 s they had set themselves).
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // expect.poll waits for the state it asserts; its own default gives up after 1 s, which a page under two busy
    // cores can take to re-render. Also a hang guard only: a poll that passes returns as soon as the state is there.
    expect: { poll: { timeout: 60_000 } },
  },
});
