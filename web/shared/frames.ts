// The WebSocket frames of docs/protocol.md ("WebSocket /ws"): what clients send, and what the server sends to an
// agent's socket (the dashboard) and to a visitor's (the widget). Types only; schema.ts lists every `type` and
// schema.test.ts holds that list to the protocol document.
import type {
  Agent, Attachment, Contact, Conversation, Message, MessageContent, Presence, ReplyToOption, SenderType,
  VisitorConversation, Workspace,
} from './types';

// ---- client -> server ----

export interface HelloFrame { type: 'hello'; token: string; embed_origin?: string }
export interface SendFrame {
  type: 'message.send';
  /** 1..64 characters, unique per sender and conversation: a resend with the same one is stored once. */
  client_id: string;
  body: string;
  /** A visitor's first message leaves it out: the server opens a conversation (or uses the open one). */
  conversation_id?: number;
  private?: boolean;
  attachments?: Attachment[];
  /** Agents: quick replies or article cards (issue 14). */
  content?: MessageContent;
  /** Visitors: a quick-reply press; the body is the option's label. */
  reply_to_option?: ReplyToOption;
}
export interface TypingOutFrame { type: 'typing'; conversation_id: number; typing: boolean; draft?: string }
export interface ReadOutFrame { type: 'read'; conversation_id: number; seq: number }
export type ResumeFrame =
  | { type: 'resume'; conversation_id: number; after_seq: number }   // visitors
  | { type: 'resume'; after_offset: number };                        // agents
export interface PresenceSetFrame { type: 'presence.set'; status: 'online' | 'away' }
export interface PageviewFrame { type: 'pageview'; url: string; title?: string; referrer?: string }
export interface PingFrame { type: 'ping'; t?: number }

export type ClientFrame =
  | HelloFrame | SendFrame | TypingOutFrame | ReadOutFrame | ResumeFrame | PresenceSetFrame | PageviewFrame | PingFrame;

// ---- server -> client: frames both sides get ----

export interface AckFrame {
  type: 'message.ack';
  client_id: string;
  id: number;
  seq: number;
  conversation_id: number;
  created_at: number;
  /** A resend of a client_id the server had already stored. */
  duplicate: boolean;
}
export interface TypingFrame {
  type: 'typing';
  conversation_id: number;
  sender_type: SenderType;
  sender_id: number | null;
  name?: string;
  typing: boolean;
  /** A visitor's draft (agents only). */
  draft?: string;
}
export interface ReadFrame { type: 'read'; conversation_id: number; reader_type: 'visitor' | 'agent'; seq: number }
export interface ResumeResetFrame { type: 'resume.reset'; reason: string }
/** A node may have missed frames of other nodes (protocol.md, "Resume"): resume from the cursor now. */
export interface ResumeNeededFrame { type: 'resume.needed'; reason: string }
export interface PongFrame { type: 'pong'; t?: number }
export interface ErrorFrame {
  type: 'error';
  code: string;
  message: string;
  field?: string;
  /** The failed `message.send`'s. */
  client_id?: string;
}

/** The workspace as a `welcome` names it. */
export type WelcomeWorkspace = Pick<Workspace, 'id' | 'public_id' | 'name'>;

// ---- server -> an agent's socket ----

export interface AgentWelcomeFrame {
  type: 'welcome';
  role: 'agent';
  agent: Agent;
  workspace: WelcomeWorkspace;
  epoch: string;
  /** The newest event offset. */
  offset: number;
  server_time: number;
}
/** Frames of the workspace's event log carry their `offset` (replayed by `resume`). */
export interface MessageCreatedFrame { type: 'message.created'; message: Message; conversation: Conversation; offset?: number }
export interface ConversationCreatedFrame { type: 'conversation.created'; conversation: Conversation; offset?: number }
export interface ConversationUpdatedFrame { type: 'conversation.updated'; conversation: Conversation; offset?: number }
/** An agent changed (agent_id, status, agents_online) or a visitor did (contact_id, online, url, title). */
export interface PresenceFrame {
  type: 'presence';
  agent_id?: number;
  status?: Presence;
  agents_online?: number;
  contact_id?: number;
  online?: boolean;
  url?: string;
  title?: string;
}
export interface VisitorPresence { contact_id: number; online: boolean; url?: string; title?: string }
export interface PresenceVisitorsFrame { type: 'presence.visitors'; visitors: VisitorPresence[] }

export type LogEventFrame = MessageCreatedFrame | ConversationCreatedFrame | ConversationUpdatedFrame;
/** A chat has waited the team's reminder time for a first reply (issue 13, item 4): chime and mark it. Not logged. */
export interface ConversationUnattendedFrame { type: 'conversation.unattended'; conversation: Conversation; waiting_ms: number }

export type AgentFrame =
  | AgentWelcomeFrame | AckFrame | LogEventFrame | ConversationUnattendedFrame | TypingFrame | ReadFrame | PresenceFrame
  | PresenceVisitorsFrame
  | { type: 'resume.done'; offset: number } | ResumeResetFrame | ResumeNeededFrame | PongFrame | ErrorFrame;

// ---- server -> a visitor's socket ----

export interface VisitorWelcomeFrame {
  type: 'welcome';
  role: 'visitor';
  visitor: Contact;
  workspace: WelcomeWorkspace;
  epoch: string;
  server_time: number;
  agents_online: number;
  /** The visitor's open conversation, or null. */
  conversation: VisitorConversation | null;
}

export type VisitorFrame =
  | VisitorWelcomeFrame | AckFrame
  | { type: 'message.created'; message: Message; conversation: VisitorConversation }
  | { type: 'conversation.updated'; conversation: VisitorConversation }
  | TypingFrame | ReadFrame | { type: 'presence'; agents_online: number }
  | { type: 'resume.done'; conversation_id: number; last_seq: number } | ResumeResetFrame | ResumeNeededFrame | PongFrame
  | ErrorFrame;
