import type { EmailStrings } from './en';

const sv: EmailStrings = {
  label: 'Din e-postadress',
  go: 'Skicka e-post',
  cancel: 'Avbryt',
  sending: 'Skickar…',
  sent: 'Skickat till {to}',
  invalid: 'Ange en giltig e-postadress.',
  off: 'E-post kan inte skickas här.',
  later: 'Du har bett om detta för ofta. Försök igen senare.',
  failed: 'Det gick inte att skicka. Försök igen.',
};
export default sv;
