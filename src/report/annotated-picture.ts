/**
 * The annotated picture, drawn: the raw picture with a red box, a numbered badge and a callout
 * on each training control, the accept action outlined in dashed blue for comparison, and a
 * legend beside it with the stamp (stamp.ts) at its foot. One renderer over any 2D canvas
 * context: the background draws on an OffscreenCanvas in its worker (capture-draw.ts), the CLI
 * on one in a blank page (src/cli/annotate.ts). What it shows comes from annotation.ts; page
 * text reaches the picture only through fillText, never as markup.
 */
import type { Annotation } from './annotation';

/** CSS px: the legend's column, right of the picture. */
export const LEGEND_WIDTH = 380;

export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** The raw picture: what to draw (null: nothing, for unit-test fakes), its size in CSS px, and device px per CSS px. */
export interface RawImage {
  image: CanvasImageSource | null;
  width: number;
  height: number;
  scale: number;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
const RED = '#dc2626';
const BLUE = '#2563eb';

/** Word-wraps `text` to lines no wider than `width`, as `measure` says; a word too long is cut. */
export function wrapText(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      // A word wider than the line (a URL, a hash): cut it where it stops fitting.
      let rest = word;
      while (measure(rest) > width && rest.length > 1) {
        let n = rest.length - 1;
        while (n > 1 && measure(rest.slice(0, n)) > width) n--;
        lines.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

interface TextLine {
  text: string;
  font: string;
  colour: string;
  /** Space above the line. */
  gap: number;
  height: number;
  indent: number;
}

function roundRect(ctx: Context2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

/**
 * Sizes `ctx`'s canvas to the annotated picture and draws it: (raw width + LEGEND_WIDTH) wide,
 * as tall as the raw picture or the legend with its stamp, whichever is taller.
 */
export function drawAnnotated(ctx: Context2D, a: Annotation, raw: RawImage): void {
  const { width: W, height: H, scale } = raw;
  const measure = (font: string) => (s: string): number => {
    ctx.font = font;
    return ctx.measureText(s).width;
  };

  // The legend, laid out first: its height decides the picture's.
  const legend: TextLine[] = [];
  const inner = LEGEND_WIDTH - 32;
  const add = (text: string, font: string, colour: string, gap: number, height: number, indent = 0): void => {
    wrapText(text, inner - indent, measure(font)).forEach((line, i) => legend.push({ text: line, font, colour, gap: i === 0 ? gap : 0, height, indent }));
  };
  add('Consent Lens', `700 16px ${FONT}`, '#0f172a', 0, 22);
  add(a.heading, `600 13px ${FONT}`, '#0f172a', 2, 18);
  for (const m of a.marks) {
    add(`${m.n}. ${m.label || '(no label)'} — ${m.state.toUpperCase()}${m.box ? '' : ' (not visible in the picture)'}`, `700 13px ${FONT}`, '#0f172a', 12, 18);
    for (const f of m.findings) add(`• ${f}`, `400 12px ${FONT}`, '#1f2937', 2, 16, 8);
  }
  for (const line of a.lines) add(line, `400 12px ${FONT}`, '#334155', 10, 16);
  const legendHeight = 16 + legend.reduce((h, l) => h + l.gap + l.height, 0) + 16;

  // The stamp, at the foot of the legend.
  const footerFont = `400 12px ${FONT}`;
  const footer = a.footer.flatMap((line) => wrapText(line, LEGEND_WIDTH - 24, measure(footerFont)));
  const footerHeight = 12 + footer.length * 16 + 10;
  const height = Math.max(H, legendHeight + footerHeight);

  // Resizing the canvas resets the context: everything is set anew below.
  ctx.canvas.width = Math.round((W + LEGEND_WIDTH) * scale);
  ctx.canvas.height = Math.round(height * scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  if (raw.image) ctx.drawImage(raw.image, 0, 0);
  ctx.scale(scale, scale);
  ctx.textBaseline = 'top';

  // The accept action, dashed blue, for comparison.
  for (const p of a.primary) {
    ctx.save();
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 2;
    ctx.strokeStyle = BLUE;
    ctx.strokeRect(p.box.x - 3, p.box.y - 3, p.box.width + 6, p.box.height + 6);
    ctx.restore();
    ctx.font = `600 11px ${FONT}`;
    const label = `accept action: ${p.label}`;
    const lw = Math.min(ctx.measureText(label).width + 12, W);
    const ly = p.box.y - 24 >= 0 ? p.box.y - 24 : p.box.y + p.box.height + 6;
    ctx.fillStyle = BLUE;
    roundRect(ctx, p.box.x - 3, ly, lw, 18, 3);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.fillText(label, p.box.x + 3, ly + 3, lw - 12);
  }

  // The training controls: a red box, a numbered badge, a callout beside it.
  for (const m of a.marks) {
    if (!m.box) continue;
    const b = m.box;
    ctx.lineWidth = 5;
    ctx.strokeStyle = '#ffffff';
    ctx.strokeRect(b.x - 5, b.y - 5, b.width + 10, b.height + 10);
    ctx.lineWidth = 3;
    ctx.strokeStyle = RED;
    ctx.strokeRect(b.x - 5, b.y - 5, b.width + 10, b.height + 10);
    ctx.beginPath();
    ctx.arc(Math.max(12, b.x - 6), Math.max(12, b.y - 6), 11, 0, Math.PI * 2);
    ctx.fillStyle = RED;
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
    ctx.fillStyle = '#ffffff';
    ctx.font = `700 12px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.fillText(String(m.n), Math.max(12, b.x - 6), Math.max(12, b.y - 6) - 7);
    ctx.textAlign = 'start';

    const font = `600 12px ${FONT}`;
    const lines = wrapText(`${m.n}. ${m.callout}`, 284, measure(font));
    ctx.font = font;
    const cw = Math.min(300, Math.max(...lines.map((l) => ctx.measureText(l).width)) + 16);
    const ch = lines.length * 16 + 8;
    const right = b.x + b.width + 14;
    const cx = right + cw <= W ? right : Math.max(0, b.x - 14 - cw);
    const cy = Math.max(0, Math.min(b.y - 4, H - ch));
    ctx.fillStyle = RED;
    roundRect(ctx, cx, cy, cw, ch, 4);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    lines.forEach((l, i) => ctx.fillText(l, cx + 8, cy + 4 + i * 16));
  }

  // The legend.
  ctx.fillStyle = '#f8fafc';
  ctx.fillRect(W, 0, LEGEND_WIDTH, height);
  ctx.fillStyle = '#cbd5e1';
  ctx.fillRect(W, 0, 1, height);
  let y = 16;
  for (const l of legend) {
    y += l.gap;
    ctx.font = l.font;
    ctx.fillStyle = l.colour;
    ctx.fillText(l.text, W + 16 + l.indent, y);
    y += l.height;
  }

  // The stamp.
  const top = height - footerHeight;
  ctx.fillStyle = '#0f172a';
  ctx.fillRect(W, top, LEGEND_WIDTH, footerHeight);
  ctx.fillStyle = '#f8fafc';
  ctx.font = footerFont;
  footer.forEach((l, i) => ctx.fillText(l, W + 12, top + 12 + i * 16));
}
