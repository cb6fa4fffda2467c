import { describe, it, expect } from 'vitest';
import {
  isConsentSurface,
  judgeControl as judgeControlOnly,
  judgeSurface as judgeSurfaceOnly,
  type ControlFacts,
  type SurfaceFacts,
  type TextFacts,
} from '../../src/engine/findings';
import { REFS, wordFinding } from '../../src/engine/findings-words';
import { BUILTIN_LEXICON } from '../../src/engine/lexicon-builtin';
import type { Finding, FindingId, SurfaceKind } from '../../src/engine/types';

/**
 * Judged (findings.ts leaves `message` and `refs` empty), then worded as the background and the
 * CLI word a report (findings-words.ts): the control's kind, and its surface's primary action —
 * the one the facts name — for the sentences. test/unit/findings-words.test.ts checks the wording
 * itself against the sentences the engine wrote before it was split from judging.
 */
const judgeControl = (f: ControlFacts): Finding[] =>
  judgeControlOnly(f, BUILTIN_LEXICON).map((x) => wordFinding(x, { kind: f.kind, accept: f.primary?.label ?? null }));
const judgeSurface = (s: SurfaceFacts): Finding[] => judgeSurfaceOnly(s).map((x) => wordFinding(x, { kind: null, accept: s.primary }));

/** A 44×24 switch with a clear label, good contrast, in view, next to an Accept button of equal weight: no findings. */
function control(over: Partial<ControlFacts> = {}): ControlFacts {
  return {
    kind: 'switch',
    state: 'off',
    label: 'Allow the use of your chats to train AI models',
    surfaceKind: 'terms-update',
    hiddenReason: null,
    width: 44,
    height: 24,
    clickableArea: 1000,
    labelText: text(),
    shape: { contrast: 5, colour: '#111827', background: '#ffffff' },
    outOfView: null,
    primary: { label: 'Accept', area: 1000, fontPx: 16, contrast: 10, inView: true },
    ...over,
  };
}

function text(over: Partial<TextFacts> = {}): TextFacts {
  return { fontPx: 16, contrast: 10, required: 4.5, colour: '#111111', background: '#ffffff', approximate: false, ...over };
}

function surface(over: Partial<SurfaceFacts> = {}): SurfaceFacts {
  return {
    kind: 'terms-update',
    modal: true,
    dismiss: 'Not now',
    primary: 'Accept',
    toggles: [{ kind: 'switch', state: 'on' }],
    hasChoice: false,
    ...over,
  };
}

const ids = (fs: Finding[]): FindingId[] => fs.map((f) => f.id);
const get = (fs: Finding[], id: FindingId): Finding | undefined => fs.find((f) => f.id === id);

describe('the baseline facts are clean', () => {
  it('a well-made control yields no findings', () => {
    expect(judgeControl(control())).toEqual([]);
  });
  it('a surface with a way out, an explicit choice and no toggle yields no findings', () => {
    expect(judgeSurface(surface({ toggles: [], hasChoice: true }))).toEqual([]);
  });
});

describe('isConsentSurface', () => {
  it.each<[SurfaceKind | null, boolean]>([
    ['terms-update', true],
    ['consent-prompt', true],
    ['settings', false],
    ['other', false],
    [null, false],
  ])('%s → %s', (kind, expected) => {
    expect(isConsentSurface(kind)).toBe(expected);
  });
});

describe('preselected', () => {
  it.each<SurfaceKind>(['terms-update', 'consent-prompt'])('fires for an ON control on a %s surface', (surfaceKind) => {
    const f = get(judgeControl(control({ state: 'on', surfaceKind })), 'preselected');
    expect(f).toBeDefined();
    expect(f?.severity).toBe('high');
    expect(f?.measured).toEqual({ state: 'on', surface: surfaceKind });
    expect(f?.message).toContain('switch');
    expect(f?.message).toContain('ON');
  });

  it.each<SurfaceKind | null>(['settings', 'other', null])('never fires on a %s surface (the state may be the user’s own choice)', (surfaceKind) => {
    expect(ids(judgeControl(control({ state: 'on', surfaceKind })))).not.toContain('preselected');
  });

  it.each(['off', 'mixed', 'unknown'] as const)('does not fire when the state is %s', (state) => {
    expect(ids(judgeControl(control({ state })))).not.toContain('preselected');
  });

  it('names the control kind in the message', () => {
    expect(get(judgeControl(control({ state: 'on', kind: 'checkbox', width: 24, height: 24 })), 'preselected')?.message).toContain(
      'checkbox',
    );
  });
});

