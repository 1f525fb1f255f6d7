// Protocol objects for unit tests: complete as the server sends them, with what a test cares about overridden.
import type { Message } from '../types';

/** A visitor's message of conversation 1 with this seq (id 1000 + seq). */
export function message(seq: number, over: Partial<Message> = {}): Message {
  return {
    id: 1000 + seq, conversation_id: 1, seq, sender_type: 'visitor', sender_id: 5, sender: null, body: `m${seq}`,
    private: false, client_id: null, attachments: [], created_at: 10_000 + seq, ...over,
  };
}

