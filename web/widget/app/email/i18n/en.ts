// "Email me this conversation"'s English strings (issue 15): the reference set. They live beside the lazy chunk
// (like ../help/i18n), not in ../../i18n; every locale carries every key (strings.test.ts).
const en = {
  label: 'Your email',
  go: 'Send email',
  cancel: 'Cancel',
  sending: 'Sending…',
  sent: 'Sent to {to}',
  invalid: 'Please enter a valid email address.',
  off: 'Sending email is not available here.',
  later: 'You asked for this too often. Please try again later.',
  failed: 'It could not be sent. Please try again.',
};
export type EmailStrings = typeof en;
export default en;
