import type { HelpStrings } from './en';

const he: HelpStrings = {
  help: 'עזרה',
  search: 'חיפוש במרכז העזרה',
  popular: 'מאמרים פופולריים',
  results: 'מאמרים שנמצאו: {n}',
  none: 'לא נמצאו מאמרים עבור „{q}”.',
  searching: 'מחפש…',
  failed: 'לא ניתן היה לטעון את מאמרי העזרה.',
  retry: 'לנסות שוב',
  loading: 'טוען את המאמר…',
  back: 'חזרה',
  article: 'מאמר עזרה',
  helpful: 'האם זה עזר לך?',
  yes: 'כן',
  no: 'לא',
  thanks: 'תודה על המשוב!',
  still: 'עדיין צריכים עזרה?',
  chat: 'דברו איתנו בצ׳אט',
};
export default he;
