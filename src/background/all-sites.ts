/**
 * "Check all sites": the content script registered at run time for every http(s) site, exactly
 * while the optional host permission is held. The manifest's own content script keeps the rule
 * hosts (excluded here, so no page gets two copies); this one adds the generic heuristics (and
 * the user's own rules) everywhere else.
 *
 *   permission granted / revoked (popup, options, the browser's own UI) ─▶ permissions.onAdded/onRemoved ─┐
 *   runtime.onStartup / onInstalled (an update renames the built files)  ─────────────────────────────────┼─▶ syncAllSites
 *   popup / options after a click ─▶ …→background:sync-all-sites ─────────────────────────────────────────┘
 *
 * The script and its match patterns come from the built manifest at run time
 * (`content_scripts[0]`): the bundler names the files, and only the manifest knows the names.
 */
import { ALL_SITES_ORIGINS, type AllSitesStatus } from '../shared/all-sites';

export const ALL_SITES_SCRIPT_ID = 'consent-lens-all-sites';

export interface ContentScript {
  id: string;
  js?: string[];
  matches?: string[];
  excludeMatches?: string[];
  runAt?: 'document_start' | 'document_end' | 'document_idle';
  allFrames?: boolean;
  persistAcrossSessions?: boolean;
}

/** The slice of `permissions`, `scripting` and `runtime` this needs (browser-port.ts adapts the real ones). */
export interface AllSitesPort {
  /** Whether every origin of ALL_SITES_ORIGINS is granted. */
  granted(origins: string[]): Promise<boolean>;
  /** `runtime.getManifest().content_scripts` of the built extension. */
  manifestContentScripts(): { js?: string[]; matches?: string[] }[];
  registered(ids: string[]): Promise<ContentScript[]>;
  register(scripts: ContentScript[]): Promise<void>;
  unregister(ids: string[]): Promise<void>;
}

/** What should be registered while the permission is held; null when the manifest names no script. */
export function wantedScript(manifestScripts: { js?: string[]; matches?: string[] }[]): ContentScript | null {
  const first = manifestScripts[0];
  if (!first?.js?.length) return null;
  return {
    id: ALL_SITES_SCRIPT_ID,
    js: [...first.js],
    matches: [...ALL_SITES_ORIGINS],
    ...(first.matches?.length ? { excludeMatches: [...first.matches] } : {}),
    runAt: 'document_idle',
    allFrames: false,
    persistAcrossSessions: true,
  };
}

const same = (a: string[] | undefined, b: string[] | undefined): boolean => JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort());

function matchesWanted(have: ContentScript, want: ContentScript): boolean {
  return same(have.js, want.js) && same(have.matches, want.matches) && same(have.excludeMatches, want.excludeMatches);
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Registers the script when the permission is held and unregisters it when not; a registration
 * left by an older build (other file names) is replaced. Calls run one after another. Never
 * throws: failures are reported through `warn` and show in the returned status.
 */
export function syncAllSites(port: AllSitesPort, warn: (message: string, error?: unknown) => void): Promise<AllSitesStatus> {
  const run = async (): Promise<AllSitesStatus> => {
    let granted = false;
    try {
      granted = await port.granted(ALL_SITES_ORIGINS);
    } catch (e) {
      warn('could not read the all-sites permission', e);
    }
    let have: ContentScript | undefined;
    try {
      have = (await port.registered([ALL_SITES_SCRIPT_ID]))[0];
    } catch (e) {
      warn('could not list the registered content scripts', e);
    }
    const want = granted ? wantedScript(port.manifestContentScripts()) : null;
    try {
      if (have && (!want || !matchesWanted(have, want))) {
        await port.unregister([ALL_SITES_SCRIPT_ID]);
        have = undefined;
      }
      if (want && !have) {
        await port.register([want]);
        have = want;
      }
    } catch (e) {
      warn('could not bring the all-sites content script in line with the permission', e);
      try {
        have = (await port.registered([ALL_SITES_SCRIPT_ID]))[0];
      } catch {
        /* reported above */
      }
    }
    return { granted, registered: have !== undefined };
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}
