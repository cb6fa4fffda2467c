// @vitest-environment node
/**
 * The lint rule behind "no innerHTML (or equivalent) with page-derived text anywhere": every way
 * of handing a string to the HTML parser or the script compiler is an error in shipped code
 * (src/), through the project's own eslint.config.js; writing text as text is not; tests may
 * parse report HTML (DOMParser) and nothing else of the list.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

async function restricted(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith('no-restricted-')).map((m) => m.message);
}

const FORBIDDEN: Array<[string, string]> = [
  ['innerHTML', 'export const f = (el: Element, t: string): void => { el.innerHTML = t; };'],
  ['outerHTML', 'export const f = (el: Element, t: string): void => { el.outerHTML = t; };'],
  ['insertAdjacentHTML', "export const f = (el: Element, t: string): void => el.insertAdjacentHTML('beforeend', t);"],
  ['setHTMLUnsafe', 'export const f = (el: Element & { setHTMLUnsafe(s: string): void }, t: string): void => el.setHTMLUnsafe(t);'],
  ['createContextualFragment', 'export const f = (t: string): DocumentFragment => document.createRange().createContextualFragment(t);'],
  ['srcdoc', 'export const f = (el: HTMLIFrameElement, t: string): void => { el.srcdoc = t; };'],
  ['DOMParser', "export const f = (t: string): Document => new DOMParser().parseFromString(t, 'text/html');"],
  ['document.write', 'export const f = (t: string): void => document.write(t);'],
  ['document.writeln', 'export const f = (t: string): void => document.writeln(t);'],
  ['eval', 'export const f = (t: string): unknown => eval(t);'],
  ['new Function', 'export const f = (t: string): unknown => new Function(t)();'],
  ['dangerouslySetInnerHTML (JSX)', 'export const F = ({ t }: { t: string }) => <div dangerouslySetInnerHTML={{ __html: t }} />;'],
  ['dangerouslySetInnerHTML (h)', "import { h } from 'preact';\nexport const F = ({ t }: { t: string }) => h('div', { dangerouslySetInnerHTML: { __html: t } });"],
];

describe('the lint rule against parsing page text as HTML', () => {
  it.each(FORBIDDEN)('refuses %s in shipped code', async (_name, code) => {
    expect(await restricted(code, 'src/content/lint-probe.tsx')).toHaveLength(1);
  });

  it('lets text be written as text', async () => {
    const code = "export const f = (el: Element, t: string): void => { el.textContent = t; el.append(document.createTextNode(t)); el.setAttribute('title', t); };";
    expect(await restricted(code, 'src/content/lint-probe.ts')).toEqual([]);
    expect(await restricted('export const F = ({ t }: { t: string }) => <p title={t}>{t}</p>;', 'src/popup/lint-probe.tsx')).toEqual([]);
  });

  it('lets tests parse HTML and compile a generated file, and nothing else of the list', async () => {
    expect(await restricted(FORBIDDEN.find(([n]) => n === 'DOMParser')![1], 'test/unit/lint-probe.test.ts')).toEqual([]);
    expect(await restricted(FORBIDDEN.find(([n]) => n === 'new Function')![1], 'test/unit/lint-probe.test.ts')).toEqual([]);
    expect(await restricted(FORBIDDEN.find(([n]) => n === 'innerHTML')![1], 'test/unit/lint-probe.test.ts')).toHaveLength(1);
  });
});
