/**
 * Seeded randomness for everything reproducible (data, split, initial weights, shuffling, dropout).
 *
 * One Experiment seed must reproduce the same run on every machine, so all randomness goes through
 * `createRng` (integer-only sfc32 state, identical in every JS engine) and `Math.random` is used in
 * exactly one place: `randomSeed`, which picks a fresh seed when the learner asks to regenerate.
 */

/** A seeded pseudo-random stream. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /**
   * Standard normal sample (mean 0, standard deviation 1), by Box–Muller. Uses Math.log/sin/cos,
   * which engines may round differently in the last bit; the uniform stream itself is exact.
   */
  normal(): number;
  /** Uniform integer in 0..n-1 (n ≥ 1). */
  int(n: number): number;
}

const TWO_POW_32 = 4294967296;

/** splitmix32 step: spreads a (possibly small or similar) seed into well-mixed state words. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Coerces any number to a uint32 seed; NaN and ±Infinity become 0 so a bad seed still works. */
function toUint32(seed: number): number {
  return Number.isFinite(seed) ? Math.trunc(seed) >>> 0 : 0;
}

/**
 * Creates a deterministic generator (sfc32 seeded via splitmix32) from a 32-bit seed.
 *
 * Non-integer seeds are truncated and taken modulo 2³², so `createRng(1)` and `createRng(1.7)` agree.
 */
export function createRng(seed: number): Rng {
  const init = { s: toUint32(seed) };
  let a = splitmix32(init);
  let b = splitmix32(init);
  let c = splitmix32(init);
  let d = splitmix32(init);

  const nextUint32 = (): number => {
    // sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): passes PractRand, all int32 ops.
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };

  // Discard a few outputs: sfc32's authors recommend it so the counter-driven state is fully mixed.
  for (let i = 0; i < 12; i++) nextUint32();

  let spareNormal: number | null = null;

  const next = (): number => nextUint32() / TWO_POW_32;

  return {
    next,
    normal(): number {
      // Box–Muller yields two independent normals per pair of uniforms; keep the second for next time.
      if (spareNormal !== null) {
        const z = spareNormal;
        spareNormal = null;
        return z;
      }
      const u1 = 1 - next(); // (0, 1], so log never sees 0
      const u2 = next();
      const r = Math.sqrt(-2 * Math.log(u1));
      const theta = 2 * Math.PI * u2;
      spareNormal = r * Math.sin(theta);
      return r * Math.cos(theta);
    },
    int(n: number): number {
      // Multiply-and-floor: the bias is below n/2³², irrelevant for array sizes in a playground.
      return Math.floor(next() * n);
    },
  };
}

/**
 * Derives an independent 32-bit sub-seed from an Experiment seed and a purpose label
 * (e.g. 'data', 'split', 'init', 'shuffle', 'dropout'), so changing how one stream is consumed
 * never shifts another. Stable forever: changing it would change every shared experiment.
 */
export function deriveSeed(seed: number, label: string): number {
  // FNV-1a over the label's UTF-16 code units (both bytes), seeded with the experiment seed.
  let h = (0x811c9dc5 ^ toUint32(seed)) >>> 0;
  for (let i = 0; i < label.length; i++) {
    const code = label.charCodeAt(i);
    h = Math.imul(h ^ (code & 0xff), 0x01000193);
    h = Math.imul(h ^ (code >>> 8), 0x01000193);
  }
  // Fold the seed in once more and finish with murmur3's fmix32 so nearby seeds land far apart.
  h ^= Math.imul(toUint32(seed), 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Fisher–Yates shuffle of an array or typed array, in place, driven by `rng`. */
export function shuffleInPlace(arr: { length: number; [i: number]: number }, rng: Rng): void {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = arr[i];
    arr[i] = arr[j];
    arr[j] = tmp;
  }
}

/**
 * A fresh, non-reproducible seed in 0..2³¹-1 for "regenerate". The only function in the app that may
 * touch `crypto` / `Math.random`; everything else must derive its randomness from a seed.
 */
export function randomSeed(): number {
  const cryptoObj = (globalThis as { crypto?: Crypto }).crypto;
  if (cryptoObj && typeof cryptoObj.getRandomValues === 'function') {
    const buf = new Uint32Array(1);
    cryptoObj.getRandomValues(buf);
    return buf[0] >>> 1;
  }
  return Math.floor(Math.random() * 2147483648);
}
