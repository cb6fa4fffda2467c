/**
 * A catalogue sentence with elements inside it ("Decide by <time>8 October 2025</time>"): the
 * element's place is given to the browser as a marker substitution, and the returned sentence is
 * cut at the markers. Translators move the placeholder; the element follows it.
 */
import { Fragment, type ComponentChildren, type VNode } from 'preact';

/** The substitution that marks slot `i` (a private-use character no translation contains). */
export const slot = (i: number): string => String.fromCharCode(0xe000 + i);

export function withSlots(text: string, elements: ComponentChildren[]): VNode {
  const out: ComponentChildren[] = [];
  let rest = text;
  for (;;) {
    let at = -1;
    let which = -1;
    elements.forEach((_, i) => {
      const p = rest.indexOf(slot(i));
      if (p >= 0 && (at < 0 || p < at)) {
        at = p;
        which = i;
      }
    });
    if (at < 0) break;
    if (at > 0) out.push(rest.slice(0, at));
    out.push(<Fragment key={which}>{elements[which]}</Fragment>);
    rest = rest.slice(at + 1);
  }
  if (rest) out.push(rest);
  return <>{out}</>;
}
