/**
 * `npm run new-rule NAME` — scaffolds a new service rule, ready to be filled in:
 *
 *   src/rules/services/NAME.json      a rule that passes validation, with placeholders
 *                                     (hosts under the reserved `.example` domain, TODO texts)
 *   src/rules/index.ts                the rule registered in BUILTIN_RULES
 *   test/fixtures/NAME-settings.html  a skeleton settings page with one training switch
 *   test/engine/expectations.ts       an entry for that fixture (it passes on the skeleton)
 *
 * and prints the README line and a checklist. The placeholders keep everything green except
 * test/unit/rules-meta.test.ts, which fails — naming what is left — until every placeholder is
 * replaced, the hosts are in manifest.json and the e2e routes, and README lists the service.
 * Refuses a NAME that is not a valid rule id, or one that already has a rule or a fixture.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateRule } from '../src/rules/schema';

/** What marks a placeholder; the meta-test refuses a rule that still has one. */
export const PLACEHOLDER_TLD = '.example';
export const TODO = 'TODO';

export class ScaffoldError extends Error {
  constructor(
    message: string,
    /** 2: bad name (usage), 1: it exists or a file could not be changed. */
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = 'ScaffoldError';
  }
}

const ID = /^[a-z][a-z0-9-]{1,30}$/;

export function checkName(name: string | undefined): string {
  if (!name) throw new ScaffoldError('usage: npm run new-rule NAME   (NAME: the rule id, e.g. "deepseek")', 2);
  if (!ID.test(name)) {
    throw new ScaffoldError(`"${name}" is not a valid rule id: use 2–31 lower-case letters, digits and dashes, starting with a letter`, 2);
  }
  return name;
}

