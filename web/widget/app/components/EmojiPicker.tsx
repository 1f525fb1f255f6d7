// The emoji picker: the full Unicode set (emojibase-data, in the visitor's language where emojibase has it),
// grouped, with search and "recently used". This file and its data are lazy chunks: nothing of it is in the
// main chunk, and the data loads when the picker first opens.
//
// Keyboard: the search field has focus on open; ArrowDown moves into the grid, where the arrow keys, Home and
// End move (one tab stop for the whole grid), Enter picks; Escape closes (handled by the composer).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { T } from '../i18n';
import { base } from '../i18n';
import { Icon } from './Icon';
import { paths } from '../icons';

type Entry = [group: number, emoji: string, label: string, tags: string];
interface EmojiData { groups: string[]; list: Entry[] }

const sets: Record<string, () => Promise<{ default: EmojiData }>> = {
  en: () => import('virtual:parley-emoji/en'), de: () => import('virtual:parley-emoji/de'),
  es: () => import('virtual:parley-emoji/es'), fr: () => import('virtual:parley-emoji/fr'),
  it: () => import('virtual:parley-emoji/it'), pt: () => import('virtual:parley-emoji/pt'),
  nl: () => import('virtual:parley-emoji/nl'), pl: () => import('virtual:parley-emoji/pl'),
  sv: () => import('virtual:parley-emoji/sv'), uk: () => import('virtual:parley-emoji/uk'),
  ja: () => import('virtual:parley-emoji/ja'),
};
const cache: Record<string, Promise<EmojiData>> = {};
/** The emoji data in a locale's language (English where emojibase has none, e.g. tr, ar, he). */
export function loadEmoji(locale: string): Promise<EmojiData> {
  const b = sets[base(locale)] ? base(locale) : 'en';
  const p = cache[b] || (cache[b] = sets[b]().then((m) => m.default));
  p.catch(() => { delete cache[b]; });          // a failed load may be tried again
  return p;
}

const COLS = 8;
// The picker's own styles travel with it (the main stylesheet stays small); same variables as styles.css.
const CSS = `.emoji-q{display:flex;align-items:center;gap:var(--s2);margin:var(--s2);padding:0 var(--s2);border:1px solid var(--line);border-radius:var(--r2);color:var(--muted)}.emoji-q input{flex:1;min-width:0;border:0;background:transparent;padding:7px 0;outline:none;color:var(--fg)}.emoji-q:focus-within{box-shadow:0 0 0 2px var(--focus)}.emoji-tabs{display:flex;gap:2px;padding:0 var(--s2) var(--s1);border-bottom:1px solid var(--line);overflow-x:auto;flex:none}.emoji-tabs .ib{width:32px;height:32px;border-radius:8px;font-size:18px;flex:none}.emoji-grid{flex:1;overflow-y:auto;padding:0 var(--s2) var(--s2);overscroll-behavior:contain}.emoji-grid h3{position:sticky;top:0;margin:0;padding:6px 2px 4px;font-size:12px;font-weight:600;color:var(--muted);background:var(--card)}.emoji-grid h3::first-letter{text-transform:uppercase}.eg{display:grid;grid-template-columns:repeat(8,1fr)}.eg button{border:0;background:none;font-size:22px;line-height:1;height:38px;border-radius:8px;cursor:pointer;padding:0;font-family:"Apple Color Emoji","Segoe UI Emoji","Noto Color Emoji",var(--font)}.eg button:hover,.eg button:focus-visible{background:var(--bub)}.emoji-grid section{content-visibility:auto;contain-intrinsic-size:auto 300px}`;
function addStyles() {
  if (document.getElementById('emoji-css')) return;
  const el = document.createElement('style');
  el.id = 'emoji-css';
  el.textContent = CSS;
  document.head.append(el);
}
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

interface Section { id: string; name: string; items: Entry[] }

