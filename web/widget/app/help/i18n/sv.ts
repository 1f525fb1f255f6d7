import type { HelpStrings } from './en';

const sv: HelpStrings = {
  help: 'Hjälp',
  search: 'Sök i hjälpen',
  popular: 'Populära artiklar',
  results: 'Hittade artiklar: {n}',
  none: 'Inga artiklar matchar ”{q}”.',
  searching: 'Söker…',
  failed: 'Hjälpartiklarna kunde inte laddas.',
  retry: 'Försök igen',
  loading: 'Laddar artikeln…',
  back: 'Tillbaka',
  article: 'Hjälpartikel',
  helpful: 'Var detta till hjälp?',
  yes: 'Ja',
  no: 'Nej',
  thanks: 'Tack för din feedback!',
  still: 'Behöver du fortfarande hjälp?',
  chat: 'Chatta med oss',
};
export default sv;
