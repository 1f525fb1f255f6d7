import type { HelpStrings } from './en';

const de: HelpStrings = {
  help: 'Hilfe',
  search: 'Hilfe durchsuchen',
  popular: 'Beliebte Artikel',
  results: 'Gefundene Artikel: {n}',
  none: 'Keine Artikel passen zu „{q}“.',
  searching: 'Suche läuft…',
  failed: 'Die Hilfeartikel konnten nicht geladen werden.',
  retry: 'Erneut versuchen',
  loading: 'Artikel wird geladen…',
  back: 'Zurück',
  article: 'Hilfeartikel',
  helpful: 'War das hilfreich?',
  yes: 'Ja',
  no: 'Nein',
  thanks: 'Danke für Ihr Feedback!',
  still: 'Brauchen Sie weitere Hilfe?',
  chat: 'Schreiben Sie uns',
};
export default de;
