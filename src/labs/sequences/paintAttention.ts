import { interpolateBlues } from 'd3';
import { toRgb } from '../../charts/colors';
import type { AttentionMap } from '../../training/protocol';
import { headSlice, isMasked } from '../../charts/attentionScores';

/** Pixels of the attention and positional-encoding heatmaps: colour tables and ImageData fills. */

/**
 * A sequential RGBA lookup table over [0, 1] (entry 0 is 0, entry steps−1 is 1), near-white to deep
 * blue: an attention weight is a share of the query's attention, so 0 is "nothing" and no diverging
 * scale applies. Same blue family as the diverging scale's positive end.
 */
export function buildSequentialTable(steps = 256): Uint8ClampedArray {
  const n = Math.max(2, Math.floor(steps));
  const table = new Uint8ClampedArray(n * 4);
  for (let k = 0; k < n; k++) {
    // interpolateBlues starts at #f7fbff; the last 5% (navy) is dropped so labels stay readable.
    const [r, g, b] = toRgb(interpolateBlues((0.95 * k) / (n - 1)));
    table.set([r, g, b, 255], k * 4);
  }
  return table;
}

let sharedSequential: Uint8ClampedArray | null = null;

/** The default 256-step sequential table, built once and shared. */
export function sequentialTable(): Uint8ClampedArray {
  if (!sharedSequential) sharedSequential = buildSequentialTable();
  return sharedSequential;
}

/** Colours of a masked (causal) cell: a light grey with darker diagonal stripes. */
export const MASK_LIGHT: readonly [number, number, number] = [236, 239, 242];
export const MASK_STRIPE: readonly [number, number, number] = [184, 191, 199];

/**
 * Write head `h` of `map` as RGBA pixels into `out` (length ≥ S·cellPx × T·cellPx × 4), each weight
 * a `cellPx × cellPx` block: row t at the top, key s to the right. Masked cells are grey, hatched with
 * diagonal stripes when a cell has room for them (cellPx ≥ 3). Non-finite weights paint as 0.
 */
export function fillAttentionPixels(out: Uint8ClampedArray, map: AttentionMap, h: number, cellPx: number, table: Uint8ClampedArray): void {
  const { rows, cols } = map;
  const c = Math.max(1, Math.floor(cellPx));
  const width = cols * c;
  const last = (table.length >> 2) - 1;
  const w = headSlice(map, h);
  const hatch = c >= 3;
  for (let t = 0; t < rows; t++) {
    for (let s = 0; s < cols; s++) {
      const masked = isMasked(map, t, s);
      const v = w[t * cols + s];
      const k = masked ? 0 : Number.isFinite(v) ? Math.round(Math.min(1, Math.max(0, v)) * last) * 4 : 0;
      for (let y = t * c; y < (t + 1) * c; y++) {
        let o = (y * width + s * c) * 4;
        for (let x = s * c; x < (s + 1) * c; x++, o += 4) {
          if (masked) {
            const rgb = hatch && (x + y) % 4 === 0 ? MASK_STRIPE : MASK_LIGHT;
            out[o] = rgb[0];
            out[o + 1] = rgb[1];
            out[o + 2] = rgb[2];
            out[o + 3] = 255;
          } else {
            out[o] = table[k];
            out[o + 1] = table[k + 1];
            out[o + 2] = table[k + 2];
            out[o + 3] = table[k + 3];
          }
        }
      }
    }
  }
}

/**
 * Write `count` values as RGBA pixels with a diverging table over [−1, 1] (`colors.ts`), each value
 * divided by `scale` first; a scale of 0 or a non-finite value paints the middle (zero) colour.
 */
export function fillDivergingPixels(out: Uint8ClampedArray, values: Float32Array, count: number, scale: number, table: Uint8ClampedArray): void {
  const last = (table.length >> 2) - 1;
  const half = last / 2;
  const inv = scale > 0 && Number.isFinite(scale) ? 1 / scale : 0;
  const n = Math.min(count, values.length, out.length >> 2);
  for (let i = 0; i < n; i++) {
    const v = values[i] * inv;
    const k = Number.isFinite(v) ? Math.round((Math.min(1, Math.max(-1, v)) + 1) * half) * 4 : Math.round(half) * 4;
    const o = i * 4;
    out[o] = table[k];
    out[o + 1] = table[k + 1];
    out[o + 2] = table[k + 2];
    out[o + 3] = table[k + 3];
  }
}

/** The 2-D context methods the painters use. */
export type PixelContext = Pick<CanvasRenderingContext2D, 'createImageData' | 'putImageData'>;

const images = new WeakMap<object, ImageData>();

/**
 * A `width × height` ImageData reused per context: the attention grid repaints several times a
 * second, so it allocates nothing once the sizes settle.
 */
export function imageFor(ctx: PixelContext, width: number, height: number): ImageData {
  const cached = images.get(ctx);
  if (cached && cached.width === width && cached.height === height) return cached;
  const image = ctx.createImageData(width, height);
  images.set(ctx, image);
  return image;
}

/** Paint head `h` of `map` into a canvas of S·cellPx × T·cellPx pixels. */
export function paintAttention(ctx: PixelContext, map: AttentionMap, h: number, cellPx: number, table = sequentialTable()): void {
  const c = Math.max(1, Math.floor(cellPx));
  const image = imageFor(ctx, map.cols * c, map.rows * c);
  fillAttentionPixels(image.data, map, h, c, table);
  ctx.putImageData(image, 0, 0);
}
