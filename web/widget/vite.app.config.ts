import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { emojiDataPlugin } from './emoji-data.mjs';

// Vite wraps every import() in a helper that preloads the chunk's dependencies and CSS (~700 B gzipped in the
// main chunk). Our lazy chunks (locales, the emoji picker and its data) have none, so the helper is replaced by
// one that only calls the import.
function plainDynamicImports(): Plugin {
  const helper = '\0vite/preload-helper.js';
  return {
    name: 'parley-plain-dynamic-imports',
    enforce: 'pre',
    resolveId(id) { return id === helper ? helper : null; },
    load(id) { return id === helper ? 'export const __vitePreload = (load) => load();' : null; },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./app', import.meta.url)),
  base: '/widget/',
  plugins: [preact({ devtoolsInProd: false, prefreshEnabled: false }), emojiDataPlugin(), plainDynamicImports()],
  build: {
    outDir: fileURLToPath(new URL('../dist/widget', import.meta.url)),
    emptyOutDir: false,
    // ES2020 (Chrome 80, Firefox 74, Safari 13.1), below the CSS's engines (cssTarget): `?.` and `??` stay as
    // written instead of helper-variable expansions, ~250 B gzipped that paid for the widget moving onto the SDK's
    // visitor client (web/sdk/src/visitor.ts) within the size budget (issue 17).
    target: 'es2020',
    // CSS as written: logical properties (right-to-left layouts) and color-mix stay; older engines would
    // get :lang()-guessed copies of every rule, which ignore dir="rtl" and triple the stylesheet.
    cssTarget: ['chrome89', 'edge89', 'firefox89', 'safari15'],
    modulePreload: false,
    rollupOptions: { input: fileURLToPath(new URL('./app/frame.html', import.meta.url)) },
  },
});
