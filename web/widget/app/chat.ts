// The chat controller: one instance per frame. The visitor protocol (session, socket, outbox, messages, typing,
// read, send, retry, uploads) is the SDK's VisitorClient (web/sdk/src/visitor.ts), which this class extends with
// what the frame shows: an immutable `state` snapshot plus methods; components render the snapshot and call methods.
import { Outbox, type Pending } from './lib/outbox';
import { VisitorClient, type Conversation, type VisitorEvents } from '../../sdk/src/visitor';
import { ApiError, retryAfterSeconds } from '../../shared/protocol';
import { newClientId } from '../../shared/clientId';
import { upload } from '../../shared/http';
import type { Bridge, HostPage, HostStore, LoaderToFrame } from '../../shared/bridge';
import type { ContactPatch, IdentifyRequest, Message, OnlineAgent, WidgetSession } from '../../shared/types';
import { browserLanguages, normaliseLocale, resolveLocale } from './lib/locale';
import { beep } from './lib/beep';
import { load, shipped, translator, type Key, type T } from './i18n';
import { launcherUi } from './lib/launcher';
import { DEFAULTS, DEFAULT_TEXT, type Settings } from './settings';
import { countVisit } from './proactive/visits';

export type { Conversation };
export type Csat = 'none' | 'ask' | 'done';
export interface State {
  phase: 'boot' | 'ready' | 'failed';
  open: boolean;
  settings: Settings;
  locale: string;
  workspaceName: string;
  agents: OnlineAgent[];
  online: boolean;
  conversation: Conversation | null;
  messages: Message[];
  pending: Pending[];
  reconnecting: boolean;
  agentTyping: string | null;
  agentRead: number;
  error: string | null;
  prechatDone: boolean;
  offlineSent: boolean;
  csat: Csat;
  uploading: string[];
  recentEmoji: string[];
}

const MAX_UPLOAD = 10 * 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** What a 429 was about: picks the words, and the wait when the server did not say. */
type Limit = 'send' | 'sessions' | 'uploads' | 'other';
const WAIT: Record<Limit, number> = { send: 5, sessions: 10, uploads: 60, other: 30 };
interface Failure { code: string; message?: string; retryAfter?: number }
type Timer = ReturnType<typeof setTimeout> | 0;

export class Chat extends VisitorClient {
  state: State = {
    phase: 'boot', open: false, settings: DEFAULTS, locale: 'en', workspaceName: '', agents: [], online: true,
    conversation: null, messages: [], pending: [], reconnecting: false, agentTyping: null,
    agentRead: 0, error: null, prechatDone: false, offlineSent: false, csat: 'none', uploading: [], recentEmoji: [],
  };
  t: T = translator('en');
  private subs = new Set<() => void>();
  /** The visitor's email when they gave one: "Email me this conversation" starts with it. */
  email = '';
  private store: HostStore = {};
  private cmds: Extract<LoaderToFrame, { t: 'cmd' }>[] = [];
  private latePage: HostPage | null = null;
  private unread = 0;
  private outsideHours = false;
  private agentTypingTimer: Timer = 0;
  private errorTimer: Timer = 0;        // clears a "wait N s" banner once the wait is over
  private offlineId = '';               // the offline form's client_id, the same on every retry until stored
  // Proactive rules (issue 13): the host page now, the visits so far, the runner (a lazy chunk) once there are rules.
  private page: HostPage = { url: '' };
  private visits = 1;
  private proactive: { setPage(p: HostPage): void } | null = null;

  constructor(readonly bridge: Bridge, wsUrl: string) {
    super({ workspace: '', wsUrl, embedOrigin: bridge.origin || undefined });
  }

