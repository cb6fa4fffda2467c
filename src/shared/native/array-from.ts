/** See set-like.ts: dom-accessibility-api's Array.from polyfill, replaced by the built-in. */
export default Array.from;
