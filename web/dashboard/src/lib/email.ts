// Settings > Email and "Send transcript" (issue 15): the words for the outbox log and the status, pure so they are
// tested without a browser (email.test.ts).
import type { OutboxEmail } from '../../../shared/types';
import { fullTime } from './format';

/** What an admin runs to turn email on (docs/email.md). */
export const SMTP_COMMAND = 'parley serve --smtp smtp://USER:PASS@HOST:PORT --mail-from "Name <addr>"';

const KINDS: Record<string, string> = {
  continuity: 'Unseen replies',
  offline_form: 'Offline form confirmation',
  transcript: 'Transcript',
  agent_notification: 'Agent notification',
};
/** "Transcript", "Unseen replies"…; an unknown kind as the server wrote it. */
export const kindLabel = (kind: string) => KINDS[kind] ?? kind;

/** An email's state in words: queued / sent at … / failed: reason / retrying (attempt N) at …. */
export function outboxStateText(e: OutboxEmail, time: (ms: number) => string = fullTime): string {
  if (e.state === 'sent') return e.sent_at ? `Sent at ${time(e.sent_at)}` : 'Sent';
  if (e.state === 'failed') return `Failed: ${e.last_error || 'the mail server refused it'}`;
  if (e.attempt > 0) return `Retrying (attempt ${e.attempt + 1}) at ${time(e.next_attempt_at)}`;
  return 'Queued';
}

/** The fields the form edits, as text, and what the server gets from them. */
export interface EmailForm { sender_name: string; reply_domain: string; continuity: boolean; minutes: string }

/** A field's problem the browser can tell before asking (the server checks everything again and has the last word). */
export function emailFormErrors(f: EmailForm): Record<string, string> {
  const out: Record<string, string> = {};
  if (new TextEncoder().encode(f.sender_name).length > 80) out['settings.email_sender_name'] = 'At most 80 bytes.';
  const n = Number(f.minutes);
  if (!/^\d+$/.test(f.minutes.trim()) || n > 1440) out['settings.email_continuity_minutes'] = 'A whole number of minutes from 0 (at once) to 1440.';
  return out;
}

export function emailSettingsPatch(f: EmailForm) {
  return {
    email_sender_name: f.sender_name.trim(),
    email_reply_domain: f.reply_domain.trim(),
    email_continuity: f.continuity,
    email_continuity_minutes: Number(f.minutes.trim()),
  };
}

/** The server names the setting in its message ("email_reply_domain must be …"); next to its field that reads
 *  better as "This must be …". Other messages pass unchanged. */
export const fieldMessage = (msg: string) => msg.replace(/^email_[a-z_]+ /i, 'This ');
