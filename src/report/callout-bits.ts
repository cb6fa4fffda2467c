/**
 * A callout's parts as data, from a control's findings: the extension words them in the user's
 * language (src/i18n/callout.ts: the overlay, the popup), `calloutText` (summary.ts) in English
 * for the CLI and the evidence pictures. Its own module so the content script carries only this.
 */
import type { Control, ControlKind, Finding, State, Surface } from '../engine/types';

function num(f: Finding | undefined, key: string): number | null {
  const v = f?.measured[key];
  return typeof v === 'number' ? v : null;
}

/** One part; a ratio keeps how many decimals it is shown with (`digits`), so every language rounds alike. */
export type CalloutBit =
  | { id: 'preset' }
  | { id: 'now'; state: State }
  | { id: 'hidden'; reason: string }
  | { id: 'out-of-view'; px: number }
  | { id: 'small'; width: number; height: number; kind: ControlKind }
  | { id: 'label-contrast'; ratio: number }
  | { id: 'contrast'; ratio: number }
  | { id: 'accept-larger' | 'accept-text' | 'accept-contrast'; name: string; ratio: number; digits: number }
  | { id: 'vague' };

/** Pixel sizes as the callout shows them: rounded down to a tenth. */
function tenth(n: number): number {
  return Math.floor(n * 10) / 10;
}

export function calloutBits(control: Control, surface: Surface | null): CalloutBit[] {
  const bits: CalloutBit[] = [];
  const by = (id: Finding['id']): Finding | undefined => control.findings.find((f) => f.id === id);
  if (by('preselected')) bits.push({ id: 'preset' });
  else bits.push({ id: 'now', state: control.state });
  const hidden = by('hidden');
  if (hidden) bits.push({ id: 'hidden', reason: String(hidden.measured.reason) });
  const oov = by('out-of-view');
  if (oov) bits.push({ id: 'out-of-view', px: num(oov, 'distancePx') ?? 0 });
  const small = by('small-target');
  if (small) bits.push({ id: 'small', width: tenth(num(small, 'widthPx') ?? 0), height: tenth(num(small, 'heightPx') ?? 0), kind: control.kind });
  const low = by('low-contrast');
  if (low) {
    // Name the part that failed: the label's text, or else the control's own shape.
    const label = num(low, 'labelContrast');
    const labelFails = label !== null && label < (num(low, 'labelRequired') ?? 4.5);
    bits.push(labelFails ? { id: 'label-contrast', ratio: label } : { id: 'contrast', ratio: num(low, 'controlContrast') ?? 0 });
  }
  const fh = by('false-hierarchy');
  if (fh && surface?.primaryAction) {
    // Say what the accept action won on; it may be smaller and still outweigh the control.
    const ratio = (r: number): { ratio: number; digits: number } => (r >= 10 ? { ratio: Math.round(r), digits: 0 } : { ratio: Math.round(r * 10) / 10, digits: 1 });
    const area = num(fh, 'areaRatio') ?? 0;
    const font = num(fh, 'fontRatio') ?? 0;
    const name = surface.primaryAction.label;
    if (area >= 4) bits.push({ id: 'accept-larger', name, ...ratio(area) });
    else if (font >= 1.25) bits.push({ id: 'accept-text', name, ...ratio(font) });
    else bits.push({ id: 'accept-contrast', name, ...ratio(num(fh, 'contrastRatio') ?? 0) });
  }
  if (by('vague-label')) bits.push({ id: 'vague' });
  return bits;
}

