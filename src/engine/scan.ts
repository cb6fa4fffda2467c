/**
 * One scan of a page: surfaces → controls → label/purpose → state → measure → findings (judged;
 * worded only when `wordFindings` is given).
 * Pure over the DOM it is given: no browser.* calls, no timers, no global state, so the content
 * script, the CLI and the tests all call this same function.
 */
import type { Box, Control, ControlKind, Deadline, Report, State, Surface, SurfaceKind } from './types';
import { REPORT_SCHEMA } from './types';
import type { Rule } from '../rules/schema';
import { collectRoots, composedContains, indexRoots, labelsOf, savedFromUrl, type Root } from './dom';
import { findCandidates, isToggle, kindByLayout, kindWithoutLayout, type Candidate } from './controls';
import { readLabel } from './label';
import { classifyPurpose, rulePhraseIn, speaksOfTraining, type Purpose } from './purpose';
import { fromClass, readState, readStateWithSource, statusOf, type StateSource } from './state';
import { coveredBy, rendering, visibleStandIn } from './visibility';
import { area, toDocBox, unionRects, visiblePart, scrollContainer, viewportRect } from './geometry';
import { measureShape, measureText, textHolder } from './contrast';
import {
  actionsOf,
  classifySurface,
  dismissOf,
  findObjectionForms,
  findSurfaces,
  looksLikeSettings,
  primaryActionOf,
  settingsPanelFor,
  surfaceText,
  titleOf,
  type SurfaceEl,
} from './surfaces';
import { judgeControl, judgeSurface, type ControlFacts } from './findings';
import { findUnmarked, unmarkedToggle, type Unmarked } from './unmarked';
import { ruleForSiteName, ruleForUrl, isSettingsUrl } from './service';
import { isLexicon, type Lexicon } from './lexicon';
import { createColourReader, type ColourReader } from './colour';
import { currentRuleDeadline } from '../rules/deadlines';
import { lines, normalise } from './text';
import { ENGINE_VERSION } from './version';

export interface ScanOptions {
  rules: readonly Rule[];
  /**
   * The compiled word lists (`compileWords`; the built-in ones are `BUILTIN_LEXICON`). Required:
   * a scan without words throws rather than report a page with no training control.
   */
  lexicon: Lexicon;
  /**
   * Reads a computed CSS colour as painted sRGB (`createColourReader`). A caller that scans
   * often keeps one, with its canvas and cache; else each scan makes its own.
   */
  colour?: ColourReader;
  /** As given by the caller (file path or URL); defaults to the page URL. */
  target?: string;
  /** The clock, for reproducible reports. */
  now?: Date;
  /**
   * Reads the effective date or deadline stated in a surface's text (`findDeadline` from
   * deadline.ts). Passed in rather than imported so the content script, which leaves this to
   * the background, does not carry the date reader's locale tables.
   */
  readDeadline?: (text: string) => { date: string; text: string } | null;
  /**
   * Writes the findings' English sentences and sources (`wordFindings` from findings-words.ts).
   * Without it every finding has `message: ''` and `refs: []`: the content script leaves the
   * words to the background, which words every report it receives, so pages do not carry them.
   */
  wordFindings?: (report: Report) => Report;
  /**
   * The roots to search: the document first, then open shadow roots. Found by one walk over the
   * page when not given; the content script keeps its own list up to date from mutations
   * (src/content/roots.ts), so its scans do not walk the page.
   */
  roots?: readonly Root[];
  /**
   * The elements of a root that have a `role` attribute, in document order, when the caller
   * keeps them from mutations (the content script: src/content/roots.ts); else one query per root.
   */
  rolesOf?: (root: Root) => Element[];
}

/** The live elements behind one reported control, for highlighting and for acting on a click of ours. */
export interface ControlTarget {
  /** The element that carries the state (the input, the switch button, the radio group). */
  control: Element;
  /** What a person sees of it (a styled track for an sr-only input). */
  visible: Element;
  /** For a choice: the option that turns training off. */
  offOption: Element | null;
  /** The surface element the control sits in. */
  surface: Element | null;
}

