/**
 * The findings' English (src/engine/findings-words.ts), written apart from the judging
 * (src/engine/findings.ts) so the content script does not carry it. For every kind of finding,
 * over a wide table of facts, the sentences and sources come out exactly as the engine wrote them
 * before the split — its code is kept verbatim at the end of this file — when worded from the
 * report as the background receives it (through JSON). And the wording trusts nothing the page
 * sent: it overwrites `message` and `refs`, and reads `measured` by type.
 */
import { describe, expect, it, vi } from 'vitest';
import { isConsentSurface, judgeControl, judgeSurface, type ControlFacts, type SurfaceFacts, type TextFacts } from '../../src/engine/findings';
import { FINDING_IDS, HIDDEN_WHY, REFS, findingSentence, wordFinding, wordFindings } from '../../src/engine/findings-words';
import { scan } from '../../src/engine/scan';
import { BUILTIN_LEXICON } from '../../src/engine/lexicon-builtin';
import { THRESHOLDS as T } from '../../src/engine/thresholds';
import { round2 } from '../../src/engine/colour';
import { px } from '../../src/engine/px';
import type { Control, ControlKind, Finding, FindingId, Report, Severity, State, Surface, SurfaceKind } from '../../src/engine/types';
import { BUILTIN_RULES } from '../../src/rules';
import { report } from './background-fakes';

// ── reports as the engine makes them ──────────────────────────────────────────────────────────

const BOX = { x: 0, y: 0, width: 10, height: 10 };

const reportOf = (controls: Control[], surfaces: Surface[]): Report => report({ controls, surfaces });

/**
 * The control's findings as scan.ts reports them — judged, in a surface whose primary action is
 * the one the facts name (scan.ts takes both from the same element) — sent through JSON as
 * Chrome's messages are, then worded as the background words them.
 */
function wordedControl(facts: ControlFacts): Finding[] {
  const surfaces: Surface[] = facts.surfaceKind
    ? [{ id: 's1', kind: facts.surfaceKind, title: 'Dialog', box: BOX, primaryAction: facts.primary ? { label: facts.primary.label, box: BOX } : null, findings: [] }]
    : [];
  const control: Control = {
    id: 'c1',
    label: facts.label,
    description: '',
    purpose: 'ai-training',
    state: facts.state,
    kind: facts.kind,
    box: BOX,
    findings: judgeControl(facts, BUILTIN_LEXICON),
    surfaceId: facts.surfaceKind ? 's1' : null,
  };
  const sent = JSON.parse(JSON.stringify(reportOf([control], surfaces))) as Report;
  return wordFindings(sent).controls[0]!.findings;
}

function wordedSurface(facts: SurfaceFacts): Finding[] {
  const surface: Surface = {
    id: 's1',
    kind: facts.kind,
    title: 'Dialog',
    box: BOX,
    primaryAction: facts.primary === null ? null : { label: facts.primary, box: BOX },
    findings: judgeSurface(facts),
  };
  const sent = JSON.parse(JSON.stringify(reportOf([], [surface]))) as Report;
  return wordFindings(sent).surfaces[0]!.findings;
}

/** Where the new findings differ from the old: every field but the `<key>Exact` numbers added to `measured`. */
function differences(label: string, old: Finding[], now: Finding[]): string[] {
  const out: string[] = [];
  if (old.length !== now.length || old.some((f, i) => f.id !== now[i]!.id)) return [`${label}: ids ${old.map((f) => f.id).join()} ≠ ${now.map((f) => f.id).join()}`];
  old.forEach((o, i) => {
    const n = now[i]!;
    if (n.message !== o.message) out.push(`${label} ${o.id}: ${JSON.stringify(n.message)} ≠ ${JSON.stringify(o.message)}`);
    if (JSON.stringify(n.refs) !== JSON.stringify(o.refs)) out.push(`${label} ${o.id}: refs ${JSON.stringify(n.refs)}`);
    if (n.severity !== o.severity) out.push(`${label} ${o.id}: severity ${n.severity}`);
    const kept = Object.fromEntries(Object.entries(n.measured).filter(([k]) => !k.endsWith('Exact')));
    if (JSON.stringify(kept) !== JSON.stringify(o.measured)) out.push(`${label} ${o.id}: measured ${JSON.stringify(n.measured)} ≠ ${JSON.stringify(o.measured)}`);
    for (const [k, v] of Object.entries(n.measured)) {
      if (k.endsWith('Exact') && (typeof v !== 'number' || o.measured[k.slice(0, -5)] !== round2(v) || v === round2(v))) out.push(`${label} ${o.id}: ${k} ${String(v)}`);
    }
  });
  return out;
}

