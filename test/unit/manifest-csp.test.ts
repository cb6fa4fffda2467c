import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../manifest.json'), 'utf8')) as {
  content_security_policy?: { extension_pages?: string };
};

describe('extension pages carry a strict CSP', () => {
  const csp = manifest.content_security_policy?.extension_pages ?? '';
  const directive = (name: string): string[] =>
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .find((parts) => parts[0] === name)
      ?.slice(1) ?? [];

  it('runs only our own scripts: no inline, no eval, no remote code', () => {
    expect(directive('script-src')).toEqual(["'self'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('forbids plugins, a moved base URL and form posts', () => {
    expect(directive('object-src')).toEqual(["'none'"]);
    expect(directive('base-uri')).toEqual(["'none'"]);
    expect(directive('form-action')).toEqual(["'none'"]);
  });
});
