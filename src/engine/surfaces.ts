/**
 * Surfaces are where a choice is put to the user: dialogs (role=dialog|alertdialog, aria-modal,
 * <dialog open>), fixed or sticky overlays and bottom sheets that hold a control, and on a
 * settings page, the panel that holds the setting.
 */
import type { SurfaceKind } from './types';
import { byPosition, byTag, composedAncestors, composedContains, idrefs, style, type IndexedRoot, type Root } from './dom';
import type { Lexicon } from './lexicon';
import type { Rule } from '../rules/schema';
import { rulePhraseIn } from './purpose';
import { clip, lines, normalise, renderedText, sentences } from './text';
import { THRESHOLDS } from './thresholds';
import { rendering } from './visibility';
import { computeAccessibleName } from 'dom-accessibility-api';
import { area } from './geometry';

export interface SurfaceEl {
  el: Element;
  /** role=dialog and friends, as opposed to a positioned overlay or a settings panel. */
  semantic: boolean;
  modal: boolean;
  settingsPanel: boolean;
  /** A form to object to the use of one's information for AI: a choice with no switch. */
  objection?: boolean;
}

/**
 * Dialogs by their markup: role=dialog or alertdialog (from the root's role index), and open
 * <dialog> elements. `aria-modal` without a dialog role is not valid ARIA and is not looked for
 * (such a layer is still found as a positioned overlay when it holds a training control).
 */
function semanticDialogs({ root, roles }: IndexedRoot): Element[] {
  const out = roles.filter((el) => {
    const role = el.getAttribute('role');
    return role === 'dialog' || role === 'alertdialog';
  });
  const dialogs = byTag(root, 'dialog');
  for (let i = 0; i < dialogs.length; i++) if (dialogs[i]!.hasAttribute('open') && !out.includes(dialogs[i]!)) out.push(dialogs[i]!);
  return out.length > 1 ? out.sort(byPosition) : out;
}

function bigEnough(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return r.width >= THRESHOLDS.minSurfacePx.width && r.height >= THRESHOLDS.minSurfacePx.height;
}

function isModal(el: Element): boolean {
  if (el.getAttribute('aria-modal') === 'true' || el.getAttribute('role') === 'alertdialog') return true;
  try {
    if (el.matches(':modal')) return true;
  } catch {
    /* :modal unsupported */
  }
  // A fixed layer covering most of the viewport blocks the page behind it.
  const win = el.ownerDocument.defaultView ?? window;
  for (const e of [el, ...composedAncestors(el)]) {
    if (style(e).position === 'fixed') {
      const r = e.getBoundingClientRect();
      if (area(r) >= 0.9 * win.innerWidth * win.innerHeight) return true;
    }
  }
  // A sibling backdrop (Radix renders the overlay next to the content).
  const parent = el.parentElement;
  if (parent) {
    for (const sib of Array.from(parent.children)) {
      if (sib === el) continue;
      const s = style(sib);
      if (s.position === 'fixed') {
        const r = sib.getBoundingClientRect();
        if (area(r) >= 0.9 * win.innerWidth * win.innerHeight) return true;
      }
    }
  }
  return false;
}

/** Innermost wins: an element that contains another of the same list is dropped. */
function innermost(list: Element[]): Element[] {
  return list.filter((a) => !list.some((b) => b !== a && composedContains(a, b)));
}

/**
 * Surfaces on the page: every rendered semantic dialog, and every fixed/sticky overlay that
 * holds one of `controls` and is not part of a dialog already found.
 */
export function findSurfaces(index: readonly IndexedRoot[], controls: readonly Element[]): SurfaceEl[] {
  const semantic = innermost(index.flatMap(semanticDialogs).filter((d) => rendering(d).rendered || bigEnough(d)));
  const positioned = new Set<Element>();
  for (const c of controls) {
    for (const a of composedAncestors(c)) {
      if (semantic.some((s) => s === a)) break;
      const pos = style(a).position;
      if ((pos === 'fixed' || pos === 'sticky') && bigEnough(a)) {
        positioned.add(a);
        break;
      }
    }
  }
  const overlays = innermost(
    Array.from(positioned).filter((p) => !semantic.some((s) => composedContains(s, p) || composedContains(p, s))),
  );
  return [
    ...semantic.map((el) => ({ el, semantic: true, modal: isModal(el), settingsPanel: false })),
    ...overlays.map((el) => ({ el, semantic: false, modal: isModal(el), settingsPanel: false })),
  ];
}

/**
 * Forms to object to the use of one's information for AI (Meta's form in the EU): there is no
 * switch to find, only the form. A form counts when the heading over it (in the nearest ancestor
 * that has one) names an objection, and that heading or the text around the form names AI or
 * training, or carries one of the rules' phrases.
 */
export function findObjectionForms(index: readonly IndexedRoot[], rules: readonly Rule[], lex: Lexicon): SurfaceEl[] {
  const panels: Element[] = [];
  for (const r of index) {
    const forms = byTag(r.root, 'form');
    if (!forms.length) continue;
    // The root's headings, asked for once (not a search of each ancestor's whole subtree).
    const headings = headingsOf(r);
    for (let i = 0; i < forms.length; i++) {
      const form = forms[i]!;
      let panel: Element = form;
      for (const a of [form, ...composedAncestors(form)]) {
        if (a.localName === 'body' || a.localName === 'html') break;
        if (headings.some((h) => a.contains(h))) {
          panel = a;
          break;
        }
      }
      // The heading must name the objection; AI or training may be named in it or in the text
      // next to the form (textContent, bounded: no layout for a page's ordinary forms).
      // The title first: it rules out an ordinary form (a chat composer) more cheaply than
      // asking whether the form is rendered.
      const title = titleOf(panel);
      if (!lex.OBJECT.test(title) || !rendering(form).rendered) continue;
      const text = `${title}\n${normalise((panel.textContent ?? '').slice(0, 2000))}`;
      if (!lex.AI_MODEL.test(text) && !lex.TRAIN.test(text) && rulePhraseIn(text, rules) === null) continue;
      if (!panels.includes(panel)) panels.push(panel);
    }
  }
  return innermost(panels).map((el) => ({ el, semantic: false, modal: false, settingsPanel: false, objection: true }));
}

