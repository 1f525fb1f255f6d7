import type { EmailStrings } from './en';

const nl: EmailStrings = {
  label: 'Uw e-mailadres',
  go: 'E-mail versturen',
  cancel: 'Annuleren',
  sending: 'Verzenden…',
  sent: 'Verzonden naar {to}',
  invalid: 'Vul een geldig e-mailadres in.',
  off: 'E-mail verzenden is hier niet beschikbaar.',
  later: 'U hebt dit te vaak gevraagd. Probeer het later opnieuw.',
  failed: 'Verzenden is mislukt. Probeer het opnieuw.',
};
export default nl;