describe('small-target (WCAG 2.5.8: 24×24)', () => {
  it('fires at 23.9 wide and not at 24', () => {
    expect(ids(judgeControl(control({ width: 23.9, height: 24 })))).toEqual(['small-target']);
    expect(ids(judgeControl(control({ width: 24, height: 24 })))).toEqual([]);
  });

  it('fires at 23.9 high and not at 24', () => {
    expect(ids(judgeControl(control({ width: 44, height: 23.9 })))).toEqual(['small-target']);
    expect(ids(judgeControl(control({ width: 44, height: 24 })))).toEqual([]);
  });

  it('measures width and height and the minimum', () => {
    const f = get(judgeControl(control({ width: 28, height: 16 })), 'small-target');
    expect(f?.measured).toEqual({ widthPx: 28, heightPx: 16, minimumPx: 24 });
    expect(f?.message).toContain('28×16 px');
    expect(f?.message).toContain('24×24 px');
  });

  it('rounds measured sizes to two decimals, and keeps the exact ones beside them when rounding changed them', () => {
    expect(get(judgeControl(control({ width: 20.123456, height: 12.98765 })), 'small-target')?.measured).toEqual({
      widthPx: 20.12,
      heightPx: 12.99,
      minimumPx: 24,
      widthPxExact: 20.123456,
      heightPxExact: 12.98765,
    });
    expect(get(judgeControl(control({ width: 20.5, height: 16 })), 'small-target')?.measured).toEqual({ widthPx: 20.5, heightPx: 16, minimumPx: 24 });
  });

  it('states the exact size, rounded down to a tenth, not the two-decimal one', () => {
    // 23.296875 px (a layout unit is 1/64 px) is reported as 23.3 but is not 23.3 px wide.
    const f = get(judgeControl(control({ width: 23.296875, height: 16 })), 'small-target');
    expect(f?.measured).toMatchObject({ widthPx: 23.3, widthPxExact: 23.296875 });
    expect(f?.message).toBe('The switch is only 23.2×16 px; the accessibility minimum for a target is 24×24 px.');
  });

  it('does not tell the user that a 23.9 px target is 24 px', () => {
    const f = get(judgeControl(control({ width: 23.9, height: 24 })), 'small-target');
    expect(f?.message).not.toContain('only 24×24 px');
    expect(f?.message).toContain('23.9');
  });

  it('is medium on a consent surface and low elsewhere', () => {
    expect(get(judgeControl(control({ width: 16, height: 16 })), 'small-target')?.severity).toBe('medium');
    expect(get(judgeControl(control({ width: 16, height: 16, surfaceKind: 'consent-prompt' })), 'small-target')?.severity).toBe('medium');
    expect(get(judgeControl(control({ width: 16, height: 16, surfaceKind: 'settings' })), 'small-target')?.severity).toBe('low');
    expect(get(judgeControl(control({ width: 16, height: 16, surfaceKind: null })), 'small-target')?.severity).toBe('low');
  });

  it('skips a choice with no measured option mark (width 0), but judges one that has one', () => {
    expect(ids(judgeControl(control({ kind: 'choice', width: 0, height: 0 })))).toEqual([]);
    expect(ids(judgeControl(control({ kind: 'choice', width: 16, height: 16 })))).toEqual(['small-target']);
  });

  it('judges a zero-size switch (not a choice) as small', () => {
    expect(ids(judgeControl(control({ width: 0, height: 0 })))).toEqual(['small-target']);
  });
});

