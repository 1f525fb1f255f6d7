// Build-time slimming of emojibase-data for the widget's emoji picker (used by vite.app.config.ts).
// `import('virtual:parley-emoji/de')` becomes a chunk with the full Unicode set in that language, loaded only when
// the picker opens: {groups: [name, ...], list: [[group, emoji, label, tags], ...]}. Skin-tone variants, the
// "component" group (tone swatches, hair) and bare regional indicators are left out; so are tags already in the
// label. That takes English from 80 KB to 34 KB gzipped.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** The emojibase locales the picker uses; other widget locales search in English. */
export const EMOJI_LOCALES = ['en', 'de', 'es', 'fr', 'it', 'pt', 'nl', 'pl', 'sv', 'uk', 'ja'];

/** @type {import('./emoji-data.d.mts').slimEmoji} */
export function slimEmoji(compact, messages) {
  const groups = messages.groups.filter((g) => g.key !== 'component').sort((a, b) => a.order - b.order);
  const index = new Map(groups.map((g, i) => [g.order, i]));
  const list = [];
  for (const e of compact) {
    if (e.group === undefined || !index.has(e.group)) continue;
    const label = e.label;
    const low = label.toLowerCase();
    const tags = (e.tags || []).filter((t) => !low.includes(t.toLowerCase())).join(' ');
    list.push([index.get(e.group), e.unicode, label, tags]);
  }
  return { groups: groups.map((g) => g.message), list };
}

/** @type {import('./emoji-data.d.mts').emojiDataPlugin} */
export function emojiDataPlugin() {
  const prefix = 'virtual:parley-emoji/';
  return {
    name: 'parley-emoji-data',
    resolveId(id) {
      if (id.startsWith(prefix) && EMOJI_LOCALES.includes(id.slice(prefix.length))) return '\0parley-emoji-' + id.slice(prefix.length);
      return null;
    },
    load(id) {
      if (!id.startsWith('\0parley-emoji-')) return null;
      const loc = id.slice('\0parley-emoji-'.length);
      const dir = require.resolve(`emojibase-data/${loc}/compact.json`).replace(/compact\.json$/, '');
      const data = slimEmoji(JSON.parse(readFileSync(dir + 'compact.json', 'utf8')), JSON.parse(readFileSync(dir + 'messages.json', 'utf8')));
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(data))});`;
    },
  };
}
