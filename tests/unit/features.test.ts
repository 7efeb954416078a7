import { describe, it, expect } from 'vitest';
import { FEATURE_IDS, type FeatureId } from '../../src/models/spec';
import { FEATURE_FUNCS, featurize, gridPoints } from '../../src/data/features';

const FORMULAS: Record<FeatureId, (x1: number, x2: number) => number> = {
  x1: (x1) => x1,
  x2: (_x1, x2) => x2,
  x1Sq: (x1) => x1 ** 2,
  x2Sq: (_x1, x2) => x2 ** 2,
  x1x2: (x1, x2) => x1 * x2,
  sinX1: (x1) => Math.sin(x1),
  sinX2: (_x1, x2) => Math.sin(x2),
};

describe('FEATURE_FUNCS', () => {
  it('covers every feature id and matches the formulas', () => {
    expect(Object.keys(FEATURE_FUNCS).sort()).toEqual([...FEATURE_IDS].sort());
    for (const id of FEATURE_IDS) {
      for (const [x1, x2] of [
        [0, 0],
        [1.5, -2],
        [-6, 6],
        [3.3, 0.7],
      ]) {
        expect(FEATURE_FUNCS[id](x1, x2)).toBeCloseTo(FORMULAS[id](x1, x2), 12);
      }
    }
  });
});

describe('featurize', () => {
  const xs = new Float32Array([1, 2, -3, 0.5, 0, -6]);

  it('builds an n × f row-major matrix in the requested column order', () => {
    const features: FeatureId[] = ['x1', 'x2', 'x1Sq', 'x2Sq', 'x1x2', 'sinX1', 'sinX2'];
    const m = featurize(xs, features);
    expect(m.length).toBe(3 * features.length);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < features.length; j++) {
        expect(m[i * features.length + j]).toBeCloseTo(FORMULAS[features[j]](xs[2 * i], xs[2 * i + 1]), 5);
      }
    }
    const reordered = featurize(xs, ['x1x2', 'x1']);
    expect(Array.from(reordered)).toEqual([2, 1, -1.5, -3, -0, 0]);
  });

  it('reuses out when given and rejects a wrongly sized one', () => {
    const out = new Float32Array(6);
    const m = featurize(xs, ['x2', 'x1'], out);
    expect(m).toBe(out);
    expect(Array.from(out)).toEqual([2, 1, 0.5, -3, -6, 0]);
    expect(() => featurize(xs, ['x1'], new Float32Array(2))).toThrow(RangeError);
    expect(() => featurize(new Float32Array(3), ['x1'])).toThrow(RangeError);
  });

  it('handles no features and no points', () => {
    expect(featurize(xs, []).length).toBe(0);
    expect(featurize(new Float32Array(0), ['x1', 'x2']).length).toBe(0);
  });
});

describe('gridPoints', () => {
  it('has size² interleaved points at cell centres', () => {
    const g = gridPoints(4, 6);
    expect(g.length).toBe(4 * 4 * 2);
    const xs1 = new Set<number>();
    for (let i = 0; i < 16; i++) xs1.add(g[2 * i]);
    expect([...xs1].sort((a, b) => a - b)).toEqual([-4.5, -1.5, 1.5, 4.5]);
  });

  it('starts top-left: x1 ≈ −extent, x2 ≈ +extent; x1 grows along a row, x2 falls down the rows', () => {
    const size = 50;
    const extent = 6;
    const h = extent / size;
    const g = gridPoints(size, extent);
    expect(g[0]).toBeCloseTo(-extent + h, 5);
    expect(g[1]).toBeCloseTo(extent - h, 5);
    // Last point of the first row: top-right.
    const topRight = 2 * (size - 1);
    expect(g[topRight]).toBeCloseTo(extent - h, 5);
    expect(g[topRight + 1]).toBeCloseTo(extent - h, 5);
    // First point of the last row: bottom-left.
    const bottomLeft = 2 * (size * (size - 1));
    expect(g[bottomLeft]).toBeCloseTo(-extent + h, 5);
    expect(g[bottomLeft + 1]).toBeCloseTo(-extent + h, 5);
    // Every point inside the square.
    for (const v of g) expect(Math.abs(v)).toBeLessThan(extent);
  });

  it('defaults the extent to 6 and accepts another', () => {
    expect(gridPoints(2)[0]).toBeCloseTo(-3, 6);
    expect(gridPoints(2)[1]).toBeCloseTo(3, 6);
    expect(gridPoints(1, 2)[0]).toBeCloseTo(0, 6);
    expect(gridPoints(0).length).toBe(0);
  });

  it('feeds straight into featurize', () => {
    const g = gridPoints(3);
    const m = featurize(g, ['x1', 'x2']);
    expect(Array.from(m)).toEqual(Array.from(g));
  });
});
