/**
 * A finding and a callout in the user's language, built from the finding's `id` and `measured`
 * numbers (and the control and dialog they belong to) with catalogue templates. The English
 * `finding.message` stays what reports and exports carry; it is never shown translated.
 */
import type { Control, Finding, Surface } from '../engine/types';
import { THRESHOLDS as T } from '../engine/thresholds';
import type { MessageKey } from './catalogue';
import type { Words } from './words';

const HIDDEN_KEYS: Record<string, MessageKey> = {
  'closed-details': 'hiddenClosedDetails',
  'display-none': 'hiddenDisplayNone',
  'visibility-hidden': 'hiddenVisibilityHidden',
  transparent: 'hiddenTransparent',
  'zero-size': 'hiddenZeroSize',
  clipped: 'hiddenClipped',
  collapsed: 'hiddenCollapsed',
  covered: 'hiddenCovered',
};

const n = (f: Finding, key: string): number | null => {
  const v = f.measured[key];
  return typeof v === 'number' ? v : null;
};
const s = (f: Finding, key: string): string => {
  const v = f.measured[key];
  return typeof v === 'string' ? v : '';
};
function round1(x: number): number {
  return x >= 10 ? Math.round(x) : Math.round(x * 10) / 10;
}

/** The finding in one plain sentence, in the user's language. */
export function findingText(w: Words, f: Finding, control: Control | null, surface: Surface | null): string {
  const { t } = w;
  const accept = surface?.primaryAction?.label || t('acceptUnknown');
  switch (f.id) {
    case 'preselected':
      return t('findingPreselected');
    case 'hidden': {
      const key = HIDDEN_KEYS[s(f, 'reason')] ?? 'hiddenOther';
      return t('findingHidden', t(key));
    }
    case 'small-target':
      return t('findingSmallTarget', w.kind(control?.kind ?? 'switch'), w.number(n(f, 'widthPx') ?? 0, { max: 1 }), w.number(n(f, 'heightPx') ?? 0, { max: 1 }), n(f, 'minimumPx') ?? T.minTargetPx);
    case 'low-contrast': {
      const parts: string[] = [];
      const label = n(f, 'labelContrast');
      const labelRequired = n(f, 'labelRequired') ?? 4.5;
      const shape = n(f, 'controlContrast');
      const shapeRequired = n(f, 'controlRequired') ?? T.nonTextContrast;
      if (label !== null && label < labelRequired) parts.push(t('lowContrastLabel', label, labelRequired));
      if (shape !== null && shape < shapeRequired) parts.push(t('lowContrastShape', shape, shapeRequired));
      if (!parts.length && label !== null) parts.push(t('lowContrastLabel', label, labelRequired));
      return t('findingLowContrast', w.list(parts));
    }
    case 'out-of-view':
      return t('findingOutOfView', n(f, 'distancePx') ?? 0, t(s(f, 'where') === 'viewport' ? 'outOfViewScreen' : 'outOfViewDialog'), accept);
    case 'false-hierarchy': {
      const area = n(f, 'areaRatio') ?? 0;
      const font = n(f, 'fontRatio') ?? 0;
      const contrast = n(f, 'contrastRatio') ?? 0;
      const bits: string[] = [];
      if (area >= T.hierarchyArea) bits.push(t('hierarchyArea', round1(area)));
      if (font >= T.hierarchyFont) bits.push(t('hierarchyFont', round1(font)));
      if (contrast >= T.hierarchyContrast) bits.push(t('hierarchyContrast', round1(contrast)));
      return t('findingFalseHierarchy', accept, w.list(bits));
    }
    case 'vague-label':
      return t('findingVagueLabel', s(f, 'label') || control?.label || '');
    case 'bundled-consent': {
      const state = s(f, 'trainingState');
      const known = state === 'on' || state === 'off' || state === 'mixed' || state === 'unknown';
      return t('findingBundledConsent', s(f, 'action') || accept, w.state(known ? state : 'unknown'));
    }
    case 'forced-choice':
      return t('findingForcedChoice');
  }
}
