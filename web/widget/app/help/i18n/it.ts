import type { HelpStrings } from './en';

const it: HelpStrings = {
  help: 'Aiuto',
  search: 'Cerca nella guida',
  popular: 'Articoli più letti',
  results: 'Articoli trovati: {n}',
  none: 'Nessun articolo corrisponde a «{q}».',
  searching: 'Ricerca in corso…',
  failed: 'Non è stato possibile caricare gli articoli della guida.',
  retry: 'Riprova',
  loading: 'Caricamento dell’articolo…',
  back: 'Indietro',
  article: 'Articolo della guida',
  helpful: 'Ti è stato utile?',
  yes: 'Sì',
  no: 'No',
  thanks: 'Grazie per il tuo feedback!',
  still: 'Hai ancora bisogno di aiuto?',
  chat: 'Scrivici in chat',
};
export default it;
