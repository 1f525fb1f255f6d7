import type { HelpStrings } from './en';

const nl: HelpStrings = {
  help: 'Hulp',
  search: 'Zoeken in de hulp',
  popular: 'Populaire artikelen',
  results: 'Gevonden artikelen: {n}',
  none: 'Geen artikelen gevonden voor “{q}”.',
  searching: 'Zoeken…',
  failed: 'De hulpartikelen konden niet worden geladen.',
  retry: 'Opnieuw proberen',
  loading: 'Artikel laden…',
  back: 'Terug',
  article: 'Hulpartikel',
  helpful: 'Was dit nuttig?',
  yes: 'Ja',
  no: 'Nee',
  thanks: 'Bedankt voor je feedback!',
  still: 'Nog steeds hulp nodig?',
  chat: 'Chat met ons',
};
export default nl;