/** h1–h3 and role=heading elements of one root. */
function headingsOf({ root, roles }: IndexedRoot): Element[] {
  const out = roles.filter((el) => el.getAttribute('role') === 'heading');
  for (const tag of ['h1', 'h2', 'h3']) {
    const list = byTag(root, tag);
    for (let i = 0; i < list.length; i++) out.push(list[i]!);
  }
  return out;
}

/** The panel of a settings page that holds `control`: a tab panel, main, a form or section. */
export function settingsPanelFor(control: Element): Element {
  const panel = control.closest('[role=tabpanel], main, [role=main], form, section');
  return panel ?? control.ownerDocument.body;
}

export function titleOf(el: Element): string {
  const labelled = idrefs(el, 'aria-labelledby')
    .map((e) => normalise(e.textContent ?? ''))
    .join(' ');
  if (labelled) return clip(labelled, 160);
  const aria = el.getAttribute('aria-label');
  if (aria) return clip(normalise(aria), 160);
  const heading = el.querySelector('h1, h2, h3, [role=heading]');
  if (heading) return clip(normalise(heading.textContent ?? ''), 160);
  return clip(lines(el, 400)[0] ?? '', 160);
}

/** Rendered text of a surface within the text budget, line breaks kept. */
export function surfaceText(el: Element): string {
  return renderedText(el, THRESHOLDS.maxSurfaceText);
}

/** The page or dialog is a settings page: its rule says so, or its title does. */
export function looksLikeSettings(title: string, lex: Lexicon): boolean {
  return lex.SETTINGS_TITLE.test(title) && !lex.TERMS_UPDATE.test(title);
}

/** A terms update: the title names the terms, or one sentence names both the terms and a change. */
export function looksLikeTermsUpdate(title: string, text: string, lex: Lexicon): boolean {
  if (lex.TERMS_UPDATE.test(title) && !looksLikeSettings(title, lex)) return true;
  return sentences(text).some((s) => lex.TERMS_UPDATE.test(s) && lex.UPDATE.test(s));
}

export function classifySurface(
  s: SurfaceEl,
  title: string,
  text: string,
  hasTrainingControl: boolean,
  onSettingsUrl: boolean,
  lex: Lexicon,
): SurfaceKind {
  if (s.objection) return 'consent-prompt';
  if (s.settingsPanel || looksLikeSettings(title, lex) || (onSettingsUrl && !s.semantic)) return 'settings';
  if (looksLikeTermsUpdate(title, text, lex)) return 'terms-update';
  if (hasTrainingControl) return 'consent-prompt';
  return 'other';
}

const ACTIONABLE = 'button, [role=button], input[type=submit], input[type=button], a[href], [role=link]';
const OPTION = '[role=radio], input[type=radio], [role=option], [role=menuitem]';

function nameOf(el: Element): string {
  try {
    return normalise(computeAccessibleName(el));
  } catch {
    return normalise(el.textContent ?? '');
  }
}

/**
 * The elements of `surface` that match `selector`, in its own tree and in the shadow roots
 * (among `roots`, the scan's) whose hosts it contains: a web component's "Not now" is the
 * dialog's as much as a plain button is.
 */
function inSurface(surface: Element, selector: string, roots: readonly Root[]): Element[] {
  const out = Array.from(surface.querySelectorAll(selector));
  for (const r of roots) {
    if (!('host' in r) || !composedContains(surface, r.host)) continue;
    out.push(...Array.from(r.querySelectorAll(selector)));
  }
  return out;
}

/** Buttons of a surface that are rendered, with their names, excluding the toggles themselves. */
export function actionsOf(surface: Element, isToggle: (e: Element) => boolean, roots: readonly Root[] = []): { el: Element; name: string }[] {
  return inSurface(surface, ACTIONABLE, roots)
    .filter((b) => !isToggle(b) && rendering(b).rendered)
    .map((el) => ({ el, name: nameOf(el) }))
    .filter((b) => b.name.length > 0 && b.name.length <= 80);
}

/** The accept-like action a person is steered to: among accept-worded buttons, the largest. */
export function primaryActionOf(actions: { el: Element; name: string }[], lex: Lexicon): { el: Element; name: string } | null {
  let best: { el: Element; name: string } | null = null;
  let bestArea = -1;
  for (const a of actions) {
    if (!lex.ACCEPT.test(a.name) || lex.DISMISS.test(a.name)) continue;
    const ar = area(a.el.getBoundingClientRect());
    if (ar > bestArea) {
      best = a;
      bestArea = ar;
    }
  }
  return best;
}

/** A close button, "Not now", "Later"… — as a button, link or an option of a choice. */
export function dismissOf(surface: Element, actions: { el: Element; name: string }[], lex: Lexicon, roots: readonly Root[] = []): string | null {
  for (const a of actions) {
    if (lex.DISMISS.test(a.name) || /^[×✕✖x]$/i.test(a.name)) return a.name;
  }
  for (const o of inSurface(surface, OPTION, roots)) {
    const name = nameOf(o);
    if (lex.DISMISS.test(name)) return name;
  }
  return null;
}
