// The visitor side of docs/protocol.md, written once: the widget (web/widget/app/chat.ts) is built on it and the
// npm package exports it. It owns the session token, the socket, the outbox and the message list; the caller owns
// what it shows. Every rule here is the protocol's:
//  - a message keeps its client_id for every resend, so the server stores it once (`message.ack` `duplicate`);
//  - after every `welcome` the client resumes its conversation from the seq up to which it has every message, and
//    the outbox goes out only after `resume.done` (a resend never overtakes what the server already has);
//  - a send refused for now (`rate_limited`, `unavailable`) waits and goes out again in its place.
// The widget's controller extends this class (it adds what the frame shows) and bundles it whole (size budget:
// node widget/size-check.mjs), so it has no conveniences the widget does not need; those live in index.ts.
import { Outbox, type Pending } from './outbox';
import { retryAfterSeconds } from '../../shared/protocol';
import { messagesAfter, request } from '../../shared/http';
import { lastSeq, mergeMessages } from '../../shared/merge';
import { LiveSocket, type WebSocketCtor } from '../../shared/socket';
import type { ErrorFrame, TypingFrame, VisitorFrame, VisitorWelcomeFrame } from '../../shared/frames';
import type {
  Attachment, IdentifyRequest, IdentifyResult, Message, ReplyToOption, SessionRequest, VisitorConversation, WidgetSession,
} from '../../shared/types';

/** The conversation the visitor sees; one just opened by a send is known by id and status only. */
export type Conversation = Pick<VisitorConversation, 'id' | 'status'> & Partial<VisitorConversation>;

export interface VisitorOptions {
  /** The Parley server, e.g. `https://chat.example.com`; '' (the default) is the page's own origin. */
  server?: string;
  /** The workspace's public id (the snippet's). */
  workspace: string;
  /** A visitor token from an earlier session (else a new visitor). */
  token?: string | null;
  /** A WebSocket implementation where there is no global one (Node 20: `import WebSocket from 'ws'`). */
  WebSocket?: WebSocketCtor;
  /** The socket's URL when it is not the server's `/ws`. */
  wsUrl?: string;
  /** The site the chat is embedded in, for workspaces with allowed domains (the widget frame's host page). */
  embedOrigin?: string;
}

/** The events, each with its arguments: `client.on('message', (m) => ...)`. */
export type VisitorEvents = {
  /** The message list, the outbox or the conversation changed (read `messages`, `outbox.items`, `conversation`). */
  change: [];
  /** A stored message new to the list (an agent's, a bot's, or the visitor's own from another tab or an ack). */
  message: [Message];
  /** The conversation changed (`prev`: the one before, maybe another conversation or null). */
  conversation: [Conversation, Conversation | null];
  /** An agent started or stopped typing. */
  typing: [TypingFrame];
  /** The agents read everything up to this seq. */
  read: [number];
  /** How many agents are online now. */
  presence: [number];
  /** The socket is live and caught up (its `welcome`, after the resume) or down (null; it reconnects by itself). */
  connection: [VisitorWelcomeFrame | null];
  /** The server refused something; `wait`: seconds before a rate-limited send goes out again by itself (else 0). */
  error: [ErrorFrame, number];
};

export class VisitorClient {
  token: string | null;
  conversation: Conversation | null = null;
  /** Stored messages of the conversations seen, in (conversation, seq) order (web/shared/merge.ts). */
  messages: Message[] = [];
  /** The visitor's messages on the way: written, not yet acknowledged. */
  outbox = new Outbox();
  readonly sock: LiveSocket<VisitorFrame>;
  private server: string;
  // Per conversation, the seq up to which every message is here (protocol.md, "Resume"): it moves on
  // contiguous seqs only, so a message another node's frame brought late is not skipped by a resume.
  private cursors: Record<number, number> = {};
  // Left unset where undefined means the same as false or 0 (the widget bundles this class: initialisers are bytes).
  private resumed?: boolean;
  private welcome!: VisitorWelcomeFrame;
  private readSent = 0;
  private holdTimer?: ReturnType<typeof setTimeout> | 0;   // set while the server says "too fast"
  private typingOn?: boolean;
  private typingAt = 0;
  private typingDraft!: string;
  private typingTimer?: ReturnType<typeof setTimeout> | 0;
  private typingOff?: ReturnType<typeof setTimeout>;

