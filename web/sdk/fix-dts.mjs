#!/usr/bin/env node
// After tsc wrote dist/types: relative imports get their `.js`, as Node's ESM resolution (moduleResolution
// node16/nodenext in the user's project) requires of a package's declaration files.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const walk = (dir) => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []));
for (const f of walk(new URL('./dist/types', import.meta.url).pathname)) {
  const text = readFileSync(f, 'utf8');
  const fixed = text.replace(/(^(?:import|export)\b[^;]*?\bfrom\s*['"]|\bimport\(\s*['"])(\.{1,2}\/[^'"]+?)(['"])/gm,
    (m, a, path, b) => (path.endsWith('.js') ? m : `${a}${path}.js${b}`));
  if (fixed !== text) writeFileSync(f, fixed);
}
