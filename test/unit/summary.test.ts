import { describe, it, expect } from 'vitest';
import { BUILTIN_LEXICON } from '../../src/engine/lexicon-builtin';
import { calloutText, formatTable, summaryRow, trainingControls, type SummaryRow } from '../../src/report/summary';
import { judgeControl, type ControlFacts } from '../../src/engine/findings';
import { REFS } from '../../src/engine/findings-words';
import type { Control, Finding, FindingId, Report, Surface } from '../../src/engine/types';

function f(id: FindingId, measured: Finding['measured'] = {}): Finding {
  return { id, severity: 'medium', message: `${id} message.`, measured, refs: REFS[id] };
}

function ctl(over: Partial<Control> = {}): Control {
  return {
    id: 'c1',
    label: 'Allow the use of your chats to train AI models',
    description: '',
    purpose: 'ai-training',
    state: 'off',
    kind: 'switch',
    box: { x: 100, y: 400, width: 28, height: 16 },
    findings: [],
    surfaceId: 's1',
    ...over,
  };
}

function surf(over: Partial<Surface> = {}): Surface {
  return {
    id: 's1',
    kind: 'terms-update',
    title: 'Updates to Consumer Terms and Policies',
    box: { x: 0, y: 0, width: 600, height: 500 },
    primaryAction: { label: 'Accept', box: { x: 40, y: 300, width: 520, height: 44 } },
    findings: [],
    ...over,
  };
}

function report(over: Partial<Report> = {}): Report {
  return {
    schema: 'consent-lens/report@1',
    target: 'test/fixtures/claude-terms-grace-switch.html',
    url: 'file:///work/main/test/fixtures/claude-terms-grace-switch.html',
    savedFrom: null,
    title: 'Claude',
    scannedAt: '2025-09-01T12:00:00.000Z',
    service: 'claude',
    viewport: { width: 1280, height: 800, devicePixelRatio: 1 },
    surfaces: [],
    controls: [],
    deadline: null,
    engine: { version: '0.1.0', ms: 12 },
    ...over,
  };
}

