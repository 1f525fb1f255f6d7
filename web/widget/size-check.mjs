#!/usr/bin/env node
// Budget check after `npm run build:widget`: the loader (dist/widget/widget.js) must stay at most 2048 bytes
// gzipped, the chat app (every JS and CSS file the frame loads) at most 25600 bytes gzipped.
// Usage: node widget/size-check.mjs   (from web/; exits 1 when over budget or when the build is missing)
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../dist/widget');
const LOADER_MAX = 2048;
const APP_MAX = 25600;
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

if (!existsSync(join(dist, 'widget.js')) || !existsSync(join(dist, 'frame.html'))) {
  console.error(`size-check: build missing in ${dist}; run npm run build:widget first`);
  process.exit(1);
}
const loader = gz(join(dist, 'widget.js'));
const html = readFileSync(join(dist, 'frame.html'), 'utf8');
// Everything frame.html references under /widget/assets/, plus anything those chunks import (all assets).
const assets = existsSync(join(dist, 'assets'))
  ? readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f)) : [];
const referenced = assets.filter((f) => html.includes(f));
let app = 0;
for (const f of assets) {
  const n = gz(join(dist, 'assets', f));
  app += n;
  console.log(`  assets/${f}: ${n} B gz${referenced.includes(f) ? '' : ' (chunk)'}`);
}
const ok = (n, max) => (n <= max ? 'ok' : 'OVER BUDGET');
console.log(`loader widget.js: ${loader} B gz (max ${LOADER_MAX}) ${ok(loader, LOADER_MAX)}`);
console.log(`app (JS+CSS):     ${app} B gz (max ${APP_MAX}) ${ok(app, APP_MAX)}`);
if (loader > LOADER_MAX || app > APP_MAX) process.exit(1);
