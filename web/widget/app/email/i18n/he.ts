import type { EmailStrings } from './en';

const he: EmailStrings = {
  label: 'כתובת המייל שלך',
  go: 'שליחת מייל',
  cancel: 'ביטול',
  sending: 'שולח…',
  sent: 'נשלח אל {to}',
  invalid: 'נא להזין כתובת מייל תקינה.',
  off: 'שליחת מייל אינה זמינה כאן.',
  later: 'ביקשת את זה יותר מדי פעמים. נא לנסות שוב מאוחר יותר.',
  failed: 'השליחה נכשלה. נא לנסות שוב.',
};
export default he;