describe('low-contrast — label text (WCAG 1.4.3)', () => {
  it('normal text: fires at 4.49, not at 4.5', () => {
    const low = get(judgeControl(control({ labelText: text({ contrast: 4.49 }) })), 'low-contrast');
    expect(low).toBeDefined();
    expect(low?.measured.labelContrast).toBe(4.49);
    expect(low?.measured.labelRequired).toBe(4.5);
    expect(ids(judgeControl(control({ labelText: text({ contrast: 4.5 }) })))).toEqual([]);
  });

  it('large text needs 3:1: fires at 2.99, not at 3, and 4 is enough', () => {
    const large = (contrast: number): TextFacts => text({ fontPx: 24, contrast, required: 3 });
    expect(ids(judgeControl(control({ labelText: large(2.99), primary: null })))).toEqual(['low-contrast']);
    expect(ids(judgeControl(control({ labelText: large(3), primary: null })))).toEqual([]);
    expect(ids(judgeControl(control({ labelText: large(4), primary: null })))).toEqual([]);
  });

  it('says what contrast was found and what is needed, and records the colours', () => {
    const f = get(
      judgeControl(control({ labelText: text({ contrast: 2.54, colour: '#9ca3af', background: '#ffffff' }) })),
      'low-contrast',
    );
    expect(f?.severity).toBe('medium');
    expect(f?.message).toContain('2.54:1');
    expect(f?.message).toContain('4.5:1');
    expect(f?.measured).toMatchObject({
      labelContrast: 2.54,
      labelRequired: 4.5,
      labelColour: '#9ca3af',
      labelBackground: '#ffffff',
      labelFontPx: 16,
    });
    expect(f?.measured).not.toHaveProperty('backgroundApproximate');
  });

  it('marks an approximate background', () => {
    const f = get(judgeControl(control({ labelText: text({ contrast: 2, approximate: true }) })), 'low-contrast');
    expect(f?.measured.backgroundApproximate).toBe(true);
  });

  it('no label text measured, no text finding', () => {
    expect(ids(judgeControl(control({ labelText: null, primary: null })))).toEqual([]);
  });
});

describe('low-contrast — the control itself (WCAG 1.4.11: 3:1)', () => {
  it('fires at 2.99, not at 3', () => {
    const f = get(judgeControl(control({ shape: { contrast: 2.99, colour: '#e5e7eb', background: '#ffffff' } })), 'low-contrast');
    expect(f).toBeDefined();
    expect(f?.measured).toMatchObject({ controlContrast: 2.99, controlRequired: 3, controlColour: '#e5e7eb', controlBackground: '#ffffff' });
    expect(f?.message).toContain('2.99:1');
    expect(f?.message).toContain('3:1');
    expect(ids(judgeControl(control({ shape: { contrast: 3, colour: '#949494', background: '#ffffff' } })))).toEqual([]);
  });

  it('a native widget (shape null) is not judged', () => {
    expect(ids(judgeControl(control({ shape: null })))).toEqual([]);
  });

  it('text and shape both low: one finding naming both', () => {
    const fs = judgeControl(
      control({ labelText: text({ contrast: 2 }), shape: { contrast: 1.5, colour: '#eeeeee', background: '#ffffff' }, primary: null }),
    );
    expect(ids(fs)).toEqual(['low-contrast']);
    expect(fs[0]?.message).toContain('2:1');
    expect(fs[0]?.message).toContain('1.5:1');
  });
});

describe('hidden', () => {
  it('fires with the reason in plain words and the reason code measured', () => {
    const f = get(judgeControl(control({ hiddenReason: 'closed-details' })), 'hidden');
    expect(f?.severity).toBe('high');
    expect(f?.measured).toEqual({ reason: 'closed-details' });
    expect(f?.message).toContain('collapsed section');
  });

  it('an unknown reason code is still reported', () => {
    expect(get(judgeControl(control({ hiddenReason: 'mystery' })), 'hidden')?.message).toContain('mystery');
  });

  it('suppresses small-target, low-contrast, out-of-view and false-hierarchy', () => {
    const bad: Partial<ControlFacts> = {
      width: 2,
      height: 2,
      clickableArea: 4,
      labelText: text({ contrast: 1.2 }),
      shape: { contrast: 1.1, colour: '#fefefe', background: '#ffffff' },
      outOfView: { where: 'viewport', distancePx: 500, visibleHeightPx: 800 },
      primary: { label: 'Accept', area: 20_000, fontPx: 20, contrast: 15, inView: true },
    };
    // Without the reason the same facts give all four …
    expect(ids(judgeControl(control(bad)))).toEqual(['small-target', 'low-contrast', 'out-of-view', 'false-hierarchy']);
    // … with it, only `hidden`.
    expect(ids(judgeControl(control({ ...bad, hiddenReason: 'display-none' })))).toEqual(['hidden']);
  });

  it('does not suppress preselected or vague-label', () => {
    expect(ids(judgeControl(control({ hiddenReason: 'collapsed', state: 'on', label: 'Help improve Claude' })))).toEqual([
      'preselected',
      'hidden',
      'vague-label',
    ]);
  });
});

