// The chat controller: one instance per frame. It owns the session, the socket, the outbox and the message
// list, and exposes an immutable `state` snapshot plus methods; components render the snapshot and call methods.
import { Outbox, mergeMessages, newClientId, type Attachment, type Message, type Pending } from './lib/outbox';
import { ApiError, call, loadMessages, upload } from './lib/api';
import { retryAfterSeconds } from '../../shared/protocol';
import { normaliseLocale } from './lib/locale';
import { Socket } from './lib/socket';
import type { Bridge } from './lib/bridge';
import { beep } from './lib/beep';
import { theme } from './lib/color';
import { translator, type Key, type T } from './i18n';
import { launcherIcons } from './icons';

export interface PrechatField { name: string; label?: string; type?: 'text' | 'email' | 'textarea'; required?: boolean }
export interface Settings {
  color: string; position: 'left' | 'right'; offset_x: number; offset_y: number; greeting: string; team_intro: string;
  launcher_icon: string; show_agent_avatars: boolean; dark_mode: boolean; locale: string; away_message: string;
  prechat: { enabled: boolean; fields?: PrechatField[] };
}
export const DEFAULTS: Settings = {
  color: '#4f46e5', position: 'right', offset_x: 20, offset_y: 20, greeting: 'Hi there',
  team_intro: 'We typically reply in a few minutes', launcher_icon: 'chat', show_agent_avatars: true, dark_mode: false,
  locale: 'en', away_message: 'We are away right now. Leave a message and we will reply by email.',
  prechat: { enabled: false, fields: [] },
};
export const DEFAULT_PRECHAT: PrechatField[] = [
  { name: 'name', type: 'text', required: false }, { name: 'email', type: 'email', required: true },
];

export interface Conversation { id: number; status: string; agent_last_read_seq?: number; visitor_last_read_seq?: number }
export interface AgentCard { name: string; avatar_url?: string }
export type Csat = 'none' | 'ask' | 'done';
export interface State {
  phase: 'boot' | 'ready' | 'failed';
  open: boolean;
  settings: Settings;
  locale: string;
  workspaceName: string;
  agents: AgentCard[];
  online: boolean;
  conversation: Conversation | null;
  messages: Message[];
  pending: Pending[];
  connected: boolean;
  reconnecting: boolean;
  agentTyping: string | null;
  agentRead: number;
  error: string | null;
  prechatDone: boolean;
  offlineSent: boolean;
  csat: Csat;
  uploading: string[];
}
interface Page { url: string; title?: string; referrer?: string }

const MAX_UPLOAD = 10 * 1024 * 1024;
const num = (v: unknown, d: number) => (typeof v === 'number' && v >= 0 && v <= 400 ? Math.round(v) : d);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** What a 429 was about: picks the words, and the wait when the server did not say. */
type Limit = 'send' | 'sessions' | 'uploads' | 'other';
const WAIT: Record<Limit, number> = { send: 5, sessions: 10, uploads: 60, other: 30 };
interface Failure { code: string; message?: string; retryAfter?: number }

export class Chat {
  state: State = {
    phase: 'boot', open: false, settings: DEFAULTS, locale: 'en', workspaceName: '', agents: [], online: true,
    conversation: null, messages: [], pending: [], connected: false, reconnecting: false, agentTyping: null,
    agentRead: 0, error: null, prechatDone: false, offlineSent: false, csat: 'none', uploading: [],
  };
  t: T = translator('en');
  private subs = new Set<() => void>();
  private token: string | null = null;
  private workspace = '';
  private store: Record<string, any> = {};
  private outbox = new Outbox();
  private cursors: Record<number, number> = {};  // highest seq received from the server, per conversation
  private resumed = false;
  private cmds: any[] = [];
  private latePage: Page | null = null;
  private readSent = 0;
  private unread = 0;
  private outsideHours = false;
  private typingOn = false;
  private typingAt = 0;
  private typingDraft = '';
  private typingTimer: any = 0;
  private typingOff: any = 0;
  private agentTypingTimer: any = 0;
  private holdTimer: any = 0;           // set while the server says "too fast": nothing is sent until it fires
  private offlineId = '';               // the offline form's client_id, the same on every retry until stored
  private sock: Socket;

