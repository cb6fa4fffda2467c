/**
 * Scoring the audit against a labelled corpus (`npm run eval`, src/cli/eval.ts). Pure: labels
 * and reports in, per-page matches and the figures out.
 *
 * A page's labelled AI-training controls are matched to the training controls the audit found:
 * first by the label's words (a detection whose label, or else description, holds at least half
 * of the labelled words), then, for what is left, by position (the n-th unmatched label with the
 * n-th unmatched detection, in document order). A match by position counts for precision and
 * recall but not for `labelAccuracy`: the control was found, its name was not read as a person
 * reads it. Detections left over are false positives; labels left over are misses.
 */
import type { Control, Report, State } from '../engine/types';

export interface LabelledControl {
  label: string;
  state: Exclude<State, 'mixed'> | 'mixed';
}

export interface PageLabel {
  source: string;
  kind: 'positive' | 'negative';
  training: LabelledControl[];
  notes?: string;
}

export type Labels = Record<string, PageLabel>;

export interface Match {
  label: LabelledControl;
  found: { label: string; state: State };
  by: 'words' | 'position';
  stateRight: boolean;
}

export interface PageScore {
  file: string;
  kind: PageLabel['kind'];
  error: string | null;
  matches: Match[];
  missed: LabelledControl[];
  extra: { label: string; state: State }[];
}

export interface Figures {
  pages: number;
  positives: number;
  negatives: number;
  labelled: number;
  found: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
  /** Of the matched controls, the share whose state is the labelled one. */
  stateAccuracy: number;
  /** Of the matched controls, the share matched by their words (named as a person reads them). */
  labelAccuracy: number;
  /** Negative pages with no training control found, of all negative pages. */
  cleanNegatives: number;
  negativesClean: number;
  /** Pages the audit could not scan. */
  errors: number;
}

/** Words of a text: lower-case letters and digits of any script; CJK text counts by character. */
export function wordsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().normalize('NFC').matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    const w = m[0];
    if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(w)) out.push(...w);
    else out.push(w);
  }
  return out;
}

function overlap(labelWords: string[], text: string): number {
  if (!labelWords.length) return 0;
  const have = new Set(wordsOf(text));
  return labelWords.filter((w) => have.has(w)).length / labelWords.length;
}

const MIN_OVERLAP = 0.5;

export function scorePage(file: string, label: PageLabel, report: Report): PageScore {
  const found = report.controls.filter((c: Control) => c.purpose === 'ai-training');
  const left = [...found];
  const unmatched: LabelledControl[] = [];
  const matches: Match[] = [];
  const take = (l: LabelledControl, c: Control, by: Match['by']): void => {
    left.splice(left.indexOf(c), 1);
    matches.push({ label: l, found: { label: c.label, state: c.state }, by, stateRight: c.state === l.state });
  };
  for (const l of label.training) {
    const words = wordsOf(l.label);
    let best: Control | null = null;
    let bestScore = 0;
    for (const c of left) {
      const s = Math.max(overlap(words, c.label), overlap(words, c.description ?? '') * 0.99);
      if (s > bestScore) {
        best = c;
        bestScore = s;
      }
    }
    if (best && bestScore >= MIN_OVERLAP) take(l, best, 'words');
    else unmatched.push(l);
  }
  const missed: LabelledControl[] = [];
  for (const l of unmatched) {
    const c = left[0];
    if (c) take(l, c, 'position');
    else missed.push(l);
  }
  return {
    file,
    kind: label.kind,
    error: report.error ?? null,
    matches,
    missed,
    extra: left.map((c) => ({ label: c.label, state: c.state })),
  };
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);

export function figures(pages: readonly PageScore[]): Figures {
  const labelled = pages.reduce((n, p) => n + p.matches.length + p.missed.length, 0);
  const tp = pages.reduce((n, p) => n + p.matches.length, 0);
  const fp = pages.reduce((n, p) => n + p.extra.length, 0);
  const stateRight = pages.reduce((n, p) => n + p.matches.filter((m) => m.stateRight).length, 0);
  const byWords = pages.reduce((n, p) => n + p.matches.filter((m) => m.by === 'words').length, 0);
  const negatives = pages.filter((p) => p.kind === 'negative');
  const clean = negatives.filter((p) => p.extra.length === 0 && !p.error).length;
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, labelled);
  return {
    pages: pages.length,
    positives: pages.length - negatives.length,
    negatives: negatives.length,
    labelled,
    found: tp + fp,
    truePositives: tp,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : Math.round(((2 * precision * recall) / (precision + recall)) * 1000) / 1000,
    stateAccuracy: ratio(stateRight, tp),
    labelAccuracy: ratio(byWords, tp),
    cleanNegatives: ratio(clean, negatives.length),
    negativesClean: clean,
    errors: pages.filter((p) => p.error).length,
  };
}

/** Checks a labels file's shape; the reasons, one per problem (empty when it is sound). */
export function labelProblems(labels: unknown): string[] {
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) return ['labels.json must be an object of FILE.html → label'];
  const out: string[] = [];
  for (const [file, l] of Object.entries(labels as Record<string, unknown>)) {
    const at = (m: string): void => void out.push(`${file}: ${m}`);
    if (!/\.html?$/i.test(file)) at('the key must be an .html file name');
    if (typeof l !== 'object' || l === null) {
      at('must be an object');
      continue;
    }
    const x = l as Record<string, unknown>;
    if (typeof x.source !== 'string' || !x.source) at('"source" must name where the page came from');
    if (x.kind !== 'positive' && x.kind !== 'negative') at('"kind" must be "positive" or "negative"');
    if (!Array.isArray(x.training)) {
      at('"training" must be a list');
      continue;
    }
    if (x.kind === 'positive' && x.training.length === 0) at('a positive page lists at least one training control');
    if (x.kind === 'negative' && x.training.length > 0) at('a negative page lists no training control');
    x.training.forEach((t: unknown, i) => {
      const c = t as Record<string, unknown> | null;
      if (!c || typeof c.label !== 'string' || !c.label.trim()) at(`training[${i}].label must be the text a person reads`);
      if (!c || !['on', 'off', 'unknown', 'mixed'].includes(c.state as string)) at(`training[${i}].state must be on, off or unknown`);
    });
  }
  return out;
}
