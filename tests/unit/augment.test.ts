import { describe, expect, it } from 'vitest';
import {
  applyTransform,
  augmentBatch,
  AUGMENTATION_LIMITS,
  IDENTITY_TRANSFORM,
  isAugmentationOn,
  NO_AUGMENTATION,
  previewVariants,
  sampleTransform,
  type Augmentation,
  type TransformParams,
} from '../../src/data/augment';
import { createRng } from '../../src/data/rng';

const ALL_ON: Augmentation = { shift: 3, rotate: 20, zoom: 0.2, flip: true, noise: 0.1 };
const tf = (patch: Partial<TransformParams>): TransformParams => ({ ...IDENTITY_TRANSFORM, ...patch });

/** An h×w one-channel image with the given (x, y) pixels set to `v`. */
function image(h: number, w: number, points: [number, number][], v = 1): Float32Array {
  const img = new Float32Array(h * w);
  for (const [x, y] of points) img[y * w + x] = v;
  return img;
}

/** (x, y) of every non-zero pixel, in row-major order. */
function lit(img: Float32Array, w: number): [number, number][] {
  const out: [number, number][] = [];
  img.forEach((v, i) => {
    if (v !== 0) out.push([i % w, Math.floor(i / w)]);
  });
  return out;
}

/** A random image whose pixels are all distinct, so any misplaced pixel shows. */
function noiseImage(length: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length }, () => rng.next());
}

const std = (xs: Float32Array | number[]) => {
  const arr = Array.from(xs);
  const mean = arr.reduce((s, v) => s + v, 0) / arr.length;
  return Math.sqrt(arr.reduce((s, v) => s + (v - mean) ** 2, 0) / arr.length);
};

describe('settings', () => {
  it('NO_AUGMENTATION is off; any single setting turns it on', () => {
    expect(isAugmentationOn(NO_AUGMENTATION)).toBe(false);
    expect(isAugmentationOn({ ...NO_AUGMENTATION, shift: 1 })).toBe(true);
    expect(isAugmentationOn({ ...NO_AUGMENTATION, rotate: 5 })).toBe(true);
    expect(isAugmentationOn({ ...NO_AUGMENTATION, zoom: 0.05 })).toBe(true);
    expect(isAugmentationOn({ ...NO_AUGMENTATION, flip: true })).toBe(true);
    expect(isAugmentationOn({ ...NO_AUGMENTATION, noise: 0.05 })).toBe(true);
    // Settings that clamp to 0 (negative, NaN) count as off.
    expect(isAugmentationOn({ ...NO_AUGMENTATION, shift: -2, noise: Number.NaN })).toBe(false);
  });
});

describe('shapes', () => {
  it('augmentBatch returns n·h·w·c values, writing into `out` when given', () => {
    const n = 5;
    const [h, w, c] = [6, 9, 3];
    const src = noiseImage(n * h * w * c, 1);
    const res = augmentBatch(src, n, h, w, c, ALL_ON, createRng(1));
    expect(res).toHaveLength(n * h * w * c);
    expect(res).not.toBe(src);
    const out = new Float32Array(n * h * w * c);
    expect(augmentBatch(src, n, h, w, c, ALL_ON, createRng(1), out)).toBe(out);
    expect(out).toEqual(res);
    expect(applyTransform(src, h, w, c, tf({ dx: 1 }))).toHaveLength(h * w * c);
  });

  it('rejects arrays that are too short and in-place warps', () => {
    const src = new Float32Array(2 * 4 * 4);
    expect(() => augmentBatch(src, 3, 4, 4, 1, ALL_ON, createRng(1))).toThrow(RangeError);
    expect(() => augmentBatch(src, 2, 4, 4, 1, ALL_ON, createRng(1), new Float32Array(8))).toThrow(RangeError);
    expect(() => augmentBatch(src, 2, 4, 4, 1, ALL_ON, createRng(1), src)).toThrow();
    expect(() => applyTransform(src, 4, 4, 1, tf({ dx: 1 }), src)).toThrow();
  });

  it('previewVariants gives `count` images, equal to augmentBatch over copies with the same seed', () => {
    const [h, w] = [28, 28];
    const img = noiseImage(h * w, 3);
    const variants = previewVariants(img, h, w, 1, ALL_ON, 77, 6);
    expect(variants).toHaveLength(6);
    variants.forEach((v) => expect(v).toHaveLength(h * w));
    const copies = new Float32Array(6 * h * w);
    for (let i = 0; i < 6; i++) copies.set(img, i * h * w);
    const batch = augmentBatch(copies, 6, h, w, 1, ALL_ON, createRng(77));
    variants.forEach((v, i) => expect(v).toEqual(batch.subarray(i * h * w, (i + 1) * h * w)));
  });
});