  constructor(private bridge: Bridge, wsUrl: string) {
    this.sock = new Socket(wsUrl, () => this.token, {
      up: (w) => this.onUp(w),
      down: () => this.onDown(),
      frame: (f) => this.onFrame(f),
    }, bridge.origin);
  }

  // ---- state plumbing ----
  subscribe(fn: () => void): () => void { this.subs.add(fn); return () => this.subs.delete(fn); }
  private set(patch: Partial<State>): void {
    this.state = { ...this.state, ...patch };
    if ('locale' in patch) this.t = translator(this.state.locale);
    this.subs.forEach((f) => f());
  }
  private save(k: string, v: unknown): void {
    this.store[k] = v;
    this.bridge.post({ t: 'save', k, v });
  }
  /** Seconds to wait after a 429: the server's Retry-After or message, else a default for what it was. */
  private waitOf(e: Failure, kind: Limit): number {
    return e.retryAfter || retryAfterSeconds(null, e.message) || WAIT[kind];
  }
  private errorText(e: Failure, kind: Limit = 'other', wait = this.waitOf(e, kind)): string {
    if (e.code === 'rate_limited') {
      const key: Key = kind === 'send' ? 'errRate' : kind === 'sessions' ? 'errSessions'
        : kind === 'uploads' ? 'errUploads' : 'errLater';
      const words = wait < 60 ? this.t('secs', { n: Math.ceil(wait) }) : this.t('mins', { n: Math.ceil(wait / 60) });
      return this.t(key, { wait: words });
    }
    const map: Record<string, Key> = {
      too_large: 'errTooLarge', unsupported_type: 'errType', network: 'errNetwork', invalid_user_hash: 'errIdentify',
    };
    return map[e.code] ? this.t(map[e.code]) : this.t('errGeneric', { msg: e.message || e.code });
  }
  private fail(e: unknown, kind: Limit = 'other'): void {
    const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
    this.set({ error: this.errorText(err, kind) });
  }
  dismissError(): void { this.set({ error: null }); }

  // ---- host page ----
  start(): void {
    this.bridge.listen((m) => this.onHost(m));
    this.bridge.post({ t: 'hello' });
  }

  private onHost(m: any): void {
    if (m.t === 'init') this.boot(m);
    else if (m.t === 'open') this.setOpen(!!m.v);
    else if (m.t === 'page') this.pageview({ url: String(m.url), title: m.title, referrer: m.referrer });
    else if (m.t === 'cmd') {
      if (this.state.phase === 'ready') this.command(m.c, m.a); else this.cmds.push(m);
    }
  }

  requestClose(): void { this.bridge.post({ t: 'close' }); }

  setOpen(open: boolean): void {
    this.set({ open });
    if (open) {
      this.unread = 0;
      this.bridge.post({ t: 'unread', n: 0 });
      this.markRead();
    }
  }

  private command(c: string, a: any): void {
    if (c === 'identify') this.identify(a || {});
    else if (c === 'set') {
      const body: any = {};
      for (const k of ['name', 'email', 'attributes']) if (a && a[k] !== undefined) body[k] = a[k];
      call('PATCH', '/api/v1/widget/visitor', this.token, body).catch((e) => this.fail(e));
    } else if (c === 'locale') {
      // Only a valid tag is kept: a bad one saved would break every later page of this visitor.
      const l = normaliseLocale(a);
      if (!l) return console.warn('Parley: not a locale:', a);
      this.save('locale', l);
      this.set({ locale: l });
      this.pushUi();
    }
  }

