// The agent side of docs/protocol.md for programs that answer chats (a bot, an integration): REST for the inbox
// (conversations, messages, replies, assignment) and the agent socket for the live event stream. The stream is
// the workspace's event log: every logged frame carries an `offset`, and after each `welcome` the client sends
// `resume` from the offset up to which it applied everything (web/shared/resumeCursor.ts), so a reconnect misses
// nothing and a replayed frame is delivered once. A program that restarts passes `resume` (the `position()` it
// kept) to carry on where it stopped.
import { fire, listen, type Listeners } from './emitter';
import { request, messagesAfter } from '../../shared/http';
import { LiveSocket, type WebSocketCtor } from '../../shared/socket';
import { ResumeCursor } from '../../shared/resumeCursor';
import { newClientId } from '../../shared/clientId';
import type { AgentFrame, AgentWelcomeFrame, ReadFrame, TypingFrame } from '../../shared/frames';
import type { Attachment, Conversation, Message, MessageContent, Status } from '../../shared/types';

/** POST /api/v1/conversations/{id}/messages beyond the body (docs/openapi.json, NewMessage). */
export interface ReplyOptions {
  /** A private note, never shown to the visitor. */
  private?: boolean;
  attachments?: Attachment[];
  /** Quick replies or article cards. */
  content?: MessageContent;
  /** The idempotency key (generated when left out). */
  client_id?: string;
}

/** PATCH /api/v1/conversations/{id} (docs/openapi.json, ConversationPatch): any subset. */
export interface ConversationPatch {
  status?: Status;
  priority?: 'none' | 'low' | 'medium' | 'high' | 'urgent';
  assignee_id?: number | null;
  team_id?: number | null;
  tags?: string[];
  snoozed_until?: number | null;
}

export interface AgentOptions {
  /** The Parley server, e.g. `https://chat.example.com`. */
  server: string;
  /** An agent session token (pa_..., from POST /api/v1/auth/login); API tokens (pk_...) serve the REST calls. */
  token: string;
  /** A WebSocket implementation where there is no global one (Node 20: `import WebSocket from 'ws'`). */
  WebSocket?: WebSocketCtor;
  /** Where an earlier run stopped (`position()`): the stream resumes after it instead of starting now. */
  resume?: { epoch: string; offset: number };
  /** The socket's URL when it is not the server's `/ws`. */
  wsUrl?: string;
}

export type AgentEvents = {
  /** A new message in any conversation of the workspace (private notes included). */
  message: [Message, Conversation];
  /** A conversation was created or changed (status, assignee, ...). */
  conversation: [Conversation];
  typing: [TypingFrame];
  read: [ReadFrame];
  /** The stream is live and caught up (the `welcome`), or down (null; it reconnects by itself). */
  connection: [AgentWelcomeFrame | null];
  /** The resume position is unusable (first run, another database, too far behind): reload lists over REST. */
  reload: [];
  /** Every frame that is new, after the offset dedup (for what the events above leave out). */
  frame: [AgentFrame];
};

export interface ConversationQuery {
  status?: 'open' | 'pending' | 'snoozed' | 'resolved';
  /** `me`, `none` or an agent id. */
  assignee?: string | number;
  sort?: 'newest' | 'waiting' | 'priority';
  cursor?: string;
  limit?: number;
}

export class AgentClient {
  readonly sock: LiveSocket<AgentFrame>;
  private fns: Listeners = {};
  private cursor: ResumeCursor;
  private hasState: boolean;
  private welcome: AgentWelcomeFrame | null = null;
  private replaying = false;

  constructor(readonly o: AgentOptions) {
    this.cursor = new ResumeCursor(o.resume?.offset ?? 0, o.resume?.epoch ?? null);
    this.hasState = !!o.resume;
    this.sock = new LiveSocket<AgentFrame>(o.wsUrl || o.server.replace(/^http/, 'ws') + '/ws', {
      hello: () => ({ type: 'hello', token: o.token }),
      up: (w) => this.onUp(w),
      down: () => { this.replaying = false; this.emit('connection', null); },
      frame: (f) => this.onFrame(f),
    }, o.WebSocket);
  }

