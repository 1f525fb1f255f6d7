import { describe, expect, it } from 'vitest';
import { CANNED_VARIABLES, fillVariables, variablesIn, type CannedContext } from './cannedVariables';

const ctx = (name: string | null, email: string | null = null): CannedContext => ({
  contact: { name, email },
  agent: { name: 'Sam Rivera' },
  workspace: { name: 'Acme Shop' },
});

describe('fillVariables', () => {
  it('fills every variable it knows', () => {
    const r = fillVariables('Hi {{contact.first_name}} ({{contact.name}}, {{contact.email}}), {{agent.first_name}} of {{workspace.name}} here. {{agent.name}}',
      ctx('Ada Lovelace', 'ada@example.com'));
    expect(r.text).toBe('Hi Ada (Ada Lovelace, ada@example.com), Sam of Acme Shop here. Sam Rivera');
    expect(r.missing).toEqual([]);
    expect(r.unknown).toEqual([]);
  });

  it('uses the fallback when the value is unknown, and only then', () => {
    expect(fillVariables('Hi {{contact.name | there}}!', ctx(null)).text).toBe('Hi there!');
    expect(fillVariables('Hi {{ contact.name|there }}!', ctx('  ')).text).toBe('Hi there!');
    expect(fillVariables('Hi {{contact.name | there}}!', ctx('Bo')).text).toBe('Hi Bo!');
    expect(fillVariables('Hi{{contact.name |}}!', ctx(null)).text).toBe('Hi!');
  });

  it('leaves a known variable without value or fallback in place and names it', () => {
    const r = fillVariables('Mail {{contact.email}} and {{contact.email}}', ctx('Bo'));
    expect(r.text).toBe('Mail {{contact.email}} and {{contact.email}}');
    expect(r.missing).toEqual(['contact.email']);
  });

  it('leaves unknown names and broken braces as written', () => {
    const r = fillVariables('{{contact.nmae}} {{contact.name} {contact.name}} {{ }} {{a.b.c}}', ctx('Bo'));
    expect(r.text).toBe('{{contact.nmae}} {{contact.name} {contact.name}} {{ }} {{a.b.c}}');
    expect(r.unknown).toEqual(['contact.nmae']);
  });

  it('does not read a fallback across another variable', () => {
    expect(fillVariables('{{contact.name | a {{agent.name}}', ctx(null)).text).toBe('{{contact.name | a Sam Rivera');
  });

  it('keeps text that is not a variable exactly, including $ patterns', () => {
    expect(fillVariables("Costs $& and $1 {{workspace.name}}", ctx(null)).text).toBe('Costs $& and $1 Acme Shop');
  });

  it('does not take an unclosed variable for one', () => {
    const body = '{{contact.name |' + 'x'.repeat(10_000);
    expect(fillVariables(body, ctx(null)).text).toBe(body);
    expect(fillVariables(`{{contact.name |${'y'.repeat(201)}}}`, ctx(null)).missing).toEqual([]);
  });
});

describe('variablesIn', () => {
  it('lists each variable once, in order', () => {
    expect(variablesIn('{{agent.name}} {{contact.name|x}} {{agent.name}}')).toEqual(['agent.name', 'contact.name']);
  });
  it('knows every documented variable', () => {
    const all = CANNED_VARIABLES.map((v) => `{{${v.name}}}`).join(' ');
    expect(fillVariables(all, ctx('A B', 'a@b.c')).unknown).toEqual([]);
  });
});
