import { describe, expect, it } from 'vitest';
import type { OutboxEmail } from '../../../shared/types';
import { emailFormErrors, emailSettingsPatch, fieldMessage, kindLabel, outboxStateText } from './email';

const base: OutboxEmail = {
  id: 1, kind: 'transcript', conversation_id: 7, to: ['jo@example.com'], subject: 'Your conversation', state: 'queued',
  attempt: 0, last_error: '', created_at: 1000, sent_at: null, next_attempt_at: 1000,
};
const at = (ms: number) => `T${ms}`;

describe('the outbox log in words', () => {
  it('says queued, sent at, failed with the reason, or retrying with the attempt and time', () => {
    expect(outboxStateText(base, at)).toBe('Queued');
    expect(outboxStateText({ ...base, state: 'sent', sent_at: 5000 }, at)).toBe('Sent at T5000');
    expect(outboxStateText({ ...base, state: 'failed', attempt: 8, last_error: '550 mailbox unavailable' }, at))
      .toBe('Failed: 550 mailbox unavailable');
    expect(outboxStateText({ ...base, state: 'failed', attempt: 8 }, at)).toBe('Failed: the mail server refused it');
    expect(outboxStateText({ ...base, attempt: 2, last_error: 'timeout', next_attempt_at: 9000 }, at))
      .toBe('Retrying (attempt 3) at T9000');
  });

  it('names the kinds and keeps an unknown one as written', () => {
    expect(kindLabel('continuity')).toBe('Unseen replies');
    expect(kindLabel('transcript')).toBe('Transcript');
    expect(kindLabel('digest')).toBe('digest');
  });
});

describe('the settings form', () => {
  const ok = { sender_name: 'Acme Support', reply_domain: 'mail.example.com', continuity: true, minutes: '5' };
  it('lets the server judge what only it can, and catches the obvious first', () => {
    expect(emailFormErrors(ok)).toEqual({});
    expect(emailFormErrors({ ...ok, minutes: '0' })).toEqual({});
    expect(Object.keys(emailFormErrors({ ...ok, minutes: '-1' }))).toEqual(['settings.email_continuity_minutes']);
    expect(Object.keys(emailFormErrors({ ...ok, minutes: '2.5' }))).toEqual(['settings.email_continuity_minutes']);
    expect(Object.keys(emailFormErrors({ ...ok, minutes: '1441' }))).toEqual(['settings.email_continuity_minutes']);
    expect(Object.keys(emailFormErrors({ ...ok, sender_name: 'é'.repeat(41) }))).toEqual(['settings.email_sender_name']);
    // A bad domain is the server's to refuse (it names the field): the same rule as the help center's domain.
    expect(emailFormErrors({ ...ok, reply_domain: 'Not A Domain' })).toEqual({});
  });
  it('sends trimmed text and a number', () => {
    expect(emailSettingsPatch({ ...ok, sender_name: ' Acme ', minutes: ' 30 ' })).toEqual({
      email_sender_name: 'Acme', email_reply_domain: 'mail.example.com', email_continuity: true, email_continuity_minutes: 30,
    });
  });
});

describe('the server\'s message next to its field', () => {
  it('says "This" instead of the setting\'s key', () => {
    expect(fieldMessage('Email_reply_domain must be empty or a lowercase host name such as mail.example.com'))
      .toBe('This must be empty or a lowercase host name such as mail.example.com');
    expect(fieldMessage('Something else went wrong')).toBe('Something else went wrong');
  });
});