// ── the table of facts ───────────────────────────────────────────────────────────────────────

/** A small seeded generator (mulberry32): the same table on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const text = (fontPx: number, contrast: number, required: number, approximate = false): TextFacts => ({
  fontPx,
  contrast,
  required,
  colour: '#9ca3af',
  background: '#ffffff',
  approximate,
});
const primary = (label: string, area: number, fontPx: number, contrast: number, inView = true): NonNullable<ControlFacts['primary']> => ({ label, area, fontPx, contrast, inView });

const REASONS = [...Object.keys(HIDDEN_WHY), 'mystery'];
const CHOICES = {
  kind: ['switch', 'checkbox', 'choice', 'button'] as ControlKind[],
  state: ['on', 'off', 'mixed', 'unknown'] as State[],
  surfaceKind: ['terms-update', 'consent-prompt', 'terms-update', 'consent-prompt', 'settings', 'other', null] as (SurfaceKind | null)[],
  hiddenReason: [null, null, null, null, null, null, ...REASONS] as (string | null)[],
  // 23.296875 (a layout unit is 1/64 px) and 23.996 are stated as 23.2 and 23.9, not from their two decimals (23.3, 24).
  size: [[44, 24], [28, 16], [23.9, 24], [44, 23.9], [23.296875, 16], [23.996, 23.999], [20.123456, 12.98765], [0, 0], [16, 23.95], [24, 24], [36.5, 20.25]] as [number, number][],
  labelText: [null, text(16, 10, 4.5), text(16, 2.54, 4.5), text(24, 2.99, 3), text(16, 4.49, 4.5, true), text(12, 2.6, 4.5), text(14.5, 7.3, 4.5), text(13.333333, 4.5, 4.5), text(16, 1.07, 4.5)],
  shape: [null, { contrast: 5, colour: '#111827', background: '#ffffff' }, { contrast: 2.99, colour: '#e5e7eb', background: '#ffffff' }, { contrast: 1.1, colour: '#fefefe', background: '#ffffff' }, { contrast: 3, colour: '#949494', background: '#ffffff' }],
  outOfView: [
    null,
    null,
    { where: 'viewport', distancePx: 240.4, visibleHeightPx: 800 },
    { where: 'scroll-container', distancePx: 312.5, visibleHeightPx: 420.6 },
    { where: 'viewport', distancePx: 0.49, visibleHeightPx: 800 },
    { where: 'scroll-container', distancePx: 1999.5, visibleHeightPx: 300.2 },
  ] as ControlFacts['outOfView'][],
  // Area, font and contrast ratios at, around and far from the thresholds (4×, 1.25×, 1.5×), against the texts above.
  primary: [
    null,
    primary('Accept', 1000, 16, 10),
    primary('Accept', 44_000, 20, 12),
    primary('Accept all', 19_712, 18, 19),
    primary('Yes, "I agree"', 3996, 20, 15),
    primary('Continue', 4249, 20.1, 15.01),
    primary('Accept', 4000, 20, 15, false),
    primary('OK', 100_000, 40, 21),
    primary('Akzeptieren', 12_345.678, 17.5, 13.7),
    primary('Accept', 4001, 15.99, 3.8),
    primary('I agree', 448 * 9.96, 19.9, 3.99),
  ],
  clickableArea: [1000, 448, 0, 1234.5, 1000],
  label: ['Allow the use of your chats to train AI models', 'Help improve Claude', 'You can help improve "Claude"', '', 'Improve the model for everyone', 'Help improve Claude: chats are kept for 5 years'],
};

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function sampleFacts(r: () => number): ControlFacts {
  const [width, height] = pick(r, CHOICES.size);
  return {
    kind: pick(r, CHOICES.kind),
    state: pick(r, CHOICES.state),
    label: pick(r, CHOICES.label),
    surfaceKind: pick(r, CHOICES.surfaceKind),
    hiddenReason: pick(r, CHOICES.hiddenReason),
    width,
    height,
    clickableArea: pick(r, CHOICES.clickableArea),
    labelText: pick(r, CHOICES.labelText),
    shape: pick(r, CHOICES.shape),
    outOfView: pick(r, CHOICES.outOfView),
    primary: pick(r, CHOICES.primary),
  };
}

/** How many of the three false-hierarchy votes the facts pass, when the finding may be judged at all; else null. */
function votesOf(f: ControlFacts): boolean[] | null {
  if (f.hiddenReason || !isConsentSurface(f.surfaceKind) || !f.primary || f.clickableArea <= 0) return null;
  const font = f.labelText ? f.primary.fontPx / f.labelText.fontPx : 1;
  const contrast = f.labelText ? f.primary.contrast / f.labelText.contrast : 1;
  return [f.primary.area / f.clickableArea >= T.hierarchyArea, font >= T.hierarchyFont, contrast >= T.hierarchyContrast];
}

