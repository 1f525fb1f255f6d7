import type { EmailStrings } from './en';

const pl: EmailStrings = {
  label: 'Twój e-mail',
  go: 'Wyślij e-mail',
  cancel: 'Anuluj',
  sending: 'Wysyłanie…',
  sent: 'Wysłano na {to}',
  invalid: 'Podaj poprawny adres e-mail.',
  off: 'Wysyłanie e-maili nie jest tu dostępne.',
  later: 'Prosisz o to zbyt często. Spróbuj później.',
  failed: 'Nie udało się wysłać. Spróbuj ponownie.',
};
export default pl;
