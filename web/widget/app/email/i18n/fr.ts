import type { EmailStrings } from './en';

const fr: EmailStrings = {
  label: 'Votre e-mail',
  go: 'Envoyer l’e-mail',
  cancel: 'Annuler',
  sending: 'Envoi…',
  sent: 'Envoyé à {to}',
  invalid: 'Veuillez saisir une adresse e-mail valide.',
  off: 'L’envoi d’e-mails n’est pas disponible ici.',
  later: 'Vous l’avez demandé trop souvent. Réessayez plus tard.',
  failed: 'L’envoi a échoué. Veuillez réessayer.',
};
export default fr;