/** The sentence worded from the two-decimal numbers only, as if `<key>Exact` had not been kept. */
function fromRounded(f: Finding, facts: ControlFacts): string {
  const measured = Object.fromEntries(Object.entries(f.measured).filter(([k]) => !k.endsWith('Exact')));
  return findingSentence({ ...f, measured }, { kind: facts.kind, accept: facts.primary?.label ?? null });
}

describe('the sentences and sources, worded apart from the judging, are the ones the engine wrote', () => {
  it('for every control finding, over 20 000 combinations of facts', () => {
    const r = random(20251008);
    const seen = new Map<string, number>();
    const count = (key: string): void => void seen.set(key, (seen.get(key) ?? 0) + 1);
    const wrong: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const facts = sampleFacts(r);
      const old = oldJudgeControl(facts);
      const now = wordedControl(facts);
      wrong.push(...differences(`#${i} ${JSON.stringify(facts)}`, old, now));
      for (const f of old) {
        count(f.id);
        if (f.id === 'hidden') count(`hidden:${String(f.measured.reason)}`);
        if (f.id === 'out-of-view') count(`out-of-view:${String(f.measured.where)}`);
        if (f.id === 'low-contrast') count(`low-contrast:${f.message.includes("label's text") ? 'label' : ''}${f.message.includes('itself') ? 'shape' : ''}`);
        if (f.id === 'small-target' || f.id === 'false-hierarchy') {
          const rounded = fromRounded(now.find((n) => n.id === f.id)!, facts);
          if (rounded !== f.message) count(`${f.id}:needs-exact`);
        }
      }
      const votes = votesOf(facts);
      if (votes) {
        const n = votes.filter(Boolean).length;
        count(`votes:${n}`);
        if (n >= 2) count(`votes:${votes.map((v) => (v ? 1 : 0)).join('')}`);
        if (n < 2 && old.some((f) => f.id === 'false-hierarchy')) wrong.push(`#${i}: false-hierarchy on ${n} votes`);
      }
    }
    expect(wrong.slice(0, 20)).toEqual([]);
    // The table covered what it must.
    const missing = [
      ...['preselected', 'hidden', 'small-target', 'low-contrast', 'out-of-view', 'false-hierarchy', 'vague-label'],
      ...REASONS.map((x) => `hidden:${x}`),
      'low-contrast:label',
      'low-contrast:shape',
      'low-contrast:labelshape',
      'out-of-view:viewport',
      'out-of-view:scroll-container',
      'votes:0',
      'votes:1',
      'votes:2',
      'votes:3',
      'votes:110',
      'votes:101',
      'votes:011',
      'votes:111',
      // Cases where the two-decimal numbers alone would not give the sentence.
      'small-target:needs-exact',
      'false-hierarchy:needs-exact',
    ].filter((k) => (seen.get(k) ?? 0) < 5);
    expect(missing).toEqual([]);
  }, 60_000);

  it('for every surface finding, over every combination of surface facts', () => {
    const wrong: string[] = [];
    const ids = new Set<string>();
    const togglesList: SurfaceFacts['toggles'][] = [
      [],
      [{ kind: 'switch', state: 'on' }],
      [{ kind: 'checkbox', state: 'off' }],
      [{ kind: 'choice', state: 'on' }],
      [{ kind: 'switch', state: 'mixed' }],
      [{ kind: 'button', state: 'unknown' }],
      [{ kind: 'choice', state: 'on' }, { kind: 'switch', state: 'off' }],
    ];
    for (const kind of ['terms-update', 'consent-prompt', 'settings', 'other'] as SurfaceKind[])
      for (const modal of [true, false])
        for (const dismiss of [null, 'Not now'])
          for (const primaryLabel of [null, 'Accept', 'Yes, "I agree"', ''])
            for (const toggles of togglesList)
              for (const hasChoice of [false, true]) {
                const facts: SurfaceFacts = { kind, modal, dismiss, primary: primaryLabel, toggles, hasChoice };
                const old = oldJudgeSurface(facts);
                for (const f of old) ids.add(`${f.id}:${String(f.measured.trainingState ?? '')}`);
                wrong.push(...differences(JSON.stringify(facts), old, wordedSurface(facts)));
              }
    expect(wrong.slice(0, 20)).toEqual([]);
    expect([...ids].sort()).toEqual(['bundled-consent:mixed', 'bundled-consent:on', 'bundled-consent:unknown', 'forced-choice:']);
  });

  it('the sources are the same tables, for every id', () => {
    expect(REFS).toEqual(OLD_REFS);
    expect(HIDDEN_WHY).toEqual(OLD_HIDDEN_WHY);
    expect([...FINDING_IDS].sort()).toEqual(
      ['bundled-consent', 'false-hierarchy', 'forced-choice', 'hidden', 'low-contrast', 'out-of-view', 'preselected', 'small-target', 'vague-label'].sort(),
    );
  });
});

