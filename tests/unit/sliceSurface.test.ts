import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/data/rng';
import { gridCoord, surfaceFromGrid, type LossGrid } from '../../src/models/sliceSurface';

/** A grid sampled from f over [−spanX, spanX] × [−spanY, spanY]. */
function sample(f: (a: number, b: number) => number, cols = 21, rows = 15, spanX = 1.5, spanY = 1): LossGrid {
  const values = new Float32Array(cols * rows);
  for (let j = 0; j < rows; j++) for (let i = 0; i < cols; i++) values[j * cols + i] = f(gridCoord(i, cols, spanX), gridCoord(j, rows, spanY));
  return { values, cols, rows, spanX, spanY };
}

describe('the loss slice as a race surface', () => {
  it('puts the middle grid node exactly at 0 and the ends at ±span', () => {
    expect(gridCoord(15, 31, 1)).toBe(0);
    expect(gridCoord(22, 45, 1.5)).toBe(0);
    expect(gridCoord(0, 45, 1.5)).toBe(-1.5);
    expect(gridCoord(44, 45, 1.5)).toBe(1.5);
  });

  it('takes the grid value at every node', () => {
    const g = sample((a, b) => Math.cos(3 * a) + b * b + 0.1 * a * b);
    const s = surfaceFromGrid(g);
    for (let j = 0; j < g.rows; j++) for (let i = 0; i < g.cols; i++) expect(s.f(gridCoord(i, g.cols, g.spanX), gridCoord(j, g.rows, g.spanY))).toBeCloseTo(g.values[j * g.cols + i], 5);
  });

  it('reproduces a bilinear function exactly, value and gradient, between the nodes and up to the edges', () => {
    const f = (a: number, b: number) => 2 + 0.5 * a - 1.5 * b + 0.75 * a * b;
    const s = surfaceFromGrid(sample(f));
    const rng = createRng(1);
    for (let k = 0; k < 200; k++) {
      const a = (rng.next() * 2 - 1) * 1.5;
      const b = rng.next() * 2 - 1;
      expect(s.f(a, b)).toBeCloseTo(f(a, b), 5);
      const [gx, gy] = s.grad(a, b);
      expect(gx).toBeCloseTo(0.5 + 0.75 * b, 5);
      expect(gy).toBeCloseTo(-1.5 + 0.75 * a, 5);
    }
  });

  it('has the interpolant’s gradient: central differences agree everywhere inside (smooth across cell edges), and the wall outside pushes back', () => {
    const g = sample((a, b) => Math.sin(2 * a) * Math.cos(3 * b) + a * a);
    const s = surfaceFromGrid(g);
    const rng = createRng(2);
    const h = 1e-5;
    const hx = (2 * g.spanX) / (g.cols - 1);
    const hy = (2 * g.spanY) / (g.rows - 1);
    for (let k = 0; k < 200; k++) {
      // anywhere inside, cell edges included (the first few points lie exactly on one)
      const a = k < 20 ? -g.spanX + (1 + (k % 10)) * hx : (rng.next() * 2 - 1) * (g.spanX - 2 * h);
      const b = k < 20 ? (rng.next() * 2 - 1) * (g.spanY - 2 * h) : k < 40 ? -g.spanY + (1 + (k % 10)) * hy : (rng.next() * 2 - 1) * (g.spanY - 2 * h);
      const [gx, gy] = s.grad(a, b);
      expect(gx).toBeCloseTo((s.f(a + h, b) - s.f(a - h, b)) / (2 * h), 2);
      expect(gy).toBeCloseTo((s.f(a, b + h) - s.f(a, b - h)) / (2 * h), 2);
    }
    // outside: higher than at the edge, and the gradient points back inside
    expect(s.f(2, 0)).toBeGreaterThan(s.f(1.5, 0));
    expect(s.grad(2.5, 0)[0]).toBeGreaterThan(0);
    expect(s.grad(0, -1.6)[1]).toBeLessThan(0);
    expect(s.grad(2.1, 0)[0]).toBeCloseTo((s.f(2.1 + h, 0) - s.f(2.1 - h, 0)) / (2 * h), 2);
  });

  it('marks the centre, the lowest node as the minimum, a start off-centre, and positive rates for all seven', () => {
    const s = surfaceFromGrid(sample((a, b) => (a - 0.3) ** 2 + 2 * (b + 0.2) ** 2));
    expect(s.id).toBe('network');
    expect(s.centre).toEqual([0, 0]);
    // the interpolant's minimum, found near the lowest node: close to the true one (0.3, −0.2)
    expect(Math.abs(s.minima[0][0] - 0.3)).toBeLessThan(0.05);
    expect(Math.abs(s.minima[0][1] + 0.2)).toBeLessThan(0.05);
    expect(s.f(...s.minima[0])).toBeLessThanOrEqual(Math.min(...Array.from(sample((a, b) => (a - 0.3) ** 2 + 2 * (b + 0.2) ** 2).values)) + 1e-6);
    expect(s.start[0]).toBeCloseTo(-1.05, 9);
    expect(s.start[1]).toBeCloseTo(0.6, 9);
    expect(Object.values(s.lr).every((lr) => lr > 0 && Number.isFinite(lr))).toBe(true);
  });

  it('refuses a grid that does not fit its size', () => {
    expect(() => surfaceFromGrid({ values: new Float32Array(5), cols: 3, rows: 3, spanX: 1, spanY: 1 })).toThrow();
  });
});
