import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: each file starts its own `parley serve` and Chromium (see e2e/harness.ts).
// Files run one after another: two Chromiums on two cores would only slow each other down.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One retry: a browser on a busy two-core CI machine now and then misses a moment. Tests that
    // needed it are listed at the end of the run by e2e/retry-reporter.ts (and by scripts/test).
    retry: 1,
    reporters: ['default', './e2e/retry-reporter.ts'],
  },
});
