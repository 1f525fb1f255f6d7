// Starts a real `build/parley serve` on a free 127.0.0.1 port with a fresh data directory, and
// Debian's Chromium through playwright-core. Every e2e file uses these; nothing here is mocked.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import WebSocket from 'ws';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../..');
export const parleyBinary = process.env.PARLEY_BINARY ?? join(repoRoot, 'build/parley');

export const ADMIN = { email: 'admin@example.test', password: 'admin-password-1', name: 'Ada Admin' };

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

/**
 * Extra `serve` arguments for files that test per-address limits (failed logins, new chat sessions): the
 * server believes X-Forwarded-For from 127.0.0.1, so each test can act from its own address (`testAddress()`,
 * sent with Playwright's `extraHTTPHeaders` or `ApiClient.headers`). Other files keep one address for all.
 */
export const PER_TEST_ADDRESSES = ['--trusted-proxy', '127.0.0.1'];
let addresses = 0;
/** A fresh client address from TEST-NET-2 (198.51.100.0/24), unique within this test file. */
export function testAddress(): string {
  return `198.51.100.${++addresses}`;
}

export async function startServer(extraArgs: string[] = []): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
  execFileSync(parleyBinary, ['agent', 'add', '--data', dataDir, '--email', ADMIN.email, '--name', ADMIN.name,
    '--password', ADMIN.password, '--role', 'admin'], { stdio: 'pipe' });
  const port = await freePort();
  const proc: ChildProcess = spawn(parleyBinary,
    ['serve', '--host', '127.0.0.1', '--port', String(port), '--data', dataDir, '--web', join(repoRoot, 'web'),
      ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout?.on('data', (d) => { output += d; });
  proc.stderr?.on('data', (d) => { output += d; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`parley exited early:\n${output}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`parley did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url, port, dataDir,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => proc.once('exit', r));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
  });
}

// REST helper for tests: calls the API as an agent.
export class ApiClient {
  /** Sent with every call, e.g. `{'x-forwarded-for': testAddress()}` against a PER_TEST_ADDRESSES server. */
  headers: Record<string, string> = {};

  constructor(readonly base: string, public token = '') {}

  async call<T = any>(method: string, path: string, body?: unknown):
    Promise<{ status: number; body: T; headers: Headers }> {
    const r = await fetch(this.base + path, {
      method,
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...this.headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : undefined, headers: r.headers };
  }

  static async login(base: string, email = ADMIN.email, password = ADMIN.password) {
    const api = new ApiClient(base);
    const r = await api.call('POST', '/api/v1/auth/login', { email, password });
    if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
    api.token = r.body.token;
    return { api, agent: r.body.agent, workspace: r.body.workspace };
  }
}

// An agent's realtime socket from node (the `ws` package; Node 20 has no global WebSocket): says hello with
// the agent token, can set presence, records every frame and waits for one matching a predicate.

export class AgentSocket {
  readonly frames: any[] = [];
  private waiters: { pred: (f: any) => boolean; ok: (f: any) => void }[] = [];
  welcome: any;

  private constructor(private ws: WebSocket) {
    ws.on('message', (data) => {
      let f: any;
      try { f = JSON.parse(String(data)); } catch { return; }
      this.frames.push(f);
      this.waiters = this.waiters.filter((w) => (w.pred(f) ? (w.ok(f), false) : true));
    });
  }

  /** Connects to `${base}/ws`, sends hello, and resolves after `welcome`. */
  static async connect(base: string, token: string, presence?: 'online' | 'away'): Promise<AgentSocket> {
    const ws = new WebSocket(base.replace(/^http/, 'ws') + '/ws', { headers: { origin: base } });
    await new Promise<void>((ok, fail) => { ws.once('open', () => ok()); ws.once('error', fail); });
    const s = new AgentSocket(ws);
    const welcome = s.waitFor((f) => f.type === 'welcome' || f.type === 'error', 5000);
    s.send({ type: 'hello', token });
    s.welcome = await welcome;
    if (s.welcome.type !== 'welcome') throw new Error(`agent hello failed: ${JSON.stringify(s.welcome)}`);
    if (presence) s.send({ type: 'presence.set', status: presence });
    return s;
  }

  send(frame: unknown): void { this.ws.send(JSON.stringify(frame)); }

  /** The first frame (already received or future) matching pred. */
  waitFor(pred: (f: any) => boolean, timeoutMs = 10_000): Promise<any> {
    const seen = this.frames.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((ok, fail) => {
      const w = { pred, ok: (f: any) => { clearTimeout(timer); ok(f); } };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        fail(new Error('AgentSocket.waitFor timed out'));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((ok) => { this.ws.once('close', () => ok()); this.ws.close(); });
  }
}
