/**
 * SHA-256 over bytes (Web Crypto: the same call in a page, a service worker and Node 20), and
 * the SHA256SUMS file in exactly the format `sha256sum -c` checks.
 */

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // Web Crypto wants an ArrayBuffer-backed view; a view over a SharedArrayBuffer is copied.
  const view = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', view));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * `<64 hex>  <name>\n` per file (two spaces: text mode), sorted by name. As GNU coreutils
 * does, a name holding a backslash or a line break is escaped and its line starts with "\".
 */
export function formatSha256Sums(files: readonly { name: string; sha256: string }[]): string {
  return [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ name, sha256 }) => {
      if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a lower-case SHA-256: ${sha256}`);
      const escaped = name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
      return `${escaped === name ? '' : '\\'}${sha256}  ${escaped}\n`;
    })
    .join('');
}
