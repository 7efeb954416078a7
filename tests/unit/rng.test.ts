import { describe, it, expect } from 'vitest';
import { createRng, deriveSeed, randomSeed, shuffleInPlace } from '../../src/data/rng';

const draw = (seed: number, count: number): number[] => {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => rng.next());
};

describe('createRng', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(draw(123, 50)).toEqual(draw(123, 50));
    expect(draw(123, 50)).not.toEqual(draw(124, 50));
  });

  it('reproduces pinned values (shared experiments depend on this stream never changing)', () => {
    expect(draw(42, 3)).toEqual([0.23955312534235418, 0.5859209857881069, 0.09323416277766228]);
  });

  it('treats seeds modulo 2^32 and survives NaN', () => {
    expect(draw(1.7, 5)).toEqual(draw(1, 5));
    expect(draw(-1, 5)).toEqual(draw(4294967295, 5));
    expect(draw(Number.NaN, 5)).toEqual(draw(0, 5));
  });

  it('next() stays in [0, 1) with a roughly uniform mean and spread', () => {
    const xs = draw(7, 20000);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(mean).toBeCloseTo(0.5, 1);
    expect(variance).toBeCloseTo(1 / 12, 2);
  });

  it('normal() has mean ≈ 0 and standard deviation ≈ 1', () => {
    const rng = createRng(99);
    const zs = Array.from({ length: 20000 }, () => rng.normal());
    const mean = zs.reduce((a, b) => a + b, 0) / zs.length;
    const sd = Math.sqrt(zs.reduce((a, b) => a + (b - mean) ** 2, 0) / zs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
    expect(zs.every(Number.isFinite)).toBe(true);
  });

  it('int(n) covers 0..n-1 and nothing else', () => {
    const rng = createRng(5);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 6000; i++) {
      const k = rng.int(6);
      expect(Number.isInteger(k)).toBe(true);
      counts[k]++;
    }
    expect(counts.length).toBe(6);
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });
});

describe('deriveSeed', () => {
  it('is a stable uint32', () => {
    expect(deriveSeed(42, 'data')).toBe(3636178100);
    expect(deriveSeed(42, 'split')).toBe(3195533393);
    expect(deriveSeed(0, 'split')).toBe(3408640324);
    const s = deriveSeed(12345, 'init');
    expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
  });

  it('gives distinct seeds per label and per seed', () => {
    const labels = ['data', 'split', 'init', 'shuffle', 'dropout'];
    const seeds = new Set<number>();
    for (const seed of [0, 1, 2, 42, 2 ** 31 - 1]) for (const l of labels) seeds.add(deriveSeed(seed, l));
    expect(seeds.size).toBe(25);
  });

  it('gives independent-looking streams for neighbouring seeds', () => {
    const a = draw(deriveSeed(1, 'data'), 100);
    const b = draw(deriveSeed(2, 'data'), 100);
    const ma = a.reduce((s, x) => s + x, 0) / 100;
    const mb = b.reduce((s, x) => s + x, 0) / 100;
    let cov = 0;
    let va = 0;
    let vb = 0;
    for (let i = 0; i < 100; i++) {
      cov += (a[i] - ma) * (b[i] - mb);
      va += (a[i] - ma) ** 2;
      vb += (b[i] - mb) ** 2;
    }
    expect(Math.abs(cov / Math.sqrt(va * vb))).toBeLessThan(0.35);
  });
});

describe('shuffleInPlace', () => {
  it('permutes deterministically and keeps every element', () => {
    const a = Int32Array.from({ length: 100 }, (_, i) => i);
    const b = Int32Array.from({ length: 100 }, (_, i) => i);
    shuffleInPlace(a, createRng(3));
    shuffleInPlace(b, createRng(3));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(a)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('works on plain arrays and handles tiny inputs', () => {
    const arr = [1, 2, 3];
    shuffleInPlace(arr, createRng(1));
    expect([...arr].sort()).toEqual([1, 2, 3]);
    const empty: number[] = [];
    shuffleInPlace(empty, createRng(1));
    expect(empty).toEqual([]);
  });
});

describe('randomSeed', () => {
  it('returns an integer in 0..2^31-1', () => {
    for (let i = 0; i < 20; i++) {
      const s = randomSeed();
      expect(Number.isInteger(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThan(2 ** 31);
    }
  });
});
