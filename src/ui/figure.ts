/**
 * Figures for slides: a view's pixels as PNG (and its SVG where it is one SVG), for download or
 * the clipboard. A view is whatever its container draws with canvases and SVGs (a decision
 * boundary is a canvas under an SVG of points): each is painted where it sits on screen, in DOM
 * order, onto one white canvas at twice the resolution. HTML parts (a table of numbers, bars made
 * of boxes, labels) are painted as their boxes' backgrounds and their text, in the computed font
 * and colour: enough for a slide, not a browser's full rendering (no borders, images or shadows).
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A standalone SVG document of `svg` as drawn: its size, a white background, the page's font. */
export function svgMarkup(svg: SVGSVGElement, background = true): string {
  const font = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans SC", sans-serif';
  const rect = svg.getBoundingClientRect();
  const width = Math.round(rect.width || Number(svg.getAttribute('width')) || 300);
  const height = Math.round(rect.height || Number(svg.getAttribute('height')) || 150);
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, copy);
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  if (!copy.getAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  copy.setAttribute('font-family', font);
  copy.setAttribute('font-size', getComputedStyle(svg).fontSize || '12px');
  if (background) {
    const bg = document.createElementNS(SVG_NS, 'rect');
    bg.setAttribute('width', '100%');
    bg.setAttribute('height', '100%');
    bg.setAttribute('fill', '#fff');
    copy.insertBefore(bg, copy.firstChild);
  }
  return new XMLSerializer().serializeToString(copy);
}

/** What the page's stylesheet gives an SVG's parts (a class's fill, say): a standalone file has no stylesheet. */
const INLINED = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'fill-opacity', 'stroke-opacity', 'font-size', 'font-weight', 'visibility'] as const;

/** Copy the computed look of every element of `from` onto its twin in `to` (the same tree, cloned). */
function inlineStyles(from: Element, to: Element): void {
  const a = [from, ...from.querySelectorAll('*')];
  const b = [to, ...to.querySelectorAll('*')];
  a.forEach((el, i) => {
    const twin = b[i];
    if (!twin || !(el instanceof SVGElement)) return;
    const cs = getComputedStyle(el);
    for (const prop of INLINED) {
      const v = cs.getPropertyValue(prop);
      if (v) twin.setAttribute(prop, v);
    }
  });
}

/** The one SVG a view is, or null when it has canvases or several SVGs (then PNG only). */
export function soleSvg(container: Element): SVGSVGElement | null {
  const svgs = [...container.querySelectorAll('svg')].filter((s) => !s.parentElement?.closest('svg'));
  return svgs.length === 1 && !container.querySelector('canvas') ? svgs[0] : null;
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the figure could not be drawn'));
    img.src = url;
  });
}

/** A colour CSS computed that paints something (not transparent). */
function painted(colour: string): boolean {
  return !!colour && colour !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(colour);
}

/** The elements of `container` outside canvases and SVGs that show on screen. */
function htmlParts(container: Element): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>('*')].filter((el) => el instanceof HTMLElement && !el.closest('svg') && !(el instanceof HTMLCanvasElement));
}

/** Paint the HTML boxes' backgrounds (a bar's fill, a cell's shade), as laid out, under everything else. */
function paintBackgrounds(ctx: CanvasRenderingContext2D, container: Element, box: DOMRect, scale: number): void {
  for (const el of htmlParts(container)) {
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none' || !painted(cs.backgroundColor)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    ctx.globalAlpha = Number(cs.opacity) || 1;
    ctx.fillStyle = cs.backgroundColor;
    ctx.fillRect((r.left - box.left) * scale, (r.top - box.top) * scale, r.width * scale, r.height * scale);
    ctx.globalAlpha = 1;
  }
}

/** Paint the HTML text, each run where it is laid out, in its computed font and colour. */
function paintText(ctx: CanvasRenderingContext2D, container: Element, box: DOMRect, scale: number): void {
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = node.textContent ?? '';
    if (!parent || !text.trim() || parent.closest('svg') || parent.closest('.figure-actions')) continue;
    const cs = getComputedStyle(parent);
    if (cs.visibility === 'hidden' || cs.display === 'none' || parent.closest('[hidden]')) continue;
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()];
    if (rects.length === 0) continue;
    ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${parseFloat(cs.fontSize) * scale}px ${cs.fontFamily}`;
    ctx.fillStyle = cs.color;
    ctx.textBaseline = 'middle';
    // One line: the whole run; wrapped: its words (characters, for text without spaces) shared
    // out over the lines' boxes by their widths.
    const trimmed = text.trim();
    const spaced = /\s/.test(trimmed);
    const words = rects.length === 1 ? [trimmed] : spaced ? trimmed.split(/\s+/) : Array.from(trimmed);
    const total = rects.reduce((a, q) => a + q.width, 0) || 1;
    let w = 0;
    rects.forEach((r, i) => {
      if (r.width === 0) return;
      const next = i === rects.length - 1 ? words.length : Math.min(words.length, w + Math.max(1, Math.round((words.length * r.width) / total)));
      const line = words.slice(w, next).join(rects.length === 1 || spaced ? ' ' : '');
      w = next;
      ctx.fillText(line, (r.left - box.left) * scale, (r.top + r.height / 2 - box.top) * scale);
    });
  }
  range.detach();
}

/** Paint every canvas and outermost SVG inside `container` onto one PNG, as laid out on screen, with its HTML boxes and text. */
export async function figurePng(container: Element, scale = 2): Promise<Blob> {
  const box = container.getBoundingClientRect();
  const out = document.createElement('canvas');
  out.width = Math.max(1, Math.round(box.width * scale));
  out.height = Math.max(1, Math.round(box.height * scale));
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2-D canvas');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, out.width, out.height);
  paintBackgrounds(ctx, container, box, scale);
  const parts = [...container.querySelectorAll('canvas, svg')].filter((el) => !(el instanceof SVGElement && el.parentElement?.closest('svg')));
  for (const el of parts) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const x = (r.left - box.left) * scale;
    const y = (r.top - box.top) * scale;
    if (el instanceof HTMLCanvasElement) {
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(el, x, y, r.width * scale, r.height * scale);
    } else if (el instanceof SVGSVGElement) {
      const url = URL.createObjectURL(new Blob([svgMarkup(el, false)], { type: 'image/svg+xml' }));
      try {
        ctx.imageSmoothingEnabled = true;
        ctx.drawImage(await loadImage(url), x, y, r.width * scale, r.height * scale);
      } finally {
        URL.revokeObjectURL(url);
      }
    }
  }
  paintText(ctx, container, box, scale);
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'));
}

/** Hand the browser a file to save. */
export function saveBlob(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Put a PNG on the clipboard; false where the browser does not allow it (then save instead). */
export async function copyPng(blob: Blob): Promise<boolean> {
  try {
    if (typeof ClipboardItem === 'undefined' || !navigator.clipboard?.write) return false;
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
    return true;
  } catch {
    return false;
  }
}
