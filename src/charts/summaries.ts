// Text alternatives for pictures: the numbers a sighted learner reads off a chart, computed from
// the same data the chart draws (pure, no DOM), for visually-hidden summaries and aria-labels.
import type { Task } from '../models/spec';

/**
 * Share of the decision-boundary grid each class takes (the argmax per cell), summing to 1.
 * binary: cells < 0 are class 0, ≥ 0 class 1 (the grid holds 2p − 1); regression: null (no classes).
 * Null also when the grid is missing or from before a size change.
 */
export function boundaryShares(grid: Float32Array | null, gridSize: number, task: Task, numClasses: number): number[] | null {
  const cells = gridSize * gridSize;
  if (!grid || cells <= 0 || task === 'regression') return null;
  if (task === 'multiclass') {
    if (numClasses < 2 || grid.length < cells * numClasses) return null;
    const counts = new Array<number>(numClasses).fill(0);
    for (let i = 0; i < cells; i++) {
      let best = 0;
      for (let c = 1; c < numClasses; c++) if (grid[i * numClasses + c] > grid[i * numClasses + best]) best = c;
      counts[best]++;
    }
    return counts.map((n) => n / cells);
  }
  if (grid.length < cells) return null;
  let positive = 0;
  for (let i = 0; i < cells; i++) if (grid[i] >= 0) positive++;
  return [(cells - positive) / cells, positive / cells];
}

/** A share as a whole percentage ("37%"). */
export const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * A heatmap's numbers in brief: the finite values' range and, for channel-last data (h × w × c),
 * the channel with the largest mean |value| (1-based). Null when nothing is finite.
 */
export function heatmapSummary(values: ArrayLike<number>, channels = 1): { min: number; max: number; strongest: number } | null {
  const c = Math.max(1, Math.floor(channels));
  const sums = new Float64Array(c);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sums[i % c] += Math.abs(v);
  }
  if (min > max) return null;
  let strongest = 0;
  for (let k = 1; k < c; k++) if (sums[k] > sums[strongest]) strongest = k;
  return { min, max, strongest: strongest + 1 };
}

/** A number for a text alternative: 3 significant digits, no exponent for everyday magnitudes. */
export const brief = (v: number) => (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? String(Number(v.toPrecision(3))) : v === 0 ? '0' : v.toExponential(2));
