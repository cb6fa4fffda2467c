/**
 * The callout's summary ("Pre-set to ON · 28×16 px switch · …") in the user's language, for the
 * overlay in the page and the popup. Kept apart from the finding sentences and written against
 * the few words it needs, so the content script carries only this.
 */
import type { ControlKind, State, Control, Surface } from '../engine/types';
import { calloutBits, type CalloutBit } from '../report/callout-bits';
import type { MessageKey, Sub } from './catalogue';

export interface CalloutWords {
  t(key: MessageKey, ...subs: Sub[]): string;
  number(n: number, fractionDigits?: { min?: number; max?: number }): string;
  state(s: State): string;
  kind(k: ControlKind): string;
}

const HIDDEN_SHORT_KEYS: Record<string, MessageKey> = {
  'closed-details': 'hiddenShortClosedDetails',
  'display-none': 'hiddenShortDisplayNone',
  'visibility-hidden': 'hiddenShortVisibilityHidden',
  transparent: 'hiddenShortTransparent',
  'zero-size': 'hiddenShortZeroSize',
  clipped: 'hiddenShortClipped',
  collapsed: 'hiddenShortCollapsed',
  covered: 'hiddenShortCovered',
};

function bitText(w: CalloutWords, b: CalloutBit): string {
  const { t } = w;
  const ratio = (r: number, digits: number): string => w.number(r, { min: digits, max: digits });
  switch (b.id) {
    case 'preset':
      return t('calloutPreset');
    case 'now':
      return t('calloutNow', w.state(b.state));
    case 'hidden':
      return t('calloutHidden', t(HIDDEN_SHORT_KEYS[b.reason] ?? 'hiddenShortOther'));
    case 'out-of-view':
      return t('calloutOutOfView', b.px);
    case 'small':
      return t('calloutSmall', w.number(b.width, { max: 1 }), w.number(b.height, { max: 1 }), w.kind(b.kind));
    case 'label-contrast':
      return t('calloutLabelContrast', b.ratio);
    case 'contrast':
      return t('calloutContrast', b.ratio);
    case 'accept-larger':
      return t('calloutAcceptLarger', b.name, ratio(b.ratio, b.digits));
    case 'accept-text':
      return t('calloutAcceptText', b.name, ratio(b.ratio, b.digits));
    case 'accept-contrast':
      return t('calloutAcceptContrast', b.name, ratio(b.ratio, b.digits));
    case 'vague':
      return t('calloutVague');
  }
}

/** The callout's summary in the user's language ("Pre-set to ON · 28×16 px switch · …"). */
export function calloutWords(w: CalloutWords, control: Control, surface: Surface | null): string {
  return calloutBits(control, surface).map((b) => bitText(w, b)).join(w.t('calloutSeparator'));
}
