import type { EmailStrings } from './en';

const ja: EmailStrings = {
  label: 'メールアドレス',
  go: 'メールを送信',
  cancel: 'キャンセル',
  sending: '送信中…',
  sent: '{to} に送信しました',
  invalid: '有効なメールアドレスを入力してください。',
  off: 'ここではメールを送信できません。',
  later: 'リクエストが多すぎます。しばらくしてからお試しください。',
  failed: '送信できませんでした。もう一度お試しください。',
};
export default ja;
