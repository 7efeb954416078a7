/**
 * The recommender's measurements as pure functions (no TF.js), shared by the engine's probes, the
 * `recommend` tool, the lesson's facts, the tests and the team's bench: RMSE on held-out ratings
 * against the item-mean baseline, the item embeddings drawn in 2-D (their first two principal
 * components when the dimension is above 2), how well that map groups the items by their hidden
 * cuisine, and a user's top recommendations.
 */
import { heldOutRatings, itemMeanPredictions, rmse, type RatingsMatrix } from '../data/ratings';

/**
 * The rows of `x` (`n` × `d`, row-major) in 2-D: the coordinates themselves for d ≤ 2 (a second
 * coordinate of 0 for d = 1), else their projections on the first two principal components
 * (power iteration with deflation on the covariance, seeded by a fixed start: deterministic).
 * Returns the map and the share of the variance the two axes keep.
 */
export function project2d(x: Float32Array, n: number, d: number): { map: Float32Array; explained: number } {
  const map = new Float32Array(n * 2);
  if (d <= 2) {
    for (let i = 0; i < n; i++) {
      map[2 * i] = x[i * d];
      map[2 * i + 1] = d === 2 ? x[i * d + 1] : 0;
    }
    return { map, explained: 1 };
  }
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j] / n;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const va = x[i * d + a] - mean[a];
      for (let b = 0; b < d; b++) cov[a * d + b] += (va * (x[i * d + b] - mean[b])) / n;
    }
  }
  let total = 0;
  for (let a = 0; a < d; a++) total += cov[a * d + a];
  const axes: Float64Array[] = [];
  let kept = 0;
  for (let k = 0; k < 2; k++) {
    let v = Float64Array.from({ length: d }, (_, j) => 1 + j * 0.1 + k);
    let lambda = 0;
    for (let it = 0; it < 200; it++) {
      const w = new Float64Array(d);
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) w[a] += cov[a * d + b] * v[b];
      const norm = Math.hypot(...w);
      if (norm < 1e-12) break;
      lambda = norm;
      v = w.map((y) => y / norm);
    }
    axes.push(v);
    kept += lambda;
    // Deflate: remove this component.
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b] -= lambda * v[a] * v[b];
  }
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 2; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[i * d + j] - mean[j]) * axes[k][j];
      map[2 * i + k] = s;
    }
  }
  return { map, explained: total > 0 ? Math.min(1, kept / total) : 0 };
}

/**
 * Share of the items whose nearest other item on the map (Euclidean) is of the same hidden cuisine.
 * Chance, for 4 equal cuisines of 10 items, is 9/39 ≈ 0.23.
 */
export function genreAgreement(map: Float32Array, genreOf: ArrayLike<number>): number {
  const n = genreOf.length;
  if (n < 2) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestD = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const dd = (map[2 * i] - map[2 * j]) ** 2 + (map[2 * i + 1] - map[2 * j + 1]) ** 2;
      if (dd < bestD) {
        bestD = dd;
        best = j;
      }
    }
    if (genreOf[best] === genreOf[i]) same++;
  }
  return same / n;
}

/** Held-out RMSE of a full prediction matrix (`users` × `items`, user-major) and of the item-mean baseline. */
export function heldOutRmse(m: RatingsMatrix, predicted: Float32Array): { rmse: number; baselineRmse: number } {
  const truth = heldOutRatings(m);
  const pred = Float32Array.from(m.test, (c) => predicted[m.cells[3 * c] * m.items + m.cells[3 * c + 1]]);
  return { rmse: rmse(pred, truth), baselineRmse: rmse(itemMeanPredictions(m, m.test), truth) };
}

/** The `k` items a user has not rated in training with the highest predicted rating, best first. */
export function topRecommendations(m: Pick<RatingsMatrix, 'items' | 'cells' | 'train'>, predicted: Float32Array, user: number, k: number): number[] {
  const rated = new Set<number>();
  for (const c of m.train) if (m.cells[3 * c] === user) rated.add(m.cells[3 * c + 1]);
  const items = Array.from({ length: m.items }, (_, i) => i).filter((i) => !rated.has(i));
  items.sort((a, b) => predicted[user * m.items + b] - predicted[user * m.items + a] || a - b);
  return items.slice(0, k);
}