describe('out-of-view', () => {
  const away = { where: 'scroll-container' as const, distancePx: 312.4, visibleHeightPx: 420.6 };

  it('fires when the control is out of view and the primary action is in view', () => {
    const f = get(judgeControl(control({ outOfView: away })), 'out-of-view');
    expect(f?.severity).toBe('high');
    expect(f?.measured).toEqual({ where: 'scroll-container', distancePx: 312, visibleHeightPx: 421 });
    expect(f?.message).toContain('312 px');
    expect(f?.message).toContain('"Accept"');
    expect(f?.message).toContain('scrolling area');
  });

  it('names the screen for the viewport case', () => {
    expect(get(judgeControl(control({ outOfView: { ...away, where: 'viewport' } })), 'out-of-view')?.message).toContain('the screen');
  });

  it('does not fire when the primary action is out of view too', () => {
    const primary = { label: 'Accept', area: 1000, fontPx: 16, contrast: 10, inView: false };
    expect(ids(judgeControl(control({ outOfView: away, primary })))).toEqual([]);
  });

  it('does not fire without a primary action', () => {
    expect(ids(judgeControl(control({ outOfView: away, primary: null })))).toEqual([]);
  });

  it('does not fire on a settings page', () => {
    expect(ids(judgeControl(control({ outOfView: away, surfaceKind: 'settings' })))).toEqual([]);
  });

  it('does not fire when the control is in view', () => {
    expect(ids(judgeControl(control({ outOfView: null })))).toEqual([]);
  });
});

describe('false-hierarchy (2 of 3: area ≥ 4×, font ≥ 1.25×, contrast ≥ 1.5×)', () => {
  // Control: clickable area 1000 px², label 16 px at 10:1. Exact threshold values for the accept button:
  const AREA = 4000; // 4×
  const FONT = 20; // 1.25×
  const CONTRAST = 15; // 1.5×
  const judge = (area: number, fontPx: number, contrast: number): Finding[] =>
    judgeControl(control({ primary: { label: 'Accept', area, fontPx, contrast, inView: true } }));

  it.each([
    ['area + font', AREA, FONT, 10],
    ['area + contrast', AREA, 16, CONTRAST],
    ['font + contrast', 1000, FONT, CONTRAST],
    ['all three', AREA, FONT, CONTRAST],
  ])('fires on %s, exactly at the thresholds', (_name, area, font, contrast) => {
    expect(ids(judge(area, font, contrast))).toEqual(['false-hierarchy']);
  });

  it.each([
    ['area only', AREA * 10, 16, 10],
    ['font only', 1000, FONT * 2, 10],
    ['contrast only', 1000, 16, 20],
    ['none', 1000, 16, 10],
  ])('does not fire on %s', (_name, area, font, contrast) => {
    expect(ids(judge(area, font, contrast))).toEqual([]);
  });

  it.each([
    ['area just under 4×', 3999, FONT, 10],
    ['font just under 1.25×', AREA, 19.99, 10],
    ['contrast just under 1.5×', 1000, FONT, 14.99],
  ])('does not fire with %s and one other vote', (_name, area, font, contrast) => {
    expect(ids(judge(area, font, contrast))).toEqual([]);
  });

  it('measures every ratio and raw number, and says only what won', () => {
    const f = get(judge(44_000, 20, 12), 'false-hierarchy');
    expect(f?.severity).toBe('medium');
    expect(f?.measured).toEqual({
      areaRatio: 44,
      fontRatio: 1.25,
      contrastRatio: 1.2,
      acceptAreaPx: 44_000,
      controlAreaPx: 1000,
      acceptFontPx: 20,
      labelFontPx: 16,
      acceptContrast: 12,
      labelContrast: 10,
    });
    expect(f?.message).toBe('The "Accept" button outweighs the training switch: 44× larger, its text 1.3× bigger.');
  });

  it('votes on the exact ratios: an area 3.996× larger is reported as 4× but is no vote, and the sentence says so', () => {
    const f = get(judge(3996, 20, 15), 'false-hierarchy');
    expect(f?.measured).toMatchObject({ areaRatio: 4, areaRatioExact: 3.996, fontRatio: 1.25, contrastRatio: 1.5 });
    expect(f?.measured).not.toHaveProperty('fontRatioExact');
    expect(f?.measured).not.toHaveProperty('contrastRatioExact');
    expect(f?.message).toBe('The "Accept" button outweighs the training switch: its text 1.3× bigger, 1.5× higher in contrast.');
  });

  it('only on consent surfaces', () => {
    const primary = { label: 'Save', area: 40_000, fontPx: 30, contrast: 21, inView: true };
    expect(ids(judgeControl(control({ primary, surfaceKind: 'settings' })))).toEqual([]);
    expect(ids(judgeControl(control({ primary, surfaceKind: null })))).toEqual([]);
    expect(ids(judgeControl(control({ primary, surfaceKind: 'consent-prompt' })))).toEqual(['false-hierarchy']);
  });

  it('not without a primary action or a clickable area', () => {
    expect(ids(judgeControl(control({ primary: null })))).toEqual([]);
    expect(ids(judgeControl(control({ clickableArea: 0, primary: { label: 'Accept', area: 9e9, fontPx: 40, contrast: 21, inView: true } })))).toEqual([]);
  });

  it('without label text, only the area can vote, so it never reaches two', () => {
    expect(ids(judgeControl(control({ labelText: null, primary: { label: 'Accept', area: 99_000, fontPx: 40, contrast: 21, inView: true } })))).toEqual([]);
  });
});

