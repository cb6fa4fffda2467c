/* "Check all sites" in the popup: the host permission is asked for inside the click, then the background registers. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answer, claude, click, makeBrowser, mount, servicesView, settle, type Mounted } from './popup-helpers';
import { i18nFor } from './i18n-helpers';

const browser = vi.hoisted(() => ({}) as ReturnType<typeof makeBrowser>);
vi.mock('webextension-polyfill', () => ({ default: browser }));

let popup: Mounted;
let granted = false;
const ORIGINS = ['https://*/*', 'http://*/*'];

async function open(): Promise<HTMLInputElement> {
  answer(browser, { tab: () => ({ tabId: 7, report: null, service: claude() }), services: () => servicesView() });
  const background = browser.runtime.sendMessage.getMockImplementation()!;
  browser.runtime.sendMessage.mockImplementation(async (m: { type: string }) =>
    m.type === 'popup→background:sync-all-sites' ? { granted, registered: granted } : background(m),
  );
  browser.permissions.contains.mockImplementation(async () => granted);
  popup = await mount(7);
  await settle();
  return popup.byTestId('all-sites-toggle') as HTMLInputElement;
}
const syncs = (): number => browser.runtime.sendMessage.mock.calls.filter((c) => (c[0] as { type: string }).type === 'popup→background:sync-all-sites').length;

beforeEach(() => {
  Object.assign(browser, makeBrowser());
  granted = false;
});
afterEach(() => popup.unmount());

describe('check all sites', () => {
  it('shows the permission as it is', async () => {
    granted = true;
    const toggle = await open();
    expect(toggle.getAttribute('role')).toBe('switch');
    expect(toggle.checked).toBe(true);
    expect(toggle.closest('label')!.textContent).toBe('Check all sites');
  });

  it('asks for all sites in the click itself, then has the background register', async () => {
    const toggle = await open();
    browser.permissions.request.mockImplementation(async () => {
      granted = true;
      return true;
    });
    await click(toggle);
    expect(browser.permissions.request).toHaveBeenCalledWith({ origins: ORIGINS });
    expect(syncs()).toBe(1);
    expect(toggle.checked).toBe(true);
    expect(popup.text('all-sites-note')).toBe('Consent Lens now checks every site you open. Reload tabs that are already open to check them.');
  });

  it('stays off and says why when the browser refuses', async () => {
    const toggle = await open();
    browser.permissions.request.mockResolvedValue(false);
    await click(toggle);
    expect(toggle.checked).toBe(false);
    expect(popup.text('all-sites-note')).toBe('The browser did not allow access to all sites, so Consent Lens checks only the services it has rules for.');
  });

  it('gives the permission back when switched off', async () => {
    granted = true;
    const toggle = await open();
    browser.permissions.remove.mockImplementation(async () => {
      granted = false;
      return true;
    });
    await click(toggle);
    expect(browser.permissions.remove).toHaveBeenCalledWith({ origins: ORIGINS });
    expect(browser.permissions.request).not.toHaveBeenCalled();
    expect(toggle.checked).toBe(false);
    expect(syncs()).toBe(1);
  });

  it('speaks German in German', async () => {
    browser.i18n = i18nFor('de');
    const toggle = await open();
    expect(toggle.closest('label')!.textContent).toBe('Alle Websites prüfen');
  });
});
