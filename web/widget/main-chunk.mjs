// The files of the widget's frame that load on every page view: frame.html, what it names, and the
// chunks those import statically (`import … from "./x.js"`). Lazy chunks (locales, the emoji
// picker and its data) are left out: they load only when used. Shared by the size budget
// (size-check.mjs) and the benchmark report (bench/report.mjs), so both count the same bytes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Asset file names (under dist/assets) of the main chunk, sorted. */
export function mainChunkAssets(dist) {
  const html = readFileSync(join(dist, 'frame.html'), 'utf8');
  const assets = existsSync(join(dist, 'assets')) ? readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f)) : [];
  const main = new Set(assets.filter((f) => html.includes(f)));
  for (let grew = true; grew;) {
    grew = false;
    for (const f of [...main].filter((x) => x.endsWith('.js'))) {
      const code = readFileSync(join(dist, 'assets', f), 'utf8');
      for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w${},*\s]+from\s*)?["'`]\.\/([^"'`]+)["'`]/g)) {
        if (!main.has(m[1]) && assets.includes(m[1])) { main.add(m[1]); grew = true; }
      }
    }
  }
  return { main: [...main].sort(), assets };
}