describe('geometry', () => {
  it('a shift by (dx = 2, dy = −1) moves a single bright pixel exactly', () => {
    const src = image(28, 28, [[5, 10]]);
    const out = applyTransform(src, 28, 28, 1, tf({ dx: 2, dy: -1 }));
    expect(lit(out, 28)).toEqual([[7, 9]]);
    expect(out[9 * 28 + 7]).toBe(1);
  });

  it('a shift moves a pattern (non-square image, 3 channels) and fills the uncovered edge with 0', () => {
    const [h, w, c] = [5, 7, 3];
    const src = noiseImage(h * w * c, 4);
    const out = applyTransform(src, h, w, c, tf({ dx: 2, dy: -1 }));
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const [sx, sy] = [x - 2, y + 1];
        for (let k = 0; k < c; k++) {
          const want = sx >= 0 && sy < h ? src[(sy * w + sx) * c + k] : 0;
          expect(out[(y * w + x) * c + k]).toBe(want);
        }
      }
    }
  });

  it('a half-pixel shift splits a pixel between its two neighbours (bilinear)', () => {
    const out = applyTransform(image(8, 8, [[3, 3]]), 8, 8, 1, tf({ dx: 0.5 }));
    expect(out[3 * 8 + 3]).toBeCloseTo(0.5, 6);
    expect(out[3 * 8 + 4]).toBeCloseTo(0.5, 6);
    expect(out.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
  });

  it('rotating by 90° turns a pattern counter-clockwise, exactly, and four turns are the identity', () => {
    const n = 28;
    const src = noiseImage(n * n, 5);
    const out = applyTransform(src, n, n, 1, tf({ angleDeg: 90 }));
    // Counter-clockwise on screen: the pixel at (x, y) lands at (y, n − 1 − x); right goes to the top.
    for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) expect(out[(n - 1 - x) * n + y]).toBe(src[y * n + x]);
    let img = src;
    for (let i = 0; i < 4; i++) img = applyTransform(img, n, n, 1, tf({ angleDeg: 90 }));
    expect(img).toEqual(src);
    // An odd size turns about its centre pixel, which stays put.
    const odd = applyTransform(image(5, 5, [[2, 2], [4, 2]]), 5, 5, 1, tf({ angleDeg: 90 }));
    expect(lit(odd, 5)).toEqual([[2, 0], [2, 2]]);
  });

  it('a small rotation keeps the centre and the ink roughly constant', () => {
    const src = image(29, 29, [[14, 14]]);
    const out = applyTransform(src, 29, 29, 1, tf({ angleDeg: 10 }));
    expect(out[14 * 29 + 14]).toBeCloseTo(1, 6);
  });

  it('flip mirrors left–right, keeping channel order', () => {
    const [h, w, c] = [4, 6, 2];
    const src = noiseImage(h * w * c, 6);
    const out = applyTransform(src, h, w, c, tf({ flip: true }));
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) expect(out[(y * w + (w - 1 - x)) * c + k]).toBe(src[(y * w + x) * c + k]);
  });

  it('zoom scales distances from the centre', () => {
    // 29×29: the centre is pixel 14; a pixel 2 to its right goes 4 to its right at scale 2.
    const out = applyTransform(image(29, 29, [[16, 14]]), 29, 29, 1, tf({ scale: 2 }));
    expect(out[14 * 29 + 18]).toBeCloseTo(1, 6);
    expect(out[14 * 29 + 17]).toBeCloseTo(0.5, 6);
    expect(out[14 * 29 + 16]).toBe(0);
    const half = applyTransform(image(29, 29, [[18, 14]]), 29, 29, 1, tf({ scale: 0.5 }));
    // Shrinking samples sparsely: the pixel at +4 is read by the output pixel at +2.
    expect(half[14 * 29 + 16]).toBeCloseTo(1, 6);
  });

  it('zoom 1 (the identity transform) and all-off augmentation are exact copies', () => {
    const src = noiseImage(3 * 28 * 28, 7);
    expect(applyTransform(src.subarray(0, 784), 28, 28, 1, tf({ scale: 1 }))).toEqual(src.subarray(0, 784));
    const rng = createRng(9);
    const copy = augmentBatch(src, 3, 28, 28, 1, NO_AUGMENTATION, rng);
    expect(copy).toEqual(src);
    expect(copy).not.toBe(src);
    // …and does not consume the stream.
    expect(rng.next()).toBe(createRng(9).next());
    // In place is allowed when nothing changes.
    expect(augmentBatch(src, 3, 28, 28, 1, NO_AUGMENTATION, rng, src)).toBe(src);
  });
});

