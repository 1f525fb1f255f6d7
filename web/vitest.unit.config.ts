import { defineConfig } from 'vitest/config';

// Unit tests of client logic (no server, no browser): *.test.ts(x) beside the code.
export default defineConfig({
  test: {
    include: ['widget/**/*.test.{ts,tsx}', 'dashboard/**/*.test.{ts,tsx}', 'shared/**/*.test.ts', 'sdk/**/*.test.ts'],
    environment: 'happy-dom',
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
