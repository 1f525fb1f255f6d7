import type { HelpStrings } from './en';

const fr: HelpStrings = {
  help: 'Aide',
  search: 'Rechercher dans l’aide',
  popular: 'Articles populaires',
  results: 'Articles trouvés : {n}',
  none: 'Aucun article ne correspond à « {q} ».',
  searching: 'Recherche…',
  failed: 'Les articles d’aide n’ont pas pu être chargés.',
  retry: 'Réessayer',
  loading: 'Chargement de l’article…',
  back: 'Retour',
  article: 'Article d’aide',
  helpful: 'Cet article vous a-t-il aidé ?',
  yes: 'Oui',
  no: 'Non',
  thanks: 'Merci pour votre avis !',
  still: 'Besoin d’aide supplémentaire ?',
  chat: 'Discutez avec nous',
};
export default fr;
