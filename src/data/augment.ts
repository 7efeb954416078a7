/**
 * Data augmentation for image batches: random shifts, rotations, zooms, mirror flips and pixel
 * noise, applied to every training mini-batch so the network sees a new variation each time.
 *
 * Pure and TF.js-free: it runs in the training loop on plain Float32Arrays (NHWC, values in [0, 1])
 * and in the editor for previews. Randomness comes only from the `Rng` passed in.
 *
 * Geometry: each image is mapped by one affine transform about its centre, applied in the order
 * mirror → rotate → scale → translate. Every output pixel is inverse-mapped into the source and
 * read with bilinear interpolation; points outside the source read as 0 (the black background).
 */
import { AUGMENTATION_LIMITS, type Augmentation } from './datasetSpec';
import { createRng, type Rng } from './rng';

// The settings are part of the Experiment (TrainingConfig.augmentation), so their type and limits
// live with it; re-exported here for the views.
export { AUGMENTATION_LIMITS, type Augmentation } from './datasetSpec';
export { NO_AUGMENTATION } from './datasetSpec';

/** True when at least one setting changes images. */
export function isAugmentationOn(a: Augmentation): boolean {
  return clampSetting(a.shift, 'shift') > 0 || clampSetting(a.rotate, 'rotate') > 0 || clampSetting(a.zoom, 'zoom') > 0 || a.flip || clampSetting(a.noise, 'noise') > 0;
}

/** One concrete transform of one image. */
export interface TransformParams {
  /** Translation in pixels (+x right, +y down). */
  dx: number;
  dy: number;
  /** Rotation in degrees, counter-clockwise as seen on screen. */
  angleDeg: number;
  /** Scale factor about the centre (1 = unchanged, 2 = twice as large). */
  scale: number;
  /** Mirror left–right (about the vertical centre line), before rotating. */
  flip: boolean;
  /** Standard deviation of the added Gaussian noise (0 = none). */
  noiseStd: number;
  /** Seed of the noise stream, so a transform with noise is reproducible on its own. */
  noiseSeed: number;
}

/** The transform that changes nothing. */
export const IDENTITY_TRANSFORM: TransformParams = Object.freeze({ dx: 0, dy: 0, angleDeg: 0, scale: 1, flip: false, noiseStd: 0, noiseSeed: 0 });

function clampSetting(v: number, key: keyof typeof AUGMENTATION_LIMITS): number {
  return Number.isFinite(v) ? Math.min(Math.max(v, 0), AUGMENTATION_LIMITS[key]) : 0;
}

/**
 * Draws one random transform within the ranges of `aug` (clamped to AUGMENTATION_LIMITS).
 *
 * Always consumes exactly six uniforms from `rng` (dx, dy, angle, scale, flip, noise seed), whatever
 * is switched on, so turning one setting on or off never changes what the others draw.
 */
export function sampleTransform(aug: Augmentation, rng: Rng): TransformParams {
  const shift = clampSetting(aug.shift, 'shift');
  const rotate = clampSetting(aug.rotate, 'rotate');
  const zoom = clampSetting(aug.zoom, 'zoom');
  const signed = (max: number) => (2 * rng.next() - 1) * max + 0; // `+ 0` turns −0 into 0
  const dx = signed(shift);
  const dy = signed(shift);
  const angleDeg = signed(rotate);
  const scale = 1 + signed(zoom);
  const flip = rng.next() < 0.5 && aug.flip;
  const noiseSeed = rng.int(4294967296);
  return { dx, dy, angleDeg, scale, flip, noiseStd: clampSetting(aug.noise, 'noise'), noiseSeed };
}

/** Rounds a coefficient that is an integer up to floating-point noise, so 90° turns map pixels exactly. */
function snap(v: number): number {
  const r = Math.round(v);
  return Math.abs(v - r) < 1e-12 ? r : v;
}

/**
 * Warps the h×w×c image at element `srcOff` of `src` into `dst` at `dstOff`, without noise.
 * Allocation-free: the inner loop is multiply-adds and four reads per channel.
 */