describe('each sentence, written out', () => {
  const one = (facts: Partial<ControlFacts>): Record<string, string> =>
    Object.fromEntries(
      wordedControl({
        kind: 'switch',
        state: 'off',
        label: 'Allow the use of your chats to train AI models',
        surfaceKind: 'terms-update',
        hiddenReason: null,
        width: 44,
        height: 24,
        clickableArea: 1000,
        labelText: text(16, 10, 4.5),
        shape: { contrast: 5, colour: '#111827', background: '#ffffff' },
        outOfView: null,
        primary: primary('Accept', 1000, 16, 10),
        ...facts,
      }).map((f) => [f.id, f.message]),
    );

  it('of a control', () => {
    expect(one({ state: 'on', kind: 'checkbox', width: 24 })).toEqual({ preselected: 'The training checkbox is already ON before you have chosen anything.' });
    expect(one({ hiddenReason: 'closed-details' })).toEqual({ hidden: 'You cannot see the training switch: it sits inside a collapsed section that has to be opened first.' });
    expect(one({ hiddenReason: 'covered', kind: 'button' })).toEqual({ hidden: 'You cannot see the training button: another element is painted over it.' });
    expect(one({ hiddenReason: 'mystery' })).toEqual({ hidden: 'You cannot see the training switch: mystery.' });
    expect(one({ width: 23.996, height: 16 })).toEqual({ 'small-target': 'The switch is only 23.9×16 px; the accessibility minimum for a target is 24×24 px.' });
    expect(one({ labelText: text(16, 2.54, 4.5) })).toEqual({ 'low-contrast': "Hard to see: its label's text has a contrast of 2.54:1 (at least 4.5:1 is needed)." });
    expect(one({ shape: { contrast: 1.4, colour: '#eeeeee', background: '#ffffff' } })).toEqual({
      'low-contrast': 'Hard to see: the switch itself stands out from its background at only 1.4:1 (at least 3:1 is needed).',
    });
    expect(one({ labelText: text(16, 2, 4.5), shape: { contrast: 1.5, colour: '#eeeeee', background: '#ffffff' }, primary: null })).toEqual({
      'low-contrast': "Hard to see: its label's text has a contrast of 2:1 (at least 4.5:1 is needed), and the switch itself stands out from its background at only 1.5:1 (at least 3:1 is needed).",
    });
    expect(one({ outOfView: { where: 'viewport', distancePx: 240.4, visibleHeightPx: 800 } })).toEqual({
      'out-of-view': 'The training switch is 240 px outside the screen, so you have to scroll to find it, while "Accept" is in plain view.',
    });
    expect(one({ outOfView: { where: 'scroll-container', distancePx: 312.5, visibleHeightPx: 420 } })).toEqual({
      'out-of-view': 'The training switch is 313 px outside the scrolling area of the dialog, so you have to scroll to find it, while "Accept" is in plain view.',
    });
    expect(one({ primary: primary('Accept', 4000, 20, 10) })).toEqual({ 'false-hierarchy': 'The "Accept" button outweighs the training switch: 4× larger, its text 1.3× bigger.' });
    expect(one({ primary: primary('Accept', 44_000, 16, 15) })).toEqual({ 'false-hierarchy': 'The "Accept" button outweighs the training switch: 44× larger, 1.5× higher in contrast.' });
    expect(one({ primary: primary('OK', 1000, 20, 15) })).toEqual({ 'false-hierarchy': 'The "OK" button outweighs the training switch: its text 1.3× bigger, 1.5× higher in contrast.' });
    expect(one({ primary: primary('OK', 12_000, 24, 21) })).toEqual({ 'false-hierarchy': 'The "OK" button outweighs the training switch: 12× larger, its text 1.5× bigger, 2.1× higher in contrast.' });
    expect(one({ label: 'Help improve Claude' })).toEqual({
      'vague-label': 'The label "Help improve Claude" speaks of helping or improving but does not say that your chats are used to train AI models or kept longer.',
    });
  });

  it('of a surface', () => {
    const words = wordedSurface({ kind: 'terms-update', modal: true, dismiss: null, primary: 'Accept', toggles: [{ kind: 'switch', state: 'on' }], hasChoice: false });
    expect(words.map((f) => [f.id, f.message])).toEqual([
      ['forced-choice', 'This dialog blocks the page and offers no way to close it or decide later.'],
      ['bundled-consent', 'One "Accept" button accepts the new terms and also saves the training setting as it stands (ON).'],
    ]);
  });
});

