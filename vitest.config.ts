import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The built files the static-files function serves, made afresh before any test.
    globalSetup: ['tests/support/global-setup.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    pool: 'forks',
    maxWorkers: 2,
    // A hang guard, not a speed check (speed is shown by bench/): under two busy cores the fuzz run's 925 requests
    // took over 30 s (6 s on a quieter machine), and tests of 15-17 s there had no margin left.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
