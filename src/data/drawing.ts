/**
 * Turns a free-hand drawing into an MNIST-style digit image, the way the MNIST images were made:
 * crop to the ink's bounding box, scale the box to fit a 20×20 square keeping its aspect ratio
 * (anti-aliased), and place it so the ink's centre of mass sits at the centre of a 28×28 field.
 * For other sizes the 20 and 28 scale proportionally. Pure, so it is tested without a canvas.
 */

/** Ink below this (of 1) is anti-aliasing fringe: it does not widen the bounding box. */
const INK_THRESHOLD = 0.05;
/** MNIST's digit box (20 px) relative to its field (28 px). */
const BOX_FRACTION = 20 / 28;

/**
 * One contiguous run of source cells feeding a target cell: `weights[k]` is how much of source
 * cell `from + k` lies inside the target cell, in target-pixel units (they sum to ≤ 1).
 */
interface Span {
  from: number;
  weights: number[];
}

/**
 * Area weights along one axis for the map target = (source − com) · k + size / 2, restricted to
 * source cells lo..hi. Box filtering (area averaging) both ways: shrinking averages, enlarging spreads.
 */
function axisSpans(size: number, k: number, com: number, lo: number, hi: number): Span[] {
  const spans: Span[] = [];
  for (let t = 0; t < size; t++) {
    // The target cell [t, t + 1] seen in source coordinates.
    const a = com + (t - size / 2) / k;
    const b = com + (t + 1 - size / 2) / k;
    const from = Math.max(lo, Math.floor(a));
    const to = Math.min(hi, Math.ceil(b) - 1);
    const weights: number[] = [];
    for (let s = from; s <= to; s++) weights.push(Math.max(0, Math.min(b, s + 1) - Math.max(a, s)) * k);
    spans.push({ from, weights });
  }
  return spans;
}

/**
 * Converts a drawing to a `size`×`size` image (row-major, ink = 1, background = 0), or null when
 * nothing is drawn.
 *
 * `rgbaOrAlpha` is either canvas RGBA data (`srcW·srcH·4` bytes, ink = the alpha channel, so draw on
 * a transparent canvas; the colour does not matter) or one byte per pixel (`srcW·srcH`, ink = value).
 */
export function rasterToDigit(rgbaOrAlpha: Uint8ClampedArray, srcW: number, srcH: number, size: number): Float32Array | null {
  const count = srcW * srcH;
  let stride: number;
  let channel: number;
  if (rgbaOrAlpha.length === count * 4) [stride, channel] = [4, 3];
  else if (rgbaOrAlpha.length === count) [stride, channel] = [1, 0];
  else throw new RangeError(`expected ${count} or ${count * 4} bytes for ${srcW}×${srcH}, got ${rgbaOrAlpha.length}`);

  const ink = new Float32Array(count);
  let [x0, y0, x1, y1] = [srcW, srcH, -1, -1];
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < srcH; y++) {
    for (let x = 0; x < srcW; x++) {
      const v = rgbaOrAlpha[(y * srcW + x) * stride + channel] / 255;
      if (v <= INK_THRESHOLD) continue;
      ink[y * srcW + x] = v;
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (mass === 0) return null;

  // Scale so the longer side of the bounding box spans the digit box; place the centre of mass
  // (in continuous coordinates, pixel centres at +0.5) at the field's centre.
  const k = (size * BOX_FRACTION) / Math.max(x1 - x0 + 1, y1 - y0 + 1);
  const xs = axisSpans(size, k, mx / mass, x0, x1);
  const ys = axisSpans(size, k, my / mass, y0, y1);

  // Separable resampling: first along x for every inked row, then along y.
  const rows = y1 - y0 + 1;
  const tmp = new Float32Array(rows * size);
  for (let r = 0; r < rows; r++) {
    const rowOff = (y0 + r) * srcW;
    for (let tx = 0; tx < size; tx++) {
      const { from, weights } = xs[tx];
      let acc = 0;
      for (let j = 0; j < weights.length; j++) acc += weights[j] * ink[rowOff + from + j];
      tmp[r * size + tx] = acc;
    }
  }
  const out = new Float32Array(size * size);
  for (let ty = 0; ty < size; ty++) {
    const { from, weights } = ys[ty];
    for (let tx = 0; tx < size; tx++) {
      let acc = 0;
      for (let j = 0; j < weights.length; j++) acc += weights[j] * tmp[(from - y0 + j) * size + tx];
      out[ty * size + tx] = acc > 1 ? 1 : acc;
    }
  }
  return out;
}
