// The npm package as a user gets it (issue 17, item 1): `npm pack` of web/sdk, installed from the tarball into a
// fresh project without network, then its two examples against a real `parley serve`: the FAQ bot
// (examples/faq-bot.mjs, an agent over `ws`) answers the question the visitor example (examples/visitor.mjs)
// asks, the visitor prints the answer, and the server holds exactly those two messages. Also: the package's
// .d.ts compile in that project (tsc --noEmit, strict, no skipLibCheck).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, repoRoot, startServer, type RunningServer } from './harness';

const web = join(repoRoot, 'web');
const sdk = join(web, 'sdk');
let server: RunningServer;
let project: string;
let tarball: string;
const procs: ChildProcess[] = [];

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, stdio: 'pipe', encoding: 'utf8' });

beforeAll(async () => {
  server = await startServer();
  // `npm run build` in web/ builds the package; a run of this file alone builds it when it is missing.
  if (!existsSync(join(sdk, 'dist/index.js'))) npm(['run', 'build:sdk'], web);
  project = mkdtempSync(join(tmpdir(), 'parley-sdk-user-'));
  const name = npm(['pack', '--pack-destination', project, '--silent'], sdk).trim().split('\n').pop()!;
  tarball = join(project, name);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'sdk-user', private: true, type: 'module' }));
  // No network: the tarball, and `ws` (the optional peer for Node) from the local copy.
  npm(['install', '--offline', '--no-audit', '--no-fund', tarball, join(web, 'node_modules/ws')], project);
  for (const f of ['faq-bot.mjs', 'visitor.mjs']) copyFileSync(join(sdk, 'examples', f), join(project, f));
}, 120_000);

afterAll(async () => {
  for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
  await server?.stop();
  if (project) rmSync(project, { recursive: true, force: true });
});

/** Runs a script of the temp project; resolves with its output once it exits. */
function run(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  const p = spawn(process.execPath, [script, ...args], { cwd: project, env: { ...process.env, ...env } });
  procs.push(p);
  let out = '', err = '';
  p.stdout.on('data', (d) => { out += d; });
  p.stderr.on('data', (d) => { err += d; });
  return new Promise((ok) => p.on('exit', (code) => ok({ code, out, err })));
}

/** Resolves when a line of the process's output matches. */
function lineOf(p: ChildProcess, re: RegExp, timeoutMs = 15_000): Promise<string> {
  return new Promise((ok, fail) => {
    let buf = '';
    const t = setTimeout(() => fail(new Error(`no line matching ${re} in: ${buf}`)), timeoutMs);
    p.stdout!.on('data', (d) => {
      buf += d;
      const line = buf.split('\n').find((l) => re.test(l));
      if (line) { clearTimeout(t); ok(line); }
    });
  });
}

describe('@parley/sdk from its tarball', () => {
  it('is a self-contained ESM package with types and no dependencies', () => {
    const installed = join(project, 'node_modules/@parley/sdk');
    const pkg = JSON.parse(execFileSync('cat', [join(installed, 'package.json')], { encoding: 'utf8' }));
    expect(pkg).toMatchObject({ name: '@parley/sdk', version: '0.9.0', type: 'module' });
    expect(pkg.dependencies).toBeUndefined();
    expect(existsSync(join(installed, pkg.exports['.'].import))).toBe(true);
    expect(existsSync(join(installed, pkg.exports['.'].types))).toBe(true);
    console.log(`sdk tarball: ${statSync(tarball).size} bytes`);
    // Nothing outside the package is imported: only relative paths in the code and the types.
    const files = execFileSync('find', [join(installed, 'dist'), '-name', '*.js', '-o', '-name', '*.d.ts'], { encoding: 'utf8' })
      .trim().split('\n');
    for (const f of files) {
      const text = execFileSync('cat', [f], { encoding: 'utf8' });
      for (const m of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]/gm)) {
        expect(m[1] ?? m[2], f).toMatch(/^\./);
      }
    }
  });

  it('the FAQ bot answers the visitor example over a real server', async () => {
    const { api, workspace } = await ApiClient.login(server.url);
    const bot = spawn(process.execPath, ['faq-bot.mjs'], {
      cwd: project, env: { ...process.env, PARLEY_URL: server.url, PARLEY_TOKEN: api.token },
    });
    procs.push(bot);
    let botErr = '';
    bot.stderr.on('data', (d) => { botErr += d; });
    await lineOf(bot, /"live":true/);

    const question = 'What are your opening hours?';
    const visitor = await run('visitor.mjs', [question], {
      PARLEY_URL: server.url, PARLEY_WORKSPACE: workspace.public_id, PARLEY_WAIT_MS: '20000',
    });
    expect(visitor.code, visitor.err + botErr).toBe(0);
    const said = JSON.parse(visitor.out.trim().split('\n').pop()!);
    expect(said).toMatchObject({ answer: 'We are open Monday to Friday, 9:00 to 17:00.', from: 'agent' });

    // What the server stored: the question once, the bot's answer once.
    const r = await api.call('GET', `/api/v1/conversations/${said.conversation}/messages`);
    expect(r.status).toBe(200);
    expect(r.body.messages.map((m: any) => [m.sender_type, m.body])).toEqual([
      ['visitor', question], ['agent', 'We are open Monday to Friday, 9:00 to 17:00.'],
    ]);
    bot.kill('SIGTERM');
  });

  it('its types compile in the project (strict, without skipLibCheck)', () => {
    writeFileSync(join(project, 'check.ts'), `
import { createAgentClient, createVisitorClient, ApiError, type Message, type VisitorClientOptions } from '@parley/sdk';
import WebSocket from 'ws';
const o: VisitorClientOptions = { server: 'http://127.0.0.1:1', workspace: 'w' };
const v = createVisitorClient(o);
const off: () => void = v.on('message', (m: Message) => console.log(m.body.length, m.seq));
v.on('connection', (w) => console.log(w?.workspace.name));
const p = v.send('hi');
console.log(p?.client_id, v.outbox.items.length, off);
const a = createAgentClient({ server: 'http://127.0.0.1:1', token: 'pa_x', WebSocket: WebSocket as any });
a.on('message', (m, c) => console.log(m.id, c.status));
a.send(1, 'hello', { private: true }).then((m) => m.seq);
a.assign(1, null).then((c) => c.assignee_id);
console.log(a.position()?.offset, new ApiError(400, 'invalid', 'x').code);
`);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true,
        lib: ['ES2022', 'DOM'], noEmit: true, types: [] },
      files: ['check.ts', 'ws.d.ts'],
    }));
    // ws has no types of its own here (@types/ws is not installed): a declaration says what check.ts uses.
    writeFileSync(join(project, 'ws.d.ts'), "declare module 'ws' { const WebSocket: unknown; export default WebSocket; }\n");
    try {
      execFileSync(process.execPath, [join(web, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'],
        { cwd: project, stdio: 'pipe', encoding: 'utf8' });
    } catch (e) {
      throw new Error(`tsc: ${(e as { stdout?: string }).stdout}`);
    }
  });
});
