import type { EmailStrings } from './en';

const de: EmailStrings = {
  label: 'Ihre E-Mail-Adresse',
  go: 'E-Mail senden',
  cancel: 'Abbrechen',
  sending: 'Wird gesendet…',
  sent: 'Gesendet an {to}',
  invalid: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
  off: 'E-Mail-Versand ist hier nicht verfügbar.',
  later: 'Sie haben das zu oft angefordert. Bitte versuchen Sie es später erneut.',
  failed: 'Das Senden ist fehlgeschlagen. Bitte versuchen Sie es erneut.',
};
export default de;
