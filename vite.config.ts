import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import source from './manifest.json' with { type: 'json' };
import { classicContentScript } from './scripts/classic-content-script';

/**
 * `vite build --mode firefox` (npm run build:firefox) builds the same sources into dist-firefox/.
 * Firefox MV3 has no service workers for extensions: the background runs as an event page from
 * `background.scripts` (CRXJS writes that shape, with its module loader, when told the browser).
 * Firefox also needs an add-on id and, since 140, the data-collection declaration; it warns
 * about keys it does not know, so the Chrome-only ones are dropped.
 */
const GECKO_ID = 'consent-lens@consent-lens.dev';
/** The first releases that read `data_collection_permissions`: 140 (an ESR) on desktop, 142 on Android. */
const FIREFOX_MIN = '140.0';
const FIREFOX_ANDROID_MIN = '142.0';
const CHROME_ONLY_KEYS = ['minimum_chrome_version'] as const;

/**
 * What CRXJS builds: everything but the content script, which scripts/classic-content-script.ts
 * builds as classic scripts and puts back into the built manifest.
 */
const { content_scripts: contentScripts, ...manifest } = source;

function firefoxManifest(source: typeof manifest): ManifestV3Export {
  const out: Record<string, unknown> = { ...source };
  for (const key of CHROME_ONLY_KEYS) delete out[key];
  out.background = { scripts: [source.background.service_worker], type: 'module' };
  out.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: FIREFOX_MIN,
      // Nothing leaves the browser: no telemetry, no uploads (see README, Permissions).
      data_collection_permissions: { required: ['none'] },
    },
    gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN },
  };
  // CRXJS's manifest type has no `gecko_android`; the shape is checked by web-ext lint (test/firefox).
  return out as unknown as ManifestV3Export;
}

/** dom-accessibility-api's ES5 polyfills → the built-ins (src/shared/native/). */
const ROOT = fileURLToPath(new URL('.', import.meta.url));
const NATIVE = [
  { find: /^\.\/polyfills\/SetLike\.mjs$/, replacement: fileURLToPath(new URL('./src/shared/native/set-like.ts', import.meta.url)) },
  { find: /^\.\/polyfills\/array\.from\.mjs$/, replacement: fileURLToPath(new URL('./src/shared/native/array-from.ts', import.meta.url)) },
];

/**
 * With `modulePreload` off, no dynamic import has anything to preload, so Vite's preload helper
 * (1.7 KB in every page, with code that writes <link> tags into the page's <head>) would only
 * call the import. This one does just that. The build fails if an import ever has dependencies
 * to preload again (then this helper would be wrong).
 */
const PRELOAD_HELPER = '\0vite/preload-helper.js';
function plainDynamicImports(): Plugin {
  return {
    name: 'consent-lens:plain-dynamic-imports',
    enforce: 'pre',
    resolveId: (id) => (id === PRELOAD_HELPER ? id : null),
    load: (id) => (id === PRELOAD_HELPER ? 'export const __vitePreload = (load) => load();' : null),
    generateBundle(_options, bundle) {
      for (const [file, out] of Object.entries(bundle)) {
        if (out.type === 'chunk' && out.code.includes('__vite__mapDeps')) this.error(`${file}: a dynamic import has dependencies to preload; vite.config.ts's plain helper would skip them`);
      }
    },
  };
}

export default defineConfig(({ mode }) => {
  const firefox = mode === 'firefox';
  const target = firefox ? 'firefox140' : 'chrome120';
  return {
    plugins: [
      plainDynamicImports(),
      preact(),
      firefox ? crx({ manifest: firefoxManifest(manifest), browser: 'firefox' }) : crx({ manifest: manifest as ManifestV3Export }),
      classicContentScript({ root: ROOT, contentScripts, capture: 'src/content/capture-entry.ts', target, alias: NATIVE }),
    ],
    resolve: { alias: NATIVE },
    build: {
      outDir: firefox ? 'dist-firefox' : 'dist',
      emptyOutDir: true,
      target,
      // Vite's preload helper would add <link rel="modulepreload" href="/assets/…"> to the page's
      // own <head> when the content script loads its capture code: a request to the page's
      // origin, and a trace of us in its DOM. Extension pages gain nothing from it either.
      modulePreload: false,
      sourcemap: false,
    },
    server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  };
});
