import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

// The chat app inside the iframe: web/dist/widget/frame.html + hashed assets under /widget/.
// Runs after the loader build, so it must not empty the folder (widget.js lives there too).
export default defineConfig({
  root: fileURLToPath(new URL('./app', import.meta.url)),
  base: '/widget/',
  plugins: [preact({ devtoolsInProd: false, prefreshEnabled: false })],
  build: {
    outDir: fileURLToPath(new URL('../dist/widget', import.meta.url)),
    emptyOutDir: false,
    target: 'es2019',
    modulePreload: false,
    rollupOptions: { input: fileURLToPath(new URL('./app/frame.html', import.meta.url)) },
  },
});