export interface ScanResult {
  report: Report;
  /** Report id → the element a highlight should outline (the visible control, the surface). */
  elements: Map<string, Element>;
  /** Control id → its live elements. */
  targets: Map<string, ControlTarget>;
  /** Every root searched (the document and open shadow roots), for observers. */
  roots: (Document | ShadowRoot)[];
  /** The rendered text of each reported surface, terms updates first (for a deadline read elsewhere). */
  texts: string[];
}

interface Built {
  cand: Candidate;
  kind: ControlKind;
  state: State;
  label: string;
  description: string;
  labelElement: Element | null;
  purpose: Purpose;
  /** What a person sees of it (the control itself or its stand-in); for a choice, the group. */
  visible: Element;
  /** Rect of the visible control, viewport coordinates. */
  rect: DOMRect;
  /** For the size check: the mark (switch, box, radio) a person aims at. */
  markRect: DOMRect;
  clickableRect: DOMRect;
  hiddenReason: string | null;
  related: Element[];
  offOption: Element | null;
  /** A choice whose selected option puts the decision off ("Not now"). */
  deferred?: true;
  stateSource: StateSource | null;
}

/** What a scan's helpers need besides the DOM: the words, the rules whose phrases apply, the colour reader. */
interface Ctx {
  lex: Lexicon;
  rules: readonly Rule[];
  colour: ColourReader;
}

/**
 * What choosing an option does to training: 'on', 'off', 'defer' ("Not now": no decision), or
 * null when its words do not say. An option that speaks of training itself and says no OFF
 * ("Use my chats to train the models") turns it on; one that only sits in a training group
 * needs an ON or OFF word of its own.
 */
function optionState(text: string, groupIsTraining: boolean, { lex, rules }: Ctx): 'on' | 'off' | 'defer' | null {
  const own = rulePhraseIn(text, rules) !== null || speaksOfTraining(text, lex) || lex.TRAIN.test(text);
  if (!own && !groupIsTraining) return null;
  const tail = (text.split(/\s*[:：•·—–]\s*/).pop() ?? text).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  if (lex.DEFER.test(tail)) return 'defer';
  if (lex.OFF_WORD.test(tail) || lex.OFF_MARKER.test(tail)) return 'off';
  if (lex.ON_WORD.test(tail) || lex.ON_MARKER.test(tail)) return 'on';
  if (lex.DEFER.test(text)) return 'defer';
  if (lex.OFF_MARKER.test(text)) return 'off';
  if (lex.ON_MARKER.test(text)) return 'on';
  return own ? 'on' : null;
}

function visibleOf(el: Element): { visible: Element; hiddenReason: string | null } {
  const r = rendering(el);
  if (r.rendered) return { visible: el, hiddenReason: null };
  const standIn = visibleStandIn(el);
  if (standIn) return { visible: standIn, hiddenReason: null };
  return { visible: el, hiddenReason: r.reason ?? 'zero-size' };
}


/**
 * A candidate, named and classified; measured only when asked (`built()`), because most of a
 * page's toggles (a composer's "Extended thinking", a theme switch) are neither about training
 * nor in a dialog that is, and measuring them would cost layout reads for nothing.
 */
interface Named {
  cand: Candidate;
  purpose: Purpose;
  kind: ControlKind;
  label: string;
  description: string;
  built(): Built;
}