describe('judging leaves the words out', () => {
  it('every finding judgeControl and judgeSurface give has an empty message and no refs', () => {
    const r = random(7);
    const all: Finding[] = [];
    for (let i = 0; i < 2000; i++) all.push(...judgeControl(sampleFacts(r), BUILTIN_LEXICON));
    all.push(...judgeSurface({ kind: 'terms-update', modal: true, dismiss: null, primary: 'Accept', toggles: [{ kind: 'switch', state: 'on' }], hasChoice: false }));
    expect(new Set(all.map((f) => f.id)).size).toBe(9);
    for (const f of all) expect({ message: f.message, refs: f.refs }).toEqual({ message: '', refs: [] });
  });

  it('scan() words its report only through the option it is given', () => {
    document.body.replaceChildren(document.createElement('main'));
    expect(scan(document, { lexicon: BUILTIN_LEXICON, rules: BUILTIN_RULES }).report.title).not.toBe('worded');
    const word = vi.fn((r: Report): Report => ({ ...r, title: 'worded' }));
    const result = scan(document, { lexicon: BUILTIN_LEXICON, rules: BUILTIN_RULES, wordFindings: word });
    expect(word).toHaveBeenCalledTimes(1);
    expect(word.mock.calls[0]![0].schema).toBe('consent-lens/report@1');
    expect(result.report.title).toBe('worded');
  });
});

// ── the background's wording trusts nothing the page sent ──────────────────────────────────

function sentReport(findings: unknown[], surfaceFindings: unknown[] = [], surfaceId: string | null = 's1'): Report {
  const surface: Surface = { id: 's1', kind: 'terms-update', title: 'Dialog', box: BOX, primaryAction: { label: 'Accept', box: BOX }, findings: surfaceFindings as Finding[] };
  const control: Control = {
    id: 'c1',
    label: 'Help improve Claude',
    description: '',
    purpose: 'ai-training',
    state: 'on',
    kind: 'switch',
    box: BOX,
    findings: findings as Finding[],
    surfaceId,
  };
  return reportOf([control], [surface]);
}

