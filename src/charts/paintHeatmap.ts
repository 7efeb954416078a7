import { NEUTRAL_COLOR, toRgb, type Rgb } from './colors';

/**
 * Pure pixel painters for the heatmaps (decision boundary, neuron thumbnails).
 *
 * Layout of every grid: `size × size` cells, row-major, row 0 at the TOP of the picture (the
 * largest x₂) and column 0 at the LEFT (the smallest x₁) — the same order as canvas ImageData, so
 * painting is a straight copy with no flipping.
 *
 * Canvas choice: the canvas element is exactly `size × size` device pixels and CSS scales it up
 * with `image-rendering: auto`. The browser's bilinear filtering then blends neighbouring cells, so a
 * 50×50 grid looks like TF Playground's smooth field at a tiny fraction of the work of evaluating the
 * network once per screen pixel. Callers wanting hard cells can set `image-rendering: pixelated`.
 */

/** Options of {@link fillHeatmapPixels}. */
export interface HeatmapOptions {
  /** RGBA lookup table over [−1, 1] from `buildDivergingTable`. */
  table: Uint8ClampedArray;
  /** Snap each value to its sign (−1 or +1) to show the hard decision. */
  discretize?: boolean;
}

/**
 * Write RGBA pixels for `size × size` scalars in [−1, 1] into `out` (length ≥ size²·4).
 * Out-of-range values clamp; non-finite ones (a diverged network) paint the neutral colour.
 */
export function fillHeatmapPixels(
  out: Uint8ClampedArray,
  values: Float32Array,
  size: number,
  opts: HeatmapOptions,
): void {
  const { table } = opts;
  const steps = table.length >> 2;
  const last = steps - 1;
  const half = last / 2;
  const mid = Math.round(half);
  const n = Math.min(size * size, values.length, out.length >> 2);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let k: number;
    if (!Number.isFinite(v)) {
      k = v === Infinity ? last : v === -Infinity ? 0 : mid;
    } else if (opts.discretize) {
      // TF Playground's rule: zero counts as the positive side.
      k = v >= 0 ? last : 0;
    } else {
      k = Math.round((v + 1) * half);
      if (k < 0) k = 0;
      else if (k > last) k = last;
    }
    const o = i * 4;
    const t = k * 4;
    out[o] = table[t];
    out[o + 1] = table[t + 1];
    out[o + 2] = table[t + 2];
    out[o + 3] = table[t + 3];
  }
}

/** Options of {@link fillClassPixels}. */
export interface ClassFillOptions {
  /** One RGB colour per class, e.g. `classColorsRgb(numClasses)`. */
  colors: Rgb[];
  /** Paint the pure argmax colour instead of fading uncertain regions. */
  discretize?: boolean;
}

const NEUTRAL = toRgb(NEUTRAL_COLOR);

/**
 * Write RGBA pixels for per-class probabilities. `probs` is point-major: the C probabilities of cell
 * 0, then of cell 1, and so on. Each pixel gets its argmax class colour, faded toward the neutral
 * near-white by how unsure the network is: confidence (max − 1/C) / (1 − 1/C) goes from 0 at a
 * uniform guess to 1 at certainty, so a 2-class map shades exactly like the binary diverging map.
 * Fading toward the diverging scale's near-white (not pure white) keeps both maps consistent.
 */
export function fillClassPixels(
  out: Uint8ClampedArray,
  probs: Float32Array,
  size: number,
  numClasses: number,
  opts: ClassFillOptions,
): void {
  const C = Math.max(1, numClasses);
  const n = Math.min(size * size, Math.floor(probs.length / C), out.length >> 2);
  const floor = C > 1 ? 1 / C : 0;
  const span = 1 - floor;
  const [nr, ng, nb] = NEUTRAL;
  for (let i = 0; i < n; i++) {
    const base = i * C;
    let best = -1;
    let max = -Infinity;
    for (let c = 0; c < C; c++) {
      const p = probs[base + c];
      // `p > max` is false for NaN, so a broken probability never wins.
      if (p > max) {
        max = p;
        best = c;
      }
    }
    const o = i * 4;
    const color = best >= 0 ? opts.colors[best] : undefined;
    if (!color) {
      out[o] = nr;
      out[o + 1] = ng;
      out[o + 2] = nb;
    } else if (opts.discretize) {
      out[o] = color[0];
      out[o + 1] = color[1];
      out[o + 2] = color[2];
    } else {
      let conf = span > 0 ? (max - floor) / span : max;
      if (!(conf > 0)) conf = 0;
      else if (conf > 1) conf = 1;
      out[o] = nr + (color[0] - nr) * conf;
      out[o + 1] = ng + (color[1] - ng) * conf;
      out[o + 2] = nb + (color[2] - nb) * conf;
    }
    out[o + 3] = 255;
  }
}

/** The 2-D context methods the painters use; a small subset so tests can pass a fake. */
export type PaintContext = Pick<CanvasRenderingContext2D, 'createImageData' | 'putImageData'>;

// One reusable ImageData per context: painting runs every training frame, so avoid reallocating.
const imageCache = new WeakMap<object, ImageData>();

function imageFor(ctx: PaintContext, size: number): ImageData {
  const cached = imageCache.get(ctx);
  if (cached && cached.width === size && cached.height === size) return cached;
  const image = ctx.createImageData(size, size);
  imageCache.set(ctx, image);
  return image;
}

/** Put `size × size` RGBA `pixels` at the canvas origin (the canvas is expected to be size × size). */
export function paintGrid(ctx: PaintContext, pixels: Uint8ClampedArray, size: number): void {
  const image = imageFor(ctx, size);
  image.data.set(pixels.length > image.data.length ? pixels.subarray(0, image.data.length) : pixels);
  ctx.putImageData(image, 0, 0);
}

/** Fill and put a scalar heatmap in one step, writing straight into the cached ImageData. */
export function paintHeatmap(ctx: PaintContext, values: Float32Array, size: number, opts: HeatmapOptions): void {
  const image = imageFor(ctx, size);
  fillHeatmapPixels(image.data, values, size, opts);
  ctx.putImageData(image, 0, 0);
}

/** Fill and put a class-probability map in one step, writing straight into the cached ImageData. */
export function paintClasses(
  ctx: PaintContext,
  probs: Float32Array,
  size: number,
  numClasses: number,
  opts: ClassFillOptions,
): void {
  const image = imageFor(ctx, size);
  fillClassPixels(image.data, probs, size, numClasses, opts);
  ctx.putImageData(image, 0, 0);
}

/**
 * Get a canvas's 2-D context, or null where there is none (jsdom without the canvas package, or a
 * context lost under memory pressure). Views skip painting instead of crashing.
 */
export function context2d(canvas: HTMLCanvasElement | null): CanvasRenderingContext2D | null {
  if (!canvas) return null;
  try {
    return canvas.getContext('2d');
  } catch {
    return null;
  }
}
