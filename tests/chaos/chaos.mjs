// Chaos tests of a Parley cluster (issue 12, item 8): three `parley serve` nodes on one PostgreSQL and
// one Redis, nginx in front (round robin, no sticky sessions), real WebSocket clients that behave like
// the widget and the dashboard (reconnect, resume, resend unacknowledged messages with the same
// client_id). Run by tests/chaos/run.sh, which starts the throwaway PostgreSQL and Redis
// (scripts/lib.sh) and passes them in:
//   PARLEY_TEST_PG     postgresql://postgres@127.0.0.1:PORT/postgres   (this program makes its own database)
//   CHAOS_PG_DIR       the cluster's directory (data/, server.log), to stop and start it
//   PARLEY_TEST_REDIS  redis://127.0.0.1:PORT
//   CHAOS_REDIS_DIR    redis-server's --dir (redis.pid, redis.log), to kill and restart it on the same port
// Scenarios: (a) cross-node delivery, (b) kill -9 of a node under load, (c) kill -9 of Redis and a
// restart, (d) PostgreSQL stopped and started. Prints the figures of each and exits 1 on a failed check.
import { createRequire } from 'node:module';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WebSocket = createRequire(path.join(ROOT, 'web/package.json'))('ws');

// Agents that stay connected through a Redis outage get the events other nodes published meanwhile
// (gap repair: the node sends resume.needed, the client resumes from its cursor). A failing check since
// the repair is in; CHAOS_REQUIRE_GAP_REPAIR=0 turns it back into a "PENDING gap repair" line with the
// figures (for a server without the repair).
const REQUIRE_GAP_REPAIR = process.env.CHAOS_REQUIRE_GAP_REPAIR !== '0';

const PARLEY = process.env.PARLEY_BINARY || path.join(ROOT, 'build/parley');
const PG_URL = new URL(need('PARLEY_TEST_PG'));
const PG_PORT = PG_URL.port;
const PG_DIR = need('CHAOS_PG_DIR');
const REDIS_URL = need('PARLEY_TEST_REDIS');
const REDIS_PORT = new URL(REDIS_URL).port;
const REDIS_DIR = need('CHAOS_REDIS_DIR');
const IS_ROOT = process.getuid() === 0;
const PASSWORD = 'chaos-password-1';
const T0 = Date.now();

function need(name) {
  const v = process.env[name];
  if (!v) { console.error(`${name} is not set: run tests/chaos/run.sh`); process.exit(2); }
  return v;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const stamp = () => `[${((Date.now() - T0) / 1000).toFixed(1).padStart(5)} s]`;
const say = (...a) => console.log(stamp(), ...a);

// ---- checks ----
const results = [];  // {scenario, name, ok, detail, pending}
function check(scenario, name, ok, detail = '', { pending = false } = {}) {
  results.push({ scenario, name, ok, detail, pending });
  const word = ok ? 'ok     ' : pending ? 'PENDING' : 'FAILED ';
  console.log(`${stamp()}   ${word} (${scenario}) ${name}${detail ? ': ' + detail : ''}`);
}

// ---- processes ----
const children = new Set();
function cleanup() {
  // nginx's master ends its workers on SIGTERM; the nodes have nothing to finish.
  for (const c of children) { try { c.kill(c.spawnargs[0] === 'nginx' ? 'SIGTERM' : 'SIGKILL'); } catch {} }
  children.clear();
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { cleanup(); process.exit(130); });

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}
const asPg = (cmd, args) => (IS_ROOT ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
function run(cmd, args, opts = {}) { return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts }); }
function psql(db, sql) {
  return run('psql', ['-h', '127.0.0.1', '-p', PG_PORT, '-U', 'postgres', '-d', db, '-v', 'ON_ERROR_STOP=1', '-F', '\t', '-tAc', sql]);
}

async function waitHttp(url, ms = 15000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try { const r = await fetch(url, { signal: AbortSignal.timeout(1000) }); if (r.ok) return; } catch {}
    await sleep(100);
  }
  throw new Error(`${url} did not answer`);
}