describe('calloutText', () => {
  it('preselected + small-target + false-hierarchy, from hand-built findings', () => {
    const control = ctl({
      state: 'on',
      findings: [
        f('preselected', { state: 'on', surface: 'terms-update' }),
        f('small-target', { widthPx: 28, heightPx: 16, minimumPx: 24 }),
        f('false-hierarchy', { areaRatio: 44, fontRatio: 1.29, contrastRatio: 1 }),
      ],
    });
    expect(calloutText(control, surf())).toBe('Pre-set to ON · 28×16 px switch · the Accept button is 44× larger');
  });

  it('the same, with the findings judgeControl gives for a 28×16 switch next to a 44× larger Accept', () => {
    const facts: ControlFacts = {
      kind: 'switch',
      state: 'on',
      label: 'Allow the use of your chats to train AI models',
      surfaceKind: 'terms-update',
      hiddenReason: null,
      width: 28,
      height: 16,
      clickableArea: 28 * 16,
      labelText: { fontPx: 14, contrast: 10, required: 4.5, colour: '#333333', background: '#ffffff', approximate: false },
      shape: { contrast: 5, colour: '#111827', background: '#ffffff' },
      outOfView: null,
      primary: { label: 'Accept', area: 44 * 28 * 16, fontPx: 18, contrast: 10, inView: true },
    };
    const findings = judgeControl(facts, BUILTIN_LEXICON);
    expect(findings.map((x) => x.id)).toEqual(['preselected', 'small-target', 'false-hierarchy']);
    expect(calloutText(ctl({ state: 'on', findings }), surf())).toBe('Pre-set to ON · 28×16 px switch · the Accept button is 44× larger');
  });

  it('a ratio under 10 keeps one decimal; the label is the surface’s primary action', () => {
    const control = ctl({ state: 'on', findings: [f('preselected'), f('false-hierarchy', { areaRatio: 4.5 })] });
    expect(calloutText(control, surf({ primaryAction: { label: 'Continue', box: { x: 0, y: 0, width: 10, height: 10 } } }))).toBe(
      'Pre-set to ON · the Continue button is 4.5× larger',
    );
  });

  it('no preselected finding: the current state', () => {
    expect(calloutText(ctl({ state: 'off' }), surf())).toBe('Now OFF');
    expect(calloutText(ctl({ state: 'on' }), null)).toBe('Now ON');
    expect(calloutText(ctl({ state: 'unknown' }), null)).toBe('Now UNKNOWN');
  });

  it('hidden, out of view, low contrast and vague label, in that order', () => {
    const control = ctl({
      state: 'on',
      kind: 'checkbox',
      findings: [
        f('vague-label', { label: 'Help improve Claude' }),
        f('low-contrast', { labelContrast: 2.54, labelRequired: 4.5 }),
        f('out-of-view', { where: 'viewport', distancePx: 312, visibleHeightPx: 800 }),
        f('hidden', { reason: 'closed-details' }),
      ],
    });
    expect(calloutText(control, surf())).toBe('Now ON · hidden (closed-details) · 312 px out of view · label contrast 2.54:1 · vague label');
  });

  it('low contrast of the control alone (no label measured)', () => {
    const control = ctl({ findings: [f('low-contrast', { controlContrast: 1.8, controlRequired: 3 })] });
    expect(calloutText(control, null)).toBe('Now OFF · contrast 1.8:1');
  });

  it('low contrast of the control when the label itself is fine', () => {
    const control = ctl({
      findings: [f('low-contrast', { labelContrast: 12.6, labelRequired: 4.5, controlContrast: 1.5, controlRequired: 3 })],
    });
    expect(calloutText(control, surf())).toBe('Now OFF · contrast 1.5:1');
  });

  it('does not call the Accept button "larger" when it is smaller and won on font and contrast', () => {
    const control = ctl({
      state: 'on',
      findings: [f('preselected'), f('false-hierarchy', { areaRatio: 0.5, fontRatio: 1.5, contrastRatio: 2 })],
    });
    expect(calloutText(control, surf())).not.toContain('0.5× larger');
  });

  it('does not round a too-small switch up to the 24 px minimum', () => {
    const control = ctl({ findings: [f('small-target', { widthPx: 23.9, heightPx: 23.9, minimumPx: 24 })] });
    expect(calloutText(control, null)).not.toContain('24×24 px');
    expect(calloutText(control, null)).toContain('23.9');
  });

  it('leaves out the hierarchy bit when there is no surface or no primary action', () => {
    const control = ctl({ state: 'on', findings: [f('preselected'), f('false-hierarchy', { areaRatio: 44 })] });
    expect(calloutText(control, null)).toBe('Pre-set to ON');
    expect(calloutText(control, surf({ primaryAction: null }))).toBe('Pre-set to ON');
  });
});

describe('trainingControls', () => {
  it('keeps only ai-training controls, in order', () => {
    const r = report({ controls: [ctl({ id: 'a' }), ctl({ id: 'b', purpose: 'other' }), ctl({ id: 'c' })] });
    expect(trainingControls(r).map((c) => c.id)).toEqual(['a', 'c']);
  });
});

