/** Scoring the audit against hand-written labels (src/report/eval-score.ts). */
import { describe, expect, it } from 'vitest';
import { figures, labelProblems, scorePage, wordsOf, type PageLabel } from '../../src/report/eval-score';
import type { Control, Report } from '../../src/engine/types';

const control = (label: string, state: Control['state'], purpose: Control['purpose'] = 'ai-training', description = ''): Control => ({
  id: label, label, description, purpose, state, kind: 'switch', box: { x: 0, y: 0, width: 1, height: 1 }, findings: [], surfaceId: null,
});
const report = (controls: Control[], error?: string): Report => ({
  schema: 'consent-lens/report@1', target: 't', url: 'file:///t', savedFrom: null, title: '', scannedAt: '2026-01-01T00:00:00.000Z',
  service: null, viewport: { width: 1, height: 1, devicePixelRatio: 1 }, surfaces: [], controls, deadline: null,
  engine: { version: 'x', ms: 0 }, ...(error ? { error } : {}),
});
const positive = (...training: PageLabel['training']): PageLabel => ({ source: 'o/r:p@c', kind: 'positive', training });
const negative: PageLabel = { source: 'o/r:p@c', kind: 'negative', training: [] };

describe('matching detections to labels', () => {
  it('by the label\'s words first, whatever the order', () => {
    const p = scorePage('a.html', positive({ label: 'Improve the model for everyone', state: 'on' }, { label: 'Voice recordings', state: 'off' }),
      report([control('Include your voice recordings', 'off'), control('Improve the model for everyone', 'on')]));
    expect(p.matches.map((m) => [m.label.label, m.by, m.stateRight])).toEqual([
      ['Improve the model for everyone', 'words', true],
      ['Voice recordings', 'words', true],
    ]);
    expect(p.missed).toEqual([]);
    expect(p.extra).toEqual([]);
  });

  it('then by position: found, but not named as a person reads it', () => {
    const p = scorePage('a.html', positive({ label: 'Melhora o modelo para todos', state: 'off' }), report([control('Desativado', 'off')]));
    expect(p.matches.map((m) => m.by)).toEqual(['position']);
    const f = figures([p]);
    expect([f.precision, f.recall, f.labelAccuracy]).toEqual([1, 1, 0]);
  });

  it('a wrong state is matched but counted against state accuracy', () => {
    const f = figures([scorePage('a.html', positive({ label: 'Help improve Claude', state: 'off' }), report([control('Help improve Claude', 'on')]))]);
    expect([f.truePositives, f.stateAccuracy]).toEqual([1, 0]);
  });

  it('controls of another purpose are not detections; missing ones are misses; extra ones false positives', () => {
    const pages = [
      scorePage('a.html', positive({ label: 'Help improve Claude', state: 'on' }), report([control('Help improve Claude', 'on', 'other')])),
      scorePage('n.html', negative, report([control('Use my data to train', 'on')])),
      scorePage('m.html', negative, report([])),
    ];
    expect(pages[0]!.missed.map((m) => m.label)).toEqual(['Help improve Claude']);
    const f = figures(pages);
    expect(f).toMatchObject({ truePositives: 0, labelled: 1, found: 1, precision: 0, recall: 0, f1: 0, negatives: 2, negativesClean: 1, cleanNegatives: 0.5 });
  });

  it('a page that could not be scanned counts as an error and not as clean', () => {
    const f = figures([scorePage('n.html', negative, report([], 'HTTP 404'))]);
    expect([f.errors, f.negativesClean]).toEqual([1, 0]);
  });

  it('words of any script; CJK by character', () => {
    expect(wordsOf('Améliorer le modèle — 모델 개선')).toEqual(['améliorer', 'le', 'modèle', '모', '델', '개', '선']);
  });
});

describe('the labels file', () => {
  it('refuses what is not sound, with the reasons', () => {
    expect(labelProblems([])).toHaveLength(1);
    expect(labelProblems({ 'a.html': { source: '', kind: 'positive', training: [] } })).toEqual([
      'a.html: "source" must name where the page came from',
      'a.html: a positive page lists at least one training control',
    ]);
    expect(labelProblems({ 'a.txt': { source: 's', kind: 'maybe', training: [{ label: '', state: 'sideways' }] } })).toEqual([
      'a.txt: the key must be an .html file name',
      'a.txt: "kind" must be "positive" or "negative"',
      'a.txt: training[0].label must be the text a person reads',
      'a.txt: training[0].state must be on, off or unknown',
    ]);
    expect(labelProblems({ 'n.html': { source: 's', kind: 'negative', training: [{ label: 'x', state: 'on' }] } })).toEqual(['n.html: a negative page lists no training control']);
    expect(labelProblems({ 'ok.html': { source: 's', kind: 'negative', training: [] } })).toEqual([]);
  });
});