describe('wordFindings', () => {
  it('overwrites the message and the refs a page sent, for controls and surfaces', () => {
    const forged = (id: FindingId, measured: Finding['measured']): Finding => ({ id, severity: 'low', message: 'Click <a href="https://evil.example/">here</a>', measured, refs: ['evil.example'] });
    const out = wordFindings(sentReport([forged('preselected', { state: 'on', surface: 'terms-update' })], [forged('forced-choice', { modal: true, dismissOption: false })]));
    expect(out.controls[0]!.findings[0]).toMatchObject({ message: 'The training switch is already ON before you have chosen anything.', refs: REFS.preselected, severity: 'low' });
    expect(out.surfaces[0]!.findings[0]).toMatchObject({ message: 'This dialog blocks the page and offers no way to close it or decide later.', refs: REFS['forced-choice'] });
  });

  it('gives an id it does not know no words, and does not throw', () => {
    const out = wordFindings(sentReport([{ id: 'dark-pattern-42', severity: 'high', message: 'forged', measured: {}, refs: ['x'] }]));
    expect(out.controls[0]!.findings[0]).toMatchObject({ message: '', refs: [] });
    for (const id of ['constructor', '__proto__', 'toString']) expect(wordFinding({ id: id as FindingId, severity: 'low', message: 'x', measured: {}, refs: [] }, { kind: null, accept: null })).toMatchObject({ message: '', refs: [] });
  });

  it('reads numbers as numbers and strings as strings: nothing else gets into a sentence', () => {
    const odd = { toString: () => 'INJECTED' } as unknown as string;
    const measured: Record<string, unknown> = { reason: odd, where: 7, distancePx: '9999', widthPx: null, heightPx: 'x', minimumPx: {}, label: ['a'], action: odd, trainingState: 3 };
    const words = FINDING_IDS.map((id) => findingSentence({ id, severity: 'low', message: '', measured: measured as Finding['measured'], refs: [] }, { kind: 'toggle' as ControlKind, accept: null }));
    for (const w of words) expect(w).not.toMatch(/INJECTED|undefined|null|NaN|\[object|9999/);
    // A reason that is the name of an Object property is a reason, not the property.
    for (const reason of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(findingSentence({ id: 'hidden', severity: 'high', message: '', measured: { reason }, refs: [] }, { kind: 'switch', accept: null })).toBe(`You cannot see the training switch: ${reason}.`);
    }
  });

  it('words a control whose surface is not in the report without its primary action, and does not throw', () => {
    const out = wordFindings(sentReport([{ id: 'out-of-view', severity: 'high', message: '', measured: { where: 'viewport', distancePx: 50, visibleHeightPx: 800 }, refs: [] }], [], 's9'));
    expect(out.controls[0]!.findings[0]!.message).toBe('The training switch is 50 px outside the screen, so you have to scroll to find it, while "" is in plain view.');
  });

  it('leaves the report it is given as it was, keeps the order of its fields, and gives each finding its own refs', () => {
    const report = sentReport(
      [
        { id: 'preselected', severity: 'high', message: '', measured: { state: 'on', surface: 'terms-update' }, refs: [] },
        { id: 'vague-label', severity: 'low', message: '', measured: { label: 'Help improve Claude' }, refs: [] },
      ],
      [{ id: 'bundled-consent', severity: 'high', message: '', measured: { action: 'Accept', trainingState: 'on' }, refs: [] }],
    );
    const before = JSON.stringify(report);
    const out = wordFindings(report);
    expect(JSON.stringify(report)).toBe(before);
    expect(Object.keys(out)).toEqual(Object.keys(report));
    expect(Object.keys(out.controls[0]!)).toEqual(Object.keys(report.controls[0]!));
    expect(Object.keys(out.controls[0]!.findings[0]!)).toEqual(['id', 'severity', 'message', 'measured', 'refs']);
    out.controls[0]!.findings[0]!.refs.push('changed');
    expect(REFS.preselected).not.toContain('changed');
    expect(wordFindings(report).controls[0]!.findings[0]!.refs).toEqual(REFS.preselected);
  });
});

// ── the engine's judging and wording before the split (src/engine/findings.ts at 984e25c), verbatim ──

const OLD_REFS: Record<FindingId, string[]> = {
  preselected: ['GDPR Recital 32', 'CJEU C-673/17 (Planet49)', 'EDPB Guidelines 03/2022: "deceptive snugness"', 'Gray et al. 2018: preselection'],
  'false-hierarchy': ['DSA Art. 25(3)(a)', 'EDPB Guidelines 03/2022: "hidden in plain sight", "lacking hierarchy"', 'Mathur et al. 2019: visual interference'],
  'small-target': ['WCAG 2.2 SC 2.5.8', 'WCAG 2.2 SC 2.5.5'],
  'low-contrast': ['WCAG 2.2 SC 1.4.3', 'WCAG 2.2 SC 1.4.11'],
  hidden: ['EDPB Guidelines 03/2022: "look over there"', 'Gray et al. 2018: hidden information'],
  'out-of-view': ['EDPB Guidelines 03/2022: "skipping"'],
  'bundled-consent': ['GDPR Art. 7(2)'],
  'forced-choice': ['Gray et al. 2018: forced action', 'EDPB Guidelines 03/2022: "dead end"'],
  'vague-label': ['EDPB Guidelines 03/2022: "ambiguous wording", "emotional steering"'],
};

function finding(id: FindingId, severity: Severity, message: string, measured: Finding['measured']): Finding {
  return { id, severity, message, measured, refs: OLD_REFS[id] };
}

const word = (kind: ControlKind): string =>
  kind === 'switch' ? 'switch' : kind === 'checkbox' ? 'checkbox' : kind === 'choice' ? 'choice' : 'button';

const OLD_HIDDEN_WHY: Record<string, string> = {
  'closed-details': 'it sits inside a collapsed section that has to be opened first',
  'display-none': 'it is not displayed at all',
  'visibility-hidden': 'it is set to invisible',
  transparent: 'it is fully transparent',
  'zero-size': 'it has no size on screen',
  clipped: 'it is clipped away to nothing',
  collapsed: 'the section around it is collapsed to nothing',
  covered: 'another element is painted over it',
};

/** Findings for one AI-training control. */
function oldJudgeControl(f: ControlFacts): Finding[] {
  const out: Finding[] = [];
  const consent = isConsentSurface(f.surfaceKind);
  const what = word(f.kind);

  if (consent && f.state === 'on') {
    out.push(
      finding('preselected', 'high', `The training ${what} is already ON before you have chosen anything.`, {
        state: f.state,
        surface: f.surfaceKind ?? 'none',
      }),
    );
  }

  if (f.hiddenReason) {
    out.push(
      finding('hidden', 'high', `You cannot see the training ${what}: ${OLD_HIDDEN_WHY[f.hiddenReason] ?? f.hiddenReason}.`, {
        reason: f.hiddenReason,
      }),
    );
  } else {
    if (f.kind !== 'choice' || f.width > 0) {
      if (f.width < T.minTargetPx || f.height < T.minTargetPx) {
        out.push(
          finding(
            'small-target',
            consent ? 'medium' : 'low',
            `The ${what} is only ${px(f.width)}×${px(f.height)} px; the accessibility minimum for a target is ${T.minTargetPx}×${T.minTargetPx} px.`,
            { widthPx: round2(f.width), heightPx: round2(f.height), minimumPx: T.minTargetPx },
          ),
        );
      }
    }
    const textLow = f.labelText !== null && f.labelText.contrast < f.labelText.required;
    const shapeLow = f.shape !== null && f.shape.contrast < T.nonTextContrast;
    if (textLow || shapeLow) {
      const parts: string[] = [];
      const measured: Finding['measured'] = {};
      if (f.labelText) {
        measured.labelContrast = f.labelText.contrast;
        measured.labelRequired = f.labelText.required;
        measured.labelColour = f.labelText.colour;
        measured.labelBackground = f.labelText.background;
        measured.labelFontPx = f.labelText.fontPx;
        if (f.labelText.approximate) measured.backgroundApproximate = true;
      }
      if (f.shape) {
        measured.controlContrast = f.shape.contrast;
        measured.controlRequired = T.nonTextContrast;
        measured.controlColour = f.shape.colour;
        measured.controlBackground = f.shape.background;
      }
      if (textLow && f.labelText) parts.push(`its label's text has a contrast of ${f.labelText.contrast}:1 (at least ${f.labelText.required}:1 is needed)`);
      if (shapeLow && f.shape) parts.push(`the ${what} itself stands out from its background at only ${f.shape.contrast}:1 (at least ${T.nonTextContrast}:1 is needed)`);
      out.push(finding('low-contrast', 'medium', `Hard to see: ${parts.join(', and ')}.`, measured));
    }
    if (f.outOfView && f.primary?.inView && consent) {
      const where = f.outOfView.where === 'viewport' ? 'the screen' : 'the scrolling area of the dialog';
      out.push(
        finding(
          'out-of-view',
          'high',
          `The training ${what} is ${Math.round(f.outOfView.distancePx)} px outside ${where}, so you have to scroll to find it, while "${f.primary.label}" is in plain view.`,
          { where: f.outOfView.where, distancePx: Math.round(f.outOfView.distancePx), visibleHeightPx: Math.round(f.outOfView.visibleHeightPx) },
        ),
      );
    }
    if (consent && f.primary && f.clickableArea > 0) {
      const areaRatio = f.primary.area / f.clickableArea;
      const fontRatio = f.labelText ? f.primary.fontPx / f.labelText.fontPx : 1;
      const contrastRatio = f.labelText ? f.primary.contrast / f.labelText.contrast : 1;
      const votes = [areaRatio >= T.hierarchyArea, fontRatio >= T.hierarchyFont, contrastRatio >= T.hierarchyContrast];
      if (votes.filter(Boolean).length >= T.hierarchyVotes) {
        const bits: string[] = [];
        if (votes[0]) bits.push(`${round1(areaRatio)}× larger`);
        if (votes[1]) bits.push(`its text ${round1(fontRatio)}× bigger`);
        if (votes[2]) bits.push(`${round1(contrastRatio)}× higher in contrast`);
        out.push(
          finding(
            'false-hierarchy',
            'medium',
            `The "${f.primary.label}" button outweighs the training ${what}: ${bits.join(', ')}.`,
            {
              areaRatio: round2(areaRatio),
              fontRatio: round2(fontRatio),
              contrastRatio: round2(contrastRatio),
              acceptAreaPx: Math.round(f.primary.area),
              controlAreaPx: Math.round(f.clickableArea),
              acceptFontPx: f.primary.fontPx,
              labelFontPx: f.labelText?.fontPx ?? 0,
              acceptContrast: f.primary.contrast,
              labelContrast: f.labelText?.contrast ?? 0,
            },
          ),
        );
      }
    }
  }

  if (f.label && BUILTIN_LEXICON.BENEFIT.test(f.label) && !BUILTIN_LEXICON.CONSEQUENCE.test(f.label)) {
    out.push(
      finding(
        'vague-label',
        'low',
        `The label "${f.label}" speaks of helping or improving but does not say that your chats are used to train AI models or kept longer.`,
        { label: f.label },
      ),
    );
  }
  return out;
}

function round1(n: number): number {
  return n >= 10 ? Math.round(n) : Math.round(n * 10) / 10;
}

function oldJudgeSurface(s: SurfaceFacts): Finding[] {
  const out: Finding[] = [];
  if (!isConsentSurface(s.kind) || (!s.toggles.length && !s.hasChoice)) return out;
  if (s.modal && !s.dismiss) {
    out.push(
      finding('forced-choice', 'medium', 'This dialog blocks the page and offers no way to close it or decide later.', {
        modal: true,
        dismissOption: false,
      }),
    );
  }
  const toggle = s.toggles.find((t) => t.kind !== 'choice');
  // Since the trust review: an OFF switch commits nothing to training, so it is not bundled.
  if (s.kind === 'terms-update' && s.primary && toggle && toggle.state !== 'off' && !s.hasChoice) {
    out.push(
      finding(
        'bundled-consent',
        toggle.state === 'on' ? 'high' : 'medium',
        `One "${s.primary}" button accepts the new terms and also saves the training setting as it stands (${toggle.state.toUpperCase()}).`,
        { action: s.primary, trainingState: toggle.state },
      ),
    );
  }
  return out;
}
