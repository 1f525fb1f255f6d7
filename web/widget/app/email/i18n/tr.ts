import type { EmailStrings } from './en';

const tr: EmailStrings = {
  label: 'E-posta adresiniz',
  go: 'E-postayı gönder',
  cancel: 'Vazgeç',
  sending: 'Gönderiliyor…',
  sent: '{to} adresine gönderildi',
  invalid: 'Lütfen geçerli bir e-posta adresi girin.',
  off: 'E-posta gönderimi burada kullanılamıyor.',
  later: 'Bunu çok sık istediniz. Lütfen daha sonra tekrar deneyin.',
  failed: 'Gönderilemedi. Lütfen tekrar deneyin.',
};
export default tr;
