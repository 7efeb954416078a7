import { RACE_OPTIMIZERS, type RaceOptimizer } from './optimizers';
import type { Surface } from './surfaces';

/**
 * The learner's own network as a race surface: the training loss on a grid over a 2-D slice
 * through the current weights (training/lossSlice.ts computes it in the engine), interpolated
 * bicubically (Catmull–Rom) so the seven optimizers can run on it exactly as on the analytic
 * surfaces. Bilinear interpolation was tried first: its gradient jumps at every cell edge, so near
 * a minimum (a kink between nodes) every optimizer rattled in a band instead of settling. The
 * gradient is the interpolant's own derivative. Outside the grid a quadratic wall brings a lane
 * back: the value at the nearest grid point plus K·(distance)², so nothing leaves the map for good.
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

/** Catmull–Rom weights of the four nodes around t ∈ [0, 1] (nodes −1, 0, 1, 2), and their derivatives in t. */
function catmullRom(t: number): { w: [number, number, number, number]; d: [number, number, number, number] } {
  const t2 = t * t;
  const t3 = t2 * t;
  return {
    w: [0.5 * (-t + 2 * t2 - t3), 0.5 * (2 - 5 * t2 + 3 * t3), 0.5 * (t + 4 * t2 - 3 * t3), 0.5 * (-t2 + t3)],
    d: [0.5 * (-1 + 4 * t - 3 * t2), 0.5 * (-10 * t + 9 * t2), 0.5 * (1 + 8 * t - 9 * t2), 0.5 * (-2 * t + 3 * t2)],
  };
}

/** The grid value at node (i, j), extended linearly one node past each edge (so linear data stays linear there). */
function node(g: LossGrid, i: number, j: number): number {
  if (i < 0) return 2 * node(g, 0, j) - node(g, 1, j);
  if (i >= g.cols) return 2 * node(g, g.cols - 1, j) - node(g, g.cols - 2, j);
  if (j < 0) return 2 * node(g, i, 0) - node(g, i, 1);
  if (j >= g.rows) return 2 * node(g, i, g.rows - 1) - node(g, i, g.rows - 2);
  return g.values[j * g.cols + i];
}

/**
 * Bicubic (Catmull–Rom) value and gradient of the grid at (a, b) inside the window (clamped onto
 * it): it passes through every node, is smooth across cell edges (C¹), and reproduces linear and
 * bilinear data exactly. The gradient is the interpolant's own derivative.
 */
function bicubic(g: LossGrid, a: number, b: number): { f: number; gx: number; gy: number } {
  const { cols, rows, spanX, spanY } = g;
  const sx = (cols - 1) / (2 * spanX);
  const sy = (rows - 1) / (2 * spanY);
  const u = Math.min(cols - 1, Math.max(0, (a + spanX) * sx));
  const w = Math.min(rows - 1, Math.max(0, (b + spanY) * sy));
  const i = Math.min(cols - 2, Math.floor(u));
  const j = Math.min(rows - 2, Math.floor(w));
  const X = catmullRom(u - i);
  const Y = catmullRom(w - j);
  let f = 0;
  let du = 0;
  let dw = 0;
  for (let q = 0; q < 4; q++) {
    for (let p = 0; p < 4; p++) {
      const v = node(g, i - 1 + p, j - 1 + q);
      f += X.w[p] * Y.w[q] * v;
      du += X.d[p] * Y.w[q] * v;
      dw += X.w[p] * Y.d[q] * v;
    }
  }
  return { f, gx: du * sx, gy: dw * sy };
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
    rmsprop: round(0.01 * span),
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
    return bicubic(g, ca, cb).f + wall * ((a - ca) ** 2 + (b - cb) ** 2);
  };
  const grad = (a: number, b: number): [number, number] => {
    const ca = clampX(a);
    const cb = clampY(b);
    const { gx, gy } = bicubic(g, ca, cb);
    // Along an axis clamped to the edge the interpolant does not change with the position: only the wall does.
    return [a === ca ? gx : 2 * wall * (a - ca), b === cb ? gy : 2 * wall * (b - cb)];
  };
  // The interpolant can dip a little below the lowest node between nodes: look for its minimum on
  // a 4× finer sampling around the lowest node (the loss chart measures from it).
  let min: [number, number] = [gridCoord(at % g.cols, g.cols, g.spanX), gridCoord(Math.floor(at / g.cols), g.rows, g.spanY)];
  let fMin = f(min[0], min[1]);
  const hx = (2 * g.spanX) / (g.cols - 1);
  const hy = (2 * g.spanY) / (g.rows - 1);
  const [a0, b0] = min;
  for (let q = -8; q <= 8; q++) {
    for (let p = -8; p <= 8; p++) {
      const a = clampX(a0 + (p * hx) / 4);
      const b = clampY(b0 + (q * hy) / 4);
      const v = f(a, b);
      if (v < fMin) [fMin, min] = [v, [a, b]];
    }
  }
  return {
    id: 'network',
    f,
    grad,
    x: [-g.spanX, g.spanX],
    y: [-g.spanY, g.spanY],
    start: [-0.7 * g.spanX, 0.6 * g.spanY],
    minima: [min],
    noise: 0,
    lr: ratesFor(L, span),
    centre: [0, 0],
  };
}