  on<K extends keyof AgentEvents>(type: K, fn: (...a: AgentEvents[K]) => void): () => void {
    return listen(this.fns, type, fn);
  }

  private emit<K extends keyof AgentEvents>(type: K, ...a: AgentEvents[K]): void {
    fire(this.fns, type, a);
  }

  /** A REST call with the agent's token (paths as docs/openapi.json names them). */
  call<R = unknown>(method: string, path: string, body?: unknown): Promise<R> {
    return request<R>(method, this.o.server + path, body, { token: this.o.token });
  }

  /** One page of the inbox; `next_cursor` asks for the next. */
  conversations(q: ConversationQuery = {}): Promise<{ conversations: Conversation[]; next_cursor?: string | null }> {
    const qs = new URLSearchParams(Object.entries(q).filter(([, v]) => v != null).map(([k, v]) => [k, String(v)]));
    return this.call('GET', `/api/v1/conversations${qs.size ? '?' + qs : ''}`);
  }

  /** Every message of a conversation after a seq (pages of 500), private notes included. */
  messages(conversationId: number, afterSeq = 0): Promise<Message[]> {
    return messagesAfter(`/api/v1/conversations/${conversationId}/messages`, afterSeq, (p) => this.call('GET', p));
  }

  /**
   * Sends a reply (or, with `private`, a note). The client_id makes a retry safe: the server stores it once and
   * answers the first message again.
   */
  async send(conversationId: number, body: string, more: ReplyOptions = {}): Promise<Message> {
    const r = await this.call<{ message: Message }>('POST', `/api/v1/conversations/${conversationId}/messages`,
      { client_id: newClientId(), ...more, body });
    return r.message;
  }

  /** Assigns the conversation to an agent (null: unassigned). */
  assign(conversationId: number, agentId: number | null): Promise<Conversation> {
    return this.update(conversationId, { assignee_id: agentId });
  }

  async update(conversationId: number, patch: ConversationPatch): Promise<Conversation> {
    return (await this.call<{ conversation: Conversation }>('PATCH', `/api/v1/conversations/${conversationId}`, patch))
      .conversation;
  }

  /** Opens the live stream (it reconnects and resumes by itself until `close`). */
  connect(): void { this.sock.start(); }
  close(): void { this.sock.stop(); }

  /** Where the stream is: everything up to `offset` was delivered. Keep it to `resume` after a restart. */
  position(): { epoch: string; offset: number } | null {
    return this.cursor.epoch ? { epoch: this.cursor.epoch, offset: this.cursor.cursor } : null;
  }

  private onUp(w: AgentWelcomeFrame): void {
    this.welcome = w;
    const d = this.cursor.onWelcome(w.epoch, w.offset ?? 0, this.hasState);
    this.hasState = true;
    this.replaying = true;
    this.sock.send({ type: 'resume', after_offset: d.after });
    if (d.action === 'reload') this.emit('reload');
  }

  private onFrame(f: AgentFrame): void {
    switch (f.type) {
      case 'resume.done':
        this.cursor.done(f.offset ?? this.cursor.cursor);
        this.replaying = false;
        return this.emit('connection', this.welcome);
      case 'resume.needed':
        // This node may have missed frames of another: resume from the cursor; accept() drops what came already.
        if (!this.replaying) {
          this.replaying = true;
          this.sock.send({ type: 'resume', after_offset: this.cursor.cursor });
        }
        return;
      case 'resume.reset':
        this.cursor.reset(this.welcome?.epoch ?? null, this.welcome?.offset ?? 0);
        this.replaying = false;
        this.emit('reload');
        return this.emit('connection', this.welcome);
      case 'message.created':
      case 'conversation.created':
      case 'conversation.updated':
        if (!this.cursor.accept(f.offset)) return;
        if (f.type === 'message.created') this.emit('message', f.message, f.conversation);
        else this.emit('conversation', f.conversation);
        break;
      case 'typing': this.emit('typing', f); break;
      case 'read': this.emit('read', f); break;
    }
    this.emit('frame', f);
  }
}