function named(c: Candidate, ctx: Ctx): Named {
  const { lex, rules } = ctx;
  if (c.options.length) {
    const b = buildChoice(c, ctx);
    return { cand: c, purpose: b.purpose, kind: b.kind, label: b.label, description: b.description, built: () => b };
  }
  const el = c.el;
  let seen: ReturnType<typeof visibleOf> | null = null;
  const seenOf = (): ReturnType<typeof visibleOf> => (seen ??= visibleOf(el));
  if (c.stateText) {
    // A row that opens the setting: named by its text without the state word, which is its state.
    let st = c.stateText;
    let description = '';
    if (!st.label) {
      const row = readLabel(el, (e) => isToggle(e, lex), false);
      const [first = '', ...rest] = (row.row ? lines(row.row, 600) : []).filter((l) => !lex.ON_WORD.test(l) && !lex.OFF_WORD.test(l));
      st = { ...st, label: first };
      description = normalise(rest.join(' '));
    }
    const purpose = classifyPurpose(st.label, description, rules, lex);
    const info = { label: st.label, description, labelElement: el, row: null };
    let b: Built | null = null;
    return {
      cand: c,
      purpose,
      kind: 'button',
      label: st.label,
      description,
      built: () => (b ??= { ...measureToggle(c, 'button', info, purpose, seenOf(), lex), state: st.state, stateSource: 'text' }),
    };
  }
  const kind = kindWithoutLayout(c, lex) ?? kindByLayout(c, seenOf().hiddenReason ? null : seenOf().visible);
  const nameIsAction = statusOf(el, lex) !== null;
  const info = readLabel(el, (e) => isToggle(e, lex), kind === 'button' && !nameIsAction, nameIsAction);
  const purpose = classifyPurpose(info.label, info.description, rules, lex);
  let b: Built | null = null;
  return {
    cand: c,
    purpose,
    kind,
    label: info.label,
    description: info.description,
    built: () => (b ??= measureToggle(c, kind, info, purpose, seenOf(), lex)),
  };
}

/** The first drawn switch or box inside an element (at most a few dozen looked at). */
function firstDrawn(el: Element): Unmarked | null {
  const inside = el.querySelectorAll('div, span, i');
  for (let i = 0; i < inside.length && i < 40; i++) {
    const u = unmarkedToggle(inside[i]!);
    if (u) return u;
  }
  return null;
}

/** Elements in a page small enough to look at every element for unmarked toggles (a saved panel). */
const SMALL_PAGE = 4000;

function namedUnmarked(u: Unmarked, ctx: Ctx): Named {
  const { lex, rules } = ctx;
  const c: Candidate = { el: u.el, options: [], group: null };
  const info = readLabel(u.el, (e) => isToggle(e, lex), false);
  const purpose = classifyPurpose(info.label, info.description, rules, lex);
  let b: Built | null = null;
  return {
    cand: c,
    purpose,
    kind: u.kind,
    label: info.label,
    description: info.description,
    built: () => (b ??= { ...measureToggle(c, u.kind, info, purpose, visibleOf(u.el), lex), state: u.state, stateSource: u.stateSource }),
  };
}

function measureToggle(
  c: Candidate,
  kind: ControlKind,
  info: ReturnType<typeof readLabel>,
  purpose: Purpose,
  { visible, hiddenReason }: ReturnType<typeof visibleOf>,
  lex: Lexicon,
): Built {
  const el = c.el;
  const labels = labelsOf(el);
  const rect = visible.getBoundingClientRect();
  let [state, stateSource] = readStateWithSource(el, lex);
  if (visible !== el) {
    // What a person sees is the stand-in: when the page marks its state there and not on the
    // hidden box it drives (Misskey's switch), the stand-in's mark is the truth.
    const shown = fromClass(visible) ?? (visible.firstElementChild ? fromClass(visible.firstElementChild) : null);
    if (shown && shown !== state) [state, stateSource] = [shown, 'class'];
  } else if (state === 'unknown') {
    // A switch role with no state attribute (react-native-web): its looks, or a drawn switch inside it.
    const drawn = unmarkedToggle(el) ?? firstDrawn(el);
    if (drawn && drawn.state !== 'unknown') [state, stateSource] = [drawn.state, drawn.stateSource];
  }
  return {
    cand: c,
    kind,
    state,
    stateSource,
    label: info.label,
    description: info.description,
    labelElement: info.labelElement,
    purpose,
    visible,
    rect,
    markRect: rect,
    clickableRect: unionRects([rect, ...labels.map((l) => l.getBoundingClientRect())]),
    hiddenReason,
    related: [el, ...labels],
    offOption: null,
  };
}

