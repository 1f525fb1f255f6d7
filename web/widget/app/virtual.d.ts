// Emoji data chunks made at build time by widget/emoji-data.mjs.
declare module 'virtual:parley-emoji/*' {
  const data: { groups: string[]; list: [number, string, string, string][] };
  export default data;
}
