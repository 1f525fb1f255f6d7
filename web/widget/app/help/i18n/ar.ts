import type { HelpStrings } from './en';

const ar: HelpStrings = {
  help: 'المساعدة',
  search: 'ابحث في المساعدة',
  popular: 'المقالات الأكثر قراءة',
  results: 'المقالات التي تم العثور عليها: {n}',
  none: 'لا توجد مقالات تطابق «{q}».',
  searching: 'جارٍ البحث…',
  failed: 'تعذّر تحميل مقالات المساعدة.',
  retry: 'حاول مرة أخرى',
  loading: 'جارٍ تحميل المقالة…',
  back: 'رجوع',
  article: 'مقالة مساعدة',
  helpful: 'هل كان هذا مفيدًا؟',
  yes: 'نعم',
  no: 'لا',
  thanks: 'شكرًا على ملاحظاتك!',
  still: 'هل ما زلت بحاجة إلى مساعدة؟',
  chat: 'تحدث معنا',
};
export default ar;