function buildChoice(c: Candidate, ctx: Ctx): Built {
  const { lex, rules } = ctx;
  let groupInfo = c.group ? readLabel(c.group, () => false, true) : null;
  // A group with no name of its own (a <select> beside a <label> without `for`) is named by its row.
  if (c.group && groupInfo && !groupInfo.label) groupInfo = readLabel(c.group, (e) => isToggle(e, lex), false);
  const isSelect = c.group?.localName === 'select';
  const groupText = groupInfo ? `${groupInfo.label} ${groupInfo.description}` : '';
  const groupIsTraining = groupText.trim() !== '' && classifyPurpose(groupText, '', rules, lex) === 'ai-training';
  const options = c.options.map((o) => {
    const info = readLabel(o, (e) => isToggle(e, lex), true);
    const label = info.label || normalise(o.textContent ?? '');
    // A <select>'s options are drawn by the select itself.
    const { visible, hiddenReason } = visibleOf(isSelect ? c.group! : o);
    const labels = labelsOf(o);
    const markRect = visible.getBoundingClientRect();
    return {
      el: o,
      label,
      labelElement: info.labelElement,
      trains: optionState(label, groupIsTraining, ctx),
      selected: readState(o, lex) === 'on',
      visible,
      hiddenReason,
      markRect,
      clickable: unionRects([markRect, ...labels.map((l) => l.getBoundingClientRect())]),
      labels,
    };
  });
  // A training choice offers OFF, and ON or a group that names training ("Standard / Off").
  const isTraining = options.some((o) => o.trains === 'off') && (groupIsTraining || options.some((o) => o.trains === 'on'));
  const selected = options.find((o) => o.selected);
  const deferred = isTraining && selected?.trains === 'defer';
  const state: State = isTraining && (selected?.trains === 'on' || selected?.trains === 'off') ? selected.trains : 'unknown';
  const shown = options.filter((o) => !o.hiddenReason);
  const smallest = shown.reduce<(typeof options)[number] | null>(
    (min, o) => (!min || area(o.markRect) < area(min.markRect) ? o : min),
    null,
  );
  const rect = c.group && rendering(c.group).rendered ? c.group.getBoundingClientRect() : unionRects(options.map((o) => o.clickable));
  const first = options.find((o) => o.trains === 'on' || o.trains === 'off') ?? options[0];
  return {
    cand: c,
    kind: 'choice',
    state,
    label: groupInfo?.label || options.map((o) => o.label).join(' / '),
    description: groupInfo?.description ?? '',
    labelElement: first?.labelElement ?? first?.labels[0] ?? null,
    purpose: isTraining ? 'ai-training' : 'other',
    visible: c.group ?? c.el,
    rect,
    markRect: smallest?.markRect ?? new DOMRect(),
    clickableRect: smallest?.clickable ?? new DOMRect(),
    hiddenReason: shown.length ? null : (options[0]?.hiddenReason ?? 'zero-size'),
    related: options.flatMap((o) => [o.el, o.visible, ...o.labels]),
    offOption: options.find((o) => o.trains === 'off')?.el ?? null,
    stateSource: state === 'unknown' ? null : isSelect ? 'checked' : selected ? readStateWithSource(selected.el, lex)[1] : null,
    ...(deferred ? { deferred: true as const } : {}),
  };
}

interface SurfaceInfo {
  s: SurfaceEl;
  id: string;
  title: string;
  /** Rendered text with its line breaks (sentence ends for the deadline reader). */
  text: string;
  kind: SurfaceKind;
  primary: { el: Element; name: string } | null;
  dismiss: string | null;
}

/** Why a scan cannot start: it was given no words to classify with. */
export const NO_WORDS =
  'scan: no word lists were given (ScanOptions.lexicon): without them no control can be classified, so there is nothing to report';

