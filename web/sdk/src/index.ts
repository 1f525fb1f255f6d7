// @parley/sdk: Parley's chat protocol (docs/protocol.md) for browsers and Node 20+. Two clients:
//  - createVisitorClient: chat as a visitor of a workspace (what the widget does; the widget is built on it);
//  - createAgentClient: answer as an agent (the inbox over REST, the live event stream with resume by offset).
// Neither has a runtime dependency: fetch is global in both; where WebSocket is not (Node 20), pass one (`ws`).
import { VisitorClient, type Conversation, type VisitorEvents, type VisitorOptions } from './visitor';
import { AgentClient, type AgentOptions } from './agent';
import { Outbox } from './outbox';
import { fire, listen, type Listeners } from './emitter';
import type { WebSocketCtor } from '../../shared/socket';
import { upload } from '../../shared/http';
import type { Attachment, Status } from '../../shared/types';

export type { Conversation as ChatConversation, VisitorEvents, VisitorOptions } from './visitor';
export type { AgentEvents, AgentOptions, ConversationPatch, ConversationQuery, ReplyOptions } from './agent';
export type { Pending, PendingState } from './outbox';
export type { WebSocketCtor } from '../../shared/socket';
export type * from '../../shared/types';
export type * from '../../shared/frames';
export { ApiError } from '../../shared/protocol';
export { AgentClient };

/** Where a visitor client keeps its token and its outbox between runs (e.g. over localStorage, or a file). */
export interface VisitorStorage {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export interface VisitorClientOptions extends VisitorOptions {
  storage?: VisitorStorage;
}

/** The visitor client's events: those of VisitorClient, and `status` (a shorthand of `conversation`). */
export type VisitorClientEvents = VisitorEvents & {
  /** The conversation's status is new (open, pending, snoozed, resolved), or it is another conversation. */
  status: [Status, Conversation];
};

/** A visitor client with `on` listeners, a storage, and `start`/`close`. */
export class Visitor extends VisitorClient {
  private fns: Listeners = {};
  private storage?: VisitorStorage;

  constructor(o: VisitorClientOptions) {
    super(o);
    this.storage = o.storage;
    const token = this.token || this.storage?.get('token');
    this.token = typeof token === 'string' ? token : null;
    this.outbox = new Outbox(this.storage?.get('outbox'));
  }

  /** Calls `fn` on every `type` event until the returned function is called. */
  on<K extends keyof VisitorClientEvents>(type: K, fn: (...a: VisitorClientEvents[K]) => void): () => void {
    return listen(this.fns, type, fn);
  }

  protected emit<K extends keyof VisitorEvents>(type: K, ...a: VisitorEvents[K]): void {
    fire(this.fns, type, a);
    if (type === 'conversation') {
      const [c, prev] = a as VisitorEvents['conversation'];
      if (prev?.id !== c.id || prev.status !== c.status) fire(this.fns, 'status', [c.status, c]);
    }
  }

  save(key: string, value: unknown): void {
    this.storage?.set(key, value);
  }

  /** Starts or restores the session and opens the socket; resolves with the session. */
  async start(): ReturnType<VisitorClient['session']> {
    const s = await this.session();
    this.sock.start();
    return s;
  }

  /** Uploads a file (at most 10 MB; images, PDF, text...) for `send('', [attachment])`. */
  upload(file: File): Promise<Attachment> {
    return upload((this.o.server || '') + '/api/v1/widget/uploads', file, { token: this.token });
  }

  /** Closes the socket for good (what is still in the outbox stays there, and in the storage). */
  close(): void {
    this.sock.stop();
  }
}

function needWebSocket(ws?: WebSocketCtor): WebSocketCtor {
  const w = ws || (globalThis as { WebSocket?: WebSocketCtor }).WebSocket;
  if (!w) throw new Error('@parley/sdk: no global WebSocket here; pass one, e.g. { WebSocket } from the ws package');
  return w;
}

/** A visitor of `workspace` on `server`; `start()` opens the session. */
export function createVisitorClient(o: VisitorClientOptions): Visitor {
  return new Visitor({ ...o, WebSocket: needWebSocket(o.WebSocket) });
}

/** An agent (token: a pa_ session token); `connect()` opens the live stream. */
export function createAgentClient(o: AgentOptions): AgentClient {
  return new AgentClient({ ...o, WebSocket: needWebSocket(o.WebSocket) });
}

/** A VisitorStorage over the browser's localStorage, under one key per workspace. */
export function localStorageFor(workspace: string): VisitorStorage {
  const key = (k: string) => `parley:${workspace}:${k}`;
  return {
    get: (k) => { try { return JSON.parse(localStorage.getItem(key(k)) || 'null'); } catch { return null; } },
    set: (k, v) => { try { localStorage.setItem(key(k), JSON.stringify(v)); } catch { /* full or blocked */ } },
  };
}
