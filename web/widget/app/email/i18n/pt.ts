import type { EmailStrings } from './en';

const pt: EmailStrings = {
  label: 'O seu e-mail',
  go: 'Enviar e-mail',
  cancel: 'Cancelar',
  sending: 'A enviar…',
  sent: 'Enviado para {to}',
  invalid: 'Introduza um endereço de e-mail válido.',
  off: 'O envio de e-mail não está disponível aqui.',
  later: 'Pediu isto vezes demais. Tente novamente mais tarde.',
  failed: 'Não foi possível enviar. Tente novamente.',
};
export default pt;
