/**
 * Synthetic chat-app pages for the benchmark: the Claude fixture's own stylesheet and terms
 * dialog around a generated conversation (sidebar of recent chats, user and assistant messages
 * with paragraphs, lists, code blocks and action buttons, a composer with one ordinary switch),
 * grown to a given number of elements. Deterministic: the same size gives the same page.
 *
 * Every page also carries, in <head>, a small script of its own (`window.__page`): insert or
 * remove the dialog (kept in a <template>, which no walk or scan enters) and stream a long reply.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../src/cli/https-fixture-server';

const SOURCE = readFileSync(join(FIXTURES_DIR, 'claude-terms-grace-switch.html'), 'utf8');
const HEAD = SOURCE.slice(SOURCE.indexOf('<head>') + '<head>'.length, SOURCE.indexOf('</head>'));
/** The Radix backdrop and the terms dialog with its pre-set training switch. */
const DIALOG = SOURCE.slice(SOURCE.indexOf('<div data-state="open" class="fixed inset-0'), SOURCE.indexOf('</body>')).trim();

const WORDS = (
  'the a of to and in that is for it with as on this be are by or from at an we can which you your will ' +
  'function value list table query result order city river budget recipe garden letter meeting chapter ' +
  'index loop array string number return first second next before after because since while each every ' +
  'simple faster cleaner example instead usually often maybe really also quite rather between around'
).split(' ');
const CODE = ['const', 'let', 'return', 'if', 'for', 'await', 'import', 'export', 'function', '=>', 'null', 'true'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Counts the elements it emits (one per opening tag). */
class Out {
  parts: string[] = [];
  elements = 0;
  open(tag: string, attrs = ''): void {
    this.elements++;
    this.parts.push(`<${tag}${attrs ? ` ${attrs}` : ''}>`);
  }
  close(tag: string): void {
    this.parts.push(`</${tag}>`);
  }
  leaf(tag: string, attrs: string, text: string): void {
    this.open(tag, attrs);
    this.parts.push(text);
    this.close(tag);
  }
  text(t: string): void {
    this.parts.push(t);
  }
  icon(d: string): void {
    this.open('svg', 'width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" aria-hidden="true"');
    this.open('path', `d="${d}"`);
    this.close('path');
    this.close('svg');
  }
}

function sentence(r: () => number, n: number): string {
  const w: string[] = [];
  for (let i = 0; i < n; i++) w.push(WORDS[Math.floor(r() * WORDS.length)]!);
  const s = w.join(' ');
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

function userMessage(o: Out, r: () => number): void {
  o.open('div', 'class="flex justify-end py-2" data-testid="user-message"');
  o.open('div', 'class="max-w-xl rounded-2xl bg-stone-200 px-4 py-2 text-[15px]"');
  o.leaf('p', '', sentence(r, 8 + Math.floor(r() * 20)));
  o.close('div');
  o.close('div');
}

function assistantMessage(o: Out, r: () => number): void {
  o.open('div', 'class="group relative flex gap-3 py-4" data-testid="assistant-message"');
  o.open('div', 'class="flex size-7 shrink-0 items-center justify-center rounded-full bg-orange-600 text-white"');
  o.icon('M8 2v12M2 8h12');
  o.close('div');
  o.open('div', 'class="min-w-0 flex-1 space-y-3 text-[15px] leading-relaxed text-stone-900"');
  o.open('p');
  o.text(`${sentence(r, 12)} `);
  o.leaf('strong', 'class="font-semibold"', WORDS[Math.floor(r() * WORDS.length)]!);
  o.text(` ${sentence(r, 10)} `);
  o.leaf('code', 'class="rounded-sm bg-stone-200 px-1 font-mono text-sm"', 'items.map()');
  o.text(` ${sentence(r, 8)}`);
  o.close('p');
  o.open('ul', 'class="space-y-1 pl-3"');
  for (let i = 0; i < 3; i++) {
    o.open('li');
    o.text(sentence(r, 6 + Math.floor(r() * 8)));
    if (i === 1) o.leaf('em', '', ' mostly');
    o.close('li');
  }
  o.close('ul');
  if (r() < 0.6) {
    o.open('pre', 'class="overflow-auto rounded-lg bg-stone-900 p-3 text-sm text-white"');
    o.open('code', 'class="font-mono"');
    for (let i = 0; i < 6; i++) {
      o.leaf('span', `class="tok-${i % 3}"`, CODE[Math.floor(r() * CODE.length)]!);
      o.text(` ${WORDS[Math.floor(r() * WORDS.length)]}\n`);
    }
    o.close('code');
    o.close('pre');
  }
  o.leaf('p', '', sentence(r, 14));
  o.close('div');
  o.open('div', 'class="absolute bottom-0 right-4 flex gap-1 text-stone-500"');
  for (const [label, d] of [['Copy', 'M4 4h8v8H4z'], ['Retry', 'M3 8a5 5 0 1 0 2-4'], ['Give positive feedback', 'M4 9l3 3 5-7'], ['Give negative feedback', 'M4 4l8 8M12 4l-8 8']] as const) {
    o.open('button', `type="button" aria-label="${label}" class="inline-flex size-7 items-center justify-center rounded-md hover:bg-stone-100"`);
    o.icon(d);
    o.close('button');
  }
  o.close('div');
  o.close('div');
}

export interface ChatPageOptions {
  /** How many elements the page should have (the generated body grows until it reaches this). */
  elements: number;
  /** Whether the terms dialog is in the page from the start. */
  dialog: boolean;
}

export interface ChatPage {
  html: string;
  /** Elements in the generated markup (the browser may add a few, e.g. <tbody>). */
  elements: number;
}

export function chatPage({ elements, dialog }: ChatPageOptions): ChatPage {
  const r = rng(elements);
  const o = new Out();
  // The fixture's <head> holds about a dozen elements.
  const fixed = (HEAD.match(/<(meta|title|style)\b/g) ?? []).length + 3; // + html, head, body
  const dialogElements = (DIALOG.match(/<[a-z][\w-]*/g) ?? []).length;
  const target = elements - fixed - (dialog ? dialogElements : 0);

  o.open('div', `id="root" class="flex h-screen w-full overflow-hidden bg-stone-100 text-stone-900"${dialog ? ' aria-hidden="true"' : ''}`);
  o.open('nav', 'aria-label="Sidebar" class="flex h-full w-72 shrink-0 flex-col border-r border-stone-200 bg-stone-50 px-3 py-3"');
  o.open('ul', 'class="flex min-h-0 flex-1 flex-col gap-0.5 overflow-hidden text-sm"');
  const recents = Math.min(60, Math.max(5, Math.floor(target / 200)));
  for (let i = 0; i < recents; i++) {
    o.open('li');
    o.leaf('a', `href="/chat/${i}" class="block truncate rounded-lg px-2 py-1.5 text-stone-700"`, sentence(r, 4));
    o.close('li');
  }
  o.close('ul');
  o.close('nav');
  o.open('main', 'class="flex min-w-0 flex-1 flex-col"');
  o.open('div', 'id="thread" class="min-h-0 flex-1 overflow-y-auto px-8"');
  o.open('div', 'class="mx-auto max-w-3xl"');
  // The composer below takes about 14 elements; the closing reply container 1.
  while (o.elements < target - 16) {
    if (o.elements % 2 === 0) userMessage(o, r);
    else assistantMessage(o, r);
  }
  o.open('div', 'id="reply" class="space-y-3 text-[15px] leading-relaxed" data-testid="assistant-message"');
  o.close('div');
  o.close('div');
  o.close('div');
  o.open('form', 'class="mx-auto mb-4 w-full max-w-3xl rounded-2xl border border-stone-300 bg-white p-4 shadow-sm"');
  o.leaf('div', 'contenteditable="true" role="textbox" aria-label="Write your prompt" class="text-base text-stone-400"', 'How can I help you today?');
  o.open('div', 'class="mt-4 flex items-center justify-between"');
  o.open('label', 'class="flex items-center gap-2 text-sm text-stone-600"');
  o.open('button', 'type="button" role="switch" aria-checked="false" data-state="unchecked" aria-label="Extended thinking" class="inline-flex h-5 w-9 items-center rounded-full bg-stone-200"');
  o.leaf('span', 'data-state="unchecked" class="block size-4 rounded-full bg-white"', '');
  o.close('button');
  o.leaf('span', '', 'Extended thinking');
  o.close('label');
  o.open('button', 'type="submit" aria-label="Send message" class="inline-flex size-8 items-center justify-center rounded-lg bg-orange-600 text-white"');
  o.icon('M8 13V3M3 8l5-5 5 5');
  o.close('button');
  o.close('div');
  o.close('form');
  o.close('main');
  o.close('div');

  const html = `<!DOCTYPE html>
<html lang="en">
<head>${HEAD}<script>${PAGE_SCRIPT}</script>
</head>
<body${dialog ? ' style="pointer-events: none;"' : ''}>
${o.parts.join('')}
<template id="bench-dialog">${DIALOG}</template>
${dialog ? DIALOG : ''}
</body>
</html>`;
  return { html, elements: fixed + o.elements + 1 + (dialog ? dialogElements : 0) };
}

/**
 * The page's own script (main world). `__page.insertDialog()` returns performance.now() at the
 * insertion; `__page.stream(ms)` appends a reply as a markdown renderer would (a few words into
 * the current paragraph every 40 ms, a new paragraph, list or code block every few chunks,
 * the thread kept scrolled to the bottom) and resolves with the number of chunks.
 */
const PAGE_SCRIPT = `
(() => {
  const words = ${JSON.stringify(WORDS)};
  let seed = 7;
  const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const word = () => words[Math.floor(rand() * words.length)];
  window.__page = {
    insertDialog() {
      const t = document.getElementById('bench-dialog');
      const frag = t.content.cloneNode(true);
      const at = performance.now();
      document.body.append(frag);
      return at;
    },
    removeDialog() {
      for (const el of document.querySelectorAll('body > [role=dialog], body > .fixed.inset-0')) el.remove();
    },
    stream(ms) {
      // A fixed number of chunks (one per 40 ms of the nominal duration), so every run does the
      // same work however late a busy machine fires the timers.
      const total = Math.round(ms / 40);
      return new Promise((done) => {
        const reply = document.getElementById('reply');
        let block = null;
        let chunks = 0;
        const tick = () => {
          if (chunks >= total) return done(chunks);
          if (!block || chunks % 12 === 0) {
            const kind = chunks % 60 === 0 ? 'pre' : chunks % 36 === 0 ? 'ul' : 'p';
            block = document.createElement(kind);
            if (kind === 'pre') { const c = document.createElement('code'); block.append(c); reply.append(block); block = c; }
            else if (kind === 'ul') { const li = document.createElement('li'); block.append(li); reply.append(block); block = li; }
            else reply.append(block);
          }
          const n = 2 + Math.floor(rand() * 4);
          let text = '';
          for (let i = 0; i < n; i++) text += ' ' + word();
          if (chunks % 7 === 3) { const s = document.createElement('strong'); s.textContent = text; block.append(s); }
          else block.append(document.createTextNode(text));
          chunks++;
          const thread = document.getElementById('thread');
          thread.scrollTop = thread.scrollHeight;
          setTimeout(tick, 40);
        };
        tick();
      });
    },
  };
})();
`;