  // ---- session ----
  private async boot(init: any): Promise<void> {
    if (this.state.phase !== 'boot' || this.workspace) return;
    this.workspace = String(init.ws || '');
    this.store = init.store && typeof init.store === 'object' ? init.store : {};
    this.token = typeof this.store.token === 'string' ? this.store.token : null;
    this.outbox = new Outbox(this.store.outbox);
    // A saved locale is repaired ('en_US' -> 'en-US') or dropped, never used as it is.
    const saved = normaliseLocale(this.store.locale);
    if (this.store.locale != null && saved !== this.store.locale) this.save('locale', saved);
    this.set({ open: !!init.open, pending: [...this.outbox.items], prechatDone: !!this.store.prechat,
      locale: saved || 'en' });
    const page: Page = init.page || { url: '' };
    let tz = '';
    try { tz = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch { /* old browser */ }
    for (let attempt = 0, limited = 0; ; attempt++) {
      try {
        const r = await call('POST', '/api/v1/widget/sessions', null, {
          workspace_id: this.workspace, visitor_token: this.token || undefined, language: navigator.language,
          embed_origin: this.bridge.origin || undefined,
          timezone: tz || undefined, url: page.url, title: page.title, referrer: page.referrer,
        });
        await this.applySession(r);
        break;
      } catch (e) {
        const err = e as ApiError;
        if (err.status === 401 && this.token) { this.token = null; continue; } // token from another database
        let delay = Math.min(15_000, 1000 * 2 ** attempt);
        if (err.status === 429) {
          // Too many new visitors from this address (one office, one NAT): wait as asked, then try again.
          const wait = err.retryAfter || Math.min(60, 10 * 2 ** limited++);
          this.set({ error: this.errorText(err, 'sessions', wait) });
          delay = wait * 1000 + Math.random() * 2000;
        } else if (err.status >= 400 && err.status < 500) {
          this.set({ phase: 'failed', error: this.errorText(err) });
          return;
        } else this.set({ error: this.t('errNetwork') });
        await sleep(delay);
      }
    }
    this.set({ phase: 'ready', error: null });
    this.bridge.post({ t: 'ready' });
    this.sock.start();
    for (const m of this.cmds.splice(0)) this.command(m.c, m.a);
    if (this.latePage) this.pageview(this.latePage);
  }

  private setToken(tok: string | undefined): void {
    if (!tok || tok === this.token) return;
    this.token = tok;
    this.save('token', tok);
  }

  private async applySession(r: any): Promise<void> {
    this.setToken(r.visitor_token);
    const s = { ...DEFAULTS, ...(r.settings || {}) } as Settings;
    const agentsOnline = Number(r.agents_online) || 0;
    const online = typeof r.online === 'boolean' ? r.online : agentsOnline > 0;
    this.outsideHours = !online && agentsOnline > 0;
    const conv: Conversation | null = r.conversation || null;
    const messages = conv ? await this.history(conv.id) : [];
    this.outbox.dropKnown(messages);
    this.unread = conv ? messages.filter((m) => m.sender_type !== 'visitor' && m.seq > (conv.visitor_last_read_seq || 0)).length : 0;
    this.set({
      settings: s, locale: normaliseLocale(this.store.locale) || normaliseLocale(s.locale) || 'en', agents: Array.isArray(r.agents) ? r.agents.slice(0, 3) : [],
      online, conversation: conv, messages, pending: [...this.outbox.items], agentRead: conv?.agent_last_read_seq || 0,
      prechatDone: this.state.prechatDone || !!conv,
      csat: conv && conv.status === 'resolved' && !this.rated(conv.id) && messages.length ? 'ask' : 'none',
    });
    this.save('outbox', this.outbox.toJSON());
    this.pushUi();
    if (!this.state.open) this.bridge.post({ t: 'unread', n: this.unread });
  }

  private async history(conversationId: number): Promise<Message[]> {
    const list = mergeMessages([], await loadMessages(this.token!, conversationId));
    for (const m of list) this.cursors[m.conversation_id] = Math.max(this.cursors[m.conversation_id] || 0, m.seq);
    return list;
  }

  private pushUi(): void {
    const s = this.state.settings;
    const th = theme(s.color);
    this.bridge.post({
      t: 'ui', bg: th.bg, fg: th.fg, pos: s.position === 'left' ? 'left' : 'right',
      x: num(s.offset_x, 20), y: num(s.offset_y, 20), d: launcherIcons[s.launcher_icon] || launcherIcons.chat,
      lo: this.t('open'), lc: this.t('close'),
    });
  }

  private rated(id: number): boolean { return (this.store.rated || []).includes(id); }

  private async identify(a: any): Promise<void> {
    if (!a.user_id || !a.user_hash) return;
    if (this.store.identified === String(a.user_id)) {
      // Same user as before on this browser: only refresh the profile fields.
      if (a.name || a.email || a.attributes) this.command('set', a);
      return;
    }
    try {
      const r = await call('POST', '/api/v1/widget/identify', this.token, {
        user_id: String(a.user_id), user_hash: a.user_hash, name: a.name, email: a.email, attributes: a.attributes,
      });
      this.setToken(r.visitor_token);
      this.save('identified', String(a.user_id));
      const conv: Conversation | null = r.conversation || null;
      this.cursors = {};
      const messages = conv ? await this.history(conv.id) : [];
      this.set({ conversation: conv, messages, agentRead: conv?.agent_last_read_seq || 0, prechatDone: true });
      this.sock.restart();
    } catch (e) {
      this.fail(e);
    }
  }

  // ---- socket ----
  private onUp(w: any): void {
    this.set({ connected: true, reconnecting: false, workspaceName: w.workspace?.name || this.state.workspaceName });
    this.readSent = 0;
    const c = this.state.conversation;
    if (c) this.sock.send({ type: 'resume', conversation_id: c.id, after_seq: this.cursors[c.id] || 0 });
    else { this.resumed = true; this.flush(); }
  }

  private onDown(): void {
    this.resumed = false;
    this.typingOn = false;
    this.outbox.requeue();
    this.set({ connected: false, reconnecting: true, pending: [...this.outbox.items], agentTyping: null });
  }

  private onFrame(f: any): void {
    switch (f.type) {
      case 'message.ack': return this.onAck(f);
      case 'message.created': return this.onMessage(f.message, f.conversation);
      case 'conversation.updated': return this.onConversation(f.conversation);
      case 'typing':
        if (f.sender_type === 'visitor') return;
        clearTimeout(this.agentTypingTimer);
        if (f.typing) this.agentTypingTimer = setTimeout(() => this.set({ agentTyping: null }), 8000);
        return this.set({ agentTyping: f.typing ? f.name || this.t('someone') : null });
      case 'read':
        if (f.reader_type === 'agent' && f.seq > this.state.agentRead) this.set({ agentRead: f.seq });
        return;
      case 'presence':
        if (typeof f.agents_online === 'number') this.set({ online: f.agents_online > 0 && !this.outsideHours });
        return;
      case 'resume.done':
        this.resumed = true;
        this.flush();
        this.markRead();
        return;
      case 'resume.reset': {
        const c = this.state.conversation;
        if (c) this.history(c.id).then((list) => this.set({ messages: mergeMessages(this.state.messages, list) }), () => {});
        this.resumed = true;
        this.flush();
        return;
      }
      case 'error': {
        // A page view or typing frame over its limit: nothing the visitor needs to know.
        if (f.code === 'rate_limited' && !f.client_id) return;
        const text = this.errorText(f, 'send');
        if (f.client_id && f.code === 'rate_limited') {
          // Too fast: this message and every later one wait (queued, in order) until the server's wait is over.
          this.outbox.again(f.client_id);
          this.hold(this.waitOf(f, 'send'), text);
          this.syncOutbox();
        } else if (f.client_id) {
          this.outbox.fail(f.client_id, text);
          this.syncOutbox();
        }
        this.set({ error: text });
      }
    }
  }

  private hold(wait: number, text: string): void {
    clearTimeout(this.holdTimer);
    this.holdTimer = setTimeout(() => {
      this.holdTimer = 0;
      if (this.state.error === text) this.set({ error: null });
      this.flush();
    }, wait * 1000);
  }

  private onAck(f: any): void {
    const p = this.outbox.items.find((x) => x.client_id === f.client_id);
    if (p) {
      this.outbox.ack(f.client_id);
      const m: Message = {
        id: f.id, conversation_id: f.conversation_id, seq: f.seq, sender_type: 'visitor', body: p.body,
        attachments: p.attachments, client_id: p.client_id, created_at: f.created_at || Date.now(),
      };
      this.set({ messages: mergeMessages(this.state.messages, [m]) });
      this.syncOutbox();
    }
    const c = this.state.conversation;
    if (f.conversation_id && (!c || c.id !== f.conversation_id)) {
      // A new conversation: make sure this socket follows it.
      this.set({ conversation: { id: f.conversation_id, status: 'open' }, agentRead: 0, csat: 'none' });
      this.sock.send({ type: 'resume', conversation_id: f.conversation_id, after_seq: this.cursors[f.conversation_id] || 0 });
    }
  }

  private onMessage(m: Message, conv?: Conversation): void {
    if (!m || m.private) return;
    const before = this.state.messages;
    const messages = mergeMessages(before, [m]);
    this.cursors[m.conversation_id] = Math.max(this.cursors[m.conversation_id] || 0, m.seq);
    if (m.client_id && this.outbox.ack(m.client_id)) this.syncOutbox();
    const c = this.state.conversation;
    if (conv && (!c || conv.id >= c.id)) this.onConversation(conv);
    else if (!c || m.conversation_id > c.id) this.set({ conversation: { id: m.conversation_id, status: 'open' } });
    if (messages === before) return;
    const fromAgent = m.sender_type !== 'visitor';
    this.set({ messages, ...(fromAgent ? { agentTyping: null } : {}) });
    if (!fromAgent) return;
    this.bridge.post({ t: 'message', m: { body: m.body, sender: m.sender?.name || null, created_at: m.created_at } });
    if (this.visible()) this.markRead();
    else {
      this.unread++;
      this.bridge.post({ t: 'unread', n: this.unread });
      if (!this.state.open) beep();
    }
  }

  private onConversation(conv: Conversation): void {
    if (!conv) return;
    const c = this.state.conversation;
    if (c && conv.id < c.id) return;
    const wasResolved = c?.id === conv.id && c.status === 'resolved';
    const next = { ...(c?.id === conv.id ? c : {}), ...conv } as Conversation;
    let csat = this.state.csat;
    if (next.status === 'resolved' && !wasResolved && !this.rated(next.id)) csat = 'ask';
    if (next.status !== 'resolved' && csat === 'ask') csat = 'none';
    this.set({
      conversation: next, csat,
      agentRead: Math.max(c?.id === conv.id ? this.state.agentRead : 0, conv.agent_last_read_seq || 0),
    });
  }

  private visible(): boolean { return this.state.open && document.visibilityState === 'visible'; }

  markRead(): void {
    const c = this.state.conversation;
    if (!c || !this.visible() || !this.sock.connected) return;
    let seq = 0;
    for (const m of this.state.messages) if (m.conversation_id === c.id && m.seq > seq) seq = m.seq;
    if (seq > this.readSent && this.sock.send({ type: 'read', conversation_id: c.id, seq })) this.readSent = seq;
  }

  // ---- sending ----
  send(body: string, attachments: Attachment[] = []): void {
    body = body.trim();
    if (!body && !attachments.length) return;
    this.outbox.add(body, attachments);
    this.typingStop();
    this.syncOutbox();
    this.flush();
  }

  retry(clientId: string): void {
    this.outbox.retry(clientId);
    this.syncOutbox();
    this.flush();
  }

  private syncOutbox(): void {
    this.set({ pending: [...this.outbox.items] });
    this.save('outbox', this.outbox.toJSON());
  }

  private flush(): void {
    if (!this.resumed || !this.sock.connected || this.holdTimer) return;
    const due = this.outbox.takeDue();
    for (const p of due) {
      const c = this.state.conversation;
      this.sock.send({
        type: 'message.send', client_id: p.client_id, body: p.body,
        ...(p.attachments.length ? { attachments: p.attachments } : {}),
        ...(c && c.status !== 'resolved' ? { conversation_id: c.id } : {}),
      });
    }
    if (due.length) this.syncOutbox();
  }

  async sendFile(file: File): Promise<void> {
    if (file.size > MAX_UPLOAD) return this.set({ error: this.t('errTooLarge') });
    this.set({ uploading: [...this.state.uploading, file.name] });
    try {
      const a = await upload(this.token!, file);
      this.send('', [a]);
    } catch (e) {
      this.fail(e, 'uploads');
    } finally {
      const u = [...this.state.uploading];
      u.splice(u.indexOf(file.name), 1);
      this.set({ uploading: u });
    }
  }

  // ---- typing (visitor -> agents): at most one frame per 1.5 s with the draft, `false` after 4 s idle ----
  typing(draft: string): void {
    const c = this.state.conversation;
    if (!c || c.status === 'resolved' || !this.sock.connected) return;
    clearTimeout(this.typingOff);
    if (!draft.trim()) return this.typingStop();
    this.typingOff = setTimeout(() => this.typingStop(), 4000);
    this.typingDraft = draft.slice(0, 2000);
    const wait = 1500 - (Date.now() - this.typingAt);
    if (wait <= 0) this.sendTyping();
    else if (!this.typingTimer) this.typingTimer = setTimeout(() => this.sendTyping(), wait);
  }

  private sendTyping(): void {
    this.typingTimer = 0;
    const c = this.state.conversation;
    if (!c) return;
    this.typingAt = Date.now();
    this.typingOn = this.sock.send({ type: 'typing', conversation_id: c.id, typing: true, draft: this.typingDraft });
  }

  private typingStop(): void {
    clearTimeout(this.typingTimer);
    clearTimeout(this.typingOff);
    this.typingTimer = 0;
    const c = this.state.conversation;
    if (this.typingOn && c) this.sock.send({ type: 'typing', conversation_id: c.id, typing: false });
    this.typingOn = false;
  }

  // ---- page views ----
  private pageview(p: Page): void {
    // A known visitor reports at once over HTTP with keepalive: the host page may navigate on
    // before this frame's socket is ready, and a keepalive request outlives the page.
    if (this.state.phase !== 'ready' && !this.token) { this.latePage = p; return; }
    this.latePage = null;
    if (this.state.phase !== 'ready' || !this.sock.send({ type: 'pageview', ...p })) {
      call('POST', '/api/v1/widget/pageviews', this.token, p, {}, true).catch(() => {});
    }
  }

  // ---- forms ----
  async submitPrechat(values: Record<string, string>): Promise<boolean> {
    const body: any = { attributes: {} };
    for (const [k, v] of Object.entries(values)) {
      if (!v) continue;
      if (k === 'name' || k === 'email') body[k] = v; else body.attributes[k] = v;
    }
    try {
      await call('PATCH', '/api/v1/widget/visitor', this.token, body);
      this.save('prechat', 1);
      this.set({ prechatDone: true, error: null });
      return true;
    } catch (e) { this.fail(e); return false; }
  }

  async submitOffline(v: { name?: string; email: string; message: string }): Promise<boolean> {
    // One client_id until the server stored the message: a retry (after a 429 or a lost answer) is stored once.
    const clientId = this.offlineId = this.offlineId || newClientId();
    for (let tries = 0; ; tries++) {
      try {
        return await this.postOffline(v, clientId);
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
        const wait = this.waitOf(err, 'send');
        if (err.code !== 'rate_limited' || tries >= 3 || wait > 120) { this.fail(err); return false; }
        this.set({ error: this.errorText(err, 'send', wait) });
        await sleep(wait * 1000);
      }
    }
  }

  private async postOffline(v: { name?: string; email: string; message: string }, clientId: string): Promise<boolean> {
    const r = await call('POST', '/api/v1/widget/offline', this.token,
      { ...v, name: v.name || undefined, client_id: clientId });
    this.offlineId = '';
    const conv: Conversation | null = r?.conversation || null;
    const messages = conv ? await this.history(conv.id).catch(() => [] as Message[]) : [];
    this.set({ offlineSent: true, error: null, conversation: conv || this.state.conversation,
      messages: mergeMessages(this.state.messages, messages), prechatDone: true });
    if (conv) this.sock.send({ type: 'resume', conversation_id: conv.id, after_seq: this.cursors[conv.id] || 0 });
    return true;
  }

  async submitCsat(score: number, comment: string): Promise<boolean> {
    const c = this.state.conversation;
    if (!c) return false;
    try {
      await call('POST', `/api/v1/widget/conversations/${c.id}/csat`, this.token, { score, ...(comment ? { comment } : {}) });
      this.save('rated', [...(this.store.rated || []), c.id].slice(-20));
      this.set({ csat: 'done', error: null });
      return true;
    } catch (e) { this.fail(e); return false; }
  }
}