export function scan(doc: Document, opts: ScanOptions): ScanResult {
  if (!isLexicon(opts.lexicon)) throw new TypeError(NO_WORDS);
  const lex = opts.lexicon;
  const started = performance.now();
  const win = doc.defaultView ?? window;
  const url = doc.location?.href ?? '';
  const savedFrom = /^(file|about|blob|data):/.test(url) ? savedFromUrl(doc) : null;
  const pageUrl = savedFrom ?? url;
  const rule = ruleForUrl(pageUrl, opts.rules) ?? ruleForSiteName(doc, opts.rules);
  // A rule's phrases name controls on its own service only: on a host without a rule the
  // general heuristics stand alone ("Keep Activity" is Google's words, not a concept).
  const phraseRules = rule ? [rule] : [];
  const ctx: Ctx = { lex, rules: phraseRules, colour: opts.colour ?? createColourReader(doc) };
  const elements = new Map<string, Element>();
  const targets = new Map<string, ControlTarget>();
  let roots: (Document | ShadowRoot)[] = [doc];
  let texts: string[] = [];

  const report: Report = {
    schema: REPORT_SCHEMA,
    target: opts.target ?? url,
    url,
    savedFrom,
    title: normalise(doc.title ?? ''),
    scannedAt: (opts.now ?? new Date()).toISOString(),
    service: rule?.id ?? null,
    viewport: { width: win.innerWidth, height: win.innerHeight, devicePixelRatio: win.devicePixelRatio },
    surfaces: [],
    controls: [],
    deadline: null,
    engine: { version: ENGINE_VERSION, ms: 0 },
  };

  try {
    roots = opts.roots ? opts.roots.filter((r) => r === doc || (r as ShadowRoot).host?.isConnected) : collectRoots(doc);
    const index = indexRoots(roots, opts.rolesOf);
    // Where controls nothing in the markup names are looked for (rows that say "On", drawn
    // switches): in dialogs, on a settings page, and in a one-shot audit of a small page (a saved
    // settings panel). Not on the rest of a live page the content script scans again and again
    // (a chat, a feed): there the search would cost more than the scan.
    const onSettingsUrl = isSettingsUrl(pageUrl, rule);
    const pageIsSettings = onSettingsUrl || looksLikeSettings(normalise(doc.title ?? ''), lex);
    const containers = findSurfaces(index, []).map((s) => s.el);
    if (doc.body && (pageIsSettings || (!opts.roots && doc.getElementsByTagName('*').length <= SMALL_PAGE))) containers.push(doc.body);
    const all: Named[] = [];
    for (const c of findCandidates(index, lex, containers)) {
      try {
        all.push(named(c, ctx));
      } catch {
        // One odd element must not cost the whole page its scan.
      }
    }
    // A training control whose measuring throws is still reported, with the state its markup
    // gives and a note; another toggle is left out (it was only there for its dialog's sake).
    const notes = new Map<Built, string>();
    // Toggles nothing in the markup names, found by their looks beside training text.
    if (containers.length) {
      const known = new Set<Element>();
      for (const n of all) {
        known.add(n.cand.el);
        for (const o of n.cand.options) known.add(o);
      }
      const speaks = (t: string): boolean => speaksOfTraining(t, lex) || rulePhraseIn(t, phraseRules) !== null;
      for (const u of findUnmarked(containers, known, speaks)) {
        try {
          all.push(namedUnmarked(u, ctx));
        } catch {
          /* as for any odd element */
        }
      }
    }
    const measured = (n: Named): Built | null => {
      try {
        return n.built();
      } catch (e) {
        if (n.purpose !== 'ai-training') return null;
        const b = unmeasured(n, lex);
        notes.set(b, `could not be measured: ${e instanceof Error ? e.message : String(e)}`);
        return b;
      }
    };
    const training = all.filter((n) => n.purpose === 'ai-training').map(measured).filter((b): b is Built => b !== null);
    const found = findSurfaces(index, training.map((b) => b.cand.el));
    const surfaceFor = (el: Element): SurfaceEl | undefined => found.find((s) => composedContains(s.el, el));

    // Training controls on a settings page that sit in no dialog get the settings panel as their surface.
    if (pageIsSettings) {
      for (const b of training) {
        if (surfaceFor(b.cand.el)) continue;
        const panel = settingsPanelFor(b.cand.el);
        if (!found.some((s) => s.el === panel)) found.push({ el: panel, semantic: false, modal: false, settingsPanel: true });
      }
    }

    // A form to object to AI training (no switch at all) is a surface of its own.
    for (const o of findObjectionForms(index, phraseRules, lex)) {
      if (!found.some((s) => composedContains(s.el, o.el) || composedContains(o.el, s.el))) found.push(o);
    }

    const infos: SurfaceInfo[] = [];
    for (const s of found) {
      const title = titleOf(s.el);
      const text = surfaceText(s.el);
      const flat = normalise(text);
      const hasTraining = training.some((b) => composedContains(s.el, b.cand.el));
      const kind = classifySurface(s, title, flat, hasTraining, onSettingsUrl, lex);
      // Dialogs without a training control matter only when they announce new terms, or are a
      // form to object to training.
      if (!hasTraining && kind !== 'terms-update' && !s.objection) continue;
      const actions = actionsOf(s.el, (e) => isToggle(e, lex), roots);
      infos.push({
        s,
        id: `s${infos.length + 1}`,
        title,
        text,
        kind,
        primary: kind === 'settings' ? null : primaryActionOf(actions, lex),
        dismiss: dismissOf(s.el, actions, lex, roots),
      });
    }
    const infoFor = (el: Element): SurfaceInfo | undefined => {
      const s = surfaceFor(el) ?? found.find((f) => f.settingsPanel && composedContains(f.el, el));
      return s ? infos.find((i) => i.s === s) : undefined;
    };

    const withTraining = new Set(training.map((b) => infoFor(b.cand.el)).filter((i): i is SurfaceInfo => !!i));
    // A row that shows a setting's state as text beside the switch it opens (Misskey's folder over
    // its switch) is that switch once more: the switch speaks for it.
    const switchNames = new Set(all.filter((n) => n.purpose === 'ai-training' && !n.cand.stateText).map((n) => n.label));
    const chosen = all
      .filter((n) => !(n.cand.stateText && switchNames.has(n.label)))
      .filter((n) => {
        if (n.purpose === 'ai-training') return true;
        const info = infoFor(n.cand.el);
        return !!info && withTraining.has(info);
      })
      .map(measured)
      .filter((b): b is Built => b !== null);

    chosen.forEach((b, i) => {
      const id = `c${i + 1}`;
      const info = infoFor(b.cand.el) ?? null;
      const control: Control = {
        id,
        label: b.label,
        description: b.description,
        purpose: b.purpose,
        state: b.state,
        kind: b.kind,
        box: toDocBox(b.rect, win),
        findings: [],
        surfaceId: info?.id ?? null,
      };
      if (b.deferred) control.deferred = true;
      if (b.stateSource) control.stateSource = b.stateSource;
      const note = notes.get(b);
      if (note) control.note = note;
      else if (b.purpose === 'ai-training') {
        try {
          control.findings = judgeControl(controlFacts(b, info, win, ctx.colour), lex);
        } catch (e) {
          // Measured what we could; the control is still reported, and says why it has no findings.
          control.note = `could not be judged: ${e instanceof Error ? e.message : String(e)}`;
        }
      }
      elements.set(id, b.visible);
      targets.set(id, { control: b.cand.el, visible: b.visible, offOption: b.offOption, surface: info?.s.el ?? null });
      report.controls.push(control);
    });

    for (const info of infos) {
      const mine = report.controls.filter((c) => c.surfaceId === info.id);
      const trainingHere = mine.filter((c) => c.purpose === 'ai-training');
      const surface: Surface = {
        id: info.id,
        kind: info.kind,
        title: info.title,
        box: toDocBox(info.s.el.getBoundingClientRect(), win),
        primaryAction: info.primary ? { label: info.primary.name, box: toDocBox(info.primary.el.getBoundingClientRect(), win) } : null,
        findings: judgeSurface({
          kind: info.kind,
          modal: info.s.modal,
          dismiss: info.dismiss,
          primary: info.primary?.name ?? null,
          toggles: trainingHere.filter((c) => c.kind !== 'choice').map((c) => ({ kind: c.kind, state: c.state })),
          hasChoice: trainingHere.some((c) => c.kind === 'choice'),
        }),
        ...(info.s.objection ? { objection: true as const } : {}),
      };
      elements.set(info.id, info.s.el);
      report.surfaces.push(surface);
    }

    const ordered = [...infos.filter((i) => i.kind === 'terms-update'), ...infos.filter((i) => i.kind !== 'terms-update')];
    texts = ordered.map((i) => i.text);
    report.deadline = deadlineOf(texts, rule, opts.readDeadline);
  } catch (e) {
    report.error = `scan failed: ${e instanceof Error ? e.message : String(e)}`;
    report.surfaces = [];
    report.controls = [];
  }
  const out = opts.wordFindings ? opts.wordFindings(report) : report;
  out.engine.ms = Math.round((performance.now() - started) * 100) / 100;
  return { report: out, elements, targets, roots, texts };
}

