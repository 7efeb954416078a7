/**
 * Figures for slides: a view's pixels as PNG (and its SVG where it is one SVG), for download or
 * the clipboard. A view is whatever its container draws with canvases and SVGs (a decision
 * boundary is a canvas under an SVG of points): each is painted where it sits on screen, in DOM
 * order, onto one white canvas at twice the resolution. HTML text around them is not part of it.
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

/** Paint every canvas and outermost SVG inside `container` onto one PNG, as laid out on screen. */
export async function figurePng(container: Element, scale = 2): Promise<Blob> {
  const box = container.getBoundingClientRect();
  const out = document.createElement('canvas');
  out.width = Math.max(1, Math.round(box.width * scale));
  out.height = Math.max(1, Math.round(box.height * scale));
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2-D canvas');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, out.width, out.height);
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
