/**
 * The findings' English: each finding's plain sentence (`message`) and its sources (`refs`),
 * written from its id, its `measured` numbers and the report's own facts (the control's `kind`,
 * the surface's `primaryAction.label`). Judging (findings.ts) leaves both empty.
 *
 * Not in the content script (test/unit/lexicon.test.ts follows its imports): nothing in the page
 * shows these sentences — the callouts and the popup are worded from ids and numbers in the
 * user's language (src/i18n/) — so the background words every report a content script sends
 * before it keeps or uses it, always from these tables (what the page sent is never kept), and
 * the CLI's in-page engine words its own (`ScanOptions.wordFindings`).
 */
import type { ControlKind, Finding, FindingId, Report } from './types';
import { THRESHOLDS as T } from './thresholds';
import { px } from './px';

export const REFS: Record<FindingId, string[]> = {
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

/** Every finding id, in REFS's order. */
export const FINDING_IDS = Object.keys(REFS) as FindingId[];

/** Why a control cannot be seen, by the `reason` code visibility.ts gives. */
export const HIDDEN_WHY: Record<string, string> = {
  'closed-details': 'it sits inside a collapsed section that has to be opened first',
  'display-none': 'it is not displayed at all',
  'visibility-hidden': 'it is set to invisible',
  transparent: 'it is fully transparent',
  'zero-size': 'it has no size on screen',
  clipped: 'it is clipped away to nothing',
  collapsed: 'the section around it is collapsed to nothing',
  covered: 'another element is painted over it',
};

const has = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

const word = (kind: unknown): string =>
  kind === 'switch' ? 'switch' : kind === 'checkbox' ? 'checkbox' : kind === 'choice' ? 'choice' : 'button';

function round1(n: number): number {
  return n >= 10 ? Math.round(n) : Math.round(n * 10) / 10;
}

// `measured` came through a page's content script: read only numbers as numbers, strings as strings.
const num = (f: Finding, key: string): number | null => {
  const v = has(f.measured, key) ? f.measured[key] : undefined;
  return typeof v === 'number' ? v : null;
};
const str = (f: Finding, key: string): string => {
  const v = has(f.measured, key) ? f.measured[key] : undefined;
  return typeof v === 'string' ? v : '';
};
/** A number as it was judged: its unrounded `<key>Exact` when rounding changed it (findings.ts), else the reported one. */
const exact = (f: Finding, key: string): number | null => num(f, `${key}Exact`) ?? num(f, key);

/** What a finding's sentence needs beyond the finding itself. */
export interface WordingFacts {
  /** The kind of the control the finding is on; null for a surface's finding. */
  kind: ControlKind | null;
  /** The label of the primary action (the accept button) of the control's surface. */
  accept: string | null;
}

/** The English sentence of one finding; '' for an id this version does not know. */
export function findingSentence(f: Finding, facts: WordingFacts): string {
  const what = word(facts.kind);
  const accept = facts.accept ?? '';
  switch (f.id) {
    case 'preselected':
      return `The training ${what} is already ON before you have chosen anything.`;
    case 'hidden': {
      const reason = str(f, 'reason');
      return `You cannot see the training ${what}: ${has(HIDDEN_WHY, reason) ? HIDDEN_WHY[reason] : reason}.`;
    }
    case 'small-target': {
      const min = num(f, 'minimumPx') ?? T.minTargetPx;
      return `The ${what} is only ${px(exact(f, 'widthPx') ?? 0)}×${px(exact(f, 'heightPx') ?? 0)} px; the accessibility minimum for a target is ${min}×${min} px.`;
    }
    case 'low-contrast': {
      const parts: string[] = [];
      const label = num(f, 'labelContrast');
      const labelRequired = num(f, 'labelRequired');
      const shape = num(f, 'controlContrast');
      const shapeRequired = num(f, 'controlRequired') ?? T.nonTextContrast;
      if (label !== null && labelRequired !== null && label < labelRequired) parts.push(`its label's text has a contrast of ${label}:1 (at least ${labelRequired}:1 is needed)`);
      if (shape !== null && shape < shapeRequired) parts.push(`the ${what} itself stands out from its background at only ${shape}:1 (at least ${shapeRequired}:1 is needed)`);
      return `Hard to see: ${parts.join(', and ')}.`;
    }
    case 'out-of-view': {
      const where = str(f, 'where') === 'viewport' ? 'the screen' : 'the scrolling area of the dialog';
      return `The training ${what} is ${num(f, 'distancePx') ?? 0} px outside ${where}, so you have to scroll to find it, while "${accept}" is in plain view.`;
    }
    case 'false-hierarchy': {
      const area = exact(f, 'areaRatio');
      const font = exact(f, 'fontRatio');
      const contrast = exact(f, 'contrastRatio');
      const bits: string[] = [];
      if (area !== null && area >= T.hierarchyArea) bits.push(`${round1(area)}× larger`);
      if (font !== null && font >= T.hierarchyFont) bits.push(`its text ${round1(font)}× bigger`);
      if (contrast !== null && contrast >= T.hierarchyContrast) bits.push(`${round1(contrast)}× higher in contrast`);
      return `The "${accept}" button outweighs the training ${what}: ${bits.join(', ')}.`;
    }
    case 'vague-label':
      return `The label "${str(f, 'label')}" speaks of helping or improving but does not say that your chats are used to train AI models or kept longer.`;
    case 'forced-choice':
      return 'This dialog blocks the page and offers no way to close it or decide later.';
    case 'bundled-consent':
      return `One "${str(f, 'action')}" button accepts the new terms and also saves the training setting as it stands (${str(f, 'trainingState').toUpperCase()}).`;
    default:
      return '';
  }
}

/** The finding with its sentence and sources written here, whatever it carried before. */
export function wordFinding(f: Finding, facts: WordingFacts): Finding {
  return { ...f, message: findingSentence(f, facts), refs: has(REFS, f.id) ? [...REFS[f.id]] : [] };
}

/**
 * A copy of the report in which every control's and surface's finding has its English `message`
 * and `refs`, from its id, its `measured` numbers, the control's kind and its surface's primary
 * action. The rest of the report is shared, not copied.
 */
export function wordFindings(report: Report): Report {
  const accept = new Map<string, string | null>();
  for (const s of report.surfaces) if (!accept.has(s.id)) accept.set(s.id, s.primaryAction?.label ?? null);
  return {
    ...report,
    surfaces: report.surfaces.map((s) => ({ ...s, findings: s.findings.map((f) => wordFinding(f, { kind: null, accept: s.primaryAction?.label ?? null })) })),
    controls: report.controls.map((c) => {
      const facts: WordingFacts = { kind: c.kind, accept: c.surfaceId === null ? null : (accept.get(c.surfaceId) ?? null) };
      return { ...c, findings: c.findings.map((f) => wordFinding(f, facts)) };
    }),
  };
}
