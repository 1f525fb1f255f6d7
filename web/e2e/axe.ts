// axe-core 4 in a real page: the accessibility check every browser test of a screen can end with.
//
//   import { expectNoAxeViolations, axeViolations } from './axe';
//   await expectNoAxeViolations(page, 'inbox with a conversation');            // whole page
//   await expectNoAxeViolations(frame, 'widget, open', { include: '#chat' });   // a Frame works too
//   const found = await axeViolations(page, { impacts: ['critical', 'serious', 'moderate'] });
//
// It injects node_modules/axe-core/axe.min.js into the page (page.addScriptTag; evaluated through the
// DevTools protocol instead when a CSP refuses inline scripts), lets finite animations end (at most 2 s)
// and runs axe.run on the document (or on
// `include`). Rules: WCAG 2.0/2.1 A and AA plus axe's best practices, and label-content-name-mismatch
// (an aria-label must contain the visible text), which axe leaves off by default. By default only
// critical and serious violations count; the error lists each with its nodes and axe's help URL.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

export type AxeImpact = 'critical' | 'serious' | 'moderate' | 'minor';

export interface AxeNode {
  target: string[];
  html: string;
  failureSummary?: string;
}

export interface AxeViolation {
  id: string;
  impact: AxeImpact | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

export interface AxeOptions {
  /** A CSS selector to check instead of the whole document. */
  include?: string;
  /** CSS selectors left out (e.g. a third-party embed you do not own). */
  exclude?: string[];
  /** axe rule ids to switch off, each for a reason you can name. */
  disableRules?: string[];
  /** Which impacts count (default: critical and serious). */
  impacts?: AxeImpact[];
}

const require = createRequire(import.meta.url);
let source: string | null = null;
function axeSource(): string {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return source;
}

async function inject(target: Page | Frame): Promise<void> {
  if (await target.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined')) return;
  try {
    await target.addScriptTag({ content: axeSource() });
  } catch {
    // A page whose CSP forbids inline scripts: evaluate the same source through the DevTools protocol.
    await target.evaluate(axeSource());
  }
  if (!(await target.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined'))) {
    throw new Error('axe-core could not be injected into the page');
  }
}

/** Lets finite CSS animations and transitions end (at most 2 s): mid-fade colours fail colour-contrast. */
async function settle(target: Page | Frame): Promise<void> {
  await target.evaluate(() => Promise.race([
    Promise.all(document.getAnimations()
      .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
      .map((a) => a.finished.catch(() => undefined))),
    new Promise((ok) => setTimeout(ok, 2000)),
  ]));
}

/** Runs axe and returns the violations of the chosen impacts (critical and serious by default). */
export async function axeViolations(target: Page | Frame, opts: AxeOptions = {}): Promise<AxeViolation[]> {
  await inject(target);
  await settle(target);
  const impacts = opts.impacts ?? ['critical', 'serious'];
  const rules: Record<string, { enabled: boolean }> = { 'label-content-name-mismatch': { enabled: true } };
  for (const id of opts.disableRules ?? []) rules[id] = { enabled: false };
  const context = opts.include || opts.exclude?.length
    ? { include: opts.include ? [[opts.include]] : [['html']], exclude: (opts.exclude ?? []).map((s) => [s]) }
    : null;
  const violations = await target.evaluate(async ({ context, rules }) => {
    const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(context ?? document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice', 'experimental'] },
      rules,
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html.slice(0, 300), failureSummary: n.failureSummary })),
    }));
  }, { context, rules });
  return violations.filter((v) => v.impact !== null && impacts.includes(v.impact));
}

/** A readable report: one block per rule, its nodes underneath. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations.map((v) => [
    `${v.impact}: ${v.id} — ${v.help} (${v.helpUrl})`,
    ...v.nodes.slice(0, 8).map((n) => `    ${n.target.join(' ')}\n      ${n.html}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`),
    v.nodes.length > 8 ? `    … and ${v.nodes.length - 8} more` : '',
  ].filter(Boolean).join('\n')).join('\n');
}

/** Throws (failing the test) when axe finds violations of the chosen impacts; `label` names the screen. */
export async function expectNoAxeViolations(target: Page | Frame, label: string, opts: AxeOptions = {}): Promise<void> {
  const found = await axeViolations(target, opts);
  if (found.length) throw new Error(`axe: ${found.length} violation(s) on "${label}":\n${formatViolations(found)}`);
}
