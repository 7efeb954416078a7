import { describe, expect, it } from 'vitest';
import { entropyBits, sampleIndex, temperatureTopK, topEntries } from '../../src/models/sampling';

const sum = (a: ArrayLike<number>): number => Array.from(a).reduce((s, x) => s + x, 0);
const max = (a: ArrayLike<number>): number => Math.max(...Array.from(a));
const nonZero = (a: ArrayLike<number>): number[] => Array.from(a).flatMap((x, i) => (x > 0 ? [i] : []));

const P = [0.05, 0.4, 0.1, 0.25, 0.2];

describe('temperatureTopK', () => {
  it('returns the input, renormalised, at temperature 1 without top-k', () => {
    const out = temperatureTopK(P, 1, 0);
    expect(out).toBeInstanceOf(Float32Array);
    Array.from(out).forEach((p, i) => expect(p).toBeCloseTo(P[i], 6));
    const scaled = temperatureTopK([2, 6, 2], 1, 0);
    expect(Array.from(scaled)).toEqual([0.2, 0.6, 0.2].map(Math.fround));
  });

  it('sharpens as the temperature falls and is near greedy at the minimum', () => {
    const maxima = [2, 1, 0.5, 0.1].map((t) => max(temperatureTopK(P, t, 0)));
    for (let i = 1; i < maxima.length; i++) expect(maxima[i]).toBeGreaterThan(maxima[i - 1]);
    const coldest = temperatureTopK(P, 0.001, 0); // clamped to 0.05
    expect(Array.from(coldest)).toEqual(Array.from(temperatureTopK(P, 0.05, 0)));
    expect(coldest[1]).toBeGreaterThan(0.98);
    for (const t of [2, 1, 0.5, 0.1, 0.05]) expect(sum(temperatureTopK(P, t, 0))).toBeCloseTo(1, 5);
  });

  it('flattens as the temperature rises', () => {
    const h = [0.5, 1, 2, 5].map((t) => entropyBits(temperatureTopK(P, t, 0)));
    for (let i = 1; i < h.length; i++) expect(h[i]).toBeGreaterThan(h[i - 1]);
    expect(h[3]).toBeLessThan(Math.log2(P.length));
    expect(temperatureTopK(P, 100, 0)).toEqual(temperatureTopK(P, 5, 0)); // clamped to 5
  });

  it('does not underflow for tiny probabilities at low temperature', () => {
    const out = temperatureTopK([1e-30, 2e-30, 0], 0.05, 0);
    expect(sum(out)).toBeCloseTo(1, 5);
    expect(out[1]).toBeGreaterThan(0.99);
    expect(out[2]).toBe(0);
  });

  it('keeps exactly k non-zero entries that sum to 1', () => {
    for (const k of [1, 2, 3, 4]) {
      const out = temperatureTopK(P, 0.8, k);
      expect(nonZero(out)).toHaveLength(k);
      expect(sum(out)).toBeCloseTo(1, 5);
    }
    expect(nonZero(temperatureTopK(P, 1, 2))).toEqual([1, 3]);
    expect(nonZero(temperatureTopK(P, 1, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(nonZero(temperatureTopK(P, 1, 99))).toEqual([0, 1, 2, 3, 4]);
    expect(nonZero(temperatureTopK(P, 1, -1))).toEqual([0, 1, 2, 3, 4]);
    const topTwo = temperatureTopK(P, 1, 2);
    expect(topTwo[1]).toBeCloseTo(0.4 / 0.65, 6);
  });

  it('breaks ties at the k-th value by lower index', () => {
    expect(nonZero(temperatureTopK([0.2, 0.3, 0.2, 0.3], 1, 3))).toEqual([0, 1, 3]);
    expect(nonZero(temperatureTopK([0.25, 0.25, 0.25, 0.25], 1, 2))).toEqual([0, 1]);
  });

  it('keeps zeros at zero', () => {
    const probs = [0, 0.5, 0, 0.3, 0.2];
    for (const t of [0.05, 0.5, 1, 5]) {
      const out = temperatureTopK(probs, t, 0);
      expect(out[0]).toBe(0);
      expect(out[2]).toBe(0);
    }
    // top-k larger than the number of non-zero entries keeps just those
    expect(nonZero(temperatureTopK(probs, 1, 4))).toEqual([1, 3, 4]);
  });

  it('falls back to a one-hot for invalid or all-zero rows', () => {
    expect(Array.from(temperatureTopK([0.1, NaN, 0.7, 0.2], 1, 0))).toEqual([0, 0, 1, 0]);
    expect(Array.from(temperatureTopK([0.1, Infinity, 0.2], 1, 0))).toEqual([0, 0, 1]);
    expect(Array.from(temperatureTopK([NaN, NaN], 1, 0))).toEqual([1, 0]);
    expect(Array.from(temperatureTopK([0, 0, 0], 1, 0))).toEqual([1, 0, 0]);
    expect(temperatureTopK([], 1, 0)).toHaveLength(0);
    expect(sum(temperatureTopK(P, NaN, 0))).toBeCloseTo(1, 5);
  });
});

describe('sampleIndex', () => {
  it('follows the distribution (stratified u)', () => {
    const dist = [0.1, 0, 0.35, 0.05, 0.5];
    const n = 10_000;
    const counts = new Array<number>(dist.length).fill(0);
    for (let i = 0; i < n; i++) counts[sampleIndex(dist, (i + 0.5) / n)]++;
    counts.forEach((c, i) => expect(Math.abs(c / n - dist[i])).toBeLessThanOrEqual(1e-3));
    expect(counts[1]).toBe(0);
  });

  it('never returns a zero-probability index', () => {
    expect(sampleIndex([0.5, 0.5, 0], 0.9999999999)).toBe(1);
    expect(sampleIndex([0.3, 0.3, 0.3, 0], 0.9999999)).toBe(2); // sums to 0.9 and rounds
    expect(sampleIndex([0, 0, 1], 0)).toBe(2);
    expect(sampleIndex([0, 1, 0], 0)).toBe(1);
    expect(sampleIndex(new Float32Array([0.7, 0.3, 0]), 1 - 2 ** -53)).toBe(1);
    expect(sampleIndex([0.5, NaN, 0.5], 0.6)).toBe(2);
    for (let i = 0; i < 1000; i++) expect(sampleIndex([0.2, 0, 0.8, 0], i / 1000)).not.toBeOneOf([1, 3]);
  });

  it('returns index 0 for an all-zero row', () => {
    expect(sampleIndex([0, 0, 0], 0.5)).toBe(0);
  });
});

describe('topEntries', () => {
  it('lists the k largest in descending order, lower index first on ties', () => {
    expect(topEntries([0.1, 0.3, 0.2, 0.3, 0.1], 3)).toEqual([
      { index: 1, p: 0.3 },
      { index: 3, p: 0.3 },
      { index: 2, p: 0.2 },
    ]);
    expect(topEntries([0.1, 0.9], 5).map((e) => e.index)).toEqual([1, 0]);
    expect(topEntries([0.1, 0.9], 0)).toEqual([]);
  });
});

describe('entropyBits', () => {
  it('is 0 for a certain outcome and log2(n) for a uniform one', () => {
    expect(entropyBits([0, 1, 0])).toBe(0);
    expect(entropyBits([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(2, 10);
    expect(entropyBits([0.5, 0.5])).toBeCloseTo(1, 10);
    expect(entropyBits([])).toBe(0);
    expect(entropyBits([0, 0])).toBe(0);
  });
});