class Cluster {
  constructor() {
    this.dir = fs.mkdtempSync('/tmp/parley-chaos-');
    this.db = `chaos_${process.pid}`;
    this.store = `postgresql://postgres@127.0.0.1:${PG_PORT}/${this.db}`;
    this.nodes = [];
  }
  async setup(nodeCount) {
    run('createdb', ['-h', '127.0.0.1', '-p', PG_PORT, '-U', 'postgres', this.db]);
    run(PARLEY, ['migrate', '--store', this.store]);
    for (const [email, role] of [['admin@chaos.test', 'admin'], ['agent1@chaos.test', 'agent'], ['agent2@chaos.test', 'agent']])
      run(PARLEY, ['agent', 'add', '--store', this.store, '--email', email, '--name', email.split('@')[0], '--role', role,
        '--capacity', '1000', '--password', PASSWORD]);
    fs.mkdirSync(path.join(this.dir, 'shared'));
    for (let i = 0; i < nodeCount; i++) this.nodes.push({ i, port: await freePort(), proc: null, log: path.join(this.dir, `node-${i + 1}.log`) });
    await Promise.all(this.nodes.map((n) => this.startNode(n)));
    await this.startNginx();
  }
  async startNode(n) {
    const out = fs.openSync(n.log, 'a');
    n.proc = spawn(PARLEY, ['serve', '--host', '127.0.0.1', '--port', String(n.port), '--store', this.store, '--bus', REDIS_URL,
      '--data', path.join(this.dir, 'shared'), '--trusted-proxy', '127.0.0.1', '--threads', '2'],
    { stdio: ['ignore', out, out], cwd: ROOT });
    fs.closeSync(out);
    children.add(n.proc);
    n.proc.on('exit', () => children.delete(n.proc));
    await waitHttp(`http://127.0.0.1:${n.port}/healthz`);
  }
  killNode(n) {
    n.proc.kill('SIGKILL');
  }
  alive(n) { return n.proc && n.proc.exitCode === null && n.proc.signalCode === null; }
  async startNginx() {
    this.port = await freePort();
    const d = this.dir;
    fs.mkdirSync(path.join(d, 'nginx-tmp'));
    if (IS_ROOT) run('chown', ['nobody', path.join(d, 'nginx-tmp')]);
    // The same proxying as scripts/cluster's nginx.conf.
    fs.writeFileSync(path.join(d, 'nginx.conf'), `
worker_processes 1;
error_log ${d}/nginx-error.log warn;
events { worker_connections 2048; }
http {
  access_log off;
  client_body_temp_path ${d}/nginx-tmp/body;
  proxy_temp_path ${d}/nginx-tmp/proxy;
  fastcgi_temp_path ${d}/nginx-tmp/fastcgi;
  uwsgi_temp_path ${d}/nginx-tmp/uwsgi;
  scgi_temp_path ${d}/nginx-tmp/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
  upstream parley {
${this.nodes.map((n) => `    server 127.0.0.1:${n.port} max_fails=1 fail_timeout=3s;`).join('\n')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${this.port};
    client_max_body_size 12m;
    location / {
      proxy_pass http://parley;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      proxy_buffering off;
      proxy_request_buffering off;
      proxy_connect_timeout 2s;
    }
  }
}
`);
    this.nginx = spawn('nginx', ['-p', d, '-e', `${d}/nginx-error.log`, '-c', `${d}/nginx.conf`, '-g', `daemon off; pid ${d}/nginx.pid;`],
      { stdio: ['ignore', 'inherit', 'inherit'] });
    children.add(this.nginx);
    await waitHttp(`http://127.0.0.1:${this.port}/healthz`);
    this.base = `http://127.0.0.1:${this.port}`;
    this.wsUrl = `ws://127.0.0.1:${this.port}/ws`;
  }
  nodeWs(n) { return `ws://127.0.0.1:${n.port}/ws`; }
  // Redis: kill -9 (the pid of its pidfile, which this run's redis-server wrote) and a restart with
  // start_test_redis's options on the same port.
  killRedis() {
    const pidFile = path.join(REDIS_DIR, 'redis.pid');
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    process.kill(pid, 'SIGKILL');
    fs.rmSync(pidFile, { force: true });
    return pid;
  }
  async startRedis() {
    run('redis-server', ['--port', REDIS_PORT, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', REDIS_DIR,
      '--daemonize', 'yes', '--pidfile', path.join(REDIS_DIR, 'redis.pid'), '--logfile', path.join(REDIS_DIR, 'redis.log')]);
    for (let i = 0; i < 100; i++) {
      try { if (run('redis-cli', ['-h', '127.0.0.1', '-p', REDIS_PORT, 'ping']).includes('PONG')) return; } catch {}
      await sleep(50);
    }
    throw new Error('redis-server did not come back');
  }
  stopPostgres() { const [c, a] = asPg('/usr/lib/postgresql/15/bin/pg_ctl', ['-D', `${PG_DIR}/data`, '-m', 'fast', '-w', 'stop']); run(c, a); }
  startPostgres() {
    // start_test_postgres's options (scripts/lib.sh).
    const [c, a] = asPg('/usr/lib/postgresql/15/bin/pg_ctl', ['-D', `${PG_DIR}/data`, '-l', `${PG_DIR}/server.log`, '-w', '-t', '60', 'start',
      '-o', `-c listen_addresses=127.0.0.1 -p ${PG_PORT} -k ${PG_DIR} -c fsync=off`]);
    run(c, a);
  }
  async rest(method, p, { token, body, xff } = {}) {
    const headers = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (xff) headers['x-forwarded-for'] = xff;
    const t = Date.now();
    const r = await fetch(this.base + p, { method, headers, body: body ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(15000) });
    const text = await r.text();
    let json = null;
    try { json = JSON.parse(text); } catch {}
    return { status: r.status, json, ms: Date.now() - t, retryAfter: r.headers.get('retry-after') };
  }
}

