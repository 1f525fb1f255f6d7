// The hand-written protocol types against the documents: each REST type's properties (with required and nullable)
// and enums against docs/openapi.json, the frame types against the tables of docs/protocol.md. The compiler holds
// the lists in schema.ts to the TS types, so together a type cannot drift from the server's document.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_FRAME_TYPES, ENUMS, SCHEMAS, SERVER_FRAME_TYPES, WEBHOOK_EVENT_TYPES } from './schema';

const docs = new URL('../../docs/', `file://${__dirname}/`);
const openapi = JSON.parse(readFileSync(new URL('openapi.json', docs), 'utf8'));
const protocol = readFileSync(new URL('protocol.md', docs), 'utf8');

type Json = Record<string, any>;
const schemas: Record<string, Json> = openapi.components.schemas;
const deref = (s: Json): Json => (s.$ref ? schemas[s.$ref.split('/').pop()] : s);

/** A schema's properties as schema.ts writes them: allOf parts merged. */
function shapeOf(name: string): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (s: Json) => {
    s = deref(s);
    for (const part of s.allOf ?? []) add(part);
    for (const [k, p] of Object.entries<Json>(s.properties ?? {})) {
      const required = (s.required ?? []).includes(k);
      out[k] = p.nullable ? (required ? 'nullable' : 'optional nullable') : required ? 'required' : 'optional';
    }
  };
  add(schemas[name]);
  return out;
}

/** Schemas of the document that no client type stands for (requests the apps build inline, the error shape
 *  of protocol.ts, unions written as TS aliases; Attachment is what a client may send, only `url` required,
 *  while the server always answers with all four, as Upload). A new schema must join SCHEMAS or this list. */
const UNTYPED = ['Attachment', 'Error', 'AttributeValue', 'SenderType', 'NewAgent', 'AgentPatch', 'ConversationPatch', 'NewMessage',
  'ProactiveMessage', 'ReadRequest', 'WorkspacePatch', 'NewTeam', 'TeamPatch', 'NewCannedReply', 'CannedReplyPatch',
  'ContactMergeRequest', 'PasswordChange', 'PasswordReset', 'PreferencesPatch', 'NewApiToken',
  'WebhookEventType', 'WebhookCreate', 'WebhookPatch', 'NewBlock',
  // The reports and retention screens' own types (dashboard/src/lib/reports.ts, DataPrivacy.tsx).
  'RetentionSettings', 'ReportPeriod', 'ReportNumbers', 'ReportOverview', 'ReportTable', 'ReportCsatComments',
  'ReportLive',
  // parley mail-in reads it (server/src/outbound/mail_in_client.cpp); no web client calls the route.
  'InboundEmailOutcome'];

describe('REST types against docs/openapi.json', () => {
  const ours = (name: string): Record<string, string> => {
    const own = SCHEMAS[name as keyof typeof SCHEMAS] as Record<string, string>;
    return name === 'OnlineVisitor' || name === 'ContactListItem' ? { ...SCHEMAS.Contact, ...own } : own;
  };

  for (const name of Object.keys(SCHEMAS)) {
    it(`${name}: the same properties, required and nullable alike`, () => {
      expect(schemas[name], `${name} is not in openapi.json`).toBeDefined();
      expect(ours(name)).toEqual(shapeOf(name));
    });
  }

  it('every schema of the document is typed here or named as untyped', () => {
    const left = Object.keys(schemas).filter((n) => !(n in SCHEMAS) && !UNTYPED.includes(n));
    expect(left).toEqual([]);
    expect(UNTYPED.filter((n) => !(n in schemas))).toEqual([]);
  });

  it('the enums have the same values', () => {
    for (const [at, values] of Object.entries(ENUMS)) {
      const [schema, prop] = at.split('.');
      const p = deref(deref(schemas[schema]).properties[prop]);
      expect(Object.keys(values).sort(), at).toEqual([...p.enum].sort());
    }
  });

  it('the webhook event types are the document\'s', () => {
    expect(Object.keys(WEBHOOK_EVENT_TYPES).sort()).toEqual([...schemas.WebhookEventType.enum].sort());
  });

  it('the AttributeValue union is text, number or boolean', () => {
    expect(schemas.AttributeValue.oneOf.map((s: Json) => s.type).sort()).toEqual(['boolean', 'number', 'string']);
  });
});

describe('frame types against docs/protocol.md', () => {
  /** The backticked first cells of the table under a heading. */
  function typesUnder(heading: string): string[] {
    const start = protocol.indexOf(`### ${heading}`);
    expect(start, heading).toBeGreaterThan(-1);
    const next = protocol.indexOf('\n##', start + 4);
    const section = protocol.slice(start, next < 0 ? undefined : next);
    return [...section.matchAll(/^\| `([\w.]+)` \|/gm)].map((m) => m[1]);
  }

  it('client -> server', () => {
    expect(Object.keys(CLIENT_FRAME_TYPES).sort()).toEqual(typesUnder('Client -> server').sort());
  });

  it('server -> client', () => {
    expect(Object.keys(SERVER_FRAME_TYPES).sort()).toEqual(typesUnder('Server -> client').sort());
  });
});
