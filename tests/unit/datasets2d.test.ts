import { describe, it, expect } from 'vitest';
import { POINT_DATASET_KINDS as DATASET_KINDS, type DatasetKind, type DatasetSpec, type PointDatasetKind } from '../../src/models/spec';
import {
  blobCenters,
  generateDataset,
  multiGaussTarget,
  splitTrainTest,
  type Dataset2D,
} from '../../src/data/datasets2d';

const spec = (kind: DatasetKind, over: Partial<DatasetSpec> = {}): Omit<DatasetSpec, 'sequence'> => ({
  kind,
  numPoints: 400,
  noise: 0,
  trainRatio: 0.5,
  classes: 3,
  features: ['x1', 'x2'],
  ...over,
});

/** Per-point view of a dataset for readable assertions. */
const points = (d: Dataset2D): Array<{ x1: number; x2: number; y: number }> =>
  Array.from(d.ys, (y, i) => ({ x1: d.xs[2 * i], x2: d.xs[2 * i + 1], y }));

const correlation = (a: number[], b: number[]): number => {
  const ma = a.reduce((s, v) => s + v, 0) / a.length;
  const mb = b.reduce((s, v) => s + v, 0) / b.length;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    cov += (a[i] - ma) * (b[i] - mb);
    va += (a[i] - ma) ** 2;
    vb += (b[i] - mb) ** 2;
  }
  return cov / Math.sqrt(va * vb);
};

const EXPECTED: Record<PointDatasetKind, { task: string; numClasses: number }> = {
  circle: { task: 'binary', numClasses: 2 },
  xor: { task: 'binary', numClasses: 2 },
  gauss: { task: 'binary', numClasses: 2 },
  spiral: { task: 'binary', numClasses: 2 },
  moons: { task: 'binary', numClasses: 2 },
  blobs: { task: 'multiclass', numClasses: 3 },
  plane: { task: 'regression', numClasses: 1 },
  multiGauss: { task: 'regression', numClasses: 1 },
};

describe('generateDataset: shape and determinism for every kind', () => {
  for (const kind of DATASET_KINDS) {
    describe(kind, () => {
      it('has the exact count, task and numClasses, for even and odd counts', () => {
        for (const numPoints of [400, 101, 1, 0]) {
          const d = generateDataset(spec(kind, { numPoints }), 1);
          expect(d.xs).toBeInstanceOf(Float32Array);
          expect(d.ys).toBeInstanceOf(Float32Array);
          expect(d.xs.length).toBe(numPoints * 2);
          expect(d.ys.length).toBe(numPoints);
          expect(d.task).toBe(EXPECTED[kind].task);
          expect(d.numClasses).toBe(EXPECTED[kind].numClasses);
        }
      });

      it('is identical for the same seed and differs for another', () => {
        const a = generateDataset(spec(kind, { noise: 20 }), 7);
        const b = generateDataset(spec(kind, { noise: 20 }), 7);
        const c = generateDataset(spec(kind, { noise: 20 }), 8);
        expect(Array.from(a.xs)).toEqual(Array.from(b.xs));
        expect(Array.from(a.ys)).toEqual(Array.from(b.ys));
        expect(Array.from(a.xs)).not.toEqual(Array.from(c.xs));
      });

      it('has finite values, sane coordinates and valid labels at every noise level', () => {
        for (const noise of [0, 25, 50]) {
          const d = generateDataset(spec(kind, { noise }), 3);
          // Noise-free sets live in the square; noisy gaussians may spill a little beyond it.
          const limit = noise === 0 ? 6 : 6 + 5;
          for (const v of d.xs) {
            expect(Number.isFinite(v)).toBe(true);
            expect(Math.abs(v)).toBeLessThanOrEqual(limit);
          }
          for (const y of d.ys) {
            if (d.task === 'regression') {
              expect(y).toBeGreaterThanOrEqual(-1);
              expect(y).toBeLessThanOrEqual(1);
            } else {
              expect(Number.isInteger(y)).toBe(true);
              expect(y).toBeGreaterThanOrEqual(0);
              expect(y).toBeLessThan(d.numClasses);
            }
          }
        }
      });

      if (EXPECTED[kind].task === 'binary') {
        it('is balanced half/half with noise 0 (class 1 takes the odd point)', () => {
          const even = generateDataset(spec(kind, { numPoints: 400 }), 11);
          expect(even.ys.reduce((s, y) => s + y, 0)).toBe(200);
          const odd = generateDataset(spec(kind, { numPoints: 401 }), 11);
          expect(odd.ys.reduce((s, y) => s + y, 0)).toBe(201);
        });

        it('interleaves classes in the point order', () => {
          const d = generateDataset(spec(kind), 11);
          const firstHalf = d.ys.subarray(0, 200).reduce((s, y) => s + y, 0);
          expect(firstHalf).toBeGreaterThan(60);
          expect(firstHalf).toBeLessThan(140);
        });
      }
    });
  }

  it('rejects invalid point counts and class counts', () => {
    expect(() => generateDataset(spec('circle', { numPoints: -1 }), 1)).toThrow(RangeError);
    expect(() => generateDataset(spec('circle', { numPoints: 2.5 }), 1)).toThrow(RangeError);
    expect(() => generateDataset(spec('blobs', { classes: 1 }), 1)).toThrow(RangeError);
  });
});