  constructor(readonly o: VisitorOptions) {
    this.server = o.server || '';
    this.token = o.token || null;
    this.sock = new LiveSocket<VisitorFrame>(o.wsUrl || this.server.replace(/^http/, 'ws') + '/ws', {
      hello: () => (this.token ? { type: 'hello', token: this.token, embed_origin: o.embedOrigin } : null),
      up: (w) => this.onUp(w),
      down: () => this.onDown(),
      frame: (f) => this.onFrame(f),
    }, o.WebSocket);
  }

  /**
   * Tells the caller what happened (VisitorEvents). Here, nothing: the package's client (index.ts) hands events to
   * `on` listeners, and the widget's controller turns them into its state, without a listener table in its bundle.
   */
  protected emit<K extends keyof VisitorEvents>(_type: K, ..._a: VisitorEvents[K]): void {}

  /** A REST call with the visitor's token (paths as docs/openapi.json names them). */
  call<R = unknown>(method: string, path: string, body?: unknown, keepalive?: boolean): Promise<R> {
    return request<R>(method, this.server + path, body, { token: this.token, keepalive });
  }

  /**
   * Starts or restores the session (POST /api/v1/widget/sessions) and loads the open conversation's messages; the
   * socket is not opened (`sock.start()`). A token from another database (401) is dropped for a new visitor.
   */
  async session(info: Partial<SessionRequest> = {}): Promise<WidgetSession> {
    try {
      const r = await this.call<WidgetSession>('POST', '/api/v1/widget/sessions',
        { ...info, workspace_id: this.o.workspace, visitor_token: this.token || undefined });
      this.setToken(r.visitor_token);
      await this.load(r.conversation || null);
      this.outbox.dropKnown(this.messages);
      this.sync();
      return r;
    } catch (e) {
      if ((e as { status?: number }).status !== 401 || !this.token) throw e;
      this.token = null;
      return this.session(info);
    }
  }

  /** Names the visitor as a user of the site (`user_hash`: the site's server's HMAC of user_id; docs/identity). */
  async identify(a: IdentifyRequest): Promise<IdentifyResult> {
    const r = await this.call<IdentifyResult>('POST', '/api/v1/widget/identify', {
      user_id: String(a.user_id), user_hash: a.user_hash, name: a.name, email: a.email, attributes: a.attributes,
    });
    this.setToken(r.visitor_token);
    this.cursors = {};
    this.messages = [];
    await this.load(r.conversation || null);
    this.sync();
    this.sock.restart();
    return r;
  }

  /** Every message of a conversation (pages of 500), private notes left out; the resume cursor moves past them. */
  async history(conversationId: number): Promise<Message[]> {
    const all = await messagesAfter(`/api/v1/widget/conversations/${conversationId}/messages`, 0,
      (path) => this.call('GET', path));
    const list = mergeMessages([], all.filter((m) => !m.private));
    for (const m of list) this.cursors[m.conversation_id] = Math.max(this.cursors[m.conversation_id] || 0, m.seq);
    return list;
  }

  private async load(conv: Conversation | null): Promise<void> {
    this.conversation = conv;
    if (conv) this.messages = mergeMessages(this.messages, await this.history(conv.id));
  }

  private setToken(tok: string | undefined): void {
    if (!tok || tok === this.token) return;
    this.token = tok;
    this.save('token', tok);
  }

  /** Keeps `token` or `outbox` for the next run: the package's client in its storage (index.ts), the widget
   *  through the loader on the host page. */
  save(_key: string, _value: unknown): void {}