function warpInto(src: Float32Array, srcOff: number, dst: Float32Array, dstOff: number, h: number, w: number, c: number, t: TransformParams): void {
  const { dx, dy, angleDeg, scale, flip } = t;
  const len = h * w * c;
  if (dx === 0 && dy === 0 && angleDeg === 0 && scale === 1 && !flip) {
    dst.set(src.subarray(srcOff, srcOff + len), dstOff);
    return;
  }
  // Source point of output pixel (X, Y): p = centre + F·R⁻¹·(q − centre − d) / s, F the mirror.
  // Written as sx = ax·X + bx·Y + cx0 and sy = ay·X + by·Y + cy0.
  const cxm = (w - 1) / 2;
  const cym = (h - 1) / 2;
  const rad = (angleDeg * Math.PI) / 180;
  const s = scale > 1e-6 ? scale : 1e-6;
  const cos = snap(Math.cos(rad)) / s;
  const sin = snap(Math.sin(rad)) / s;
  const m = flip ? -1 : 1;
  // R⁻¹ for a counter-clockwise (on screen, y down) rotation: x = cos·qx − sin·qy, y = sin·qx + cos·qy.
  const ax = m * cos;
  const bx = -m * sin;
  const ay = sin;
  const by = cos;
  const qx0 = -cxm - dx;
  const qy0 = -cym - dy;
  const cx0 = cxm + ax * qx0 + bx * qy0;
  const cy0 = cym + ay * qx0 + by * qy0;
  const rowStride = w * c;
  let o = dstOff;
  for (let Y = 0; Y < h; Y++) {
    const rx = cx0 + bx * Y;
    const ry = cy0 + by * Y;
    for (let X = 0; X < w; X++) {
      const sx = rx + ax * X;
      const sy = ry + ay * X;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      // Entirely outside (the common case at the borders): background.
      if (x0 < -1 || y0 < -1 || x0 >= w || y0 >= h) {
        for (let k = 0; k < c; k++) dst[o++] = 0;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const w00 = (1 - fx) * (1 - fy);
      const w10 = fx * (1 - fy);
      const w01 = (1 - fx) * fy;
      const w11 = fx * fy;
      const base = srcOff + y0 * rowStride + x0 * c;
      if (x0 >= 0 && y0 >= 0 && x0 < w - 1 && y0 < h - 1) {
        for (let k = 0; k < c; k++) {
          const i = base + k;
          dst[o++] = w00 * src[i] + w10 * src[i + c] + w01 * src[i + rowStride] + w11 * src[i + rowStride + c];
        }
      } else {
        // At the border: read only the neighbours that exist, the others are 0.
        const inX0 = x0 >= 0;
        const inX1 = x0 + 1 < w;
        const inY0 = y0 >= 0;
        const inY1 = y0 + 1 < h;
        for (let k = 0; k < c; k++) {
          const i = base + k;
          let v = 0;
          if (inY0 && inX0) v += w00 * src[i];
          if (inY0 && inX1) v += w10 * src[i + c];
          if (inY1 && inX0) v += w01 * src[i + rowStride];
          if (inY1 && inX1) v += w11 * src[i + rowStride + c];
          dst[o++] = v;
        }
      }
    }
  }
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
function inverseNormalCdf(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771082, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

const NORMAL_BITS = 16;
const TABLE_BITS = 12;
const FRAC_BITS = NORMAL_BITS - TABLE_BITS;
const FRAC_MASK = (1 << FRAC_BITS) - 1;
const FRAC_SCALE = 1 / (1 << FRAC_BITS);
let normalTable: Float32Array | null = null;

/**
 * Quantiles of N(0, 1) on a 4096-step grid, read with linear interpolation by a 16-bit uniform.
 *
 * Why not `rng.normal()`: Box–Muller costs a log, a sqrt and a sine per pair, and with 25 000 pixels
 * per batch that made noise most of the augmentation time. A table turns one 32-bit uniform into two
 * normals with two lerps. Tails stop near ±4.3σ (irrelevant after clamping to [0, 1]), and the table
 * is rescaled so its 65 536 equally likely outcomes have variance exactly 1.
 */
function getNormalTable(): Float32Array {
  if (normalTable) return normalTable;
  const n = 1 << TABLE_BITS;
  const eps = 0.5 / (1 << NORMAL_BITS);
  const t = new Float64Array(n + 1);
  for (let j = 0; j <= n; j++) t[j] = inverseNormalCdf(Math.min(Math.max(j / n, eps), 1 - eps));
  let sumSq = 0;
  const steps = 1 << FRAC_BITS;
  for (let j = 0; j < n; j++) {
    for (let f = 0; f < steps; f++) {
      const v = t[j] + ((t[j + 1] - t[j]) * (f + 0.5)) / steps;
      sumSq += v * v;
    }
  }
  const norm = 1 / Math.sqrt(sumSq / (1 << NORMAL_BITS));
  normalTable = new Float32Array(n + 1);
  for (let j = 0; j <= n; j++) normalTable[j] = t[j] * norm;
  return normalTable;
}

/** `x` plus `std` times the normal quantile at the 16-bit uniform `u16`, clamped to [0, 1]. */
function perturb(x: number, u16: number, std: number, table: Float32Array): number {
  const j = u16 >>> FRAC_BITS;
  const z = table[j] + (table[j + 1] - table[j]) * (((u16 & FRAC_MASK) + 0.5) * FRAC_SCALE);
  // Clamp to [0, 1] without branches (max(0, v) = (v + |v|) / 2, min(1, a) = (a + 1 − |a − 1|) / 2):
  // on the black background the clamp is a coin flip, which branch prediction gets wrong half the time.
  const v = x + std * z;
  const a = (v + Math.abs(v)) * 0.5;
  return (a + 1 - Math.abs(a - 1)) * 0.5;
}

/**
 * Adds N(0, std²) noise to `len` values of `dst` from `off`, clamping to [0, 1].
 *
 * The per-pixel uniforms come from mulberry32 kept in a local variable, seeded by `seed` (which the
 * caller drew from the experiment's `Rng`). Why not `createRng(seed).next()`: its state lives in a
 * closure, where V8 boxes the 32-bit words, so each call allocates; for 25 000 pixels per batch that
 * was ~5× slower than this loop. The uniforms are integer-only, identical in every engine; the table
 * uses Math.log, with the same last-bit caveat as `rng.normal()`.
 */
function addNoise(dst: Float32Array, off: number, len: number, std: number, seed: number): void {
  if (!(std > 0)) return;
  const table = getNormalTable();
  let state = seed | 0;
  const end = off + len;
  for (let i = off; i < end; i += 2) {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t = (t + Math.imul(t ^ (t >>> 7), t | 61)) ^ t;
    t ^= t >>> 14;
    // One 32-bit draw gives two 16-bit uniforms: the high half for value i, the low half for i + 1.
    dst[i] = perturb(dst[i], (t >>> 16) & 0xffff, std, table);
    if (i + 1 < end) dst[i + 1] = perturb(dst[i + 1], t & 0xffff, std, table);
  }
}

function checkShape(what: string, arr: Float32Array, need: number): void {
  if (arr.length < need) throw new RangeError(`${what} has ${arr.length} values, needs ${need}`);
}

/**
 * Applies one concrete transform to one h×w×c image (deterministic: noise comes from `t.noiseSeed`).
 * Writes into `out` when given (it must not be `src`: the warp reads neighbours) and returns it.
 */
export function applyTransform(src: Float32Array, h: number, w: number, c: number, t: TransformParams, out?: Float32Array): Float32Array {
  const len = h * w * c;
  checkShape('src', src, len);
  const dst = out ?? new Float32Array(len);
  checkShape('out', dst, len);
  if (dst === src) throw new Error('applyTransform cannot work in place');
  warpInto(src, 0, dst, 0, h, w, c, t);
  addNoise(dst, 0, len, t.noiseStd, t.noiseSeed);
  return dst;
}

/**
 * Augments a batch of `n` h×w×c images (NHWC, values in [0, 1]): one random transform per image,
 * drawn with `sampleTransform` in image order. Writes into `out` when given, else a new array.
 *
 * The result never aliases `src`: when everything is off it is a plain copy (into `out` if given)
 * and `rng` is not consumed. `out` must not be `src` unless everything is off.
 * About 0.3 ms for 32 images of 28×28 with everything on (Node 20, one core), so it fits every step.
 */
export function augmentBatch(src: Float32Array, n: number, h: number, w: number, c: number, aug: Augmentation, rng: Rng, out?: Float32Array): Float32Array {
  const len = h * w * c;
  const total = n * len;
  checkShape('src', src, total);
  const dst = out ?? new Float32Array(total);
  checkShape('out', dst, total);
  if (!isAugmentationOn(aug)) {
    if (dst !== src) dst.set(src.subarray(0, total));
    return dst;
  }
  if (dst === src) throw new Error('augmentBatch cannot work in place');
  for (let i = 0; i < n; i++) {
    const t = sampleTransform(aug, rng);
    warpInto(src, i * len, dst, i * len, h, w, c, t);
    addNoise(dst, i * len, len, t.noiseStd, t.noiseSeed);
  }
  return dst;
}

/**
 * `count` random augmentations of one image for previews, seeded by `seed`. Variant i equals image
 * i of `augmentBatch` over `count` copies of `image` with `createRng(seed)`.
 */
export function previewVariants(image: Float32Array, h: number, w: number, c: number, aug: Augmentation, seed: number, count: number): Float32Array[] {
  const len = h * w * c;
  checkShape('image', image, len);
  const rng = createRng(seed);
  const on = isAugmentationOn(aug);
  const variants: Float32Array[] = [];
  for (let i = 0; i < count; i++) {
    variants.push(on ? applyTransform(image, h, w, c, sampleTransform(aug, rng)) : image.slice(0, len));
  }
  return variants;
}
