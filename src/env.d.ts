/** Vite's `?inline` imports: a stylesheet as a (minified) string. */
declare module '*.css?inline' {
  const css: string;
  export default css;
}
