import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The package's JavaScript: one ES module with what it uses of ../shared inlined, so the tarball stands alone.
// Not minified: it is a library (the app that uses it minifies), and readable code is easier to debug.
// The types come from tsc (tsconfig.build.json) into dist/types.
export default defineConfig({
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    minify: false,
    lib: { entry: fileURLToPath(new URL('./src/index.ts', import.meta.url)), formats: ['es'], fileName: () => 'index.js' },
  },
});
