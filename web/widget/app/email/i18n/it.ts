import type { EmailStrings } from './en';

const it: EmailStrings = {
  label: 'La tua email',
  go: 'Invia email',
  cancel: 'Annulla',
  sending: 'Invio…',
  sent: 'Inviata a {to}',
  invalid: 'Inserisci un indirizzo email valido.',
  off: 'L’invio di email non è disponibile qui.',
  later: 'Lo hai chiesto troppe volte. Riprova più tardi.',
  failed: 'Invio non riuscito. Riprova.',
};
export default it;
