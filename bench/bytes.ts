/**
 * What a matching page loads for the content script, read from a built extension: the files
 * the manifest's `content_scripts` name, plus every chunk they pull in — static imports,
 * dynamic imports, and the `runtime.getURL("…")` a CRXJS loader imports its entry through.
 */
import { readFile } from 'node:fs/promises';
import { join, normalize, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestLike {
  content_scripts?: Array<{ js?: string[]; css?: string[] }>;
}

const REFERENCES = [
  /\bimport\s*(?:[\w$*{}\s,]+\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g, // import x from "./a.js", import "./a.js"
  /\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g, // import("./a.js")
  /\bgetURL\(\s*["']\/?([^"']+\.js)["']\s*\)/g, // runtime.getURL("assets/a.js"): relative to the extension root
];

/** Paths relative to `dist`, in the order they are reached (manifest entries first). */
export async function contentScriptChunks(dist: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(dist, 'manifest.json'), 'utf8')) as ManifestLike;
  const queue = (manifest.content_scripts ?? []).flatMap((cs) => [...(cs.js ?? []), ...(cs.css ?? [])]).map((f) => posix.normalize(f));
  const seen: string[] = [];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.includes(file)) continue;
    seen.push(file);
    if (!file.endsWith('.js')) continue;
    const code = await readFile(join(dist, file), 'utf8');
    for (const [i, re] of REFERENCES.entries()) {
      for (const m of code.matchAll(re)) {
        const ref = m[1]!;
        const resolved = i === 2 ? posix.normalize(ref) : posix.join(posix.dirname(file), ref);
        if (!seen.includes(resolved)) queue.push(normalize(resolved).split('\\').join('/'));
      }
    }
  }
  return seen;
}

export interface ContentScriptSize {
  files: Array<{ file: string; bytes: number; gzip: number }>;
  bytes: number;
  gzip: number;
  /** A UI renderer (Preact's `dangerouslySetInnerHTML` path) made it into the content script. */
  hasPreact: boolean;
}

export async function contentScriptSize(dist: string): Promise<ContentScriptSize> {
  const files: ContentScriptSize['files'] = [];
  let hasPreact = false;
  for (const file of await contentScriptChunks(dist)) {
    const buf = await readFile(join(dist, file));
    files.push({ file, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
    if (buf.includes('dangerouslySetInnerHTML')) hasPreact = true;
  }
  return {
    files,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    gzip: files.reduce((s, f) => s + f.gzip, 0),
    hasPreact,
  };
}
