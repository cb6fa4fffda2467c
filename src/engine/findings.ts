/**
 * Judging: from measured facts to findings with a plain sentence, the numbers and the sources.
 * No DOM here — only numbers in, findings out — so every rule is unit-testable.
 */
import type { ControlKind, Finding, FindingId, Severity, State, SurfaceKind } from './types';
import { THRESHOLDS as T } from './thresholds';
import { BENEFIT, CONSEQUENCE } from './lexicon';
import { px, round2 } from './colour';

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

function finding(id: FindingId, severity: Severity, message: string, measured: Finding['measured']): Finding {
  return { id, severity, message, measured, refs: REFS[id] };
}

export interface TextFacts {
  fontPx: number;
  contrast: number;
  required: number;
  colour: string;
  background: string;
  approximate: boolean;
}

export interface ControlFacts {
  kind: ControlKind;
  state: State;
  label: string;
  surfaceKind: SurfaceKind | null;
  /** Null when the control is shown (itself or by a stand-in). */
  hiddenReason: string | null;
  /** The visible control's own box (CSS px); for a choice, its smallest option mark. */
  width: number;
  height: number;
  /** The clickable area: the control plus a label that activates it. */
  clickableArea: number;
  labelText: TextFacts | null;
  shape: { contrast: number; colour: string; background: string } | null;
  /** Where the control lies outside what is shown at first sight, or null when in view. */
  outOfView: { where: 'viewport' | 'scroll-container'; distancePx: number; visibleHeightPx: number } | null;
  primary: { label: string; area: number; fontPx: number; contrast: number; inView: boolean } | null;
}

const word = (kind: ControlKind): string =>
  kind === 'switch' ? 'switch' : kind === 'checkbox' ? 'checkbox' : kind === 'choice' ? 'choice' : 'button';

const HIDDEN_WHY: Record<string, string> = {
  'closed-details': 'it sits inside a collapsed section that has to be opened first',
  'display-none': 'it is not displayed at all',
  'visibility-hidden': 'it is set to invisible',
  transparent: 'it is fully transparent',
  'zero-size': 'it has no size on screen',
  clipped: 'it is clipped away to nothing',
  collapsed: 'the section around it is collapsed to nothing',
  covered: 'another element is painted over it',
};

export function isConsentSurface(kind: SurfaceKind | null): boolean {
  return kind === 'terms-update' || kind === 'consent-prompt';
}

/** Findings for one AI-training control. */
export function judgeControl(f: ControlFacts): Finding[] {
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
      finding('hidden', 'high', `You cannot see the training ${what}: ${HIDDEN_WHY[f.hiddenReason] ?? f.hiddenReason}.`, {
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

  if (f.label && BENEFIT.test(f.label) && !CONSEQUENCE.test(f.label)) {
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

export interface SurfaceFacts {
  kind: SurfaceKind;
  modal: boolean;
  dismiss: string | null;
  primary: string | null;
  /** The AI-training toggles (switch/checkbox/button) on this surface, with their states. */
  toggles: { kind: ControlKind; state: State }[];
  /** Whether an explicit choice (radio options) carries the training decision instead. */
  hasChoice: boolean;
}

export function judgeSurface(s: SurfaceFacts): Finding[] {
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
  if (s.kind === 'terms-update' && s.primary && toggle && !s.hasChoice) {
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
