/**
 * What a matching page loads for the content script, read from a built extension: the files
 * the manifest's `content_scripts` name, plus every chunk they pull in — static imports and the
 * `runtime.getURL("…")` a CRXJS loader imports its entry through (loaded on every page: the
 * budget's figure), and dynamic imports (loaded when a feature asks: counted apart). The content
 * script is now built as classic scripts with nothing to import (scripts/classic-content-script.ts);
 * the capture code, which the background injects when a capture starts (CAPTURE_FILE), also
 * counts apart.
 */
import { access, readFile } from 'node:fs/promises';
import { join, normalize, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CAPTURE_FILE } from '../src/shared/content-files';

interface ManifestLike {
  content_scripts?: Array<{ js?: string[]; css?: string[] }>;
}

const REFERENCES: Array<{ re: RegExp; dynamic: boolean; fromRoot: boolean }> = [
  // import x from "./a.js", import "./a.js"
  { re: /\bimport\s*(?:[\w$*{}\s,]+\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g, dynamic: false, fromRoot: false },
  // import("./a.js"), import(`./a.js`): loaded when the code asks (the evidence capture)
  { re: /\bimport\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g, dynamic: true, fromRoot: false },
  // runtime.getURL("assets/a.js"): how a CRXJS loader imports its entry, at once; relative to the extension root
  { re: /\bgetURL\(\s*["'`]\/?([^"'`]+\.js)["'`]\s*\)/g, dynamic: false, fromRoot: true },
];

export interface Chunk {
  file: string;
  /** Reached only through a dynamic import: loaded when a feature asks for it, not on every page. */
  onDemand: boolean;
}

/** Every file a content script can load, relative to `dist`, in the order reached (every-page files first). */
export async function contentScriptGraph(dist: string): Promise<Chunk[]> {
  const manifest = JSON.parse(await readFile(join(dist, 'manifest.json'), 'utf8')) as ManifestLike;
  const entries = (manifest.content_scripts ?? []).flatMap((cs) => [...(cs.js ?? []), ...(cs.css ?? [])]).map((f) => posix.normalize(f));
  const edges = new Map<string, Array<{ to: string; dynamic: boolean }>>();
  const refs = async (file: string): Promise<Array<{ to: string; dynamic: boolean }>> => {
    let out = edges.get(file);
    if (out) return out;
    out = [];
    if (file.endsWith('.js')) {
      const code = await readFile(join(dist, file), 'utf8');
      for (const { re, dynamic, fromRoot } of REFERENCES) {
        for (const m of code.matchAll(re)) {
          const ref = m[1]!;
          const resolved = fromRoot ? posix.normalize(ref) : posix.join(posix.dirname(file), ref);
          out.push({ to: normalize(resolved).split('\\').join('/'), dynamic });
        }
      }
    }
    edges.set(file, out);
    return out;
  };
  const reach = async (start: string[], followDynamic: boolean): Promise<string[]> => {
    const seen: string[] = [];
    const queue = [...start];
    while (queue.length) {
      const file = queue.shift()!;
      if (seen.includes(file)) continue;
      seen.push(file);
      for (const e of await refs(file)) if ((followDynamic || !e.dynamic) && !seen.includes(e.to)) queue.push(e.to);
    }
    return seen;
  };
  const everyPage = await reach(entries, false);
  const injected = (await access(join(dist, CAPTURE_FILE)).then(() => true, () => false)) ? [CAPTURE_FILE] : [];
  const all = await reach([...entries, ...injected], true);
  return [...everyPage.map((file) => ({ file, onDemand: false })), ...all.filter((f) => !everyPage.includes(f)).map((file) => ({ file, onDemand: true }))];
}

/** Paths relative to `dist` of every file a content script can load (every-page files first). */
export async function contentScriptChunks(dist: string): Promise<string[]> {
  return (await contentScriptGraph(dist)).map((c) => c.file);
}

export interface ContentScriptSize {
  files: Array<{ file: string; bytes: number; gzip: number; onDemand: boolean }>;
  /** What every matching page loads (the budget's figure). */
  bytes: number;
  gzip: number;
  /** Loaded only when a feature asks for it (the evidence capture). */
  onDemandBytes: number;
  /** A UI renderer (Preact's `dangerouslySetInnerHTML` path) made it into the content script. */
  hasPreact: boolean;
}

export async function contentScriptSize(dist: string): Promise<ContentScriptSize> {
  const files: ContentScriptSize['files'] = [];
  let hasPreact = false;
  for (const { file, onDemand } of await contentScriptGraph(dist)) {
    const buf = await readFile(join(dist, file));
    files.push({ file, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length, onDemand });
    if (buf.includes('dangerouslySetInnerHTML')) hasPreact = true;
  }
  const every = files.filter((f) => !f.onDemand);
  return {
    files,
    bytes: every.reduce((s, f) => s + f.bytes, 0),
    gzip: every.reduce((s, f) => s + f.gzip, 0),
    onDemandBytes: files.filter((f) => f.onDemand).reduce((s, f) => s + f.bytes, 0),
    hasPreact,
  };
}
