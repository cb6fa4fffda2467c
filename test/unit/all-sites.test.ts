/* "Check all sites": the registered content script follows the permission (src/background/all-sites.ts). */
import { describe, expect, it } from 'vitest';
import { ALL_SITES_SCRIPT_ID, syncAllSites, wantedScript, type AllSitesPort, type ContentScript } from '../../src/background/all-sites';
import { ALL_SITES_ORIGINS } from '../../src/shared/all-sites';
import { route } from '../../src/background/router';
import { BUILTIN_RULES } from '../../src/rules';
import { BASE, EXTENSION_ID, fakeWorld } from './background-fakes';

const STATIC = [{ js: ['assets/index.ts-loader-AbC.js'], matches: ['https://claude.ai/*', 'https://chatgpt.com/*'] }];

function fakePort(opts: { granted?: boolean; scripts?: typeof STATIC; failRegister?: boolean } = {}) {
  const state = { granted: opts.granted ?? false, registered: new Map<string, ContentScript>(), calls: [] as string[] };
  const port: AllSitesPort = {
    granted: async (origins) => {
      expect(origins).toEqual(ALL_SITES_ORIGINS);
      return state.granted;
    },
    manifestContentScripts: () => opts.scripts ?? STATIC,
    registered: async (ids) => ids.flatMap((id) => (state.registered.has(id) ? [structuredClone(state.registered.get(id)!)] : [])),
    register: async (scripts) => {
      state.calls.push('register');
      if (opts.failRegister) throw new Error('Duplicate script ID');
      for (const s of scripts) state.registered.set(s.id, structuredClone(s));
    },
    unregister: async (ids) => {
      state.calls.push('unregister');
      for (const id of ids) state.registered.delete(id);
    },
  };
  return { port, state };
}
const warn = (): void => undefined;

describe('wantedScript', () => {
  it('is the built manifest\'s content script on every http(s) site but the rule hosts, at document idle, top frame only', () => {
    expect(wantedScript(STATIC)).toEqual({
      id: ALL_SITES_SCRIPT_ID,
      js: ['assets/index.ts-loader-AbC.js'],
      matches: ['https://*/*', 'http://*/*'],
      excludeMatches: ['https://claude.ai/*', 'https://chatgpt.com/*'],
      runAt: 'document_idle',
      allFrames: false,
      persistAcrossSessions: true,
    });
    expect(wantedScript([])).toBeNull();
  });
});

describe('syncAllSites', () => {
  it('registers while the permission is held, once', async () => {
    const { port, state } = fakePort({ granted: true });
    expect(await syncAllSites(port, warn)).toEqual({ granted: true, registered: true });
    expect(await syncAllSites(port, warn)).toEqual({ granted: true, registered: true });
    expect(state.calls).toEqual(['register']);
    expect(state.registered.get(ALL_SITES_SCRIPT_ID)?.js).toEqual(STATIC[0]!.js);
  });

  it('registers nothing without the permission, and unregisters when it goes', async () => {
    const { port, state } = fakePort();
    expect(await syncAllSites(port, warn)).toEqual({ granted: false, registered: false });
    expect(state.calls).toEqual([]);
    state.granted = true;
    await syncAllSites(port, warn);
    state.granted = false;
    expect(await syncAllSites(port, warn)).toEqual({ granted: false, registered: false });
    expect(state.registered.size).toBe(0);
  });

  it('replaces a registration left by an older build (other file names)', async () => {
    const { port, state } = fakePort({ granted: true });
    state.registered.set(ALL_SITES_SCRIPT_ID, { ...wantedScript(STATIC)!, js: ['assets/index.ts-loader-OLD.js'] });
    expect(await syncAllSites(port, warn)).toEqual({ granted: true, registered: true });
    expect(state.calls).toEqual(['unregister', 'register']);
    expect(state.registered.get(ALL_SITES_SCRIPT_ID)?.js).toEqual(STATIC[0]!.js);
  });

  it('runs one call at a time and never throws; a failure shows in the status', async () => {
    const { port } = fakePort({ granted: true, failRegister: true });
    const warned: string[] = [];
    const [a, b] = await Promise.all([syncAllSites(port, (m) => warned.push(m)), syncAllSites(port, (m) => warned.push(m))]);
    expect(a).toEqual({ granted: true, registered: false });
    expect(b).toEqual({ granted: true, registered: false });
    expect(warned).toHaveLength(2);
  });

  it('answers the popup and the options page, and nobody else', async () => {
    const world = fakeWorld();
    const { port } = fakePort({ granted: true });
    const deps = { port: world.port, rules: BUILTIN_RULES, allSites: port, now: () => new Date(), warn };
    const page = { id: EXTENSION_ID, url: `${BASE}src/popup/index.html` };
    expect(await route({ type: 'popup→background:sync-all-sites' }, page, deps)).toEqual({ granted: true, registered: true });
    expect(await route({ type: 'options→background:sync-all-sites' }, { ...page, url: `${BASE}src/options/index.html` }, deps)).toEqual({ granted: true, registered: true });
    expect(route({ type: 'popup→background:sync-all-sites' }, { id: EXTENSION_ID, url: 'https://evil.test/', tab: { id: 1 }, frameId: 0 }, deps)).toBeUndefined();
  });
});
