// Variables in canned replies: `{{contact.name}}`, or with a fallback for when the value is unknown:
// `{{contact.first_name | there}}`. Filled in the composer when a reply is picked, so the agent reads
// (and can still edit) the exact text before sending; the server stores what is sent, never a template.

/** The values a reply can use: what the dashboard knows about the conversation, the agent and the workspace. */
export interface CannedContext {
  contact: { name: string | null; email: string | null };
  agent: { name: string };
  workspace: { name: string };
}

/** Every variable, with what it is (the settings page lists these). */
export const CANNED_VARIABLES: { name: string; label: string }[] = [
  { name: 'contact.name', label: "the visitor's name" },
  { name: 'contact.first_name', label: "the first word of the visitor's name" },
  { name: 'contact.email', label: "the visitor's email" },
  { name: 'agent.name', label: 'your name' },
  { name: 'agent.first_name', label: 'the first word of your name' },
  { name: 'workspace.name', label: 'the workspace name' },
];

const KNOWN = new Set(CANNED_VARIABLES.map((v) => v.name));

// `{{`, a dotted name, optionally `|` and a fallback without braces, `}}`. At most 200 characters of
// fallback, so a stray `{{` in a long reply cannot make the scan quadratic.
const PATTERN = /\{\{\s*([a-z_]+\.[a-z_]+)\s*(?:\|([^{}]{0,200}))?\}\}/g;

function firstWord(s: string | null | undefined): string | null {
  const w = (s ?? '').trim().split(/\s+/)[0];
  return w || null;
}

function valueOf(name: string, ctx: CannedContext): string | null {
  switch (name) {
    case 'contact.name': return ctx.contact.name?.trim() || null;
    case 'contact.first_name': return firstWord(ctx.contact.name);
    case 'contact.email': return ctx.contact.email?.trim() || null;
    case 'agent.name': return ctx.agent.name.trim() || null;
    case 'agent.first_name': return firstWord(ctx.agent.name);
    case 'workspace.name': return ctx.workspace.name.trim() || null;
    default: return null;
  }
}

export interface FilledReply {
  text: string;
  /** Known variables with no value and no fallback: left in the text for the agent to replace. */
  missing: string[];
  /** Names that are not variables (a typo such as `{{contact.nmae}}`): left as written. */
  unknown: string[];
}

/** Fills the variables of `body`. Text outside `{{ }}` is kept exactly. */
export function fillVariables(body: string, ctx: CannedContext): FilledReply {
  const missing: string[] = [];
  const unknown: string[] = [];
  const text = body.replace(PATTERN, (whole, name: string, fallback: string | undefined) => {
    if (!KNOWN.has(name)) {
      if (!unknown.includes(name)) unknown.push(name);
      return whole;
    }
    const v = valueOf(name, ctx);
    if (v !== null) return v;
    if (fallback !== undefined) return fallback.trim();
    if (!missing.includes(name)) missing.push(name);
    return whole;
  });
  return { text, missing, unknown };
}

/** The variables a reply's text uses, for the settings page's check of what it will need. */
export function variablesIn(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(PATTERN)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

/** Sample values for the settings page's preview. */
export const SAMPLE_CONTEXT: CannedContext = {
  contact: { name: 'Ada Lovelace', email: 'ada@example.com' },
  agent: { name: 'Sam Agent' },
  workspace: { name: 'Your workspace' },
};