describe('vague-label', () => {
  it.each([
    'You can help improve Claude',
    'Help improve Claude',
    'Improve the model for everyone',
    'Helfen Sie, Claude zu verbessern',
    'Das Modell für alle verbessern',
    'Aidez à améliorer Claude',
    'Améliorer le modèle pour tous',
  ])('fires on %j', (label) => {
    const f = get(judgeControl(control({ label })), 'vague-label');
    expect(f).toBeDefined();
    expect(f?.severity).toBe('low');
    expect(f?.measured).toEqual({ label });
    expect(f?.message).toContain(`"${label}"`);
  });

  it.each([
    'Allow the use of your chats to train AI models',
    'Help improve Claude by letting us train on your chats',
    'Help improve Claude: chats are kept for 5 years',
    'Claude verbessern: Ihre Chats werden zum Trainieren genutzt',
    'Erlauben Sie die Nutzung Ihrer Chats zum Trainieren der KI-Modelle',
    "Aidez à améliorer Claude en autorisant l'entraînement sur vos conversations",
    "Autoriser l'utilisation de vos conversations pour entraîner nos modèles d'IA",
    'Model training on text',
    '',
  ])('does not fire on %j', (label) => {
    expect(ids(judgeControl(control({ label })))).not.toContain('vague-label');
  });
});

describe('every control finding has a message, measured numbers and its refs', () => {
  const everything = judgeControl(
    control({
      state: 'on',
      label: 'Help improve Claude',
      width: 28,
      height: 16,
      clickableArea: 448,
      labelText: text({ fontPx: 12, contrast: 2.54 }),
      shape: { contrast: 1.4, colour: '#e5e7eb', background: '#ffffff' },
      outOfView: { where: 'viewport', distancePx: 240, visibleHeightPx: 800 },
      primary: { label: 'Accept', area: 19_712, fontPx: 18, contrast: 19, inView: true },
    }),
  );
  const hidden = judgeControl(control({ hiddenReason: 'visibility-hidden' }));

  it('covers every control-level finding id', () => {
    expect(ids(everything)).toEqual(['preselected', 'small-target', 'low-contrast', 'out-of-view', 'false-hierarchy', 'vague-label']);
    expect(ids(hidden)).toEqual(['hidden']);
  });

  it.each([...everything, ...hidden].map((f) => [f.id, f] as const))('%s', (id, f) => {
    expect(f.message.length).toBeGreaterThan(20);
    expect(f.message).toMatch(/[.]$/);
    expect(Object.keys(f.measured).length).toBeGreaterThan(0);
    for (const v of Object.values(f.measured)) expect(['number', 'string', 'boolean']).toContain(typeof v);
    expect(f.refs).toEqual(REFS[id]);
    expect(f.refs.length).toBeGreaterThan(0);
    expect(['high', 'medium', 'low']).toContain(f.severity);
  });

  it('cites the sources DOMAIN.md names', () => {
    expect(REFS['small-target']).toContain('WCAG 2.2 SC 2.5.8');
    expect(REFS['low-contrast']).toEqual(expect.arrayContaining(['WCAG 2.2 SC 1.4.3', 'WCAG 2.2 SC 1.4.11']));
    expect(REFS['bundled-consent']).toContain('GDPR Art. 7(2)');
    expect(REFS.preselected.join(' ')).toContain('Planet49');
    expect(REFS['false-hierarchy'].join(' ')).toContain('DSA Art. 25');
  });
});