  /** The client's events (VisitorEvents in web/sdk/src/visitor.ts): what the frame shows. */
  protected emit(type: keyof VisitorEvents, a?: any, b?: any): void {
    if (type === 'change') this.set({ messages: this.messages, pending: [...this.outbox.items], conversation: this.conversation });
    else if (type === 'message') this.announce(a);
    else if (type === 'conversation') this.conversationChanged(a, b);
    else if (type === 'connection') {
      if (!a) return this.set({ reconnecting: true, agentTyping: null });
      this.set({ reconnecting: false, workspaceName: a.workspace?.name || this.state.workspaceName });
      this.markRead();
    } else if (type === 'typing') {
      clearTimeout(this.agentTypingTimer);
      if (a.typing) this.agentTypingTimer = setTimeout(() => this.set({ agentTyping: null }), 8000);
      this.set({ agentTyping: a.typing ? a.name || this.t('someone') : null });
    } else if (type === 'read') { if (a > this.state.agentRead) this.set({ agentRead: a }); }
    else if (type === 'presence') { if (typeof a === 'number') this.set({ online: a > 0 && !this.outsideHours }); }
    // A page view or typing frame over its limit: nothing the visitor needs to know.
    else if (a.code !== 'rate_limited' || a.client_id) this.showError(this.errorText(a, 'send', b), b);
  }

