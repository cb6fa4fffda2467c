/**
 * The three runtime calls the content script makes, over the browser's own `browser` (Firefox)
 * or `chrome` (Chromium) object. The webextension-polyfill would add 10 KB to every page we run
 * on for these; the popup and the background still use it.
 */
type Sender = { id?: string };
type RawListener = (message: unknown, sender: Sender, sendResponse: (reply: unknown) => void) => boolean | undefined;

interface RuntimeLike {
  id?: string;
  sendMessage(message: unknown): Promise<unknown> | undefined;
  onMessage: { addListener(fn: RawListener): void; removeListener(fn: RawListener): void };
}

function runtime(): RuntimeLike | undefined {
  const g = globalThis as { browser?: { runtime?: RuntimeLike }; chrome?: { runtime?: RuntimeLike } };
  return g.browser?.runtime ?? g.chrome?.runtime;
}

/** Our extension's id, or undefined once the extension was reloaded or removed under this page. */
export function runtimeId(): string | undefined {
  try {
    return runtime()?.id;
  } catch {
    return undefined;
  }
}

/** Sends to the background; rejects when nobody can receive it. (Chrome ≥ 99 and Firefox return a promise.) */
export function sendMessage(message: unknown): Promise<unknown> {
  try {
    const r = runtime();
    if (!r) return Promise.reject(new Error('Extension context invalidated.'));
    return r.sendMessage(message) ?? Promise.resolve(undefined);
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

/**
 * Listens for messages; a handler that returns a promise answers with its value. Returns the
 * function that stops listening.
 */
export function onMessage(handler: (message: unknown, sender: Sender) => Promise<unknown> | undefined): () => void {
  const r = runtime();
  if (!r) return () => undefined;
  const listener: RawListener = (message, sender, sendResponse) => {
    const reply = handler(message, sender);
    if (!reply) return undefined;
    reply.then(sendResponse, () => sendResponse(undefined));
    return true;
  };
  r.onMessage.addListener(listener);
  return () => {
    try {
      r.onMessage.removeListener(listener);
    } catch {
      /* the runtime is gone already */
    }
  };
}
