import { contours, geoPath, geoTransform, interpolateYlGnBu, range } from 'd3';
import type { RaceOptimizer } from '../../models/optimizers';
import type { Lane } from '../../models/race';
import type { Surface } from '../../models/surfaces';

/**
 * Pure painters of the race map: the contour background (once per surface and size) and the
 * paths (every frame). Both take a 2-D context sized in CSS pixels (the caller sets the
 * devicePixelRatio transform) and the window of the surface.
 */

/** One colour per optimizer (ColorBrewer Set1, distinct on the pale contour map). */
export const RACE_COLORS: Record<RaceOptimizer, string> = {
  sgd: '#e41a1c',
  momentum: '#ff7f00',
  nesterov: '#a65628',
  rmsprop: '#984ea3',
  adam: '#377eb8',
  adamw: '#2a9d3a',
  adagrad: '#e7298a',
};

/** Map a parameter point to the canvas and back. */
export interface MapFrame {
  width: number;
  height: number;
  x: [number, number];
  y: [number, number];
}

export const toCanvas = (m: MapFrame, px: number, py: number): [number, number] => [
  ((px - m.x[0]) / (m.x[1] - m.x[0])) * m.width,
  ((m.y[1] - py) / (m.y[1] - m.y[0])) * m.height,
];

export const fromCanvas = (m: MapFrame, cx: number, cy: number): [number, number] => [
  m.x[0] + (cx / m.width) * (m.x[1] - m.x[0]),
  m.y[1] - (cy / m.height) * (m.y[1] - m.y[0]),
];

/** The loss on a grid (row 0 at the top, i.e. the largest y), in log space so valleys show. */
export function contourGrid(surface: Surface, nx: number, ny: number): { values: Float64Array; min: number; max: number } {
  const raw = new Float64Array(nx * ny);
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < ny; j++) {
    const y = surface.y[1] - ((j + 0.5) / ny) * (surface.y[1] - surface.y[0]);
    for (let i = 0; i < nx; i++) {
      const x = surface.x[0] + ((i + 0.5) / nx) * (surface.x[1] - surface.x[0]);
      const f = surface.f(x, y);
      raw[j * nx + i] = f;
      if (f < lo) lo = f;
      if (f > hi) hi = f;
    }
  }
  // log(f − min + δ): δ a small share of the range keeps the deepest band from swallowing the rest.
  const delta = Math.max(1e-9, (hi - lo) * 1e-4);
  const values = raw.map((f) => Math.log(f - lo + delta));
  return { values, min: Math.log(delta), max: Math.log(hi - lo + delta) };
}

