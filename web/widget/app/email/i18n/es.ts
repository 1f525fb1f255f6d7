import type { EmailStrings } from './en';

const es: EmailStrings = {
  label: 'Su correo electrónico',
  go: 'Enviar correo',
  cancel: 'Cancelar',
  sending: 'Enviando…',
  sent: 'Enviado a {to}',
  invalid: 'Introduzca una dirección de correo válida.',
  off: 'El envío de correos no está disponible aquí.',
  later: 'Lo ha pedido demasiadas veces. Inténtelo más tarde.',
  failed: 'No se pudo enviar. Inténtelo de nuevo.',
};
export default es;