describe('generateDataset: the classes are separated the way the name says', () => {
  it('circle: with noise 0 every class-1 point is nearer the centre than every class-0 point', () => {
    const pts = points(generateDataset(spec('circle'), 2));
    const r = (p: { x1: number; x2: number }) => Math.hypot(p.x1, p.x2);
    const inner = Math.max(...pts.filter((p) => p.y === 1).map(r));
    const outer = Math.min(...pts.filter((p) => p.y === 0).map(r));
    expect(inner).toBeLessThanOrEqual(2.5);
    expect(outer).toBeGreaterThanOrEqual(3.5);
  });

  it('circle: noise flips some labels, as TF Playground does', () => {
    const pts = points(generateDataset(spec('circle', { noise: 50 }), 2));
    const flipped = pts.filter((p) => (Math.hypot(p.x1, p.x2) < 3 ? 1 : 0) !== p.y).length;
    expect(flipped).toBeGreaterThan(10);
  });

  it('xor: with noise 0 the label is sign(x1·x2), with padding away from the axes', () => {
    for (const p of points(generateDataset(spec('xor'), 4))) {
      expect(p.y).toBe(p.x1 * p.x2 >= 0 ? 1 : 0);
      expect(Math.abs(p.x1)).toBeGreaterThanOrEqual(0.3 - 1e-6);
      expect(Math.abs(p.x2)).toBeGreaterThanOrEqual(0.3 - 1e-6);
    }
  });

  it('gauss: class means sit on opposite sides of x1 + x2 = 0; noise widens the clouds', () => {
    const spreadOf = (noise: number) => {
      const pts = points(generateDataset(spec('gauss', { noise }), 5));
      const c1 = pts.filter((p) => p.y === 1);
      const c0 = pts.filter((p) => p.y === 0);
      const mean = (ps: typeof pts, f: (p: (typeof pts)[number]) => number) =>
        ps.reduce((s, p) => s + f(p), 0) / ps.length;
      expect(mean(c1, (p) => p.x1)).toBeGreaterThan(1.5);
      expect(mean(c1, (p) => p.x2)).toBeGreaterThan(1.5);
      expect(mean(c0, (p) => p.x1)).toBeLessThan(-1.5);
      expect(mean(c0, (p) => p.x2)).toBeLessThan(-1.5);
      return Math.sqrt(mean(c1, (p) => (p.x1 - 2) ** 2));
    };
    const tight = spreadOf(0);
    const wide = spreadOf(50);
    expect(tight).toBeCloseTo(Math.sqrt(0.5), 0);
    expect(wide).toBeCloseTo(2, 0);
  });

  it('spiral: with noise 0 each point lies on its own arm', () => {
    for (const p of points(generateDataset(spec('spiral'), 6))) {
      const r = Math.hypot(p.x1, p.x2);
      if (r < 0.3) continue; // both arms start at the origin
      const t = 1.75 * 2 * Math.PI * (r / 5);
      const d1 = Math.hypot(p.x1 - r * Math.sin(t), p.x2 - r * Math.cos(t));
      const d0 = Math.hypot(p.x1 - r * Math.sin(t + Math.PI), p.x2 - r * Math.cos(t + Math.PI));
      expect(p.y).toBe(d1 < d0 ? 1 : 0);
      expect(Math.min(d0, d1)).toBeLessThan(1e-4);
    }
  });

  it('moons: with noise 0 each point’s nearest neighbour is in its own moon, class 1 on top', () => {
    const pts = points(generateDataset(spec('moons'), 8));
    for (const p of pts) {
      let best = Infinity;
      let bestY = -1;
      for (const q of pts) {
        if (q === p) continue;
        const d = Math.hypot(p.x1 - q.x1, p.x2 - q.x2);
        if (d < best) {
          best = d;
          bestY = q.y;
        }
      }
      expect(bestY).toBe(p.y);
    }
    const meanX2 = (cls: number) => {
      const c = pts.filter((p) => p.y === cls);
      return c.reduce((s, p) => s + p.x2, 0) / c.length;
    };
    expect(meanX2(1)).toBeGreaterThan(meanX2(0));
    // Fills the square sensibly: spans most of the width.
    expect(Math.max(...pts.map((p) => p.x1)) - Math.min(...pts.map((p) => p.x1))).toBeGreaterThan(9);
  });

  it('moons: noise jitters positions but keeps labels balanced', () => {
    const clean = generateDataset(spec('moons'), 8);
    const noisy = generateDataset(spec('moons', { noise: 30 }), 8);
    expect(noisy.ys.reduce((s, y) => s + y, 0)).toBe(200);
    expect(Array.from(noisy.xs)).not.toEqual(Array.from(clean.xs));
  });

  for (const classes of [3, 4, 5]) {
    it(`blobs (${classes} classes): balanced, and with noise 0 each point is nearest its own centre`, () => {
      const d = generateDataset(spec('blobs', { classes }), 9);
      expect(d.numClasses).toBe(classes);
      const centres = blobCenters(classes);
      for (const [cx, cy] of centres) expect(Math.hypot(cx, cy)).toBeCloseTo(3.5, 6);
      const counts = new Array<number>(classes).fill(0);
      for (const p of points(d)) {
        counts[p.y]++;
        const dists = centres.map(([cx, cy]) => Math.hypot(p.x1 - cx, p.x2 - cy));
        expect(dists.indexOf(Math.min(...dists))).toBe(p.y);
      }
      for (const c of counts) expect(Math.abs(c - 400 / classes)).toBeLessThanOrEqual(1);
    });
  }

  it('blobs: jitter grows with noise', () => {
    const spread = (noise: number) => {
      const d = generateDataset(spec('blobs', { noise }), 10);
      const centres = blobCenters(3);
      const pts = points(d);
      return pts.reduce((s, p) => s + Math.hypot(p.x1 - centres[p.y][0], p.x2 - centres[p.y][1]), 0) / pts.length;
    };
    expect(spread(50)).toBeGreaterThan(2 * spread(0));
  });

  it('blobs: class 0 sits at the top', () => {
    const [[x, y]] = blobCenters(4);
    expect(x).toBeCloseTo(0, 6);
    expect(y).toBeCloseTo(3.5, 6);
  });

  it('plane: with noise 0 the target is (x1 + x2) / 10 clamped; noise weakens but keeps the correlation', () => {
    for (const p of points(generateDataset(spec('plane'), 12))) {
      expect(p.y).toBeCloseTo(Math.max(-1, Math.min(1, (p.x1 + p.x2) / 10)), 5);
    }
    const noisy = points(generateDataset(spec('plane', { noise: 50 }), 12));
    const r = correlation(noisy.map((p) => p.y), noisy.map((p) => p.x1 + p.x2));
    expect(r).toBeGreaterThan(0.5);
    expect(r).toBeLessThan(0.999);
  });

  it('multiGauss: with noise 0 the target follows the six signed bumps', () => {
    const pts = points(generateDataset(spec('multiGauss'), 13));
    for (const p of pts) expect(p.y).toBeCloseTo(multiGaussTarget(p.x1, p.x2), 5);
    expect(pts.some((p) => p.y > 0.5)).toBe(true);
    expect(pts.some((p) => p.y < -0.5)).toBe(true);
    const noisy = points(generateDataset(spec('multiGauss', { noise: 10 }), 13));
    expect(correlation(noisy.map((p) => p.y), noisy.map((p) => multiGaussTarget(p.x1, p.x2)))).toBeGreaterThan(0.3);
  });

  it('multiGaussTarget: peaks of ±1 at the bump centres, 0 far from all of them', () => {
    expect(multiGaussTarget(-4, 2.5)).toBe(1);
    expect(multiGaussTarget(0, 2.5)).toBe(-1);
    expect(multiGaussTarget(0, -2.5)).toBe(1);
    expect(multiGaussTarget(4, -2.5)).toBe(-1);
    expect(multiGaussTarget(-2, 0)).toBe(0);
  });
});

