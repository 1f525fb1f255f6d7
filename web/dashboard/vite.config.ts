import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));

// The agent dashboard: served by `parley serve` at /app (SPA fallback to index.html).
export default defineConfig({
  root: here,
  base: '/app/',
  plugins: [preact()],
  build: {
    outDir: resolve(here, '../dist/dashboard'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: true,
  },
  server: {
    // `vite --config dashboard/vite.config.ts` against a local `parley serve` on :8080.
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
      '/uploads': 'http://127.0.0.1:8080',
    },
  },
});
