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