describe('judgeSurface — forced-choice', () => {
  it('fires when the dialog is modal and has no dismiss option', () => {
    const fs = judgeSurface(surface({ dismiss: null, hasChoice: true, toggles: [] }));
    expect(ids(fs)).toEqual(['forced-choice']);
    expect(fs[0]?.measured).toEqual({ modal: true, dismissOption: false });
    expect(fs[0]?.severity).toBe('medium');
  });

  it('not when there is a dismiss option', () => {
    expect(ids(judgeSurface(surface({ dismiss: 'Not now', hasChoice: true, toggles: [] })))).toEqual([]);
  });

  it('not when the dialog is not modal', () => {
    expect(ids(judgeSurface(surface({ modal: false, dismiss: null, hasChoice: true, toggles: [] })))).toEqual([]);
  });

  it('on a consent-prompt too', () => {
    expect(ids(judgeSurface(surface({ kind: 'consent-prompt', dismiss: null })))).toEqual(['forced-choice']);
  });

  it.each<SurfaceKind>(['settings', 'other'])('never on a %s surface', (kind) => {
    expect(judgeSurface(surface({ kind, dismiss: null }))).toEqual([]);
  });

  it('not on a surface with no training control at all', () => {
    expect(judgeSurface(surface({ dismiss: null, toggles: [], hasChoice: false }))).toEqual([]);
  });
});

describe('judgeSurface — bundled-consent', () => {
  it('fires on a terms-update with a toggle, a primary action and no explicit choice; high when ON', () => {
    const fs = judgeSurface(surface());
    expect(ids(fs)).toEqual(['bundled-consent']);
    expect(fs[0]?.severity).toBe('high');
    expect(fs[0]?.measured).toEqual({ action: 'Accept', trainingState: 'on' });
    expect(fs[0]?.message).toContain('"Accept"');
    expect(fs[0]?.message).toContain('(ON)');
  });

  it('not when the switch the Accept button commits is OFF: it commits nothing to training', () => {
    expect(judgeSurface(surface({ toggles: [{ kind: 'checkbox', state: 'off' }] }))).toEqual([]);
    expect(judgeSurface(surface({ toggles: [{ kind: 'switch', state: 'off' }] }))).toEqual([]);
  });

  it('medium when its state cannot be told (unknown) or is mixed', () => {
    for (const state of ['unknown', 'mixed'] as const) {
      const fs = judgeSurface(surface({ toggles: [{ kind: 'checkbox', state }] }));
      expect(ids(fs), state).toEqual(['bundled-consent']);
      expect(fs[0]?.severity).toBe('medium');
      expect(fs[0]?.measured).toEqual({ action: 'Accept', trainingState: state });
    }
  });

  it('not when an explicit choice carries the decision', () => {
    expect(judgeSurface(surface({ hasChoice: true }))).toEqual([]);
  });

  it('not on a consent-prompt (only terms updates bundle acceptance)', () => {
    expect(judgeSurface(surface({ kind: 'consent-prompt' }))).toEqual([]);
  });

  it('not without a toggle', () => {
    expect(judgeSurface(surface({ toggles: [], hasChoice: true }))).toEqual([]);
    expect(judgeSurface(surface({ toggles: [{ kind: 'choice', state: 'on' }] }))).toEqual([]);
  });

  it('not without a primary action', () => {
    expect(judgeSurface(surface({ primary: null }))).toEqual([]);
  });

  it('forced-choice and bundled-consent together, with refs and messages', () => {
    const fs = judgeSurface(surface({ dismiss: null }));
    expect(ids(fs)).toEqual(['forced-choice', 'bundled-consent']);
    for (const f of fs) {
      expect(f.message.length).toBeGreaterThan(20);
      expect(Object.keys(f.measured).length).toBeGreaterThan(0);
      expect(f.refs).toEqual(REFS[f.id]);
    }
  });
});
