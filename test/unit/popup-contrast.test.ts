/*
 * The popup's colours, read from popup.css itself: every text/background pair the components
 * use reaches WCAG AA (4.5:1) and every border or focus ring that identifies a control reaches
 * 3:1 (WCAG 1.4.11), in the light and the dark theme.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clampRgb, converter, modeLab, modeOklch, modeRgb, parse, useMode } from 'culori/fn';
import { contrastRatio, type Rgba } from '../../src/engine/colour';

// The engine parses colours with the browser's canvas, which happy-dom lacks; culori (a test
// oracle elsewhere) reads the stylesheet's own values here.
[modeRgb, modeOklch, modeLab].forEach((m) => useMode(m));
const toRgb = converter('rgb');
function parseColour(css: string): Rgba | null {
  const p = parse(css);
  if (!p) return null;
  const c = clampRgb(toRgb(p));
  return { r: c.r, g: c.g, b: c.b, a: c.alpha ?? 1 };
}

// import.meta.url is not a file: URL under happy-dom; Vitest sets import.meta.dirname.
const theme = readFileSync(resolve(import.meta.dirname, '../../src/shared/theme.css'), 'utf8');
const css = readFileSync(resolve(import.meta.dirname, '../../src/popup/popup.css'), 'utf8');

function variables(block: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const m of block.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) vars.set(m[1]!, m[2]!.trim());
  return vars;
}

const darkAt = theme.indexOf('@media (prefers-color-scheme: dark)');
const light = variables(theme.slice(0, darkAt));
const dark = variables(theme.slice(darkAt, theme.indexOf('}\n}', darkAt)));

const TEXT: [string, string][] = [
  ['--text', '--bg'],
  ['--muted', '--bg'],
  ['--link', '--bg'],
  ['--on-fg', '--bg'],
  ['--off-fg', '--bg'],
  ['--neutral-fg', '--bg'],
  ['--text', '--surface'],
  ['--muted', '--surface'],
  ['--link', '--surface'],
  ['--on-fg', '--surface'],
  ['--on-fg', '--on-bg'],
  ['--off-fg', '--off-bg'],
  ['--neutral-fg', '--neutral-bg'],
  ['--warn-fg', '--warn-bg'],
  ['--text', '--alert-bg'],
  ['--on-fg', '--alert-bg'],
  ['--danger-fg', '--danger-bg'],
  ['--text', '--button-bg'],
  // the evidence library's severity words
  ['--high', '--bg'],
  ['--medium', '--bg'],
  ['--low', '--bg'],
  ['--high', '--surface'],
  ['--medium', '--surface'],
  ['--low', '--surface'],
];
const NON_TEXT: [string, string][] = [
  ['--focus', '--bg'],
  ['--focus', '--surface'],
  ['--button-border', '--bg'],
  ['--button-border', '--surface'],
  ['--alert-border', '--bg'],
];

describe.each([
  ['light', light],
  ['dark', dark],
])('%s theme', (_name, vars) => {
  const colour = (name: string) => {
    const value = vars.get(name);
    expect(value, `${name} is defined`).toBeDefined();
    const c = parseColour(value!);
    expect(c, `${name}: ${value} parses`).not.toBeNull();
    return c!;
  };
  it('defines the same variables as the other theme', () => {
    expect([...vars.keys()].sort()).toEqual([...light.keys()].sort());
  });
  it.each(TEXT)('text %s on %s ≥ 4.5:1', (fg, bg) => {
    expect(contrastRatio(colour(fg), colour(bg))).toBeGreaterThanOrEqual(4.5);
  });
  it.each(NON_TEXT)('%s against %s ≥ 3:1', (fg, bg) => {
    expect(contrastRatio(colour(fg), colour(bg))).toBeGreaterThanOrEqual(3);
  });
});

describe('components take colours only from variables', () => {
  it('no colour literal outside the theme blocks', () => {
    const rules = css.slice(css.indexOf('* {'));
    expect(css).toContain("@import '../shared/theme.css';");
    expect(rules.match(/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(|oklch\(/gi)).toBeNull();
  });
});
