import type { HelpStrings } from './en';

const ja: HelpStrings = {
  help: 'ヘルプ',
  search: 'ヘルプを検索',
  popular: 'よく読まれている記事',
  results: '見つかった記事: {n}件',
  none: '「{q}」に一致する記事はありません。',
  searching: '検索中…',
  failed: 'ヘルプ記事を読み込めませんでした。',
  retry: '再試行',
  loading: '記事を読み込んでいます…',
  back: '戻る',
  article: 'ヘルプ記事',
  helpful: 'この記事は役に立ちましたか？',
  yes: 'はい',
  no: 'いいえ',
  thanks: 'フィードバックありがとうございます！',
  still: 'まだお困りですか？',
  chat: 'チャットで問い合わせる',
};
export default ja;