  // ---- state plumbing ----
  subscribe(fn: () => void): () => void { this.subs.add(fn); return () => this.subs.delete(fn); }
  private set(patch: Partial<State>): void {
    this.state = { ...this.state, ...patch };
    if ('locale' in patch) this.t = translator(this.state.locale);
    this.subs.forEach((f) => f());
  }
  /** A settings text (greeting, team intro, away message, launcher label): the visitor's language while the
   *  admin left it at the default, else as the admin wrote it. */
  text(key: 'greeting' | 'team_intro' | 'away_message' | 'launcher_label'): string {
    const v = this.state.settings[key];
    const [en, k] = DEFAULT_TEXT[key];
    return typeof v !== 'string' || v === en ? this.t(k) : v;
  }
  /** Switches to a locale once its strings are loaded (at once when they are). */
  private async useLocale(locale: string, also: Partial<State> = {}): Promise<void> {
    const wait = load(locale);
    if (wait) await wait;
    this.set({ ...also, locale });
  }
  private localeFor(settings: Partial<Settings> = this.state.settings): string {
    return resolveLocale(this.store.locale, settings.locale, browserLanguages(), shipped);
  }
  save(k: string, v: unknown): void {
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
      cannot_send: 'errBlocked',
    };
    return map[e.code] ? this.t(map[e.code]) : this.t('errGeneric', { msg: e.message || e.code });
  }
  private fail(e: unknown, kind: Limit = 'other'): void {
    const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
    this.showError(this.errorText(err, kind), err.code === 'rate_limited' ? this.waitOf(err, kind) : 0);
  }
  /** Shows an error; one that says "try again in N s" goes away by itself when the N s are over. */
  private showError(text: string, clearAfterS = 0): void {
    clearTimeout(this.errorTimer);
    this.errorTimer = 0;
    this.set({ error: text });
    if (clearAfterS > 0) {
      this.errorTimer = setTimeout(() => {
        this.errorTimer = 0;
        if (this.state.error === text) this.set({ error: null });
      }, clearAfterS * 1000);
    }
  }
  dismissError(): void { clearTimeout(this.errorTimer); this.set({ error: null }); }

  // ---- host page ----
  start(): void {
    this.bridge.listen((m) => this.onHost(m));
    this.bridge.post({ t: 'hello' });
  }

  private onHost(m: LoaderToFrame): void {
    if (m.t === 'init') this.boot(m);
    else if (m.t === 'open') this.setOpen(!!m.v);
    else if (m.t === 'page') {
      this.page = { url: String(m.url), title: m.title, referrer: m.referrer };
      this.proactive?.setPage(this.page);
      this.pageview(this.page);
    }
    else if (m.t === 'cmd') {
      if (this.state.phase === 'ready') this.command(m.c, m.a); else this.cmds.push(m);
    }
  }

  requestClose(): void { this.bridge.post({ t: 'close' }); }

  setOpen(open: boolean): void {
    this.set({ open });
    if (open) {
      this.reportOpened(this.unread);
      this.unread = 0;
      this.bridge.post({ t: 'unread', n: 0 });
      this.markRead();
    }
  }

  /** The host page's Parley(c, a): `a` is whatever the page passed. */
  private command(c: string, a: unknown): void {
    const o = (a || {}) as Record<string, unknown>;
    if (c === 'identify') this.identifyUser(o);
    else if (c === 'set') {
      const body: Record<string, unknown> = {};
      for (const k of ['name', 'email', 'attributes']) if (o[k] !== undefined) body[k] = o[k];
      this.call('PATCH', '/api/v1/widget/visitor', body as ContactPatch).catch((e) => this.fail(e));
    } else if (c === 'locale') {
      // Only a valid tag is kept: a bad one saved would break every later page of this visitor.
      const l = normaliseLocale(a);
      if (!l) return console.warn('Parley: not a locale:', a);
      this.save('locale', l);
      this.useLocale(this.localeFor()).then(() => this.pushUi());
    }
  }

  // ---- session ----
  private async boot(init: Extract<LoaderToFrame, { t: 'init' }>): Promise<void> {
    if (this.state.phase !== 'boot' || this.o.workspace) return;
    this.o.workspace = String(init.ws || '');
    this.store = init.store && typeof init.store === 'object' ? init.store : {};
    this.token = typeof this.store.token === 'string' ? this.store.token : null;
    this.outbox = new Outbox(this.store.outbox);
    // A saved locale is repaired ('en_US' -> 'en-US') or dropped, never used as it is.
    const saved = normaliseLocale(this.store.locale);
    if (this.store.locale != null && saved !== this.store.locale) this.save('locale', saved);
    // The host page's choice or the browser's language until the workspace setting is known.
    await this.useLocale(this.localeFor({}), { open: !!init.open, pending: [...this.outbox.items],
      prechatDone: !!this.store.prechat, recentEmoji: Array.isArray(this.store.emoji) ? this.store.emoji.slice(0, 24) : [] });
    const page: HostPage = this.page = init.page || { url: '' };
    const visits = countVisit(this.store.visits, Date.now());
    this.visits = visits.n;
    this.save('visits', visits);
    // An email's link (the loader's init.r): that contact's session and conversation, once.
    let resume = typeof init.r === 'string' ? init.r : '', expired = false;
    let tz = '';
    try { tz = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch { /* old browser */ }
    for (let attempt = 0, limited = 0; ; attempt++) {
      try {
        await this.applySession(await this.session({
          resume_token: resume || undefined, language: navigator.language, embed_origin: this.bridge.origin || undefined,
          timezone: tz || undefined, url: page.url, title: page.title, referrer: page.referrer,
        }));
        break;
      } catch (e) {
        const err = e as ApiError;
        if (err.code === 'link_expired') { resume = ''; expired = true; continue; } // a normal session, and say so
        let delay = Math.min(15_000, 1000 * 2 ** attempt);
        if (err.status === 429) {
          // Too many new visitors from this address (one office, one NAT): wait as asked, then try again.
          const wait = err.retryAfter || Math.min(60, 10 * 2 ** limited++);
          this.showError(this.errorText(err, 'sessions', wait));
          delay = wait * 1000 + Math.random() * 2000;
        } else if (err.status >= 400 && err.status < 500) {
          this.showError(this.errorText(err));
          this.set({ phase: 'failed' });
          return;
        } else this.showError(this.t('errNetwork'));
        await sleep(delay);
      }
    }
    clearTimeout(this.errorTimer);
    this.set({ phase: 'ready', error: expired ? this.t('linkExpired') : null });
    this.bridge.post({ t: 'ready' });
    this.sock.start();
    for (const m of this.cmds.splice(0)) this.command(m.c, m.a);
    if (this.latePage) this.pageview(this.latePage);
  }

  private async applySession(r: WidgetSession): Promise<void> {
    this.email = r.visitor?.email || '';
    const s = { ...DEFAULTS, ...(r.settings || {}) } as Settings;
    const agentsOnline = Number(r.agents_online) || 0;
    const online = typeof r.online === 'boolean' ? r.online : agentsOnline > 0;
    this.outsideHours = !online && agentsOnline > 0;
    const { conversation: conv, messages } = this;
    this.unread = conv ? messages.filter((m) => m.sender_type !== 'visitor' && m.seq > (conv.visitor_last_read_seq || 0)).length : 0;
    await this.useLocale(this.localeFor(s), {
      settings: s, agents: Array.isArray(r.agents) ? r.agents.slice(0, 3) : [],
      online, agentRead: conv?.agent_last_read_seq || 0,
      prechatDone: this.state.prechatDone || !!conv,
      csat: conv && conv.status === 'resolved' && !this.rated(conv.id) && messages.length ? 'ask' : 'none',
    });
    this.pushUi();
    if (!this.state.open) this.bridge.post({ t: 'unread', n: this.unread });
    // An agent's message the visitor has not read (sent while they were away, or before this page): the teaser
    // again, unless they dismissed it for that message.
    const last = messages[messages.length - 1];
    if (!this.state.open && this.unread && last && last.sender_type !== 'visitor' && this.store.teased !== last.id) this.teaser(last);
    const rules = r.proactive_rules;
    if (rules?.length) {
      import('./proactive/start').then((p) => { this.proactive = p.startProactive(this, rules, this.page, this.visits); }, () => {});
    }
  }

  /** Shows an agent's message as the teaser above the launcher (a lazy chunk: teaser/teaser.tsx). */
  private teaser(m: Message): void {
    import('./teaser/teaser').then((t) => t.showTeaser(this, m), () => {});
  }

  /** The chat opened with `fresh` unread messages: a proactive rule's among them was opened (counted once). */
  private reportOpened(fresh: number): void {
    for (const m of fresh ? this.state.messages.slice(-fresh) : []) {
      const rule = /^proactive-(\d+)$/.exec(m.client_id || '');
      if (rule && m.sender_type !== 'visitor') this.call('POST', `/api/v1/widget/proactive-rules/${rule[1]}/opened`, {}).catch(() => {});
    }
  }

  private pushUi(): void {
    const s = this.state.settings;
    this.bridge.post({ t: 'ui', ...launcherUi(s, this.text('launcher_label'), this.state.locale, this.t, location.origin) });
  }

  private rated(id: number): boolean { return ((this.store.rated || []) as number[]).includes(id); }

  private async identifyUser(a: Partial<IdentifyRequest> & { user_id?: unknown }): Promise<void> {
    if (!a.user_id || !a.user_hash) return;
    if (this.store.identified === String(a.user_id)) {
      // Same user as before on this browser: only refresh the profile fields.
      if (a.name || a.email || a.attributes) this.command('set', a);
      return;
    }
    try {
      await this.identify(a as IdentifyRequest);
      this.save('identified', String(a.user_id));
      this.set({ agentRead: this.conversation?.agent_last_read_seq || 0, prechatDone: true });
    } catch (e) {
      this.fail(e);
    }
  }

  /** A stored message new to the list: an agent's is announced (host page, unread count, sound, teaser). */
  private announce(m: Message): void {
    if (m.sender_type === 'visitor') return;
    this.set({ agentTyping: null });
    this.bridge.post({ t: 'message', m: { body: m.body, sender: m.sender?.name || null, created_at: m.created_at } });
    if (this.visible()) this.markRead();
    else {
      this.unread++;
      this.bridge.post({ t: 'unread', n: this.unread });
      if (!this.state.open) {
        beep();
        this.teaser(m);
      }
    }
  }

  /** The conversation changed (`c`: the one before): CSAT asked once it is resolved, the agents' read mark. */
  private conversationChanged(next: Conversation, c: Conversation | null): void {
    const same = c?.id === next.id;
    let csat = same ? this.state.csat : 'none';
    if (next.status === 'resolved' && !(same && c.status === 'resolved') && !this.rated(next.id)) csat = 'ask';
    if (next.status !== 'resolved' && csat === 'ask') csat = 'none';
    this.set({
      conversation: next, csat, agentRead: Math.max(same ? this.state.agentRead : 0, next.agent_last_read_seq || 0),
    });
  }

  private visible(): boolean { return this.state.open && document.visibilityState === 'visible'; }

  markRead(): void {
    if (this.visible()) this.read();
  }

  async sendFile(file: File): Promise<void> {
    if (file.size > MAX_UPLOAD) return this.showError(this.t('errTooLarge'));
    this.set({ uploading: [...this.state.uploading, file.name] });
    try {
      this.send('', [await upload('/api/v1/widget/uploads', file, { token: this.token })]);
    } catch (e) {
      this.fail(e, 'uploads');
    } finally {
      const u = [...this.state.uploading];
      u.splice(u.indexOf(file.name), 1);
      this.set({ uploading: u });
    }
  }

  // ---- page views ----
  private pageview(p: HostPage): void {
    // A known visitor reports at once over HTTP with keepalive: the host page may navigate on
    // before this frame's socket is ready, and a keepalive request outlives the page.
    if (this.state.phase !== 'ready' && !this.token) { this.latePage = p; return; }
    this.latePage = null;
    if (this.state.phase !== 'ready' || !this.sock.send({ type: 'pageview', ...p })) {
      this.call('POST', '/api/v1/widget/pageviews', p, true).catch(() => {});
    }
  }

  // ---- forms ----
  async submitPrechat(values: Record<string, string>): Promise<boolean> {
    const body: Required<Pick<ContactPatch, 'attributes'>> & ContactPatch = { attributes: {} };
    for (const [k, v] of Object.entries(values)) {
      if (!v) continue;
      if (k === 'name' || k === 'email') body[k] = v; else body.attributes[k] = v;
    }
    try {
      await this.call('PATCH', '/api/v1/widget/visitor', body);
      this.save('prechat', 1);
      this.dismissError();
      this.set({ prechatDone: true });
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
        this.showError(this.errorText(err, 'send', wait), wait);
        await sleep(wait * 1000);
      }
    }
  }

  private async postOffline(v: { name?: string; email: string; message: string }, clientId: string): Promise<boolean> {
    const r = await this.call<{ conversation: Conversation | null } | undefined>('POST', '/api/v1/widget/offline',
      { ...v, name: v.name || undefined, client_id: clientId });
    this.offlineId = '';
    clearTimeout(this.errorTimer);
    // Its conversation: followed, and the resume brings its messages (now, or when the socket is back).
    if (r?.conversation) this.follow(r.conversation);
    this.set({ offlineSent: true, error: null, prechatDone: true });
    return true;
  }

  /** An emoji the visitor picked: first in "recently used", kept for the next visit. */
  usedEmoji(e: string): void {
    const recent = [e, ...this.state.recentEmoji.filter((x) => x !== e)].slice(0, 24);
    this.save('emoji', recent);
    this.set({ recentEmoji: recent });
  }

  async submitCsat(score: number, comment: string): Promise<boolean> {
    const c = this.state.conversation;
    if (!c) return false;
    try {
      await this.call('POST', `/api/v1/widget/conversations/${c.id}/csat`, { score, ...(comment ? { comment } : {}) });
      this.save('rated', [...((this.store.rated || []) as number[]), c.id].slice(-20));
      this.dismissError();
      this.set({ csat: 'done' });
      return true;
    } catch (e) { this.fail(e); return false; }
  }
}


