import { describe, expect, it } from 'vitest';
import { path as d3path } from 'd3';
import { boundaryShares, brief, heatmapSummary, percent } from '../../src/charts/summaries';
import { addMark, CLASS_SHAPES, classShape } from '../../src/charts/classMarks';
import { classColors } from '../../src/charts/colors';

describe('boundaryShares (the decision boundary in words)', () => {
  it('binary: the share of cells on each side of 0', () => {
    // 2×2 grid: three cells say class 1 (≥ 0), one class 0.
    expect(boundaryShares(new Float32Array([-0.5, 0.2, 0, 0.9]), 2, 'binary', 2)).toEqual([0.25, 0.75]);
  });
  it('multiclass: the argmax per cell', () => {
    const grid = new Float32Array([0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.2, 0.3, 0.5, 0.6, 0.3, 0.1]);
    expect(boundaryShares(grid, 2, 'multiclass', 3)).toEqual([0.5, 0.25, 0.25]);
  });
  it('nothing for regression, a missing grid or one from before a size change', () => {
    expect(boundaryShares(new Float32Array(4), 2, 'regression', 0)).toBeNull();
    expect(boundaryShares(null, 2, 'binary', 2)).toBeNull();
    expect(boundaryShares(new Float32Array(3), 2, 'binary', 2)).toBeNull();
    expect(boundaryShares(new Float32Array(8), 2, 'multiclass', 3)).toBeNull();
  });
  it('heatmapSummary: range over finite values and the channel with the largest mean |value|', () => {
    // 2 pixels × 3 channels, channel-last; channel 3 has the largest magnitudes, NaN is skipped.
    expect(heatmapSummary(new Float32Array([0.1, -0.2, 2, NaN, 0.3, -3]), 3)).toEqual({ min: -3, max: 2, strongest: 3 });
    expect(heatmapSummary(new Float32Array([NaN]), 1)).toBeNull();
    expect(brief(0.123456)).toBe('0.123');
    expect(brief(1234567)).toBe('1.23e+6');
  });
  it('percent rounds to whole numbers', () => {
    expect(percent(0.376)).toBe('38%');
  });
});

describe('colour-blind-safe classes', () => {
  it('Okabe–Ito keeps orange for class 0 and blue for class 1, and differs from the standard palette', () => {
    const safe = classColors(4, 'okabeIto');
    expect(safe.slice(0, 2)).toEqual(['#e69f00', '#0072b2']);
    expect(new Set(safe).size).toBe(4);
    expect(safe).not.toEqual(classColors(4));
  });
  it('each class gets its own shape, and every shape draws a closed path near its centre', () => {
    expect(new Set([0, 1, 2, 3, 4, 5].map(classShape)).size).toBe(CLASS_SHAPES.length);
    expect(classShape(CLASS_SHAPES.length)).toBe(classShape(0));
    for (const shape of CLASS_SHAPES) {
      const p = d3path();
      addMark(p, shape, 50, 50, 4);
      const nums = p.toString().match(/-?\d+(\.\d+)?/g)!.map(Number);
      expect(nums.length).toBeGreaterThan(2);
      // Coordinates (not arc flags/radii) stay within a few radii of the centre.
      for (const v of nums) expect(v).toBeLessThanOrEqual(60);
    }
  });
});