/** "le-chat" → "leChat": the identifier the rule is imported as. */
export function identifier(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

export function ruleSkeleton(name: string): Record<string, unknown> {
  const host = `${name}${PLACEHOLDER_TLD}`;
  return {
    id: name,
    name: `${TODO}: the service's name`,
    vendor: `${TODO}: the company`,
    hosts: [host],
    siteNames: [`${TODO}: og:site_name`],
    settings: {
      url: `https://${host}/settings/privacy`,
      path: `${TODO}: Settings › Privacy › the setting`,
      control: `${TODO}: the setting's own name`,
    },
    defaultState: 'unknown',
    phrases: { en: [`train ${name} models`] },
    translatedPhrases: [],
    deadlines: [],
    notes: [{ text: `${TODO}: what a user should know, with its source.`, source: `https://${host}/help` }],
  };
}

export function fixtureSkeleton(name: string): string {
  const url = `https://${name}${PLACEHOLDER_TLD}/settings/privacy`;
  const len = String(url.length).padStart(4, '0');
  return `<!-- saved from url=(${len})${url} -->
<!DOCTYPE html>
<!--
  ${TODO}(${name}): replace this skeleton with the service's real page, saved with Chrome's
  "Save page as…" (keep the saved-from line above, with the real address) or rebuilt as
  faithfully as you can: its CSS, its markup for the switch, its own words. Say here what is
  confirmed and what is approximate. The page must load nothing (no external CSS, fonts or
  images): the end-to-end tests fail on any request.
-->
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Privacy settings</title>
<meta property="og:site_name" content="${TODO}: og:site_name">
<style>
body{margin:0;font-family:system-ui,sans-serif;color:#1f2937;background:#f9fafb}
main{max-width:640px;margin:48px auto;padding:24px;background:#fff;border:1px solid #e5e7eb;border-radius:12px}
h1{margin:0 0 16px;font-size:20px}
.row{display:flex;align-items:center;justify-content:space-between;gap:16px;padding:12px 0;border-top:1px solid #e5e7eb}
.switch{position:relative;display:inline-flex;align-items:center;width:36px;height:20px;padding:2px;border:0;border-radius:999px;background:#d1d5db;cursor:pointer}
.switch[aria-checked=true]{background:#111827}
.switch span{display:block;width:16px;height:16px;border-radius:50%;background:#fff;transition:transform .15s}
.switch[aria-checked=true] span{transform:translateX(16px)}
</style>
</head>
<body>
<main>
  <section aria-labelledby="privacy-heading">
    <h1 id="privacy-heading">Privacy</h1>
    <div class="row">
      <span id="training-label">Use my chats to train ${name} models</span>
      <button type="button" role="switch" aria-checked="true" aria-labelledby="training-label" class="switch"><span></span></button>
    </div>
  </section>
</main>
</body>
</html>
`;
}

export function expectationStub(name: string): string {
  return `  {
    // ${TODO}(${name}): describe what the fixture shows and the numbers behind each finding
    // (sizes, colours, contrast), as the entries above do; then match the real page.
    file: '${name}-settings.html',
    service: '${name}',
    aiTraining: [{
      label: 'Use my chats to train ${name} models', state: 'on', kind: 'switch',
      findings: ['small-target'],
      visible: ['button[role="switch"][aria-labelledby="training-label"]'],
    }],
    surfaces: [{ kind: 'settings', title: 'Privacy', findings: [], primaryAction: null }],
    deadline: null,
  },
`;
}

export function readmeLine(name: string): string {
  return `- **${TODO}: service name** (\`${name}\`) — ${TODO}: the control as the service names it; where it lives; default. Fixture: \`test/fixtures/${name}-settings.html\`.`;
}

/** Adds the import and the BUILTIN_RULES entry to src/rules/index.ts; null when its shape is not the expected one. */
export function registerInIndex(source: string, name: string): string | null {
  const id = identifier(name);
  const imports = [...source.matchAll(/^import \w+ from '\.\/services\/[\w-]+\.json';$/gm)];
  const last = imports.at(-1);
  const list = /(export const BUILTIN_RULES: readonly Rule\[\] = \[)([\s\S]*?)(\];)/.exec(source);
  if (!last || last.index === undefined || !list) return null;
  const at = last.index + last[0].length;
  const withImport = `${source.slice(0, at)}\nimport ${id} from './services/${name}.json';${source.slice(at)}`;
  const entries = /(export const BUILTIN_RULES: readonly Rule\[\] = \[)([\s\S]*?)(\];)/.exec(withImport)!;
  const body = entries[2]!.replace(/\s*$/, '');
  const multiline = body.includes('\n');
  const added = multiline ? `${body}\n  ${id} as Rule,\n` : `${body}${body.trim() ? ', ' : ''}${id} as Rule`;
  return withImport.slice(0, entries.index) + entries[1] + added + entries[3] + withImport.slice(entries.index + entries[0].length);
}

/** Inserts the stub before the closing `];` of the expectations list. */
export function appendExpectation(source: string, name: string): string | null {
  const end = source.lastIndexOf('];');
  if (end < 0) return null;
  return source.slice(0, end) + expectationStub(name) + source.slice(end);
}

export interface Scaffolded {
  written: string[];
  readmeLine: string;
  checklist: string[];
}

export function scaffold(root: string, rawName: string | undefined): Scaffolded {
  const name = checkName(rawName);
  const paths = {
    rule: join(root, 'src/rules/services', `${name}.json`),
    index: join(root, 'src/rules/index.ts'),
    fixture: join(root, 'test/fixtures', `${name}-settings.html`),
    expectations: join(root, 'test/engine/expectations.ts'),
  };
  if (existsSync(paths.rule)) throw new ScaffoldError(`there is already a rule "${name}" (src/rules/services/${name}.json)`, 1);
  if (existsSync(paths.fixture)) throw new ScaffoldError(`test/fixtures/${name}-settings.html already exists`, 1);

  const rule = ruleSkeleton(name);
  const checked = validateRule(rule);
  if (!checked.ok) throw new ScaffoldError(`internal error, the skeleton is not valid: ${JSON.stringify(checked.problems)}`, 1);

  const index = registerInIndex(readFileSync(paths.index, 'utf8'), name);
  if (index === null) throw new ScaffoldError('src/rules/index.ts does not have the expected shape; register the rule by hand', 1);
  const expectations = appendExpectation(readFileSync(paths.expectations, 'utf8'), name);
  if (expectations === null) throw new ScaffoldError('test/engine/expectations.ts does not end with the expectations list', 1);

  writeFileSync(paths.rule, `${JSON.stringify(rule, null, 2)}\n`);
  writeFileSync(paths.fixture, fixtureSkeleton(name));
  writeFileSync(paths.index, index);
  writeFileSync(paths.expectations, expectations);

  return {
    written: [`src/rules/services/${name}.json`, `test/fixtures/${name}-settings.html`, 'src/rules/index.ts (registered)', 'test/engine/expectations.ts (entry appended)'],
    readmeLine: readmeLine(name),
    checklist: [
      `src/rules/services/${name}.json: replace every "${TODO}" and the "${name}${PLACEHOLDER_TLD}" host with the real ones — hosts, siteNames (og:site_name), the settings URL, path and control name, defaultState, phrases per language (list our own translations in translatedPhrases), deadlines and notes, each with an https source on the vendor's own pages. Do not guess: say "Uncertain:" in a note instead.`,
      `manifest.json: add "https://HOST/*" for every host to content_scripts[0].matches (exactly the rules' hosts).`,
      `src/cli/https-fixture-server.ts SERVED_HOSTS, test/helpers/https-server.ts SERVICE_PAGES and SERVICE_FIXTURES, and test/e2e/services.test.ts CASES: serve the fixture under each host and expect its highlight.`,
      `test/fixtures/${name}-settings.html: replace the skeleton with the real page (a look-alike toggle on the same page, if the service has one, makes a good negative: list it in the entry's "others").`,
      `test/engine/expectations.ts: make the "${name}-settings.html" entry describe the real page, with the measurements behind each finding.`,
      `README.md, section "Services": add the line printed above.`,
      'Check: npx vitest run --project unit test/unit/rules-meta.test.ts (it names what is still missing), then the unit, browser and e2e projects.',
    ],
  };
}

function main(): void {
  try {
    const result = scaffold(resolve(import.meta.dirname, '..'), process.argv[2]);
    const out = process.stdout;
    out.write(`Created:\n${result.written.map((f) => `  ${f}\n`).join('')}\n`);
    out.write(`README.md, under "## Services", add:\n\n${result.readmeLine}\n\n`);
    out.write(`Checklist:\n${result.checklist.map((c, i) => `  ${i + 1}. ${c}\n`).join('')}`);
  } catch (e) {
    if (!(e instanceof ScaffoldError)) throw e;
    process.stderr.write(`new-rule: ${e.message}\n`);
    process.exit(e.exitCode);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
