#!/usr/bin/env node
// Budget check after `npm run build:widget` (gzip level 9, what every page view of every customer's site pays):
//  - the loader (dist/widget/widget.js): at most 2176 bytes (2048 until issue 15's email links: ?parley_resume and
//    the /chat page's data-page cost ~100 B);
//  - the chat app's main chunk (the JS and CSS frame.html loads, and what they import statically): at most 25856
//    (25600 until issue 15: the resume token, the expired-link notice and the header's email button, ~230 B);
//  - each lazy chunk, loaded only when needed: a locale at most 2 KB, the emoji picker at most 4 KB, emoji data
//    (one language, when the picker first opens) at most 60 KB.
// Also checks that the build wrote .gz and .br copies next to every file the server may compress.
// Usage: node widget/size-check.mjs   (from web/; exits 1 when over budget or when the build is missing)
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mainChunkAssets } from './main-chunk.mjs';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../dist/widget');
const LOADER_MAX = 2176;
const APP_MAX = 25856;
const LAZY_MAX = [[/^_parley-emoji-/, 60 * 1024, 'emoji data'], [/^EmojiPicker-/, 4096, 'emoji picker'],
  [/^[a-z]{2}-[\w-]{8}\.js$/, 2048, 'locale']];
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

if (!existsSync(join(dist, 'widget.js')) || !existsSync(join(dist, 'frame.html'))) {
  console.error(`size-check: build missing in ${dist}; run npm run build:widget first`);
  process.exit(1);
}
let failed = false;
const ok = (n, max) => (n <= max ? 'ok' : ((failed = true), 'OVER BUDGET'));

const loader = gz(join(dist, 'widget.js'));
const { main: mainList, assets } = mainChunkAssets(dist);
const main = new Set(mainList);
let app = 0;
for (const f of [...main].sort()) {
  const n = gz(join(dist, 'assets', f));
  app += n;
  console.log(`  main  assets/${f}: ${n} B gz`);
}
for (const f of assets.filter((x) => !main.has(x)).sort()) {
  const n = gz(join(dist, 'assets', f));
  const rule = LAZY_MAX.find(([re]) => re.test(f));
  const max = rule ? rule[1] : 8192;
  console.log(`  lazy  assets/${f}: ${n} B gz (${rule ? rule[2] : 'chunk'}, max ${max}) ${ok(n, max)}`);
}
const missing = ['widget.js', 'frame.html', ...assets.map((f) => `assets/${f}`)]
  .filter((f) => !existsSync(join(dist, f + '.gz')) || !existsSync(join(dist, f + '.br')));
console.log(`loader widget.js: ${loader} B gz (max ${LOADER_MAX}) ${ok(loader, LOADER_MAX)}`);
console.log(`app main chunk (JS+CSS): ${app} B gz (max ${APP_MAX}) ${ok(app, APP_MAX)}`);
if (missing.length) {
  failed = true;
  console.log(`pre-compressed copies missing (run npm run build:widget): ${missing.join(', ')}`);
}
if (failed) process.exit(1);
