// Vite's `?inline`: a stylesheet as a string (the lazy chunk injects its own styles; see Help.tsx).
declare module '*.css?inline' {
  const css: string;
  export default css;
}
