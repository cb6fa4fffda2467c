/**
 * What the content script's observer watches (scheduler.ts, and stream.ts while a reply
 * streams): the elements that matter, and the attributes whose change may show or hide them or
 * change their state; a whole subtree, or a node without it.
 */
import { TOGGLE_SELECTOR } from '../engine/controls';

const DIALOG_SELECTOR = '[role=dialog], [role=alertdialog], [aria-modal], dialog';
/** Toggles and dialogs. */
export const RELEVANT_SELECTOR = `${TOGGLE_SELECTOR}, ${DIALOG_SELECTOR}`;
const WATCHED_ATTRIBUTES = ['aria-checked', 'aria-pressed', 'aria-selected', 'data-state', 'checked', 'open', 'hidden', 'class', 'style', 'aria-hidden', 'aria-modal', 'role'];

export const FULL: MutationObserverInit = { subtree: true, childList: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES };
export const SHALLOW: MutationObserverInit = { childList: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES };
