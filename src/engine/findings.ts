/**
 * Judging: from measured facts to findings — which ones, how severe, and the numbers behind them
 * (`measured`). No DOM here — only numbers in, findings out — so every rule is unit-testable.
 * The words (each finding's English sentence and its sources) are written elsewhere, from the id,
 * `measured` and the report: findings-words.ts.
 */
import type { ControlKind, Finding, FindingId, Severity, State, SurfaceKind } from './types';
import { THRESHOLDS as T } from './thresholds';
import type { Lexicon } from './lexicon';
import { round2 } from './colour';

/**
 * A finding as judged: `message` and `refs` are left empty. The English sentence and the sources
 * are written from the id, `measured` and the report's own facts by `wordFindings`
 * (findings-words.ts), which the content script does not carry: the background words the reports
 * it receives, the CLI words its own.
 */
function finding(id: FindingId, severity: Severity, measured: Finding['measured']): Finding {
  return { id, severity, message: '', measured, refs: [] };
}

/**
 * Beside each number of `measured` that was rounded for the report, its unrounded value as
 * `<key>Exact`, only when rounding changed it: the sentence is worded from that value (a 23.996 px
 * target is "only 23.9 px", an area ratio of 3.996 is not a vote), exactly as it was judged.
 */
function withExact(m: Finding['measured'], exact: Record<string, number>): Finding['measured'] {
  for (const [k, v] of Object.entries(exact)) if (m[k] !== v) m[`${k}Exact`] = v;
  return m;
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
  /**
   * The surface's primary action. Its `label` is the report's `primaryAction.label`, where the
   * sentences that name it (out-of-view, false-hierarchy) take it from; judging does not read it.
   */
  primary: { label: string; area: number; fontPx: number; contrast: number; inView: boolean } | null;
}

export function isConsentSurface(kind: SurfaceKind | null): boolean {
  return kind === 'terms-update' || kind === 'consent-prompt';
}

/** Findings for one AI-training control. */
export function judgeControl(f: ControlFacts, lex: Lexicon): Finding[] {
  const out: Finding[] = [];
  const consent = isConsentSurface(f.surfaceKind);

  if (consent && f.state === 'on') {
    out.push(finding('preselected', 'high', { state: f.state, surface: f.surfaceKind ?? 'none' }));
  }

  if (f.hiddenReason) {
    out.push(finding('hidden', 'high', { reason: f.hiddenReason }));
  } else {
    if (f.kind !== 'choice' || f.width > 0) {
      if (f.width < T.minTargetPx || f.height < T.minTargetPx) {
        out.push(
          finding(
            'small-target',
            consent ? 'medium' : 'low',
            withExact({ widthPx: round2(f.width), heightPx: round2(f.height), minimumPx: T.minTargetPx }, { widthPx: f.width, heightPx: f.height }),
          ),
        );
      }
    }
    const textLow = f.labelText !== null && f.labelText.contrast < f.labelText.required;
    const shapeLow = f.shape !== null && f.shape.contrast < T.nonTextContrast;
    if (textLow || shapeLow) {
      // Both parts are measured; the sentence names the ones below what is required.
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
      out.push(finding('low-contrast', 'medium', measured));
    }
    if (f.outOfView && f.primary?.inView && consent) {
      // The sentence names the primary action: it is the surface's `primaryAction.label`.
      out.push(
        finding('out-of-view', 'high', {
          where: f.outOfView.where,
          distancePx: Math.round(f.outOfView.distancePx),
          visibleHeightPx: Math.round(f.outOfView.visibleHeightPx),
        }),
      );
    }
    if (consent && f.primary && f.clickableArea > 0) {
      const areaRatio = f.primary.area / f.clickableArea;
      const fontRatio = f.labelText ? f.primary.fontPx / f.labelText.fontPx : 1;
      const contrastRatio = f.labelText ? f.primary.contrast / f.labelText.contrast : 1;
      const votes = [areaRatio >= T.hierarchyArea, fontRatio >= T.hierarchyFont, contrastRatio >= T.hierarchyContrast];
      if (votes.filter(Boolean).length >= T.hierarchyVotes) {
        // Which votes passed is the ratios (exact where rounding changed them) against THRESHOLDS.
        out.push(
          finding(
            'false-hierarchy',
            'medium',
            withExact(
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
              { areaRatio, fontRatio, contrastRatio },
            ),
          ),
        );
      }
    }
  }

  if (f.label && lex.BENEFIT.test(f.label) && !lex.CONSEQUENCE.test(f.label)) {
    out.push(finding('vague-label', 'low', { label: f.label }));
  }
  return out;
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
    out.push(finding('forced-choice', 'medium', { modal: true, dismissOption: false }));
  }
  const toggle = s.toggles.find((t) => t.kind !== 'choice');
  // The Accept button commits the switch as it stands: bundled when that is ON, or when we cannot
  // tell; an OFF switch commits nothing to training.
  if (s.kind === 'terms-update' && s.primary && toggle && toggle.state !== 'off' && !s.hasChoice) {
    out.push(finding('bundled-consent', toggle.state === 'on' ? 'high' : 'medium', { action: s.primary, trainingState: toggle.state }));
  }
  return out;
}