  /** Follows a conversation the visitor has now (e.g. opened by the offline form): its missed messages come. */
  follow(conv: Conversation): void {
    this.onConversation(conv);
    this.resume(conv.id);
  }

  private resume(id: number): boolean {
    return this.sock.send({ type: 'resume', conversation_id: id, after_seq: this.cursors[id] || 0 });
  }

  // ---- socket ----
  private onUp(w: VisitorWelcomeFrame): void {
    this.readSent = 0;
    this.welcome = w;
    const c = this.conversation;
    if (c) this.resume(c.id);
    else this.caughtUp();
  }

  /** The resume is done (or there was nothing to resume): the outbox may go out. */
  private caughtUp(): void {
    this.resumed = true;
    this.flush();
    this.emit('connection', this.welcome);
  }

  private onDown(): void {
    this.resumed = false;
    this.typingOn = false;
    this.outbox.requeue();
    this.sync();
    this.emit('connection', null);
  }

  private onFrame(f: VisitorFrame): void {
    switch (f.type) {
      case 'message.ack': {
        const p = this.outbox.items.find((x) => x.client_id === f.client_id);
        const c = this.conversation;
        if (p) {
          this.onMessage({
            id: f.id, conversation_id: f.conversation_id, seq: f.seq, sender_type: 'visitor', sender_id: null,
            sender: null, body: p.body, private: false, attachments: p.attachments, client_id: p.client_id,
            created_at: f.created_at || Date.now(),
          });
        }
        // A new conversation: make sure this socket follows it.
        if (f.conversation_id && (!c || c.id !== f.conversation_id)) this.follow({ id: f.conversation_id, status: 'open' });
        return;
      }
      case 'message.created': return this.onMessage(f.message, f.conversation);
      case 'conversation.updated': return this.onConversation(f.conversation);
      case 'typing': if (f.sender_type !== 'visitor') this.emit('typing', f); return;
      case 'read': if (f.reader_type === 'agent') this.emit('read', f.seq); return;
      case 'presence': return this.emit('presence', f.agents_online);
      case 'resume.needed':
        // This node may have missed frames of another (a Redis outage): resume on the open socket.
        if (this.conversation && this.resumed) this.resume(this.conversation.id);
        return;
      case 'resume.done':
        this.cursors[f.conversation_id] = Math.max(this.cursors[f.conversation_id] || 0, f.last_seq || 0);
        return this.caughtUp();
      case 'resume.reset': {
        const c = this.conversation;
        if (c) this.history(c.id).then((list) => { this.messages = mergeMessages(this.messages, list); this.sync(); }, () => {});
        return this.caughtUp();
      }
      case 'error': {
        const id = f.client_id;
        const wait = f.code === 'rate_limited' ? retryAfterSeconds(null, f.message) || 5 : 0;
        if (id && (wait || f.code === 'unavailable')) {
          // Too fast, or the database is restarting (nothing was stored): this message and every later one wait,
          // queued in order, and go out again (same client_id) when the wait is over.
          this.outbox.again(id);
          this.hold(wait || 2);
        } else if (id) this.outbox.fail(id, f.message);
        if (id) this.sync();
        if (f.code !== 'unavailable' || !id) this.emit('error', f, wait);
      }
    }
  }

  private hold(wait: number): void {
    clearTimeout(this.holdTimer);
    this.holdTimer = setTimeout(() => {
      this.holdTimer = 0;
      this.flush();
    }, wait * 1000);
  }

  /** A stored message (a frame, an ack, or one the caller got another way): merged once, by seq and id. */
  onMessage(m: Message, conv?: Conversation): void {
    if (!m || m.private) return;
    const before = this.messages;
    this.messages = mergeMessages(before, [m]);
    this.advance(m.conversation_id);
    if (m.client_id) this.outbox.ack(m.client_id, [m.conversation_id, m.seq]);
    const c = this.conversation;
    if (conv && (!c || conv.id >= c.id)) this.onConversation(conv);
    else if (!c || m.conversation_id > c.id) this.onConversation({ id: m.conversation_id, status: 'open' });
    this.sync();
    if (this.messages !== before) this.emit('message', m);
  }

