// The practical floor of scripts/bench: a bare `ws` relay, no persistence, no envelope.
// A visitor's frame is forwarded as it is to every agent and echoed to the visitor (the echo is its ack);
// an agent's frame is parsed only for its conversation_id and forwarded to the agents and that visitor.
//   node ws-relay.js PORT
"use strict";
const healthServer = require("./health");
const { WebSocketServer } = require("ws");

const port = Number(process.argv[2] || 3002);
const server = healthServer();
const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 64 * 1024 });
const agents = new Set();
const visitors = new Map(); // visitor id -> socket

wss.on("connection", (ws, req) => {
  const q = new URL(req.url, "http://x").searchParams;
  const id = Number(q.get("id")) || 0;
  if (q.get("role") === "agent") {
    agents.add(ws);
    ws.on("close", () => agents.delete(ws));
    ws.on("message", (data) => {
      let m;
      try { m = JSON.parse(data); } catch { return; }
      for (const a of agents) a.send(data, { binary: false });
      const v = visitors.get(m.conversation_id);
      if (v) v.send(data, { binary: false });
    });
    return;
  }
  visitors.set(id, ws);
  ws.on("close", () => { if (visitors.get(id) === ws) visitors.delete(id); });
  ws.on("message", (data) => {
    for (const a of agents) a.send(data, { binary: false });
    ws.send(data, { binary: false });
  });
});

server.listen(port, "127.0.0.1", () => console.log(`ws relay on ${port}`));
process.on("SIGTERM", () => process.exit(0));
