/**
 * Reads our overlay in Firefox, where there is no DevTools protocol: over WebDriver BiDi, which
 * puppeteer speaks to Firefox. The page's scripts cannot see into the overlay's closed shadow
 * root; BiDi can, without anything in the shipped code to help it: `script.evaluate` in a
 * sandbox (a world of its own, like the content script's, so the page's replaced DOM methods do
 * not matter) serialises the element children of <html> with `includeShadowTree: 'all'`, which
 * hands over each one's shadow root, closed ones too, as a shared reference; `script.callFunction`
 * then runs the same READ_HOST as the Chromium reader (src/cli/overlay-reader.ts) on it.
 *
 * puppeteer has no API for this, so the raw BiDi connection is used (`browser.connection`, and
 * the frame's browsing-context id, `frame._id`): both are puppeteer's own, and typed here.
 */
import type { Browser, Page } from 'puppeteer-core';
import { CANDIDATES, READ_HOST, summarise, type HostRead, type OverlayState } from '../../src/cli/overlay-reader';

interface RemoteNode {
  type: string;
  sharedId?: string;
  value?: { shadowRoot?: { sharedId?: string; value?: { mode?: string } } | null };
}

interface Bidi {
  send(method: string, params: object): Promise<{ result: { type: string; result?: { type: string; value?: unknown }; exceptionDetails?: { text?: string } } }>;
}

const SANDBOX = 'consent-lens-reader';

export async function readOverlayFirefox(browser: Browser, page: Page): Promise<OverlayState> {
  const bidi = (browser as unknown as { connection: Bidi }).connection;
  const target = { context: (page.mainFrame() as unknown as { _id: string })._id, sandbox: SANDBOX };
  const { result } = await bidi.send('script.evaluate', {
    expression: CANDIDATES,
    target,
    awaitPromise: false,
    resultOwnership: 'none',
    serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
  });
  if (result.type !== 'success') throw new Error(`reading the overlay: ${result.exceptionDetails?.text ?? result.type}`);
  const reads: HostRead[] = [];
  for (const node of (result.result?.value ?? []) as RemoteNode[]) {
    const root = node.value?.shadowRoot;
    if (!node.sharedId || !root?.sharedId) continue;
    const { result: r } = await bidi.send('script.callFunction', {
      functionDeclaration: `function (root) { return JSON.stringify((${READ_HOST}).call(this, root)); }`,
      this: { sharedId: node.sharedId },
      arguments: [{ sharedId: root.sharedId }],
      target,
      awaitPromise: false,
      resultOwnership: 'none',
    });
    if (r.type !== 'success') throw new Error(`reading the overlay: ${r.exceptionDetails?.text ?? r.type}`);
    const read = JSON.parse(String(r.result?.value)) as Omit<HostRead, 'mode'> | null;
    if (read) reads.push({ ...read, mode: root.value?.mode ?? '' });
  }
  return summarise(reads);
}