// ---- clients: a visitor like the widget, an agent like the dashboard ----
let ipCounter = 0;
const nextIp = () => { ipCounter++; return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`; };

class Peer {
  constructor({ name, kind, token, url, xff }) {
    Object.assign(this, { name, kind, token, url, xff });
    this.ws = null; this.ready = false; this.stopped = false; this.everReady = false;
    this.connects = 0; this.drops = 0; this.resumes = 0; this.resets = 0; this.n = 0;
    this.outbox = new Map();   // client_id -> entry, in send order: not acknowledged yet
    this.sent = new Map();     // client_id -> {body, conversation_id, attempts}
    this.acked = new Map();    // client_id -> ack frame (+ at)
    this.inflight = new Map(); // client_id -> when this transmission went out
    this.responseMs = []; this.errors = []; this.hung = 0; this.helloErrors = 0;
    // Cursors are "everything up to" (docs/protocol.md, Resume): frames of other nodes may come after newer ones.
    this.conv = null; this.maxSeq = 0; this.seqSeen = new Map(); this.seqCursor = 0;
    this.startOffset = null; this.maxOffset = null; this.offsets = new Map(); this.offsetCursor = null;
    this.resumeNeeded = 0;
    this.frames = []; this.waiters = [];
  }
  open() { return new Promise((resolve) => { this.onReady = resolve; this.connect(); }); }
  connect() {
    if (this.stopped) return;
    const ws = new WebSocket(typeof this.url === 'function' ? this.url() : this.url,
      { headers: this.xff ? { 'X-Forwarded-For': this.xff } : {}, handshakeTimeout: 5000 });
    this.ws = ws; this.ready = false; this.connects++;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', token: this.token })));
    ws.on('message', (data) => this.frame(JSON.parse(data.toString())));
    ws.on('error', () => {});
    ws.on('close', () => {
      if (this.ws !== ws) return;
      if (this.ready) this.drops++;
      this.ready = false;
      this.inflight.clear();
      if (!this.stopped) setTimeout(() => this.connect(), 150 + Math.random() * 250);
    });
  }
  stop() { this.stopped = true; try { this.ws?.close(); } catch {} }
  sendResume() {
    this.resumes++;
    if (this.kind === 'agent') this.ws.send(JSON.stringify({ type: 'resume', after_offset: this.offsetCursor }));
    else if (this.conv) this.ws.send(JSON.stringify({ type: 'resume', conversation_id: this.conv, after_seq: this.seqCursor }));
  }
  setReady() {
    this.ready = true; this.everReady = true;
    if (this.onReady) { const r = this.onReady; this.onReady = null; r(); }
    for (const cid of this.outbox.keys()) this.transmit(cid);  // resend, same client_id, in order
  }
  transmit(cid) {
    const e = this.outbox.get(cid);
    if (!e || !this.ready || this.ws.readyState !== WebSocket.OPEN) return;
    const f = { type: 'message.send', client_id: cid, body: e.body };
    if (e.conversation_id) f.conversation_id = e.conversation_id;
    this.ws.send(JSON.stringify(f));
    e.attempts++;
    this.inflight.set(cid, Date.now());
  }
  send(body, conversation_id = this.kind === 'visitor' ? this.conv : null) {
    const cid = `${this.name}-${++this.n}`;
    const e = { body: `${body} ${cid}`, conversation_id, attempts: 0, at: Date.now() };
    this.outbox.set(cid, e); this.sent.set(cid, e);
    this.transmit(cid);
    return cid;
  }
  raw(f) { if (this.ready) this.ws.send(JSON.stringify(f)); }
  responded(cid) {
    const t = this.inflight.get(cid);
    if (t !== undefined) { this.responseMs.push(Date.now() - t); this.inflight.delete(cid); }
  }
  frame(f) {
    this.frames.push(f);
    switch (f.type) {
      case 'welcome':
        if (this.kind === 'agent') {
          if (this.startOffset === null) { this.startOffset = this.maxOffset = this.offsetCursor = f.offset; this.setReady(); }
          else this.sendResume();
        } else if (this.conv) this.sendResume();
        else this.setReady();
        break;
      case 'resume.needed':
        // The node may have missed frames of other nodes (a Redis outage): resume on this open socket.
        this.resumeNeeded++;
        this.sendResume();
        break;
      case 'resume.done': if (!this.ready) this.setReady(); break;  // (a resume on an open socket: nothing to resend)
      case 'resume.reset': this.resets++; if (!this.ready) this.setReady(); break;
      case 'message.ack':
        this.responded(f.client_id);
        if (this.outbox.delete(f.client_id) || !this.acked.has(f.client_id)) this.acked.set(f.client_id, { ...f, at: Date.now() });
        if (this.kind === 'visitor' && !this.conv) this.conv = f.conversation_id;
        break;
      case 'message.created': {
        const m = f.message;
        if (this.kind === 'visitor' && m.conversation_id === this.conv) {
          this.seqSeen.set(m.seq, (this.seqSeen.get(m.seq) || 0) + 1);
          this.maxSeq = Math.max(this.maxSeq, m.seq);
          while (this.seqSeen.has(this.seqCursor + 1)) this.seqCursor++;
        }
        this.offset(f);
        break;
      }
      case 'conversation.created': case 'conversation.updated': this.offset(f); break;
      case 'error':
        if (f.client_id && this.outbox.has(f.client_id)) {
          this.responded(f.client_id);
          this.errors.push({ code: f.code, at: Date.now() });
          // rate_limited: wait what the server says, as the widget does. Anything else (the database is
          // down): the widget shows "failed" and its visitor presses retry; this one retries by itself
          // after 1, 2, 4, 4... s. The same client_id either way.
          const e = this.outbox.get(f.client_id);
          const s = /try again in (\d+) s/.exec(f.message || '');
          e.backoff = Math.min(4000, (e.backoff || 500) * 2);
          const wait = f.code === 'rate_limited' ? (s ? Number(s[1]) * 1000 : 1000) : e.backoff;
          setTimeout(() => this.transmit(f.client_id), wait);
        } else if (!this.ready) {
          // hello refused (e.g. the database is down): close and try again.
          this.helloErrors++;
          try { this.ws.close(); } catch {}
        } else this.errors.push({ code: f.code, at: Date.now() });
        break;
    }
    for (const w of [...this.waiters]) if (w.pred(f)) { this.waiters.splice(this.waiters.indexOf(w), 1); w.resolve(f); }
  }
  offset(f) {
    if (this.kind !== 'agent' || typeof f.offset !== 'number') return;
    this.offsets.set(f.offset, (this.offsets.get(f.offset) || 0) + 1);
    this.maxOffset = Math.max(this.maxOffset ?? 0, f.offset);
    while (this.offsets.has(this.offsetCursor + 1)) this.offsetCursor++;
  }
  waitFor(pred, ms = 3000) {
    const found = this.frames.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const w = { pred, resolve };
      this.waiters.push(w);
      setTimeout(() => { const i = this.waiters.indexOf(w); if (i >= 0) { this.waiters.splice(i, 1); resolve(null); } }, ms);
    });
  }
  // A transmission unanswered for 5 s on a socket that is still open is a hang.
  sweep(now) {
    for (const [cid, t] of this.inflight) if (now - t > 5000 && this.ready) { this.hung++; this.inflight.delete(cid); }
  }
}

let cluster, workspacePublicId, tokens;
async function login(email) {
  const r = await cluster.rest('POST', '/api/v1/auth/login', { body: { email, password: PASSWORD }, xff: nextIp() });
  if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json.token;
}
async function newVisitor(name, url) {
  const xff = nextIp();
  const r = await cluster.rest('POST', '/api/v1/widget/sessions', { body: { workspace_id: workspacePublicId }, xff });
  if (r.status !== 201) throw new Error(`widget session: ${r.status} ${JSON.stringify(r.json)}`);
  const v = new Peer({ name, kind: 'visitor', token: r.json.visitor_token, url: url ?? cluster.wsUrl, xff });
  await v.open();
  return v;
}
async function agentPeer(name, token, url) {
  const a = new Peer({ name, kind: 'agent', token, url });
  await a.open();
  return a;
}
async function until(pred, ms, step = 50) {
  const end = Date.now() + ms;
  while (Date.now() < end) { if (pred()) return true; await sleep(step); }
  return pred();
}
function sweeper(peers) {
  const t = setInterval(() => { const now = Date.now(); for (const p of peers) p.sweep(now); }, 250);
  return () => clearInterval(t);
}
// Every visitor opens its conversation with a first message (acknowledged before the stream starts).
async function openConversations(visitors, tag) {
  for (const v of visitors) v.send(`${tag} hello`);
  const ok = await until(() => visitors.every((v) => v.conv), 10000);
  if (!ok) throw new Error(`${tag}: not every visitor got its conversation`);
}
// Visitors send every visitorMs, agents every agentMs (to the visitors' conversations, in turn).
function stream(visitors, agents, tag, { visitorMs, agentMs, ms }) {
  const timers = [];
  const convs = visitors.map((v) => v.conv);
  visitors.forEach((v, i) => setTimeout(() => timers.push(setInterval(() => v.send(`${tag} visitor`), visitorMs)), (i * visitorMs) / visitors.length));
  agents.forEach((a, i) => {
    let k = i;
    timers.push(setInterval(() => a.send(`${tag} agent`, convs[k++ % convs.length]), agentMs));
  });
  return sleep(ms).then(() => timers.forEach(clearInterval));
}

// What PostgreSQL holds for these conversations against what the clients were told.
function verifyStored(scenario, peers, tag) {
  const visitors = peers.filter((p) => p.kind === 'visitor');
  const convs = [...new Set(visitors.map((v) => v.conv))];
  const rows = psql(cluster.db, `SELECT conversation_id, seq, coalesce(visitor_seq, 0), sender_type, coalesce(client_id, ''), body
    FROM messages WHERE conversation_id IN (${convs.join(',')}) ORDER BY conversation_id, seq`)
    .split('\n').filter(Boolean).map((l) => { const [c, s, vs, st, cid, body] = l.split('\t'); return { conv: +c, seq: +s, vseq: +vs, sender: st, cid, body }; });
  const byConv = new Map();
  for (const r of rows) { if (!byConv.has(r.conv)) byConv.set(r.conv, []); byConv.get(r.conv).push(r); }
  const byBody = new Map();
  for (const r of rows) byBody.set(r.body, (byBody.get(r.body) || 0) + 1);
  const bodyOf = new Map();
  for (const r of rows) bodyOf.set(r.body, r);
  let sent = 0, acked = 0, resent = 0, ackedDuplicate = 0, found = 0, missing = 0, wrongSeq = 0, unacked = 0;
  const missingList = [];
  for (const p of peers) {
    for (const [cid, e] of p.sent) {
      sent++;
      if (e.attempts > 1) resent++;
      const ack = p.acked.get(cid);
      if (!ack) { unacked++; continue; }
      acked++;
      if (ack.duplicate) ackedDuplicate++;
      const r = bodyOf.get(e.body);
      if (!r || r.cid !== cid || r.conv !== ack.conversation_id) { missing++; missingList.push(cid); continue; }
      found++;
      if ((p.kind === 'visitor' ? r.vseq : r.seq) !== ack.seq) wrongSeq++;
    }
  }
  let duplicates = 0;
  for (const [body, n] of byBody) if (n > 1 && body.includes(tag)) duplicates += n - 1;
  let gaps = 0;
  for (const [, list] of byConv) list.forEach((r, i) => { if (r.seq !== i + 1) gaps++; });
  const storedOurs = rows.filter((r) => r.body.includes(tag)).length;
  const storedNeverAcked = rows.filter((r) => r.body.includes(tag) && ![...peers].some((p) => p.acked.has(r.cid) && p.sent.get(r.cid)?.body === r.body)).length;
  // What each visitor's screen got: every message of its conversation (visitor seqs 1..n), once.
  let visitorMissing = 0, visitorDup = 0;
  for (const v of visitors) {
    const n = Math.max(0, ...(byConv.get(v.conv) || []).map((r) => r.vseq));
    for (let s = 1; s <= n; s++) { const c = v.seqSeen.get(s) || 0; if (c === 0) visitorMissing++; if (c > 1) visitorDup += c - 1; }
  }
  const f = { sent, acked, resent, ackedDuplicate, stored: storedOurs, found, missing, duplicates, unacked, storedNeverAcked, wrongSeq, seqGaps: gaps,
    visitorFramesMissing: visitorMissing, visitorFramesDuplicated: visitorDup };
  console.log(`${stamp()}   figures (${scenario}): ${Object.entries(f).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  check(scenario, 'every sent message acknowledged after recovery', unacked === 0, `${unacked} of ${sent} not acknowledged`);
  check(scenario, 'every acknowledged message stored once, at its acknowledged seq', missing === 0 && wrongSeq === 0 && duplicates === 0,
    `${found}/${acked} found, ${missing} missing${missingList.length ? ' (' + missingList.slice(0, 5).join(' ') + ')' : ''}, ${duplicates} duplicates, ${wrongSeq} at another seq`);
  check(scenario, 'resent messages stored once', storedOurs === acked && storedNeverAcked === 0, `${resent} resent (${ackedDuplicate} acknowledged as duplicate), ${storedOurs} rows for ${acked} acknowledged`);
  check(scenario, 'seq without gaps in every conversation', gaps === 0, `${convs.length} conversations`);
  return f;
}

// Every event of the workspace after `after` as a fresh socket's resume replays it (the log's truth).
async function eventLog(after, url = cluster.wsUrl) {
  const p = new Peer({ name: 'log', kind: 'agent', token: tokens.admin, url });
  await p.open();
  p.offsets.clear();
  p.ws.send(JSON.stringify({ type: 'resume', after_offset: after }));
  const done = await p.waitFor((f) => f.type === 'resume.done' || f.type === 'resume.reset', 10000);
  p.stop();
  if (!done || done.type !== 'resume.done') throw new Error(`event log resume: ${JSON.stringify(done)}`);
  return [...p.offsets.keys()].filter((o) => o > after).sort((a, b) => a - b);
}
// Per agent socket: the events after `from` it got, against the log.
function compareEvents(agents, log, from) {
  return agents.map((a) => {
    const want = log.filter((o) => o > Math.max(from, a.startOffset));
    let missing = 0, dup = 0;
    for (const o of want) { const c = a.offsets.get(o) || 0; if (!c) missing++; if (c > 1) dup += c - 1; }
    return { name: a.name, want: want.length, got: want.length - missing, missing, dup, drops: a.drops, resumeNeeded: a.resumeNeeded };
  });
}
const fmtEvents = (rows) => rows.map((r) => `${r.name}: ${r.got}/${r.want} events, ${r.missing} missing, ${r.dup} twice${r.drops ? `, reconnected ${r.drops}x` : ''}${r.resumeNeeded ? `, resume.needed ${r.resumeNeeded}x` : ''}`).join('; ');
const pct = (xs, q) => { if (!xs.length) return 0; const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };

// ---- (a) cross-node ----
async function scenarioA() {
  const S = 'a';
  say('(a) cross-node delivery: visitor on node 2, agents on nodes 1 and 3');
  const [n1, n2, n3] = cluster.nodes;
  const agentA = await agentPeer('a-agent1', tokens.agent1, cluster.nodeWs(n1));
  const agentB = await agentPeer('a-agent2', tokens.agent2, cluster.nodeWs(n3));
  const v = await newVisitor('a-visitor', cluster.nodeWs(n2));
  const cid = v.send('a first');
  const seenA = await agentA.waitFor((f) => f.type === 'message.created' && f.message.client_id === cid);
  const seenB = await agentB.waitFor((f) => f.type === 'message.created' && f.message.client_id === cid);
  check(S, 'agents on nodes 1 and 3 get the message of a visitor on node 2', !!seenA && !!seenB && !!v.acked.get(cid));
  v.raw({ type: 'typing', conversation_id: v.conv, typing: true, draft: 'hel' });
  const typingA = await agentA.waitFor((f) => f.type === 'typing' && f.conversation_id === v.conv && f.sender_type === 'visitor');
  check(S, "the agent on node 1 sees the visitor's typing (and draft)", !!typingA && typingA.draft === 'hel', typingA ? `draft "${typingA.draft}"` : 'no typing frame');
  const reply = agentA.send('a reply', v.conv);
  const gotReply = await v.waitFor((f) => f.type === 'message.created' && f.message.client_id === reply);
  const gotReplyB = await agentB.waitFor((f) => f.type === 'message.created' && f.message.client_id === reply);
  check(S, "the agent's reply from node 1 reaches the visitor on node 2 (and the agent on node 3)", !!gotReply && !!gotReplyB);
  agentA.raw({ type: 'typing', conversation_id: v.conv, typing: true });
  const typingV = await v.waitFor((f) => f.type === 'typing' && f.sender_type === 'agent');
  check(S, "the visitor sees the agent's typing across nodes", !!typingV);

  // Presence and assignment are the cluster's (bus/redis_presence_sync.h): node 2 has no agent of its
  // own, yet counts and assigns the agents of nodes 1 and 3 once it has read their snapshots (~1 s).
  // Node 1 writes its snapshot within a period and node 2 reads it within the next (1 s each), later
  // on a busy machine: a new visitor on node 2 every 500 ms, for at most 8 s, until one is told.
  const agentIds = [agentA, agentB].map((a) => a.frames.find((f) => f.type === 'welcome')?.agent?.id);
  let w = null, welcome2 = null, tries = 0;
  const presenceEnd = Date.now() + 8000;
  for (;;) {
    tries++;
    w = await newVisitor(`a-visitor2-${tries}`, cluster.nodeWs(n2));
    welcome2 = w.frames.find((f) => f.type === 'welcome');
    if (welcome2?.agents_online >= 2 || Date.now() > presenceEnd) break;
    w.stop();
    await sleep(500);
  }
  check(S, 'a visitor on node 2 is told the agents of nodes 1 and 3 are online', welcome2?.agents_online >= 2,
    `agents_online ${welcome2?.agents_online} (visitor ${tries})`);
  const first = w.send('a question for whoever is online');
  const assigned = await agentA.waitFor((f) => f.type === 'conversation.updated' && f.conversation?.id === w.conv &&
    agentIds.includes(f.conversation.assignee_id), 5000);
  check(S, 'a conversation opened on node 2 is assigned to an agent of node 1 or 3', !!assigned && !!w.acked.get(first),
    assigned ? `agent ${assigned.conversation.assignee_id}` : 'not assigned');
  // The other nodes read node 2's snapshot within a second or two; then three answers in a row
  // (round robin: one from each node) list the visitor.
  const vid = welcome2?.visitor?.id;
  let listed = 0;
  const listEnd = Date.now() + 5000;
  while (listed < 3 && Date.now() < listEnd) {
    listed = 0;
    for (let i = 0; i < 3; i++) {
      const r = await cluster.rest('GET', '/api/v1/visitors/online', { token: tokens.admin });
      if ((r.json?.visitors ?? []).some((x) => x.id === vid)) listed++;
    }
    if (listed < 3) await sleep(250);
  }
  check(S, 'every node lists the visitor of node 2 among the online visitors', !!vid && listed === 3, `${listed}/3 answers`);
  const isOffline = (f) => (f.type === 'presence' && f.contact_id === vid && f.online === false) ||
    (f.type === 'presence.visitors' && (f.visitors || []).some((x) => x.contact_id === vid && x.online === false));
  const offline = agentA.waitFor(isOffline, 5000);
  w.stop();
  check(S, 'the agent on node 1 sees the visitor of node 2 go offline', !!(await offline));

  // An erased visitor's sockets close on every node (app/contact_erasure.h: an end frame through the
  // bus): the admin erases through node 1, the visitor's socket is on node 2.
  const doomed = await newVisitor('a-erased', cluster.nodeWs(n2));
  const doomedId = doomed.frames.find((f) => f.type === 'welcome')?.visitor?.id;
  doomed.send('a message before the erasure');
  await until(() => doomed.conv, 5000);
  doomed.stopped = true;  // its token is gone with it: no reconnecting
  const closed = new Promise((resolve) => {
    doomed.ws.once('close', (code) => resolve(code));
    setTimeout(() => resolve(null), 5000);
  });
  const erased = await fetch(`http://127.0.0.1:${n1.port}/api/v1/contacts/${doomedId}/erase`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}` },
    body: JSON.stringify({ confirm: 'erase' }), signal: AbortSignal.timeout(15000) });
  const code = await closed;
  check(S, "erasing a visitor through node 1 closes their socket on node 2 (4003)", erased.status === 200 && code === 4003,
    `erase ${erased.status}, close ${code}`);
  for (const p of [agentA, agentB, v]) p.stop();
}

// ---- (b) kill -9 of a node under load ----
async function scenarioB() {
  const S = 'b';
  const tag = `chaos-b-${process.pid}`;
  say('(b) kill -9 of a node while 20 visitors and 3 agents send through nginx');
  const agents = [await agentPeer('b-admin', tokens.admin, cluster.wsUrl), await agentPeer('b-agent1', tokens.agent1, cluster.wsUrl),
    await agentPeer('b-agent2', tokens.agent2, cluster.wsUrl)];
  const visitors = [];
  for (let i = 0; i < 20; i++) visitors.push(await newVisitor(`b-v${i}`));
  const peers = [...agents, ...visitors];
  const stopSweep = sweeper(peers);
  await openConversations(visitors, tag);
  const from = Math.min(...agents.map((a) => a.startOffset));
  const victim = cluster.nodes[1];
  // Visitors: one message every 500 ms (their budget is a burst of 20 then one a second, per node);
  // agents: one every 100 ms. 10 s; node 2 is killed at 4 s.
  const streaming = stream(visitors, agents, tag, { visitorMs: 500, agentMs: 100, ms: 10000 });
  await sleep(4000);
  // A burst just before the kill, so that some messages die with the node unanswered: stored but
  // never acknowledged (the resend must be answered as a duplicate), or never stored.
  // The kill comes when half the burst is acknowledged: the nodes commit it one transaction at a time
  // (the workspace's event counter row), so the victim's part may be anywhere on its way.
  const burst = peers.flatMap((p) => [0, 1, 2].map((k) => [p, p.send(`${tag} burst`, p.kind === 'visitor' ? p.conv : visitors[k].conv)]));
  await until(() => burst.filter(([p, cid]) => p.acked.has(cid)).length >= burst.length / 2, 1000, 1);
  const killedAt = Date.now();
  cluster.killNode(victim);
  await sleep(300);
  const unansweredAtKill = peers.filter((p) => p.drops > 0).reduce((n, p) => n + p.outbox.size, 0);
  say(`(b) kill -9 node 2 (127.0.0.1:${victim.port}); its clients had ${unansweredAtKill} messages unanswered`);
  await streaming;
  const drained = await until(() => peers.every((p) => p.outbox.size === 0), 20000);
  const drainMs = Date.now() - killedAt;
  stopSweep();
  const reconnected = peers.filter((p) => p.drops > 0);
  const resumedOk = reconnected.every((p) => p.ready);
  say(`(b) ${reconnected.length} of ${peers.length} sockets were on node 2 and reconnected; outboxes ${drained ? 'empty' : 'NOT empty'} ${drainMs} ms after the kill`);
  check(S, 'clients on the killed node reconnect through nginx and resume', reconnected.length > 0 && resumedOk,
    `${reconnected.length} reconnected (${reconnected.filter((p) => p.kind === 'agent').length} agents), ${peers.reduce((n, p) => n + p.resumes, 0)} resumes, ${peers.reduce((n, p) => n + p.resets, 0)} resets`);
  if (process.env.CHAOS_DEBUG) for (const p of peers) { const r = [...p.sent].filter(([, e]) => e.attempts > 1); if (r.length || p.errors.length) console.log(p.name, p.drops, r.map(([c, e]) => `${c}x${e.attempts}`).join(' '), JSON.stringify(p.errors.map((e) => e.code))); }
  await sleep(500);  // the last live frames on their way to the visitors
  const f = verifyStored(S, peers, tag);
  // The agents on the surviving nodes get what node 2 committed but never published on the bus once
  // the others see it left (its presence key expires: 5 s + a period, bus/redis_presence_sync.h) and
  // ask their sockets to resume: waited for up to 12 s after the kill.
  let log, ev;
  for (;;) {
    await sleep(1000);  // the last frames on their way to the agents
    log = await eventLog(from);
    ev = compareEvents(agents, log, from);
    if (ev.every((r) => r.missing === 0) || Date.now() - killedAt > 12000) break;
  }
  console.log(`${stamp()}   events (${S}), ${Date.now() - killedAt} ms after the kill: ${fmtEvents(ev)}`);
  check(S, 'every agent socket got every event of the log exactly once (live, or replayed by resume)',
    ev.every((r) => r.missing === 0 && (r.dup === 0 || r.resumeNeeded > 0)), fmtEvents(ev));
  check(S, 'no send left unanswered for 5 s on an open socket', peers.every((p) => p.hung === 0), `${peers.reduce((n, p) => n + p.hung, 0)} hung`);
  for (const p of peers) p.stop();
  await cluster.startNode(victim);
  say('(b) node 2 restarted');
  return { ...f, reconnected: reconnected.length, drainMs, unansweredAtKill };
}

// ---- (c) kill -9 of Redis ----
async function scenarioC() {
  const S = 'c';
  const tag = `chaos-c-${process.pid}`;
  say('(c) kill -9 of Redis while visitors (through nginx) and one agent per node send');
  const [n1, n2, n3] = cluster.nodes;
  const agents = [await agentPeer('c-admin@node1', tokens.admin, cluster.nodeWs(n1)), await agentPeer('c-agent1@node2', tokens.agent1, cluster.nodeWs(n2)),
    await agentPeer('c-agent2@node3', tokens.agent2, cluster.nodeWs(n3))];
  const visitors = [];
  for (let i = 0; i < 12; i++) visitors.push(await newVisitor(`c-v${i}`));
  const peers = [...agents, ...visitors];
  const stopSweep = sweeper(peers);
  await openConversations(visitors, tag);
  await sleep(300);
  const from = Math.min(...agents.map((a) => a.startOffset));
  const streaming = stream(visitors, agents, tag, { visitorMs: 500, agentMs: 200, ms: 9000 });
  await sleep(2000);
  const pid = cluster.killRedis();
  const killedAt = Date.now();
  say(`(c) kill -9 redis-server (pid ${pid})`);
  await sleep(3000);
  await cluster.startRedis();
  const restartedAt = Date.now();
  say('(c) redis-server restarted on the same port');
  await streaming;
  const drained = await until(() => peers.every((p) => p.outbox.size === 0), 15000);
  stopSweep();
  const ackedDuring = peers.reduce((n, p) => n + [...p.acked.values()].filter((a) => a.at >= killedAt && a.at < restartedAt).length, 0);
  const sentDuring = peers.reduce((n, p) => n + [...p.sent.values()].filter((e) => e.at >= killedAt && e.at < restartedAt).length, 0);
  check(S, 'sends are acknowledged while Redis is down', ackedDuring > 0 && drained, `${ackedDuring} acknowledged during the ${restartedAt - killedAt} ms outage (${sentDuring} sent in it)`);
  await sleep(500);  // the last live frames on their way to the visitors
  const f = verifyStored(S, peers, tag);
  // Live frames flow between nodes again: one more message from a visitor reaches all three agents.
  await sleep(2500);
  const probe = visitors[0].send(`${tag} probe`);
  const got = await Promise.all(agents.map((a) => a.waitFor((fr) => fr.type === 'message.created' && fr.message.client_id === probe, 5000)));
  check(S, 'after Redis is back, a new message reaches the agents of every node', got.every(Boolean), `${got.filter(Boolean).length}/3 agents`);
  await sleep(1000);
  const log = await eventLog(from);
  const ev = compareEvents(agents, log, from);
  console.log(`${stamp()}   events (${S}): ${fmtEvents(ev)}`);
  const missing = ev.reduce((n, r) => n + r.missing, 0), dup = ev.reduce((n, r) => n + r.dup, 0);
  // A resume after resume.needed replays from the socket's cursor ("everything up to"): frames after it that
  // came live come again, and the client drops them by offset. Twice is only wrong without resume.needed.
  check(S, 'agent sockets got no event twice unless a resume.needed replayed it', ev.every((r) => r.dup === 0 || r.resumeNeeded > 0),
    `${dup} twice, resume.needed ${ev.map((r) => r.resumeNeeded).join('/')}`);
  const stayed = ev.every((r) => r.drops === 0);
  if (missing > 0 && stayed && !REQUIRE_GAP_REPAIR) {
    check(S, 'agents that stayed connected got every event of the other nodes (gap repair)', false,
      `${missing} events missed in all (and visitors ${f.visitorFramesMissing} messages); PENDING gap repair (unset CHAOS_REQUIRE_GAP_REPAIR=0 to make it fail)`, { pending: true });
  } else {
    check(S, 'agents that stayed connected got every event of the other nodes (gap repair)', missing === 0, `${missing} events missed in all`);
  }
  for (const p of peers) p.stop();
  return { ...f, ackedDuringOutage: ackedDuring, eventsMissed: missing, eventsTwice: dup };
}

// ---- (d) PostgreSQL stopped and started ----
async function scenarioD() {
  const S = 'd';
  const tag = `chaos-d-${process.pid}`;
  say('(d) PostgreSQL stopped (pg_ctl stop -m fast) for 4 s while clients send');
  const [n1, n2, n3] = cluster.nodes;
  const agents = [await agentPeer('d-admin@node1', tokens.admin, cluster.nodeWs(n1)), await agentPeer('d-agent1@node2', tokens.agent1, cluster.nodeWs(n2)),
    await agentPeer('d-agent2@node3', tokens.agent2, cluster.nodeWs(n3))];
  const visitors = [];
  for (let i = 0; i < 12; i++) visitors.push(await newVisitor(`d-v${i}`));
  const peers = [...agents, ...visitors];
  const stopSweep = sweeper(peers);
  await openConversations(visitors, tag);
  const streaming = stream(visitors, agents, tag, { visitorMs: 1000, agentMs: 200, ms: 12000 });
  await sleep(2000);
  const stopT = Date.now();
  cluster.stopPostgres();
  const stoppedAt = Date.now();
  say(`(d) PostgreSQL stopped (${stoppedAt - stopT} ms)`);
  // REST during the outage: an agent's inbox and a new widget session, through nginx, every 400 ms.
  const restDuring = [];
  let outage = true;
  const restLoop = (async () => {
    while (outage) {
      for (const [m, p, o] of [['GET', '/api/v1/conversations', { token: tokens.admin }],
        ['POST', '/api/v1/widget/sessions', { body: { workspace_id: workspacePublicId }, xff: nextIp() }]]) {
        try {
          const r = await cluster.rest(m, p, o);
          restDuring.push({ what: `${m} ${p}`, status: r.status, ms: r.ms, code: r.json?.error?.code, retryAfter: r.retryAfter });
        }
        catch (e) { restDuring.push({ what: `${m} ${p}`, status: 0, ms: 15000, json: false, err: String(e) }); }
      }
      await sleep(400);
    }
  })();
  await sleep(4000);
  outage = false;
  await restLoop;
  const restartT = Date.now();
  cluster.startPostgres();
  const restartedAt = Date.now();
  say(`(d) PostgreSQL started again (${restartedAt - restartT} ms)`);
  // New sends after the restart are acknowledged within ~10 s: one from the agent on each node
  // (agents have no message budget, so the probe measures recovery only).
  const probes = agents.map((a, i) => [a, a.send(`${tag} probe`, visitors[i].conv)]);
  const recovered = await until(() => probes.every(([v, cid]) => v.acked.has(cid)), 10000);
  const recoverMs = recovered ? Math.max(...probes.map(([v, cid]) => v.acked.get(cid).at)) - restartedAt : -1;
  await streaming;
  const drained = await until(() => peers.every((p) => p.outbox.size === 0), 30000);
  const drainMs = Date.now() - restartedAt;
  stopSweep();
  const errorsDuring = peers.flatMap((p) => p.errors.filter((e) => e.at >= stoppedAt && e.at <= restartedAt + 1000));
  const codes = {};
  for (const e of errorsDuring) codes[e.code] = (codes[e.code] || 0) + 1;
  const responses = peers.flatMap((p) => p.responseMs);
  const restFailed = restDuring.filter((r) => r.status >= 200 && r.status < 300).length;
  // 503 `unavailable` with Retry-After: the database cannot be reached (store/store_errors.h, StoreUnavailable).
  const restBad = restDuring.filter((r) => !(r.status === 503 && r.code === 'unavailable' && r.retryAfter));
  const restMax = Math.max(0, ...restDuring.map((r) => r.ms));
  const statuses = {};
  for (const r of restDuring) statuses[`${r.what} ${r.status}`] = (statuses[`${r.what} ${r.status}`] || 0) + 1;
  say(`(d) error frames during the outage: ${JSON.stringify(codes)}; send answer time p50 ${pct(responses, 0.5)} ms, max ${Math.max(0, ...responses)} ms; REST during the outage: ${JSON.stringify(statuses)}, slowest ${restMax} ms`);
  // A send the store could not take is answered `unavailable` and gives the visitor's token back
  // (app/message_sender.cpp), so retries through the outage never end in `rate_limited`.
  const allErrors = peers.flatMap((p) => p.errors);
  const rateLimited = allErrors.filter((e) => e.code === 'rate_limited').length;
  check(S, 'failed sends are answered unavailable and cost no message budget', errorsDuring.length > 0 &&
    (codes.unavailable || 0) === errorsDuring.filter((e) => e.code !== 'rate_limited').length && rateLimited === 0,
    `${codes.unavailable || 0} unavailable of ${errorsDuring.length} error frames in the outage, ${rateLimited} rate_limited in the whole scenario`);
  check(S, 'sends during the outage are answered (ack or error frame) within 5 s', peers.every((p) => p.hung === 0) && Math.max(0, ...responses) < 5000,
    `${peers.reduce((n, p) => n + p.hung, 0)} hung, slowest answer ${Math.max(0, ...responses)} ms, ${errorsDuring.length} error frames`);
  check(S, 'REST during the outage: 503 unavailable with Retry-After within 5 s', restDuring.length > 0 && restBad.length === 0 && restMax < 5000,
    `${restDuring.length} requests, ${restFailed} answered 2xx, ${restBad.length} not a 503 unavailable${restBad.length ? ' (' + JSON.stringify(restBad.slice(0, 3)) + ')' : ''}`);
  check(S, 'the nodes recover by themselves: new sends acknowledged within 10 s of the restart', recovered,
    `${recoverMs} ms; every outbox empty ${drained ? drainMs + ' ms after the restart' : 'NOT after 30 s'}`);
  check(S, 'no node exited', cluster.nodes.every((n) => cluster.alive(n)));
  await sleep(500);  // the last live frames on their way to the visitors
  const f = verifyStored(S, peers, tag);
  for (const p of peers) p.stop();
  return { ...f, errorFrames: errorsDuring.length, restDuring: restDuring.length, recoverMs, drainMs };
}

async function main() {
  cluster = new Cluster();
  say(`cluster in ${cluster.dir}: PostgreSQL :${PG_PORT} (database ${cluster.db}), Redis :${REDIS_PORT}`);
  await cluster.setup(3);
  say(`3 nodes (${cluster.nodes.map((n) => n.port).join(', ')}) behind nginx on 127.0.0.1:${cluster.port}`);
  tokens = { admin: await login('admin@chaos.test'), agent1: await login('agent1@chaos.test'), agent2: await login('agent2@chaos.test') };
  const ws = await cluster.rest('GET', '/api/v1/workspace', { token: tokens.admin });
  workspacePublicId = ws.json.workspace.public_id;
  const only = process.argv[2] ? process.argv[2].split(',') : ['a', 'b', 'c', 'd'];
  const figures = {};
  if (only.includes('a')) await scenarioA();
  if (only.includes('b')) figures.b = await scenarioB();
  if (only.includes('c')) figures.c = await scenarioC();
  if (only.includes('d')) figures.d = await scenarioD();
  for (const n of cluster.nodes) {
    const log = fs.readFileSync(n.log, 'utf8');
    const bad = log.split('\n').filter((l) => /Sanitizer|terminate called|Segmentation|\[critical\]/.test(l));
    check('all', `node ${n.i + 1}'s log has no crash`, bad.length === 0, bad.slice(0, 2).join(' | '));
  }
  const failed = results.filter((r) => !r.ok && !r.pending);
  const pending = results.filter((r) => r.pending);
  console.log(`\nchaos summary (${((Date.now() - T0) / 1000).toFixed(0)} s):`);
  for (const [s, f] of Object.entries(figures))
    console.log(`  (${s}) sent ${f.sent}, acknowledged ${f.acked}, found after recovery ${f.found}, duplicates ${f.duplicates}, missing ${f.missing}, resent ${f.resent}`);
  console.log(`  ${results.length} checks: ${results.length - failed.length - pending.length} ok, ${pending.length} pending, ${failed.length} failed`);
  for (const r of failed) console.log(`  FAILED (${r.scenario}) ${r.name}: ${r.detail}`);
  for (const r of pending) console.log(`  PENDING (${r.scenario}) ${r.name}: ${r.detail}`);
  if (failed.length) console.log(`  node logs: ${cluster.dir}`);
  else fs.rmSync(cluster.dir, { recursive: true, force: true });
  cleanup();
  return failed.length ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => { console.error('chaos test error:', e); cleanup(); process.exit(1); });
