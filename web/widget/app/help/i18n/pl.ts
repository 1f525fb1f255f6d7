import type { HelpStrings } from './en';

const pl: HelpStrings = {
  help: 'Pomoc',
  search: 'Szukaj w pomocy',
  popular: 'Popularne artykuły',
  results: 'Znalezione artykuły: {n}',
  none: 'Brak artykułów pasujących do „{q}”.',
  searching: 'Szukanie…',
  failed: 'Nie udało się wczytać artykułów pomocy.',
  retry: 'Spróbuj ponownie',
  loading: 'Wczytywanie artykułu…',
  back: 'Wstecz',
  article: 'Artykuł pomocy',
  helpful: 'Czy to było pomocne?',
  yes: 'Tak',
  no: 'Nie',
  thanks: 'Dziękujemy za opinię!',
  still: 'Nadal potrzebujesz pomocy?',
  chat: 'Napisz do nas',
};
export default pl;
