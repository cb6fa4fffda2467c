/**
 * No hard-coded words in the popup's and the options page's components: every text a person
 * reads comes from the message catalogue. Scans each .tsx under src/popup and src/options for
 * JSX text, string literals rendered as children (also inside `cond ? 'a' : 'b'`, `x || 'a'`,
 * template literals), and string literals in the attributes people read or hear (aria-label,
 * title, placeholder, alt). Page and rule text passes through as expressions, never literals.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const DIRS = ['src/popup', 'src/options'];
const USER_FACING_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-roledescription', 'aria-valuetext']);
/** Not words: separators and symbols, a file extension and a hash name shown as they are. */
const ALLOWED = new Set(['·', '×', '…', '—', '.zip', 'SHA-256', ' — ']);

function tsxFiles(dir: string): string[] {
  return readdirSync(resolve(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsxFiles(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : [],
  );
}

/** Whether a piece of text has a word in it (letters), after trimming. */
function wordy(text: string): boolean {
  const s = text.replace(/\s+/g, ' ').trim();
  return s !== '' && !ALLOWED.has(s) && /\p{L}/u.test(s);
}

interface Hit {
  file: string;
  line: number;
  text: string;
  where: string;
}

/** String-ish nodes whose value becomes the rendered text of `expr`. */
function renderedLiterals(expr: ts.Expression, out: ts.Node[]): void {
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) out.push(expr);
  else if (ts.isTemplateExpression(expr)) {
    out.push(expr.head, ...expr.templateSpans.map((s) => s.literal));
    for (const s of expr.templateSpans) renderedLiterals(s.expression, out);
  } else if (ts.isParenthesizedExpression(expr)) renderedLiterals(expr.expression, out);
  else if (ts.isConditionalExpression(expr)) {
    renderedLiterals(expr.whenTrue, out);
    renderedLiterals(expr.whenFalse, out);
  } else if (ts.isBinaryExpression(expr) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.PlusToken].includes(expr.operatorToken.kind)) {
    if (expr.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken) renderedLiterals(expr.left, out);
    renderedLiterals(expr.right, out);
  }
}

function literalText(n: ts.Node): string {
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  if (ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) return n.text;
  return '';
}

export function scan(file: string): Hit[] {
  const source = ts.createSourceFile(file, readFileSync(resolve(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const hits: Hit[] = [];
  const hit = (node: ts.Node, text: string, where: string): void => {
    if (wordy(text)) hits.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim(), where });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) hit(node, node.text, 'JSX text');
    else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const found: ts.Node[] = [];
      renderedLiterals(node.expression, found);
      for (const f of found) hit(f, literalText(f), 'JSX child');
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(source);
      if (USER_FACING_ATTRIBUTES.has(name) && node.initializer) {
        if (ts.isStringLiteral(node.initializer)) hit(node.initializer, node.initializer.text, name);
        else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) {
          const found: ts.Node[] = [];
          renderedLiterals(node.initializer.expression, found);
          for (const f of found) hit(f, literalText(f), name);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return hits;
}

describe('no hard-coded words in the popup and the options page', () => {
  const files = DIRS.flatMap(tsxFiles);

  it('finds the components', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('catches what it is for (a component with words of its own)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cl-meta-')), 'Bad.tsx');
    writeFileSync(
      file,
      `export const A = ({ x, n }: { x: string; n: number }) => (
        <div title="Close it" aria-label={n ? 'Many' : t('ok')}>
          Hello {x || 'Unnamed'} {\`\${n} items\`} {x === 'on' && <b>{t('fine')}</b>} · ×
          <img alt="" />
        </div>
      );`,
    );
    expect(scan(file).map((h) => [h.where, h.text])).toEqual([
      ['title', 'Close it'],
      ['aria-label', 'Many'],
      ['JSX text', 'Hello'],
      ['JSX child', 'Unnamed'],
      ['JSX child', 'items'],
    ]);
  });

  for (const file of files) {
    it(relative('src', file), () => {
      expect(scan(file).map((h) => `${h.file}:${h.line} (${h.where}) ${JSON.stringify(h.text)}`)).toEqual([]);
    });
  }
});