describe('noise', () => {
  it('has roughly the requested standard deviation, zero mean, and a normal shape', () => {
    const grey = new Float32Array(128 * 128).fill(0.5);
    const out = applyTransform(grey, 128, 128, 1, tf({ noiseStd: 0.1, noiseSeed: 3 }));
    const diffs = Array.from(out, (v) => v - 0.5);
    expect(std(diffs)).toBeGreaterThan(0.095);
    expect(std(diffs)).toBeLessThan(0.105);
    expect(Math.abs(diffs.reduce((s, v) => s + v, 0) / diffs.length)).toBeLessThan(0.003);
    const within1 = diffs.filter((d) => Math.abs(d) < 0.1).length / diffs.length;
    expect(within1).toBeGreaterThan(0.66);
    expect(within1).toBeLessThan(0.71);
  });

  it('stays in [0, 1] even when large', () => {
    const src = noiseImage(4 * 28 * 28, 8).map((v) => (v > 0.5 ? 1 : 0));
    const out = augmentBatch(src, 4, 28, 28, 1, { ...NO_AUGMENTATION, noise: 0.5 }, createRng(2));
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...out)).toBeLessThanOrEqual(1);
    expect(out).not.toEqual(src);
  });

  it('is reproducible from its seed', () => {
    const grey = new Float32Array(100).fill(0.5);
    const a = applyTransform(grey, 10, 10, 1, tf({ noiseStd: 0.2, noiseSeed: 1 }));
    expect(applyTransform(grey, 10, 10, 1, tf({ noiseStd: 0.2, noiseSeed: 1 }))).toEqual(a);
    expect(applyTransform(grey, 10, 10, 1, tf({ noiseStd: 0.2, noiseSeed: 2 }))).not.toEqual(a);
  });
});

describe('randomness', () => {
  it('same seed → same batch; different seed → different batch', () => {
    const src = noiseImage(8 * 28 * 28, 10);
    const a = augmentBatch(src, 8, 28, 28, 1, ALL_ON, createRng(5));
    expect(augmentBatch(src, 8, 28, 28, 1, ALL_ON, createRng(5))).toEqual(a);
    expect(augmentBatch(src, 8, 28, 28, 1, ALL_ON, createRng(6))).not.toEqual(a);
    // Each image gets its own transform.
    const same = new Float32Array(2 * 784);
    same.set(src.subarray(0, 784));
    same.set(src.subarray(0, 784), 784);
    const two = augmentBatch(same, 2, 28, 28, 1, ALL_ON, createRng(5));
    expect(two.subarray(0, 784)).not.toEqual(two.subarray(784));
  });

  it('sampled transforms stay within the configured ranges and cover them', () => {
    const rng = createRng(11);
    const samples = Array.from({ length: 2000 }, () => sampleTransform(ALL_ON, rng));
    const max = (f: (t: TransformParams) => number) => Math.max(...samples.map(f));
    const min = (f: (t: TransformParams) => number) => Math.min(...samples.map(f));
    expect(max((t) => Math.abs(t.dx))).toBeLessThanOrEqual(3);
    expect(max((t) => Math.abs(t.dy))).toBeLessThanOrEqual(3);
    expect(max((t) => t.dx)).toBeGreaterThan(2.9);
    expect(min((t) => t.dy)).toBeLessThan(-2.9);
    expect(max((t) => Math.abs(t.angleDeg))).toBeLessThanOrEqual(20);
    expect(max((t) => Math.abs(t.angleDeg))).toBeGreaterThan(19.5);
    expect(min((t) => t.scale)).toBeGreaterThanOrEqual(0.8);
    expect(max((t) => t.scale)).toBeLessThanOrEqual(1.2);
    expect(samples.every((t) => t.noiseStd === 0.1)).toBe(true);
    expect(samples.every((t) => Number.isInteger(t.noiseSeed) && t.noiseSeed >= 0 && t.noiseSeed < 2 ** 32)).toBe(true);
    const flips = samples.filter((t) => t.flip).length / samples.length;
    expect(flips).toBeGreaterThan(0.45);
    expect(flips).toBeLessThan(0.55);
  });

  it('settings that are off give neutral parameters; out-of-range settings are clamped', () => {
    const rng = createRng(12);
    for (let i = 0; i < 200; i++) {
      expect(sampleTransform(NO_AUGMENTATION, rng)).toMatchObject({ dx: 0, dy: 0, angleDeg: 0, scale: 1, flip: false, noiseStd: 0 });
    }
    const wild = { shift: 100, rotate: 720, zoom: 5, flip: false, noise: 9 };
    for (let i = 0; i < 500; i++) {
      const t = sampleTransform(wild, rng);
      expect(Math.abs(t.dx)).toBeLessThanOrEqual(AUGMENTATION_LIMITS.shift);
      expect(Math.abs(t.angleDeg)).toBeLessThanOrEqual(AUGMENTATION_LIMITS.rotate);
      expect(Math.abs(t.scale - 1)).toBeLessThanOrEqual(AUGMENTATION_LIMITS.zoom + 1e-12);
      expect(t.noiseStd).toBe(AUGMENTATION_LIMITS.noise);
    }
  });

  it('draws six uniforms per image whatever is on, so one setting never shifts the others', () => {
    for (const aug of [NO_AUGMENTATION, ALL_ON, { ...NO_AUGMENTATION, flip: true }]) {
      const rng = createRng(13);
      sampleTransform(aug, rng);
      const fresh = createRng(13);
      for (let i = 0; i < 6; i++) fresh.next();
      expect(rng.next()).toBe(fresh.next());
    }
    const shiftOnly = sampleTransform({ ...NO_AUGMENTATION, shift: 2 }, createRng(14));
    const withRotate = sampleTransform({ ...NO_AUGMENTATION, shift: 2, rotate: 30 }, createRng(14));
    expect([withRotate.dx, withRotate.dy]).toEqual([shiftOnly.dx, shiftOnly.dy]);
  });
});
