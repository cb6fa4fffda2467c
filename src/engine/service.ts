/** Which service's rule applies to a page: by host, or for a saved page by the site's own name. */
import type { Rule } from '../rules/schema';

function hostMatches(host: string, pattern: string): boolean {
  const bare = pattern.replace(/^\*\./, '');
  return host === bare || host.endsWith(`.${bare}`);
}

export function ruleForUrl(url: string, rules: readonly Rule[]): Rule | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  if (!host) return null;
  return rules.find((r) => r.hosts.some((h) => hostMatches(host, h))) ?? null;
}

export function ruleForSiteName(doc: Document, rules: readonly Rule[]): Rule | null {
  // In <head> (a saved page keeps it there): not a query over the whole page.
  const names = Array.from((doc.head ?? doc).querySelectorAll('meta[property="og:site_name"], meta[name="application-name"]'))
    .map((m) => (m.getAttribute('content') ?? '').trim().toLowerCase())
    .filter(Boolean);
  if (!names.length) return null;
  return rules.find((r) => r.siteNames.some((n) => names.includes(n.toLowerCase()))) ?? null;
}

/** Whether `url` is the rule's settings page (same host, path under it, and the hash it names). */
export function isSettingsUrl(url: string, rule: Rule | null): boolean {
  if (!rule) return false;
  try {
    const u = new URL(url);
    const s = new URL(rule.settings.url);
    if (u.hostname !== s.hostname) return false;
    if (s.pathname !== '/' && !u.pathname.startsWith(s.pathname)) return false;
    return !s.hash || u.hash.toLowerCase().startsWith(s.hash.toLowerCase());
  } catch {
    return false;
  }
}
