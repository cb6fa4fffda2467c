/**
 * The report contract `consent-lens/report@1` (see DESIGN.md). Fields may be added; none may
 * change meaning without a new schema version.
 */
export type State = 'on' | 'off' | 'mixed' | 'unknown';
export type FindingId =
  | 'preselected'
  | 'false-hierarchy'
  | 'small-target'
  | 'low-contrast'
  | 'hidden'
  | 'out-of-view'
  | 'bundled-consent'
  | 'forced-choice'
  | 'vague-label';
export type Severity = 'high' | 'medium' | 'low';
export type SurfaceKind = 'terms-update' | 'consent-prompt' | 'settings' | 'other';
export type ControlKind = 'switch' | 'checkbox' | 'choice' | 'button';

/** CSS px, document coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Finding {
  id: FindingId;
  severity: Severity;
  /**
   * One plain sentence for a user, in English. Written from `id`, `measured` and the report by
   * `wordFindings` (findings-words.ts); '' in a report the engine was not asked to word (the
   * content script's: the background words it).
   */
  message: string;
  /**
   * The numbers behind it. A number rounded for the report has its unrounded value beside it,
   * `<key>Exact`, when rounding changed it: the sentence is worded from that one.
   */
  measured: Record<string, number | string | boolean>;
  /** e.g. "WCAG 2.2 SC 2.5.8"; [] where `message` is ''. */
  refs: string[];
}

export interface Control {
  id: string;
  label: string;
  /** Added: the longer text that explains the control (accessible description or row text). */
  description: string;
  purpose: 'ai-training' | 'other';
  state: State;
  kind: ControlKind;
  /** The VISIBLE control (the styled track, not a 1 px hidden input). */
  box: Box;
  findings: Finding[];
  surfaceId: string | null;
  /**
   * Added: present (true) on a choice whose selected option puts the decision off ("Not now",
   * "Remind me later"): its `state` is then 'unknown', since training stays as it was.
   */
  deferred?: true;
  /** Added: why this control has no measured findings (its measuring threw), in one phrase. */
  note?: string;
  /**
   * Added: where the state was read from, so a researcher can weigh it — `checked` (the
   * browser's own checked/selected state), `aria`, `data-state` (a framework's attribute),
   * `class`, `text` (a row that says "On"), `visual` (the knob's position).
   */
  stateSource?: 'checked' | 'aria' | 'data-state' | 'class' | 'text' | 'visual';
}

export interface Surface {
  id: string;
  kind: SurfaceKind;
  title: string;
  box: Box;
  primaryAction: { label: string; box: Box } | null;
  findings: Finding[];
  /**
   * Added: present (true) on a form to object to the use of your information for AI training
   * (Meta AI in the EU), reported as a `consent-prompt` with no control: there is no switch, the
   * choice is this form. The service's rule may name where the flow starts (`objection.url`).
   */
  objection?: true;
}

export interface Deadline {
  /** YYYY-MM-DD */
  date: string;
  text: string;
  source: 'page' | 'rule';
}

export interface Report {
  schema: 'consent-lens/report@1';
  target: string;
  url: string;
  /** Added: the address a saved page says it came from (`<!-- saved from url=… -->`), when the page is a file. */
  savedFrom: string | null;
  title: string;
  scannedAt: string;
  service: string | null;
  viewport: { width: number; height: number; devicePixelRatio: number };
  surfaces: Surface[];
  controls: Control[];
  deadline: Deadline | null;
  engine: { version: string; ms: number };
  error?: string;
}

export const REPORT_SCHEMA = 'consent-lens/report@1' as const;
