/**
 * Draws the annotated screenshot in a blank page: the raw picture, numbered boxes and callouts,
 * and a legend. Only createElement, textContent and style: page text is never parsed as HTML.
 */
export interface Mark {
  n: number;
  box: { x: number; y: number; width: number; height: number } | null;
  callout: string;
  label: string;
  state: string;
  findings: { severity: string; message: string }[];
}

export interface AnnotationData {
  png: string;
  width: number;
  height: number;
  marks: Mark[];
  primary: { x: number; y: number; width: number; height: number; label: string }[];
  heading: string;
  lines: string[];
  /** The stamp; one line per "\n". */
  footer: string;
}

/** Runs in the blank annotation page. */
export function drawAnnotation(d: AnnotationData & { legendWidth: number }): void {
  const doc = document;
  const el = (tag: string, css: string, text?: string): HTMLElement => {
    const e = doc.createElement(tag);
    e.style.cssText = css;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  doc.body.style.cssText = 'margin:0;font:13px/1.4 system-ui,sans-serif;color:#111;background:#fff;';
  const stage = el('div', `position:relative;width:${d.width}px;height:${d.height}px;float:left;overflow:hidden;`);
  const img = doc.createElement('img');
  img.src = d.png;
  img.style.cssText = `display:block;width:${d.width}px;height:${d.height}px;`;
  stage.append(img);
  for (const p of d.primary) {
    stage.append(el('div', `position:absolute;left:${p.x - 3}px;top:${p.y - 3}px;width:${p.width + 2}px;height:${p.height + 2}px;border:2px dashed #2563eb;border-radius:4px;`));
    stage.append(el('div', `position:absolute;left:${p.x}px;top:${Math.max(0, p.y - 22)}px;background:#2563eb;color:#fff;font-size:11px;padding:1px 6px;border-radius:3px;white-space:nowrap;`, `accept action: ${p.label}`));
  }
  for (const m of d.marks) {
    if (!m.box) continue;
    const b = m.box;
    stage.append(el('div', `position:absolute;left:${b.x - 4}px;top:${b.y - 4}px;width:${b.width + 4}px;height:${b.height + 4}px;border:3px solid #dc2626;border-radius:6px;box-shadow:0 0 0 2px #fff;`));
    const badge = el('div', `position:absolute;left:${b.x - 16}px;top:${b.y - 16}px;width:22px;height:22px;border-radius:50%;background:#dc2626;color:#fff;font-weight:700;text-align:center;line-height:22px;box-shadow:0 0 0 2px #fff;`, String(m.n));
    stage.append(badge);
    const right = b.x + b.width + 12;
    const callout = el('div', `position:absolute;top:${Math.max(0, b.y - 4)}px;max-width:300px;background:#dc2626;color:#fff;padding:4px 8px;border-radius:4px;font-weight:600;box-shadow:0 1px 4px rgba(0,0,0,.3);`, `${m.n}. ${m.callout}`);
    if (right + 300 <= d.width) callout.style.left = `${right}px`;
    else callout.style.right = `${Math.max(0, d.width - b.x + 12)}px`;
    stage.append(callout);
  }
  const legend = el('div', `float:left;box-sizing:border-box;width:${d.legendWidth}px;min-height:${d.height}px;padding:16px;background:#f8fafc;border-left:1px solid #cbd5e1;`);
  legend.append(el('div', 'font-size:16px;font-weight:700;margin-bottom:4px;', 'Consent Lens'));
  legend.append(el('div', 'font-weight:600;margin-bottom:12px;', d.heading));
  for (const m of d.marks) {
    const item = el('div', 'margin-bottom:12px;');
    item.append(el('div', 'font-weight:700;', `${m.n}. ${m.label || '(no label)'} — ${m.state.toUpperCase()}${m.box ? '' : ' (not visible on screen)'}`));
    const list = doc.createElement('ul');
    list.style.cssText = 'margin:4px 0 0;padding-left:18px;';
    for (const f of m.findings) list.append(el('li', '', `[${f.severity}] ${f.message}`));
    item.append(list);
    legend.append(item);
  }
  for (const line of d.lines) legend.append(el('div', 'margin-bottom:8px;', line));
  legend.append(el('div', 'margin-top:16px;color:#475569;font-size:11px;word-break:break-all;white-space:pre-line;', d.footer));
  doc.body.append(stage, legend);
}

