// The socket.io peer of scripts/bench: the same visitor -> agents flow as Parley with rooms, no persistence.
// A visitor's message.send is acknowledged (socket.io ack), then emitted to the "agents" room and to the
// visitor's own room; an agent's message.send goes to the agents and to the conversation's visitor.
// Frames carry a message and a conversation object shaped like Parley's, so both servers move similar bytes.
//   node socketio-relay.js PORT
"use strict";
const healthServer = require("./health");
const { Server } = require("socket.io");

const port = Number(process.argv[2] || 3001);
const server = healthServer();
const io = new Server(server, {
  transports: ["websocket"],
  serveClient: false,
  perMessageDeflate: false,
  maxHttpBufferSize: 64 * 1024,
});

let nextMessageId = 0;
const seqs = new Map(); // conversation id -> last seq

function created(conversationId, senderType, senderId, m) {
  const now = Date.now();
  const seq = (seqs.get(conversationId) || 0) + 1;
  seqs.set(conversationId, seq);
  const message = {
    id: ++nextMessageId, conversation_id: conversationId, seq, sender_type: senderType, sender_id: senderId,
    sender: null, body: m.body, private: false, client_id: m.client_id, attachments: [], created_at: now,
  };
  const conversation = {
    id: conversationId, contact_id: conversationId, status: "open", priority: "none", assignee_id: null,
    team_id: null, tags: [], last_seq: seq, created_at: now, updated_at: now, first_reply_at: null,
    resolved_at: null, waiting_since: now, snoozed_until: null, visitor_last_read_seq: 0, agent_last_read_seq: 0,
    last_message: { body: m.body, sender_type: senderType, created_at: now },
    contact: { id: conversationId, name: null, email: null, country: null },
  };
  return { message, conversation };
}

io.on("connection", (socket) => {
  const auth = socket.handshake.auth || {};
  const id = Number(auth.id) || 0;
  if (auth.role === "agent") {
    socket.join("agents");
    socket.on("message.send", (m, ack) => {
      if (!m || typeof m.body !== "string" || typeof m.client_id !== "string" || !m.conversation_id) {
        if (typeof ack === "function") ack({ type: "error", code: "invalid" });
        return;
      }
      const ev = created(m.conversation_id, "agent", id, m);
      if (typeof ack === "function")
        ack({ type: "message.ack", client_id: m.client_id, id: ev.message.id, seq: ev.message.seq,
              conversation_id: m.conversation_id, created_at: ev.message.created_at, duplicate: false });
      io.to("agents").emit("message.created", { type: "message.created", offset: ev.message.id, ...ev });
      io.to("v:" + m.conversation_id).emit("message.created", { type: "message.created", ...ev });
    });
    return;
  }
  socket.join("v:" + id);
  socket.on("message.send", (m, ack) => {
    if (!m || typeof m.body !== "string" || typeof m.client_id !== "string") {
      if (typeof ack === "function") ack({ type: "error", code: "invalid" });
      return;
    }
    const ev = created(id, "visitor", id, m);
    if (typeof ack === "function")
      ack({ type: "message.ack", client_id: m.client_id, id: ev.message.id, seq: ev.message.seq,
            conversation_id: id, created_at: ev.message.created_at, duplicate: false });
    io.to("agents").emit("message.created", { type: "message.created", offset: ev.message.id, ...ev });
    io.to("v:" + id).emit("message.created", { type: "message.created", ...ev });
  });
});

server.listen(port, "127.0.0.1", () => console.log(`socket.io relay on ${port}`));
process.on("SIGTERM", () => process.exit(0));
