/**
 * Building HTML source as a string, safely: `html\`…\`` escapes every interpolated value unless
 * it is itself the result of `html`, so page text can only ever end up as text. Pure; works in
 * a page, a service worker and Node.
 */

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The one escaping function: text and attribute values alike (& < > " '). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** HTML source that came out of `html` (or was escaped on the way in). */
export class Markup {
  constructor(readonly source: string) {}
  toString(): string {
    return this.source;
  }
}

/** What may be interpolated: text is escaped, Markup is kept, null/undefined vanish. */
export type Part = Markup | string | number | null | undefined | readonly Part[];

function render(part: Part): string {
  if (part instanceof Markup) return part.source;
  if (part === null || part === undefined) return '';
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Markup {
  let out = strings[0] ?? '';
  for (const [i, part] of parts.entries()) out += render(part) + (strings[i + 1] ?? '');
  return new Markup(out);
}

/**
 * An address that may be a live link: only http(s), normalised by the URL parser. Anything
 * else (file:, javascript:, data:, junk) is shown as text only.
 */
export function linkableUrl(url: string): string | null {
  if (!/^https?:\/\//i.test(url.trim())) return null;
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * Base64 without Buffer: a binary string built in chunks (spreading a whole image into
 * String.fromCharCode would overflow the call stack), then btoa.
 */
export function toBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) parts.push(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  return btoa(parts.join(''));
}

/** The image type from its first bytes; captures are PNG, a browser may hand back JPEG. */
export function imageMime(bytes: Uint8Array): 'image/png' | 'image/jpeg' | 'application/octet-stream' {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return 'application/octet-stream';
}