/** A training control whose measuring threw: what its markup says, with no box to measure. */
function unmeasured(n: Named, lex: Lexicon): Built {
  const el = n.cand.el;
  let state: State = 'unknown';
  try {
    state = n.cand.options.length ? 'unknown' : readState(el, lex);
  } catch {
    /* the state stays unknown */
  }
  const none = new DOMRect();
  return {
    cand: n.cand,
    kind: n.kind,
    state,
    label: n.label,
    description: n.description,
    labelElement: null,
    purpose: n.purpose,
    visible: el,
    rect: none,
    markRect: none,
    clickableRect: none,
    hiddenReason: null,
    related: [el],
    offOption: null,
    stateSource: null,
  };
}

function controlFacts(b: Built, info: SurfaceInfo | null, win: Window, colour: ColourReader): ControlFacts {
  let hiddenReason = b.hiddenReason;
  let outOfView: ControlFacts['outOfView'] = null;
  if (!hiddenReason && b.kind !== 'choice') {
    const part = visiblePart(b.visible, b.rect);
    if (area(part.rect) < 0.5 * area(b.rect)) {
      const container = scrollContainer(b.visible);
      if (container && part.clippedBy === container) {
        const cr = container.getBoundingClientRect();
        const top = cr.top + container.clientTop;
        const bottom = top + container.clientHeight;
        const distancePx = b.rect.top >= bottom ? b.rect.top - bottom : b.rect.bottom <= top ? top - b.rect.bottom : 0;
        outOfView = { where: 'scroll-container', distancePx, visibleHeightPx: container.clientHeight };
      } else {
        const vp = viewportRect(win);
        const distancePx = b.rect.top >= vp.bottom ? b.rect.top - vp.bottom : b.rect.bottom <= 0 ? -b.rect.bottom : 0;
        outOfView = { where: 'viewport', distancePx, visibleHeightPx: vp.height };
      }
    } else if (coveredBy(b.visible, b.related)) {
      hiddenReason = 'covered';
    }
  }
  const holder = b.labelElement ? textHolder(b.labelElement, b.label) : null;
  const labelText = holder ? measureText(holder, colour) : null;
  const shape = b.kind === 'choice' || hiddenReason ? null : measureShape(b.visible, colour);
  let primary: ControlFacts['primary'] = null;
  if (info?.primary) {
    const pr = info.primary.el.getBoundingClientRect();
    const ph = textHolder(info.primary.el, info.primary.name) ?? info.primary.el;
    const pt = measureText(ph, colour);
    const pv = visiblePart(info.primary.el, pr);
    primary = { label: info.primary.name, area: area(pr), fontPx: pt.fontPx, contrast: pt.contrast, inView: area(pv.rect) >= 0.5 * area(pr) };
  }
  return {
    kind: b.kind,
    state: b.state,
    label: b.label,
    surfaceKind: info?.kind ?? null,
    hiddenReason,
    width: b.markRect.width,
    height: b.markRect.height,
    clickableArea: area(b.clickableRect),
    labelText,
    shape,
    outOfView,
    primary,
  };
}

/** The date the page states (terms updates first), else the service's known deadline. */
export function deadlineOf(texts: readonly string[], rule: Rule | null, read?: ScanOptions['readDeadline']): Deadline | null {
  if (read) {
    for (const text of texts) {
      const found = read(text);
      if (found) return { date: found.date, text: found.text, source: 'page' };
    }
  }
  if (!rule) return null;
  const current = currentRuleDeadline(rule);
  return current ? { date: current.date, text: `${current.note} (${rule.name})`, source: 'rule' } : null;
}

export type { Box };