/** Paint the filled contour bands and their lines, and the minima as small crosses. */
export function paintContours(ctx: CanvasRenderingContext2D, surface: Surface, m: MapFrame, levels = 22): void {
  const nx = Math.max(30, Math.round(m.width / 4));
  const ny = Math.max(20, Math.round(m.height / 4));
  const { values, min, max } = contourGrid(surface, nx, ny);
  const thresholds = range(levels).map((k) => min + ((max - min) * k) / levels);
  const bands = contours().size([nx, ny]).thresholds(thresholds)(Array.from(values));
  const sx = m.width / nx;
  const sy = m.height / ny;
  const path = geoPath(
    geoTransform({
      point(x, y) {
        this.stream.point(x * sx, y * sy);
      },
    }),
    ctx,
  );
  ctx.clearRect(0, 0, m.width, m.height);
  bands.forEach((band, k) => {
    ctx.beginPath();
    path(band);
    // low loss pale yellow, high loss light blue-green: the paths stay the strongest colours
    ctx.fillStyle = interpolateYlGnBu(0.02 + (0.36 * k) / levels);
    ctx.fill();
    ctx.strokeStyle = 'rgba(30, 50, 70, 0.18)';
    ctx.lineWidth = 0.7;
    ctx.stroke();
  });
  ctx.strokeStyle = 'rgba(20, 30, 40, 0.75)';
  ctx.lineWidth = 1.5;
  for (const [mx, my] of surface.minima) {
    const [cx, cy] = toCanvas(m, mx, my);
    ctx.beginPath();
    ctx.moveTo(cx - 5, cy - 5);
    ctx.lineTo(cx + 5, cy + 5);
    ctx.moveTo(cx + 5, cy - 5);
    ctx.lineTo(cx - 5, cy + 5);
    ctx.stroke();
  }
  if (surface.centre) {
    // The network slice's current weights: a dark diamond (◆).
    const [cx, cy] = toCanvas(m, surface.centre[0], surface.centre[1]);
    ctx.beginPath();
    ctx.moveTo(cx, cy - 7);
    ctx.lineTo(cx + 7, cy);
    ctx.lineTo(cx, cy + 7);
    ctx.lineTo(cx - 7, cy);
    ctx.closePath();
    ctx.fillStyle = '#183d4e';
    ctx.fill();
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
}

/** Paint each shown lane's path with its head, then the start handle on top. */
export function paintPaths(ctx: CanvasRenderingContext2D, lanes: readonly Lane[], shown: ReadonlySet<RaceOptimizer>, start: [number, number], m: MapFrame): void {
  ctx.clearRect(0, 0, m.width, m.height);
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  const visible = lanes.filter((l) => shown.has(l.opt));
  for (const lane of visible) {
    const p = lane.path;
    ctx.beginPath();
    for (let k = 0; k < p.length; k += 2) {
      const [cx, cy] = toCanvas(m, p[k], p[k + 1]);
      if (k === 0) ctx.moveTo(cx, cy);
      else ctx.lineTo(cx, cy);
    }
    // a white halo under each path keeps it readable where paths cross and on dark bands
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.8)';
    ctx.lineWidth = 4;
    ctx.stroke();
    ctx.strokeStyle = RACE_COLORS[lane.opt];
    ctx.lineWidth = 2;
    ctx.stroke();
  }
  for (const lane of visible) {
    const p = lane.path;
    const [cx, cy] = toCanvas(m, p[p.length - 2], p[p.length - 1]);
    ctx.beginPath();
    ctx.arc(cx, cy, 4.5, 0, 2 * Math.PI);
    ctx.fillStyle = RACE_COLORS[lane.opt];
    ctx.fill();
    ctx.strokeStyle = lane.diverged ? '#000' : '#fff';
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
  const [sx, sy] = toCanvas(m, start[0], start[1]);
  ctx.beginPath();
  ctx.arc(sx, sy, 7, 0, 2 * Math.PI);
  ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
  ctx.fill();
  ctx.strokeStyle = '#183d4e';
  ctx.lineWidth = 2;
  ctx.stroke();
}

/** Powers of ten as learners read them: 10⁰, 10⁻⁴ … */
const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
export const powerOfTen = (k: number) => `10${String(k).replace(/./g, (c) => SUPERSCRIPT[c] ?? c)}`;

/** The smallest gap to the minimum the chart shows; below it a curve runs along the floor. */
export const CHART_FLOOR = -12;

/**
 * The race as curves: each shown lane's loss above the surface's minimum value f*, on a log scale,
 * against the step. The y range runs from the start's decade down to the lowest decade reached
 * (at least two decades, at most CHART_FLOOR); the x range grows with the race.
 */
export function paintLossChart(ctx: CanvasRenderingContext2D, lanes: readonly Lane[], shown: ReadonlySet<RaceOptimizer>, fStar: number, width: number, height: number): void {
  ctx.clearRect(0, 0, width, height);
  const visible = lanes.filter((l) => shown.has(l.opt) && l.losses.length > 0);
  const gap = (f: number) => Math.max(CHART_FLOOR, Math.log10(Math.max(f - fStar, 1e-300)));
  let top = -Infinity;
  let bottom = Infinity;
  let steps = 50;
  for (const l of visible) {
    top = Math.max(top, gap(l.losses[0]));
    for (const f of l.losses) bottom = Math.min(bottom, gap(f));
    steps = Math.max(steps, l.losses.length - 1);
  }
  if (!Number.isFinite(top)) return;
  const yMax = Math.ceil(top);
  const yMin = Math.max(CHART_FLOOR, Math.min(yMax - 2, Math.floor(bottom)));
  const left = 34;
  const right = 6;
  const pad = 6;
  const x = (k: number) => left + (k / steps) * (width - left - right);
  const y = (v: number) => pad + ((yMax - v) / (yMax - yMin)) * (height - 2 * pad);
  // decades: a grid line and a label every few, so at most ~5 labels
  const every = Math.max(1, Math.ceil((yMax - yMin) / 5));
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let d = yMax; d >= yMin; d--) {
    ctx.strokeStyle = d % every === 0 ? '#e1e5ea' : '#f1f3f5';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(left, y(d));
    ctx.lineTo(width - right, y(d));
    ctx.stroke();
    if (d % every === 0) {
      ctx.fillStyle = '#5f6b76';
      ctx.fillText(powerOfTen(d), left - 4, y(d));
    }
  }
  ctx.lineJoin = 'round';
  for (const l of visible) {
    const n = l.losses.length;
    const stride = Math.max(1, Math.floor(n / (width - left - right)));
    ctx.beginPath();
    for (let k = 0; k < n; k += stride) {
      const px = x(k);
      const py = y(Math.max(yMin, gap(l.losses[k])));
      if (k === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
    ctx.lineTo(x(n - 1), y(Math.max(yMin, gap(l.losses[n - 1]))));
    ctx.strokeStyle = RACE_COLORS[l.opt];
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
}
