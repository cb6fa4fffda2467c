/**
 * The content script's two built files, at the extension's root (vite.config.ts writes them).
 * Each is one classic script with nothing to import, so no file of ours needs to be
 * web-accessible: a site cannot fetch one to tell that Consent Lens is installed.
 *
 * - CONTENT_FILE: on every matching page (the manifest's and "Check all sites"' content script).
 * - CAPTURE_FILE: the evidence capture, injected by the background (`scripting.executeScript`, under
 *   the activeTab grant a capture already needs) into the content script's world when a capture
 *   starts; it leaves its factory under CAPTURE_GLOBAL for the content script.
 */
export const CONTENT_FILE = 'content.js';
export const CAPTURE_FILE = 'capture.js';
export const CAPTURE_GLOBAL = '__consentLensCapture';
