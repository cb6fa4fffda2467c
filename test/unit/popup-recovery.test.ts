/* The popup's notice of saved data set aside: what, when, export as JSON, dismiss; and saving that fails. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecoveriesView } from '../../src/shared/messages';
import type { KeptAside } from '../../src/shared/storage';
import { RECOVERY_FILE_SCHEMA } from '../../src/shared/recovery-file';
import { answer, claude, click, makeBrowser, mount, servicesView, settle, type Mounted } from './popup-helpers';

const browser = vi.hoisted(() => ({}) as ReturnType<typeof makeBrowser> & { storage: { local?: { get: ReturnType<typeof vi.fn> } } });
vi.mock('webextension-polyfill', () => ({ default: browser }));

const KEY = 'consentLens:corrupt:2025-09-01T12:00:00.000Z';
const kept = (over: Partial<KeptAside> = {}): KeptAside => ({
  key: KEY,
  at: '2025-09-01T12:00:00.000Z',
  reason: 'the saved data is from a newer version of Consent Lens (v3; this one reads v2)',
  kind: 'newer',
  version: 3,
  restoredAt: null,
  dismissedAt: null,
  ...over,
});
let view: RecoveriesView;
let popup: Mounted;
const sent = (type: string): unknown[] =>
  browser.runtime.sendMessage.mock.calls.map((c) => c[0] as { type: string }).filter((m) => m.type === type);

async function open(): Promise<void> {
  answer(browser, { tab: () => ({ tabId: 7, report: null, service: claude() }), services: () => servicesView() });
  const plain = browser.runtime.sendMessage.getMockImplementation()!;
  browser.runtime.sendMessage.mockImplementation(async (m: { type: string; key?: string }) => {
    if (m.type === 'popup→background:get-recoveries') return view;
    if (m.type === 'popup→background:dismiss-recovery') {
      view = { ...view, recoveries: view.recoveries.map((r) => (r.key === m.key ? { ...r, dismissedAt: '2025-09-02T00:00:00.000Z' } : r)) };
      return view;
    }
    return plain(m);
  });
  popup = await mount(7);
  await settle();
}

beforeEach(() => {
  Object.assign(browser, makeBrowser());
  browser.storage.local = { get: vi.fn(async (key: string) => ({ [key]: { reason: kept().reason, value: { version: 3, services: {} }, kind: 'newer', version: 3, at: kept().at } })) };
  view = { recoveries: [kept()], problem: null, fullSince: null };
});
afterEach(() => popup.unmount());

describe('saved data set aside, in the popup', () => {
  it('says what was set aside and when, and that it comes back', async () => {
    await open();
    const notice = popup.byTestId('recovery-notice');
    expect(notice?.textContent).toContain('Saved data set aside');
    expect(popup.text('recovery')).toMatch(/On 1 September 2025 .*newer version.*not deleted.*comes back when you update/);
    expect(popup.text('recovery')).toContain('Details: the saved data is from a newer version of Consent Lens (v3; this one reads v2)');
    expect(popup.allByTestId('recovery')[0]!.dataset.kind).toBe('newer');
  });

  it('says when the history was put back', async () => {
    view = { ...view, recoveries: [kept({ restoredAt: '2025-09-09T12:00:00.000Z' })] };
    await open();
    expect(popup.text('recovery')).toMatch(/set aside on 1 September 2025.*put back on 9 September 2025/);
  });

  it('exports the value as a JSON file, a local download', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:x';
    });
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    await open();
    await click(popup.byTestId('recovery-export'));
    expect(browser.storage.local?.get).toHaveBeenCalledWith(KEY);
    expect(clicked).toEqual(['consent-lens-set-aside-2025-09-01T12-00-00Z.json']);
    const file = JSON.parse(await blobs[0]!.text()) as Record<string, unknown>;
    expect(file).toMatchObject({ schema: RECOVERY_FILE_SCHEMA, key: KEY, kind: 'newer', value: { version: 3, services: {} } });
    expect(popup.text('recovery-status')).toContain('consent-lens-set-aside-2025-09-01T12-00-00Z.json');
    vi.restoreAllMocks();
  });

  it('dismisses the notice, through the background', async () => {
    await open();
    await click(popup.byTestId('recovery-dismiss'));
    expect(sent('popup→background:dismiss-recovery')).toEqual([{ type: 'popup→background:dismiss-recovery', key: KEY }]);
    expect(popup.byTestId('recovery-notice')).toBeNull();
  });

  it('says when saved data can be neither read nor set aside, and when saving fails for lack of room', async () => {
    view = { recoveries: [], problem: 'the saved data has no services: it is not ours (the old data stays in place: storage is full)', fullSince: '2025-09-03T08:00:00.000Z' };
    await open();
    expect(popup.text('recovery-problem')).toMatch(/cannot read its saved data.*no room.*saves nothing new.*not ours/);
    expect(popup.text('storage-full')).toMatch(/Since 3 September 2025 .*storage for it is full/);
  });

  it('shows nothing when nothing was set aside, or when the background cannot say', async () => {
    view = { recoveries: [kept({ dismissedAt: '2025-09-02T00:00:00.000Z' })], problem: null, fullSince: null };
    await open();
    expect(popup.byTestId('recovery-notice')).toBeNull();
    expect(popup.byTestId('choice-panel') ?? popup.root.querySelector('.choice-panel')).not.toBeNull();
    popup.unmount();
    view = undefined as unknown as RecoveriesView;
    await open();
    expect(popup.byTestId('recovery-notice')).toBeNull();
    expect(popup.byTestId('popup-error')).toBeNull();
  });
});
