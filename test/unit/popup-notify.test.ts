/* "Notify me": permissions first, inside the click; then the preference. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SENTENCES } from '../../src/popup/api';
import { answer, claude, click, makeBrowser, mount, servicesView, settle, type Mounted } from './popup-helpers';

const browser = vi.hoisted(() => ({}) as ReturnType<typeof makeBrowser>);
vi.mock('webextension-polyfill', () => ({ default: browser }));

let popup: Mounted;
let notifications = false;

async function open(): Promise<HTMLInputElement> {
  answer(browser, {
    tab: () => ({ tabId: 7, report: null, service: claude() }),
    services: () => servicesView({ prefs: { notifications } }),
  });
  popup = await mount(7);
  await settle();
  return popup.byTestId('notify-toggle') as HTMLInputElement;
}

const prefsCalls = (): unknown[] =>
  browser.runtime.sendMessage.mock.calls.map((c) => c[0] as { type: string }).filter((m) => m.type === 'popup→background:set-prefs');

beforeEach(() => {
  Object.assign(browser, makeBrowser());
  notifications = false;
});
afterEach(() => popup.unmount());

describe('notify toggle', () => {
  it('is a labelled switch showing the stored preference', async () => {
    notifications = true;
    const toggle = await open();
    expect(toggle.getAttribute('role')).toBe('switch');
    expect(toggle.checked).toBe(true);
    expect(toggle.closest('label')!.textContent).toContain('Notify me');
  });

  it('turning on asks for the optional permissions during the click, then saves', async () => {
    const toggle = await open();
    const order: string[] = [];
    browser.permissions.request.mockImplementation(async () => {
      order.push('request');
      return true;
    });
    browser.runtime.sendMessage.mockImplementation(async (m: { type: string }) => {
      if (m.type === 'popup→background:set-prefs') order.push('set-prefs');
      return m.type === 'popup→background:get-services' ? servicesView() : undefined;
    });
    // Synchronously inside the click's dispatch: browsers grant permissions only then.
    toggle.click();
    expect(browser.permissions.request).toHaveBeenCalledWith({ permissions: ['notifications'] });
    await settle();
    expect(order).toEqual(['request', 'set-prefs']);
    expect(prefsCalls()).toEqual([{ type: 'popup→background:set-prefs', prefs: { notifications: true } }]);
    expect(toggle.checked).toBe(true);
  });

  it('stays off and saves nothing when the permission is refused', async () => {
    const toggle = await open();
    browser.permissions.request.mockResolvedValue(false);
    await click(toggle);
    expect(toggle.checked).toBe(false);
    expect(prefsCalls()).toEqual([]);
    expect(popup.root.textContent).toContain(SENTENCES.permission);
  });

  it('turning off saves false without asking for anything', async () => {
    notifications = true;
    const toggle = await open();
    await click(toggle);
    expect(browser.permissions.request).not.toHaveBeenCalled();
    expect(prefsCalls()).toEqual([{ type: 'popup→background:set-prefs', prefs: { notifications: false } }]);
    expect(toggle.checked).toBe(false);
  });

  it('puts the switch back and says so when saving fails', async () => {
    notifications = true;
    const toggle = await open();
    browser.runtime.sendMessage.mockRejectedValue(new Error('Extension context invalidated.'));
    await click(toggle);
    expect(toggle.checked).toBe(true);
    expect(popup.text('popup-error')).toBe(SENTENCES.prefs);
  });
});
