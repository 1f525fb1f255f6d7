import type { HelpStrings } from './en';

const tr: HelpStrings = {
  help: 'Yardım',
  search: 'Yardımda ara',
  popular: 'Popüler makaleler',
  results: 'Bulunan makaleler: {n}',
  none: '“{q}” ile eşleşen makale yok.',
  searching: 'Aranıyor…',
  failed: 'Yardım makaleleri yüklenemedi.',
  retry: 'Tekrar dene',
  loading: 'Makale yükleniyor…',
  back: 'Geri',
  article: 'Yardım makalesi',
  helpful: 'Bu yardımcı oldu mu?',
  yes: 'Evet',
  no: 'Hayır',
  thanks: 'Geri bildiriminiz için teşekkürler!',
  still: 'Hâlâ yardıma mı ihtiyacınız var?',
  chat: 'Bizimle sohbet edin',
};
export default tr;
