#!/usr/bin/env node
// A visitor from Node: opens a session on a workspace, asks a question, and prints the first answer from an agent
// (or a bot) as JSON, then exits. Exits 1 when no answer comes within PARLEY_WAIT_MS (default 20 s).
//   PARLEY_URL=https://chat.example.com PARLEY_WORKSPACE=<public id> node visitor.mjs "What are your opening hours?"
import WebSocket from 'ws';
import { createVisitorClient } from '@parley/sdk';

const question = process.argv[2] || 'Hello!';
const chat = createVisitorClient({
  server: process.env.PARLEY_URL || 'http://127.0.0.1:8080',
  workspace: process.env.PARLEY_WORKSPACE,
  WebSocket,
});

const timer = setTimeout(() => { console.error('no answer'); chat.close(); process.exit(1); },
  Number(process.env.PARLEY_WAIT_MS || 20000));

chat.on('message', (m) => {
  if (m.sender_type === 'visitor') return;
  console.log(JSON.stringify({ conversation: m.conversation_id, answer: m.body, from: m.sender_type }));
  clearTimeout(timer);
  chat.close();
});
chat.on('error', (e) => console.error('refused:', e.code, e.message));

await chat.start();
// Sent through the outbox: it goes out once the socket is live, and again (same client_id) after a reconnect.
chat.send(question);
