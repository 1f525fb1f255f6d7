import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The loader: one small IIFE file, web/dist/widget/widget.js, no framework, no chunks.
// Runs first in `npm run build:widget`, so it empties the output folder.
export default defineConfig({
  build: {
    outDir: fileURLToPath(new URL('../dist/widget', import.meta.url)),
    emptyOutDir: true,
    target: 'es2018',
    lib: {
      entry: fileURLToPath(new URL('./loader/loader.ts', import.meta.url)),
      formats: ['iife'],
      name: 'ParleyLoader',
      fileName: () => 'widget.js',
    },
    minify: true,
    sourcemap: false,
  },
});
