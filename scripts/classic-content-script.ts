/**
 * Vite plugin: the content script as classic, self-contained scripts at the extension's root
 * (src/shared/content-files.ts), instead of CRXJS's module loader.
 *
 * CRXJS builds a content script as a loader that imports its chunks from the extension, which
 * only works if those chunks are `web_accessible_resources` for every site the script runs on —
 * and then any such site can fetch one to learn that Consent Lens is installed (Chrome extension
 * ids are fixed). A classic script needs nothing of the kind, so the built manifest has no
 * web-accessible resources at all. The capture code, which only a capture needs, is its own
 * script: the background injects it (`scripting.executeScript`).
 *
 * The manifest given to CRXJS carries no `content_scripts`; this plugin writes the two scripts
 * once the extension is built and puts `content_scripts` (the source manifest's, with `js` set
 * to CONTENT_FILE) into the built manifest.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build, type Alias, type Plugin, type Rollup } from 'vite';
import { CAPTURE_FILE, CONTENT_FILE } from '../src/shared/content-files';

export interface ContentScriptEntry {
  matches: string[];
  js: string[];
  run_at?: string;
}

interface Options {
  root: string;
  /** The source manifest's content scripts (their `js` is the source entry). */
  contentScripts: readonly ContentScriptEntry[];
  /** The capture's entry, relative to `root`. */
  capture: string;
  target: string;
  alias: Alias[];
}

async function classicScript(root: string, entry: string, target: string, alias: Alias[]): Promise<string> {
  const out = (await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    resolve: { alias },
    build: {
      write: false,
      target,
      minify: true,
      sourcemap: false,
      modulePreload: false,
      reportCompressedSize: false,
      lib: { entry: resolve(root, entry), formats: ['iife'], name: 'consentLens', fileName: () => 'script.js' },
    },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const chunks = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output).filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`${entry}: expected one script, got ${chunks.length}`);
  const code = chunks[0]!.code;
  // A classic script cannot import; anything that still does would fail on the page.
  if (/\bimport\s*\(|^\s*import\s/m.test(code)) throw new Error(`${entry}: the classic build still imports a module`);
  return code;
}

export function classicContentScript(opts: Options): Plugin {
  let outDir = '';
  return {
    name: 'consent-lens:classic-content-script',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const entries = [...new Set(opts.contentScripts.flatMap((cs) => cs.js))];
      if (entries.length !== 1) throw new Error(`manifest.json: expected one content-script entry, got ${entries.length}`);
      const [content, capture] = await Promise.all([
        classicScript(opts.root, entries[0]!, opts.target, opts.alias),
        classicScript(opts.root, opts.capture, opts.target, opts.alias),
      ]);
      await writeFile(join(outDir, CONTENT_FILE), content);
      await writeFile(join(outDir, CAPTURE_FILE), capture);
      const path = join(outDir, 'manifest.json');
      const manifest = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
      manifest.content_scripts = opts.contentScripts.map((cs) => ({ ...cs, js: [CONTENT_FILE] }));
      delete manifest.web_accessible_resources;
      await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
}
