/**
 * The browser calls a capture makes, as an interface the capture code is given (like port.ts
 * for the rest of the background): capture-browser-port.ts adapts webextension-polyfill to it,
 * unit tests pass a fake.
 */
import type { Message } from '../shared/messages';
import type { StorageArea } from '../shared/storage';

export interface CaptureTab {
  id: number;
  windowId: number;
  /** Null when the browser does not tell us (no activeTab grant for it). */
  url: string | null;
  /** The selected tab of its window: the only one captureVisibleTab can see. */
  active: boolean;
}

export interface CapturePort {
  extension: {
    id: string;
    /** `runtime.getURL('')`, with a trailing slash. */
    base: string;
    /** The manifest's version. */
    version: string;
  };
  tabs: {
    get(tabId: number): Promise<CaptureTab>;
    /** The active tab of the last focused window (for the keyboard shortcut). */
    active(): Promise<CaptureTab | null>;
    /** A PNG data: URL of what the window shows. */
    captureVisibleTab(windowId: number): Promise<string>;
    /** To the tab's top frame (where our content script runs). */
    sendMessage(tabId: number, message: Message): Promise<unknown>;
    /**
     * Runs the capture code (CAPTURE_FILE) in the tab's top frame, in our content script's world
     * (`scripting.executeScript`: allowed by the activeTab grant a capture needs anyway).
     */
    injectCapture(tabId: number): Promise<void>;
  };
  /** storage.session: the tab's latest report (tab-state.ts), for the deadline the background read. */
  session: StorageArea;
}
