import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Page text is untrusted: it is rendered with textContent, never parsed as HTML. Every way of
// handing a string to the HTML parser (or to the script compiler) is refused in shipped code;
// test/unit/lint-rules.test.ts checks that each one is caught. Tests may parse the HTML our
// reports are made of, and compile a generated rule file (`TEST_ONLY`).
const HTML = 'page text must never be parsed as HTML.';
const RESTRICTED_PROPERTIES = [
  { property: 'innerHTML', message: `Use textContent or DOM APIs; ${HTML}` },
  { property: 'outerHTML', message: `Use textContent or DOM APIs; ${HTML}` },
  { property: 'insertAdjacentHTML', message: `Use DOM APIs; ${HTML}` },
  { property: 'setHTMLUnsafe', message: `Use DOM APIs; ${HTML}` },
  { property: 'parseHTMLUnsafe', message: `Use DOM APIs; ${HTML}` },
  { property: 'createContextualFragment', message: `Use DOM APIs; ${HTML}` },
  { property: 'srcdoc', message: 'No srcdoc: its value is parsed as an HTML document.' },
  { property: 'parseFromString', message: `No DOMParser: ${HTML}` },
  { object: 'document', property: 'write', message: 'No document.write.' },
  { object: 'document', property: 'writeln', message: 'No document.writeln.' },
];
const RESTRICTED_SYNTAX = [
  { selector: "CallExpression[callee.name='eval']", message: 'No eval.' },
  { selector: "NewExpression[callee.name='Function']", message: 'No new Function: no code from strings.' },
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No dangerouslySetInnerHTML: render page text as text.' },
  { selector: "Property[key.name='dangerouslySetInnerHTML']", message: 'No dangerouslySetInnerHTML: render page text as text.' },
];
const TEST_ONLY = new Set(['parseFromString', "NewExpression[callee.name='Function']"]);
const rules = (tests) => {
  const keep = (list) => list.filter((r) => !(tests && TEST_ONLY.has(r.property ?? r.selector)));
  return {
    'no-restricted-properties': ['error', ...keep(RESTRICTED_PROPERTIES)],
    'no-restricted-syntax': ['error', ...keep(RESTRICTED_SYNTAX)],
  };
};

export default tseslint.config(
  { ignores: ['dist/', 'dist-firefox/', 'out/', 'node_modules/', 'bench/results.json', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        window: 'readonly', document: 'readonly', globalThis: 'readonly', console: 'readonly', process: 'readonly',
        performance: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      ...rules(false),
    },
  },
  { files: ['test/**'], rules: rules(true) },
);
