/**
 * "Check all sites": the optional host permission the popup and the options page ask for, and
 * what the background answers about it. The permission is the only state: the background keeps
 * a dynamically registered content script exactly while it is held.
 */
export const ALL_SITES_ORIGINS = ['https://*/*', 'http://*/*'];

/** Reply to the …→background:sync-all-sites messages. */
export interface AllSitesStatus {
  /** The browser grants access to all http(s) sites. */
  granted: boolean;
  /** The content script is registered for them (it should be exactly when `granted`). */
  registered: boolean;
}
