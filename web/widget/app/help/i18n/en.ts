// The help search's English strings (issue 14, item 3): the reference set. The help's strings live beside its lazy
// chunk, not in ../../i18n, so the main chunk (loaded on every page view) does not carry them; every locale
// carries every key (strings.test.ts). `{x}` marks a value filled in; keep them in translations.
const en = {
  help: 'Help',
  search: 'Search for help',
  popular: 'Popular articles',
  results: 'Articles found: {n}',
  none: 'No articles match “{q}”.',
  searching: 'Searching…',
  failed: 'The help articles could not be loaded.',
  retry: 'Try again',
  loading: 'Loading the article…',
  back: 'Back',
  article: 'Help article',
  helpful: 'Was this helpful?',
  yes: 'Yes',
  no: 'No',
  thanks: 'Thanks for your feedback!',
  still: 'Still need help?',
  chat: 'Chat with us',
};
export type HelpStrings = typeof en;
export default en;