  private onConversation(conv: Conversation): void {
    const c = this.conversation;
    if (!conv || (c && conv.id < c.id)) return;
    this.conversation = { ...(c?.id === conv.id ? c : {}), ...conv } as Conversation;
    this.emit('conversation', this.conversation, c);
  }

  private advance(id: number): void {
    let c = this.cursors[id] || 0;
    const have = new Set(this.messages.filter((m) => m.conversation_id === id).map((m) => m.seq));
    while (have.has(c + 1)) c++;
    this.cursors[id] = c;
  }

  /** Tells the agents the visitor read everything up to the newest message (when the socket is live). */
  read(): void {
    const c = this.conversation;
    if (!c) return;
    const seq = lastSeq(this.messages, c.id);
    if (seq > this.readSent && this.sock.send({ type: 'read', conversation_id: c.id, seq })) this.readSent = seq;
  }

  // ---- sending ----
  /** Queues a message; it goes out now when the socket is live, else after the next resume. */
  send(body: string, attachments: Attachment[] = [], reply_to_option?: ReplyToOption): Pending | undefined {
    body = body.trim();
    if (!body && !attachments.length) return;
    const p = this.outbox.add(body, attachments, Date.now(), this.lastKey());
    p.reply_to_option = reply_to_option;
    this.typing('');
    this.sync();
    this.flush();
    return p;
  }

  /** Where a message written now goes in the list: after the newest message shown. */
  private lastKey(): [number, number] {
    const m = this.messages[this.messages.length - 1];
    return m ? [m.conversation_id, m.seq] : [0, 0];
  }

  /** Sends a failed message again (same client_id). */
  retry(clientId: string): void {
    this.outbox.retry(clientId, this.lastKey());
    this.sync();
    this.flush();
  }

  /** The list or the outbox changed: kept in the storage, and the caller told. */
  private sync(): void {
    this.save('outbox', this.outbox.toJSON());
    this.emit('change');
  }

  private flush(): void {
    if (!this.resumed || !this.sock.connected || this.holdTimer) return;
    const c = this.conversation;
    const due = this.outbox.takeDue();
    for (const p of due) {
      this.sock.send({
        type: 'message.send', client_id: p.client_id, body: p.body, reply_to_option: p.reply_to_option,
        ...(p.attachments.length ? { attachments: p.attachments } : {}),
        ...(c && c.status !== 'resolved' ? { conversation_id: c.id } : {}),
      });
    }
    if (due.length) this.sync();
  }

  // ---- typing (visitor -> agents): at most one frame per 1.5 s with the draft, `false` after 4 s idle or '' ----
  typing(draft: string): void {
    const c = this.conversation;
    clearTimeout(this.typingOff);
    if (!draft.trim() || !c || c.status === 'resolved' || !this.sock.connected) {
      clearTimeout(this.typingTimer);
      this.typingTimer = 0;
      if (this.typingOn && c) this.sock.send({ type: 'typing', conversation_id: c.id, typing: false });
      this.typingOn = false;
      return;
    }
    this.typingOff = setTimeout(() => this.typing(''), 4000);
    this.typingDraft = draft.slice(0, 2000);
    const wait = 1500 - (Date.now() - this.typingAt);
    if (wait <= 0) this.sendTyping();
    else if (!this.typingTimer) this.typingTimer = setTimeout(() => this.sendTyping(), wait);
  }

  private sendTyping(): void {
    this.typingTimer = 0;
    const c = this.conversation;
    if (!c) return;
    this.typingAt = Date.now();
    this.typingOn = this.sock.send({ type: 'typing', conversation_id: c.id, typing: true, draft: this.typingDraft });
  }
}
