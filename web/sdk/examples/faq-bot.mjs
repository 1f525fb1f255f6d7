#!/usr/bin/env node
// A tiny FAQ bot: answers visitors as an agent of the workspace. Every visitor message is matched against a few
// keywords; a match gets the canned answer, anything else a "someone will get back to you" once per conversation.
//   PARLEY_URL=https://chat.example.com PARLEY_TOKEN=pa_... node faq-bot.mjs
// The token is an agent session token (POST /api/v1/auth/login). Node 20 has no global WebSocket: `ws` is passed.
// With PARLEY_POSITION_FILE the bot keeps its place in the event stream across restarts (resume by offset), so a
// question asked while it was down is still answered.
import { readFileSync, writeFileSync } from 'node:fs';
import WebSocket from 'ws';
import { createAgentClient } from '@parley/sdk';

const FAQ = [
  { words: ['hours', 'open'], answer: 'We are open Monday to Friday, 9:00 to 17:00.' },
  { words: ['price', 'cost', 'pricing'], answer: 'Plans start at 10 EUR a month; see /pricing.' },
  { words: ['refund', 'return'], answer: 'You can return anything within 30 days for a full refund.' },
];
const FALLBACK = 'Thanks! A person from our team will answer you here soon.';

const server = process.env.PARLEY_URL || 'http://127.0.0.1:8080';
const positionFile = process.env.PARLEY_POSITION_FILE;
let resume;
try { resume = positionFile ? JSON.parse(readFileSync(positionFile, 'utf8')) : undefined; } catch { /* first run */ }

const agent = createAgentClient({ server, token: process.env.PARLEY_TOKEN, WebSocket, resume });
const fellBack = new Set();

agent.on('message', async (m) => {
  if (m.sender_type !== 'visitor' || m.private) return;
  const text = m.body.toLowerCase();
  const hit = FAQ.find((f) => f.words.some((w) => text.includes(w)));
  if (!hit && fellBack.has(m.conversation_id)) return;
  if (!hit) fellBack.add(m.conversation_id);
  try {
    // The client_id ties the answer to the question: if this runs twice for one message, it is stored once.
    await agent.send(m.conversation_id, hit ? hit.answer : FALLBACK, { client_id: `faq-${m.id}` });
    console.log(JSON.stringify({ answered: m.id, conversation: m.conversation_id, faq: !!hit }));
  } catch (e) {
    console.error('cannot answer', m.id, e.message);
  }
});
agent.on('connection', (w) => {
  if (w) console.log(JSON.stringify({ live: true, workspace: w.workspace.name }));
  if (positionFile && agent.position()) writeFileSync(positionFile, JSON.stringify(agent.position()));
});
process.on('SIGTERM', () => {
  if (positionFile && agent.position()) writeFileSync(positionFile, JSON.stringify(agent.position()));
  agent.close();
  process.exit(0);
});
agent.connect();
