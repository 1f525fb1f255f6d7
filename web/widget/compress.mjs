#!/usr/bin/env node
// Pre-compresses the built widget (run by `npm run build:widget` after both vite builds): writes NAME.gz (gzip
// level 9) and NAME.br (brotli quality 11) next to every text file in the folders given (default: dist/widget).
// The server sends one of them when the browser accepts it (server/src/http/static_routes.cpp), so compression
// costs nothing per request and the bytes on the wire are the smallest either format can make.
// Usage: node widget/compress.mjs [DIR ...]   (from web/; `npm run build:dashboard` runs it on dist/dashboard too)
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const gz = promisify(gzip);
const br = promisify(brotliCompress);
const TEXT = /\.(js|mjs|css|html|json|svg|txt)$/; // not .map: only developer tools fetch those

function* files(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (TEXT.test(e.name)) yield p;
  }
}

/** Writes the .gz and .br copies of one file; returns their sizes. */
export async function compressFile(path) {
  const raw = readFileSync(path);
  const [g, b] = await Promise.all([
    gz(raw, { level: constants.Z_BEST_COMPRESSION }),
    br(raw, { params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    } }),
  ]);
  writeFileSync(path + '.gz', g);
  writeFileSync(path + '.br', b);
  return { raw: raw.length, gz: g.length, br: b.length };
}

export async function compressDir(dir) {
  const out = [];
  for (const f of files(dir)) out.push([f, await compressFile(f)]);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dirs = process.argv.slice(2);
  if (!dirs.length) dirs.push(join(dirname(fileURLToPath(import.meta.url)), '../dist/widget'));
  for (const d of dirs) {
    statSync(d);
    const done = await compressDir(d);
    const sum = (k) => done.reduce((n, [, s]) => n + s[k], 0);
    const loader = done.find(([f]) => f.endsWith('/widget.js'));
    console.log(`compress: ${done.length} files in ${d}: ${sum('raw')} B -> gzip ${sum('gz')} B, brotli ${sum('br')} B` +
      (loader ? ` (widget.js ${loader[1].raw} -> ${loader[1].gz} gz, ${loader[1].br} br)` : ''));
  }
}