export function EmojiPicker({ t, locale, recent, onPick }: {
  t: T; locale: string; recent: string[]; onPick: (e: string) => void;
}) {
  const [data, setData] = useState<EmojiData | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [q, setQ] = useState('');
  const [pos, setPos] = useState(0);           // the grid's one tab stop (index in `flat`)
  const [moves, setMoves] = useState(0);       // bumped by each keyboard move: focus follows, even to the same pos
  const search = useRef<HTMLInputElement>(null);
  const grid = useRef<HTMLDivElement>(null);

  addStyles();
  useEffect(() => { search.current?.focus(); }, []);
  useEffect(() => {
    let live = true;
    setFailed(false);
    loadEmoji(locale).then((d) => live && setData(d), () => live && setFailed(true));
    return () => { live = false; };
  }, [locale, attempt]);

  const haystacks = useMemo(() => data?.list.map((e) => fold(`${e[2]} ${e[3]}`)) || [], [data]);
  const sections: Section[] = useMemo(() => {
    if (!data) return [];
    const words = fold(q).split(/\s+/).filter(Boolean);
    if (words.length) {
      const hits = data.list.filter((e, i) => words.every((w) => haystacks[i].includes(w) || e[1] === w));
      return [{ id: 'found', name: `${t('emojiSearch')}: ${q.trim()}`, items: hits }];
    }
    const byEmoji = new Map(data.list.map((e) => [e[1], e]));
    const out: Section[] = [];
    const rec = recent.map((e) => byEmoji.get(e)).filter(Boolean) as Entry[];
    if (rec.length) out.push({ id: 'recent', name: t('emojiRecent'), items: rec });
    data.groups.forEach((name, g) => out.push({ id: 'g' + g, name, items: data.list.filter((e) => e[0] === g) }));
    return out;
  }, [data, q, recent, haystacks]);
  const flat = useMemo(() => sections.flatMap((s) => s.items), [sections]);
  // Where each section starts in `flat`.
  const starts = useMemo(() => { let n = 0; return sections.map((s) => { const at = n; n += s.items.length; return at; }); }, [sections]);

  useEffect(() => { setPos(0); }, [q]);
  useEffect(() => {
    if (!moves) return;
    const b = grid.current?.querySelector<HTMLButtonElement>(`[data-i="${pos}"]`);
    b?.focus();
    b?.scrollIntoView({ block: 'nearest' });
  }, [moves]);

  const go = (i: number) => { setPos(Math.max(0, Math.min(flat.length - 1, i))); setMoves((n) => n + 1); };
  /** One row up or down, same column where the next row has one (sections are grids of their own). */
  const vertical = (dir: 1 | -1) => {
    const s = starts.findIndex((st, k) => pos >= st && pos < st + sections[k].items.length);
    if (s < 0) return;
    const i = pos - starts[s];
    const col = i % COLS;
    const len = sections[s].items.length;
    if (dir > 0 && i + COLS < len) return go(pos + COLS);
    if (dir > 0 && Math.floor(i / COLS) < Math.floor((len - 1) / COLS)) return go(starts[s] + len - 1);
    if (dir < 0 && i - COLS >= 0) return go(pos - COLS);
    const next = s + dir;
    if (next < 0) { search.current?.focus(); return; }
    if (next >= sections.length) return;
    const nlen = sections[next].items.length;
    const row = dir > 0 ? 0 : Math.floor((nlen - 1) / COLS);
    go(starts[next] + Math.min(row * COLS + col, nlen - 1));
  };
  const onGridKey = (e: KeyboardEvent) => {
    const k = e.key;
    const rtl = document.documentElement.dir === 'rtl';
    if (k === 'ArrowRight') go(pos + (rtl ? -1 : 1));
    else if (k === 'ArrowLeft') go(pos + (rtl ? 1 : -1));
    else if (k === 'ArrowDown') vertical(1);
    else if (k === 'ArrowUp') vertical(-1);
    else if (k === 'Home') go(0);
    else if (k === 'End') go(flat.length - 1);
    else return;
    e.preventDefault();
  };

  return (
    <div class="emoji" role="dialog" aria-label={t('emoji')}>
      <div class="emoji-q">
        <Icon d={paths.search} size={16} />
        <input ref={search} type="search" value={q} placeholder={t('emojiSearch')} aria-label={t('emojiSearch')}
          onInput={(e) => setQ((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && flat.length) { e.preventDefault(); go(0); }
            else if (e.key === 'Enter') { e.preventDefault(); if (q && flat[0]) onPick(flat[0][1]); }
          }} />
      </div>
      {!q && data && (
        <div class="emoji-tabs">
          {sections.map((s, k) => (
            <button key={s.id} type="button" class="ib" aria-label={s.name} title={s.name}
              onClick={() => { grid.current?.querySelector(`#emo-${s.id}`)?.scrollIntoView({ block: 'start' }); go(starts[k]); }}>
              {s.items[0]?.[1]}
            </button>
          ))}
        </div>
      )}
      <div class="emoji-grid" ref={grid} onKeyDown={onGridKey}>
        {failed ? (
          <div class="emoji-msg" role="alert">
            {t('emojiFailed')} <button type="button" class="link" onClick={() => setAttempt(attempt + 1)}>{t('tryAgain')}</button>
          </div>
        ) : !data ? (
          <div class="emoji-msg" role="status">{t('emojiLoading')}</div>
        ) : !flat.length ? (
          <div class="emoji-msg" role="status">{t('emojiNone')}</div>
        ) : sections.map((s, k) => (
          <section key={s.id} aria-labelledby={`emo-${s.id}`}>
            <h3 id={`emo-${s.id}`}>{s.name}</h3>
            <div class="eg">
              {s.items.map((e, j) => {
                const i = starts[k] + j;
                return (
                  <button key={e[1]} type="button" data-i={i} tabIndex={i === pos ? 0 : -1} aria-label={e[2]} title={e[2]}
                    onClick={() => onPick(e[1])} onFocus={() => { if (pos !== i) setPos(i); }}>{e[1]}</button>
                );
              })}
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}
