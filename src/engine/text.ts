/** Reading text as a person sees it, within a budget. */

export function normalise(text: string): string {
  return text.replace(/[\s\u00a0\u202f\u200b]+/g, ' ').trim();
}

/**
 * The rendered text of an element (innerText keeps line breaks between blocks and skips what
 * is not rendered), cut to `budget` characters. Elements that are not rendered give their
 * textContent, which is what a person finds once they open the container.
 */
export function renderedText(el: Element, budget: number): string {
  const raw = (el as HTMLElement).innerText ?? el.textContent ?? '';
  return raw.length > budget ? raw.slice(0, budget) : raw;
}

/** Lines of rendered text, each normalised, empty ones dropped. */
export function lines(el: Element, budget: number): string[] {
  return renderedText(el, budget)
    .split(/\n+/)
    .map(normalise)
    .filter(Boolean);
}

/** Cut on a word boundary with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Split into sentences, keeping CJK full stops. */
export function sentences(text: string): string[] {
  return text.split(/(?<=[.!?。！？])\s+|(?<=[。！？])|\n+/).map(normalise).filter(Boolean);
}