describe('summaryRow', () => {
  it('an error report', () => {
    const r = report({ target: 'https://claude.invalid/', service: null, error: 'net::ERR_NAME_NOT_RESOLVED' });
    expect(summaryRow(r)).toEqual({
      target: 'https://claude.invalid/',
      service: '—',
      training: 'error',
      state: 'net::ERR_NAME_NOT_RESOLVED',
      findings: '—',
      deadline: '—',
    });
  });

  it('a normal report: training controls only, surface findings too, ids once each, in order', () => {
    const r = report({
      surfaces: [surf({ findings: [f('forced-choice'), f('bundled-consent')] })],
      controls: [
        ctl({ id: 'a', state: 'on', findings: [f('preselected'), f('small-target')] }),
        ctl({ id: 'b', purpose: 'other', state: 'on', findings: [f('low-contrast')] }),
        ctl({ id: 'c', state: 'off', findings: [f('small-target'), f('vague-label')] }),
      ],
      deadline: { date: '2025-10-08', text: 'take effect on October 8, 2025', source: 'page' },
    });
    expect(summaryRow(r)).toEqual({
      target: 'test/fixtures/claude-terms-grace-switch.html',
      service: 'claude',
      training: '2',
      state: 'on, off',
      findings: 'preselected, small-target, vague-label, forced-choice, bundled-consent',
      deadline: '2025-10-08 (page)',
    });
  });

  it('a page with nothing found', () => {
    const r = report({ service: null, controls: [ctl({ purpose: 'other' })] });
    expect(summaryRow(r)).toEqual({
      target: 'test/fixtures/claude-terms-grace-switch.html',
      service: '—',
      training: '0',
      state: '—',
      findings: '—',
      deadline: '—',
    });
  });

  it('a deadline from the rule says so', () => {
    expect(summaryRow(report({ deadline: { date: '2025-10-08', text: '', source: 'rule' } })).deadline).toBe('2025-10-08 (rule)');
  });
});

describe('formatTable', () => {
  it('head, rule and one row, columns padded to the widest cell, no trailing spaces', () => {
    const row: SummaryRow = {
      target: 'a.html',
      service: 'claude',
      training: '1',
      state: 'on',
      findings: 'preselected',
      deadline: '2025-10-08 (page)',
    };
    expect(formatTable([row])).toBe(
      [
        'target  service  training controls  state  findings     deadline',
        '──────  ───────  ─────────────────  ─────  ───────────  ─────────────────',
        'a.html  claude   1                  on     preselected  2025-10-08 (page)',
      ].join('\n'),
    );
  });

  it('no rows: the head and the rule only', () => {
    expect(formatTable([])).toBe(
      ['target  service  training controls  state  findings  deadline', '──────  ───────  ─────────────────  ─────  ────────  ────────'].join(
        '\n',
      ),
    );
  });

  it('an error report and a normal one together; a long cell is cut with an ellipsis to the column cap', () => {
    const longError = `page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/ — ${'x'.repeat(300)}`;
    const err = summaryRow(report({ target: 'http://127.0.0.1:9/', service: null, error: longError }));
    const ok = summaryRow(
      report({
        target: 'b.html',
        controls: [ctl({ state: 'on', findings: [f('preselected')] })],
        deadline: { date: '2025-10-08', text: '', source: 'page' },
      }),
    );
    const lines = formatTable([err, ok]).split('\n');
    expect(lines).toHaveLength(4);
    // The state column is capped (the cap is a presentation choice, so it is read from the rule line).
    const cap = lines[1]!.split('  ')[3]!.length;
    expect(cap).toBeGreaterThanOrEqual(40);
    expect(cap).toBeLessThan(longError.length);
    expect(lines[1]!.split('  ')[3]).toBe('─'.repeat(cap));
    const cut = `${longError.slice(0, cap - 1)}…`;
    expect(lines[2]).toContain(`  ${cut}  `);
    expect(lines[2]).not.toContain(longError.slice(0, cap));
    expect(lines[2]).toMatch(/^http:\/\/127\.0\.0\.1:9\/ {2,}— {2,}error {2,}page\.goto/);
    expect(lines[3]?.startsWith('b.html ')).toBe(true);
    expect(lines[3]).toContain('claude');
    expect(lines[3]).toContain('preselected');
    expect(lines[3]?.endsWith('2025-10-08 (page)')).toBe(true);
    for (const line of lines) expect(line).toBe(line.trimEnd());
    // Columns line up: "state" in the head starts where the cut error starts.
    expect(lines[0]?.indexOf('state')).toBe(lines[2]?.indexOf(cut));
  });
});
