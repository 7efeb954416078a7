import { RACE_OPTIMIZERS, type RaceOptimizer } from './optimizers';
import type { Surface } from './surfaces';

/**
 * The learner's own network as a race surface: the training loss on a grid over a 2-D slice
 * through the current weights (training/lossSlice.ts computes it in the engine), interpolated
 * bilinearly so the seven optimizers can run on it exactly as on the analytic surfaces.
 *
 * Bilinear interpolation keeps every value between the grid's own values (so the lowest node is
 * the surface's minimum, and the race's loss chart measures against it), and its gradient is the
 * interpolant's exact derivative (continuous inside a cell, with a jump across cell edges, as a
 * piecewise-linear surface has). Outside the grid a quadratic wall brings a lane back: the value
 * at the nearest grid point plus K·(distance)², so nothing leaves the map for good.
 */

/** A loss grid over α ∈ [−spanX, spanX] (columns) and β ∈ [−spanY, spanY] (rows, row 0 at β = −spanY). */
export interface LossGrid {
  /** rows × cols losses, row-major: the loss at (α_i, β_j) is `values[j·cols + i]`. */
  values: ArrayLike<number>;
  cols: number;
  rows: number;
  spanX: number;
  spanY: number;
}

/** The k-th of n grid coordinates over [−span, span]; the middle one (n odd) is exactly 0. */
export const gridCoord = (k: number, n: number, span: number): number => (span * (2 * k - (n - 1))) / (n - 1);

/** Bilinear value and gradient of the grid at (a, b) inside the window (clamped onto it). */
function bilinear(g: LossGrid, a: number, b: number): { f: number; gx: number; gy: number } {
  const { cols, rows, spanX, spanY, values: v } = g;
  const sx = (cols - 1) / (2 * spanX);
  const sy = (rows - 1) / (2 * spanY);
  const u = Math.min(cols - 1, Math.max(0, (a + spanX) * sx));
  const w = Math.min(rows - 1, Math.max(0, (b + spanY) * sy));
  const i = Math.min(cols - 2, Math.floor(u));
  const j = Math.min(rows - 2, Math.floor(w));
  const fx = u - i;
  const fy = w - j;
  const v00 = v[j * cols + i];
  const v10 = v[j * cols + i + 1];
  const v01 = v[(j + 1) * cols + i];
  const v11 = v[(j + 1) * cols + i + 1];
  const f = (1 - fx) * (1 - fy) * v00 + fx * (1 - fy) * v10 + (1 - fx) * fy * v01 + fx * fy * v11;
  const dfdu = (1 - fy) * (v10 - v00) + fy * (v11 - v01);
  const dfdw = (1 - fx) * (v01 - v00) + fx * (v11 - v10);
  return { f, gx: dfdu * sx, gy: dfdw * sy };
}

/** A high quantile of the grid's curvature along both axes (|second difference| / h²), robust to a few spikes. */
export function gridCurvature(g: LossGrid, quantile = 0.9): number {
  const { cols, rows, values: v } = g;
  const hx = (2 * g.spanX) / (cols - 1);
  const hy = (2 * g.spanY) / (rows - 1);
  const c: number[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const m = v[j * cols + i];
      if (i > 0 && i < cols - 1) c.push(Math.abs(v[j * cols + i + 1] - 2 * m + v[j * cols + i - 1]) / (hx * hx));
      if (j > 0 && j < rows - 1) c.push(Math.abs(v[(j + 1) * cols + i] - 2 * m + v[(j - 1) * cols + i]) / (hy * hy));
    }
  }
  const finite = c.filter(Number.isFinite).sort((x, y) => x - y);
  return finite.length ? finite[Math.min(finite.length - 1, Math.floor(quantile * finite.length))] : 0;
}

/**
 * Learning rates for a grid: the gradient-scaled ones (SGD, momentum, Nesterov) from its curvature
 * L, so a step stays stable (η·L well under 2); the adaptive ones (RMSprop, Adam, AdamW, Adagrad),
 * whose steps do not scale with the gradient, from the window's size.
 */
function ratesFor(L: number, span: number): Record<RaceOptimizer, number> {
  const sgd = 0.4 / L;
  const round = (x: number) => Number(x.toPrecision(2));
  const lr: Record<RaceOptimizer, number> = {
    sgd: round(sgd),
    momentum: round(sgd / 4),
    nesterov: round(sgd / 4),
    rmsprop: round(0.005 * span),
    adam: round(0.02 * span),
    adamw: round(0.02 * span),
    adagrad: round(0.2 * span),
  };
  for (const o of RACE_OPTIMIZERS) if (!(lr[o] > 0) || !Number.isFinite(lr[o])) lr[o] = 0.01;
  return lr;
}

/** The race surface of a loss grid: bilinear values and gradients, the wall outside, rates, start and minimum. */
export function surfaceFromGrid(g: LossGrid): Surface {
  if (g.cols < 2 || g.rows < 2 || g.values.length !== g.cols * g.rows || !(g.spanX > 0) || !(g.spanY > 0)) throw new Error('surfaceFromGrid: a grid of at least 2 × 2 with positive spans');
  let lo = Infinity;
  let hi = -Infinity;
  let at = 0;
  for (let k = 0; k < g.values.length; k++) {
    const f = g.values[k];
    if (!Number.isFinite(f)) continue;
    if (f < lo) [lo, at] = [f, k];
    if (f > hi) hi = f;
  }
  const range = Number.isFinite(hi - lo) ? hi - lo : 1;
  const span = Math.min(g.spanX, g.spanY);
  // The curvature that sets the step: the grid's own, or at least the loss's range over the window.
  const L = Math.max(gridCurvature(g), range / (span * span), 1e-9);
  const wall = L / 2;
  const clampX = (a: number) => Math.min(g.spanX, Math.max(-g.spanX, a));
  const clampY = (b: number) => Math.min(g.spanY, Math.max(-g.spanY, b));
  const f = (a: number, b: number) => {
    const ca = clampX(a);
    const cb = clampY(b);
    return bilinear(g, ca, cb).f + wall * ((a - ca) ** 2 + (b - cb) ** 2);
  };
  const grad = (a: number, b: number): [number, number] => {
    const ca = clampX(a);
    const cb = clampY(b);
    const { gx, gy } = bilinear(g, ca, cb);
    // Along an axis clamped to the edge the interpolant does not change with the position: only the wall does.
    return [a === ca ? gx : 2 * wall * (a - ca), b === cb ? gy : 2 * wall * (b - cb)];
  };
  const i = at % g.cols;
  const j = Math.floor(at / g.cols);
  return {
    id: 'network',
    f,
    grad,
    x: [-g.spanX, g.spanX],
    y: [-g.spanY, g.spanY],
    start: [-0.7 * g.spanX, 0.6 * g.spanY],
    minima: [[gridCoord(i, g.cols, g.spanX), gridCoord(j, g.rows, g.spanY)]],
    noise: 0,
    lr: ratesFor(L, span),
    centre: [0, 0],
  };
}
