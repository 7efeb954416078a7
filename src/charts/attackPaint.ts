/**
 * Pure painters for the adversarial view: grey images (ink dark on white, as the image lab draws
 * them) and a perturbation on the diverging scale centred at 0 (orange −, blue +), amplified so ±ε
 * fills the scale. `pixels` are h × w × c; only the first channel is drawn.
 */

/** Grey RGBA for values in [0, 1] (1 = ink). */
export function fillGreyPixels(out: Uint8ClampedArray, pixels: Float32Array, h: number, w: number, c = 1): void {
  for (let i = 0; i < h * w; i++) {
    const v = 255 - Math.round(Math.min(1, Math.max(0, pixels[i * c] || 0)) * 230);
    out[i * 4] = v;
    out[i * 4 + 1] = v;
    out[i * 4 + 2] = v;
    out[i * 4 + 3] = 255;
  }
}

/** Diverging RGBA for values scaled by `gain` into [−1, 1] (clamped), through a table of `buildDivergingTable`. */
export function fillDivergingPixels(out: Uint8ClampedArray, values: Float32Array, h: number, w: number, gain: number, table: Uint8ClampedArray, c = 1): void {
  const last = (table.length >> 2) - 1;
  for (let i = 0; i < h * w; i++) {
    const v = Math.min(1, Math.max(-1, (values[i * c] || 0) * gain));
    const k = Math.round(((v + 1) / 2) * last) * 4;
    out[i * 4] = table[k];
    out[i * 4 + 1] = table[k + 1];
    out[i * 4 + 2] = table[k + 2];
    out[i * 4 + 3] = 255;
  }
}