describe('splitTrainTest', () => {
  const check = (n: number, ratio: number, seed: number) => {
    const { train, test } = splitTrainTest(n, ratio, seed);
    const all = [...train, ...test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: n }, (_, i) => i)); // disjoint and covering
    return { train, test };
  };

  it('sizes follow round(n · ratio), disjoint and covering', () => {
    expect(check(100, 0.5, 1).train.length).toBe(50);
    expect(check(100, 0.7, 1).train.length).toBe(70);
    expect(check(101, 0.5, 1).train.length).toBe(51);
    expect(check(10, 0.33, 1).train.length).toBe(3);
  });

  it('keeps at least one point on each side when n ≥ 2', () => {
    expect(check(2, 0.9, 1).train.length).toBe(1);
    expect(check(3, 0.1, 1).train.length).toBe(1);
    expect(check(5, 0.99, 1).test.length).toBe(1);
    expect(check(1, 0.5, 1).train.length).toBe(1);
    expect(check(0, 0.5, 1).train.length).toBe(0);
  });

  it('is deterministic per seed, differs between seeds, and returns sorted Int32Arrays', () => {
    const a = splitTrainTest(200, 0.5, 21);
    const b = splitTrainTest(200, 0.5, 21);
    const c = splitTrainTest(200, 0.5, 22);
    expect(a.train).toBeInstanceOf(Int32Array);
    expect(Array.from(a.train)).toEqual(Array.from(b.train));
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(Array.from(a.train)).not.toEqual(Array.from(c.train));
    for (let i = 1; i < a.train.length; i++) expect(a.train[i]).toBeGreaterThan(a.train[i - 1]);
    for (let i = 1; i < a.test.length; i++) expect(a.test[i]).toBeGreaterThan(a.test[i - 1]);
  });

  it('is not just the first k indices', () => {
    const { train } = splitTrainTest(200, 0.5, 21);
    expect(train[train.length - 1]).toBeGreaterThan(150);
  });
});
