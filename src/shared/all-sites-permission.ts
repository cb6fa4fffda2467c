/**
 * The "Check all sites" permission as the popup and the options page ask for it. Each page then
 * asks the background to bring the registered content script in line, in its own words.
 */
import browser from 'webextension-polyfill';
import { ALL_SITES_ORIGINS } from './all-sites';

/** Whether "Check all sites" is on (the optional host permission is held). */
export async function allSitesGranted(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: ALL_SITES_ORIGINS });
  } catch {
    return false;
  }
}

/**
 * Asks for (or gives back) access to all sites. The browser grants only while it handles the
 * user's click, so call this synchronously from the click handler: the request starts before any
 * await. Resolves whether the browser changed anything; never rejects.
 */
export function changeAllSitesPermission(on: boolean): Promise<boolean> {
  return on
    ? browser.permissions.request({ origins: ALL_SITES_ORIGINS }).catch(() => false)
    : browser.permissions.remove({ origins: ALL_SITES_ORIGINS }).catch(() => false);
}
