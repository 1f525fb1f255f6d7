import type { EmailStrings } from './en';

const ar: EmailStrings = {
  label: 'بريدك الإلكتروني',
  go: 'إرسال البريد',
  cancel: 'إلغاء',
  sending: 'جارٍ الإرسال…',
  sent: 'أُرسلت إلى {to}',
  invalid: 'يُرجى إدخال عنوان بريد إلكتروني صالح.',
  off: 'إرسال البريد الإلكتروني غير متاح هنا.',
  later: 'طلبت ذلك مرات كثيرة. يُرجى المحاولة لاحقًا.',
  failed: 'تعذّر الإرسال. يُرجى المحاولة مرة أخرى.',
};
export default ar;
