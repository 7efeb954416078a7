import { divergingScale, toRgb } from './colors';

/**
 * Pure painters for attribution maps (the explanations tool): the image, the map alone, and the
 * map laid over the image. The map's colours follow the app's diverging scale — blue for evidence
 * *for* the class, orange for evidence *against* — scaled to ±`scale` (the map's largest |value|);
 * a map that has no sign (Grad-CAM, after its ReLU) uses the blue half only.
 */
export interface AttributionPaint {
  /** What to paint: the image, the map, or the map over the image. */
  mode: 'image' | 'heat' | 'overlay';
  /** The colour scale's end (> 0); values beyond it saturate. */
  scale: number;
  /** Overlay: how strongly the map covers the image, 0–1 (a pixel's cover also grows with |value|). */
  opacity: number;
  /** Paint |value| instead of the signed value. */
  absolute?: boolean;
}

// Odd, so that zero has an entry of its own (the neutral colour exactly).
const TABLE_STEPS = 257;
let table: Uint8ClampedArray | null = null;
function colourTable(): Uint8ClampedArray {
  if (table) return table;
  table = new Uint8ClampedArray(TABLE_STEPS * 3);
  for (let k = 0; k < TABLE_STEPS; k++) table.set(toRgb(divergingScale(-1 + (2 * k) / (TABLE_STEPS - 1))), k * 3);
  return table;
}

/** The image's grey for a value in [0, 1]: dark ink on a light page, as the lab's image grid draws it. */
const grey = (v: number) => 255 - Math.round(Math.min(1, Math.max(0, v)) * 230);

/**
 * Write `height × width` RGBA pixels into `out` (length ≥ 4·h·w). `image` in [0, 1], `heat` any
 * real values; non-finite heat paints as zero.
 */
export function fillAttributionPixels(out: Uint8ClampedArray, image: ArrayLike<number>, heat: ArrayLike<number>, n: number, opts: AttributionPaint): void {
  const colours = colourTable();
  const last = TABLE_STEPS - 1;
  const scale = opts.scale > 0 && Number.isFinite(opts.scale) ? opts.scale : 1;
  for (let i = 0; i < n; i++) {
    const g = grey(image[i] ?? 0);
    let h = Number(heat[i] ?? 0);
    if (!Number.isFinite(h)) h = 0;
    if (opts.absolute) h = Math.abs(h);
    const u = Math.max(-1, Math.min(1, h / scale));
    const k = Math.round(((u + 1) / 2) * last) * 3;
    const o = i * 4;
    if (opts.mode === 'image') {
      out[o] = out[o + 1] = out[o + 2] = g;
    } else if (opts.mode === 'heat') {
      out[o] = colours[k];
      out[o + 1] = colours[k + 1];
      out[o + 2] = colours[k + 2];
    } else {
      const a = Math.min(1, Math.max(0, opts.opacity)) * Math.min(1, Math.abs(u) * 1.5);
      out[o] = Math.round(g * (1 - a) + colours[k] * a);
      out[o + 1] = Math.round(g * (1 - a) + colours[k + 1] * a);
      out[o + 2] = Math.round(g * (1 - a) + colours[k + 2] * a);
    }
    out[o + 3] = 255;
  }
}

/** The CSS colour of a value on the scale (token backgrounds). */
export function attributionColour(value: number, scale: number): string {
  const s = scale > 0 && Number.isFinite(scale) ? scale : 1;
  return divergingScale(Number.isFinite(value) ? value / s : 0);
}
