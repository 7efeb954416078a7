/**
 * A seeded toy ratings matrix for recommenders (matrix factorisation): users × items (dishes in four
 * cuisines), each with a hidden 2-D taste. A user's rating of a dish is
 *
 *   3 + b_u + b_i + u·v + noise,  rounded to a whole star and clipped to 1–5,
 *
 * where u is the user's taste, v the dish's (its cuisine's direction on a circle plus a little
 * scatter), b_u and b_i their biases. About `density` of the cells are observed; the observed cells
 * are split by the seed into training and held-out ratings. Pure: the same options and seed give
 * the same matrix everywhere.
 */
import { createRng, deriveSeed } from './rng';
import { splitTrainTest } from './datasets2d';
import type { RatingsOptions } from './datasetSpec';

/** The cuisines (hidden genres); item i belongs to cuisine i mod GENRES. */
export const RATING_GENRES = 4;
/** Dishes with names (i18n keys `rec.item.<i>`): the most items a matrix may have. */
export const RATING_ITEM_NAMES = 40;
/** Dimension of the hidden tastes. */
export const RATING_TASTE_DIM = 2;

export type { RatingsOptions };

export const DEFAULT_RATINGS: Readonly<RatingsOptions> = { users: 60, items: 40, density: 0.35, noise: 0.5 };

export const RATINGS_LIMITS = {
  users: [10, 200],
  items: [8, RATING_ITEM_NAMES],
  density: [0.1, 0.9],
  noise: [0, 1.5],
} as const satisfies Record<keyof RatingsOptions, readonly [number, number]>;

/** The options a dataset reads: its own, or the defaults (old links have none). */
export function ratingsOptionsOf(ds: { ratings?: RatingsOptions | null }): RatingsOptions {
  return { ...DEFAULT_RATINGS, ...(ds.ratings ?? {}) };
}

export interface RatingsMatrix {
  users: number;
  items: number;
  /** Hidden cuisine of each item. */
  genreOf: Int8Array;
  /** Observed cells: user, item and rating of cell k at [3k], [3k+1], [3k+2]. */
  cells: Float32Array;
  /** Indices into the observed cells: training and held-out ratings. */
  train: Int32Array;
  test: Int32Array;
  /** The hidden tastes (RATING_TASTE_DIM per user / item), for tests and the lesson's text. */
  userTaste: Float32Array;
  itemTaste: Float32Array;
}

/** Generate the matrix of `options` for `seed`, split by `trainRatio`. */
export function generateRatings(options: RatingsOptions, seed: number, trainRatio: number): RatingsMatrix {
  const { users, items, density, noise } = options;
  const rng = createRng(deriveSeed(seed, 'ratings'));
  const k = RATING_TASTE_DIM;
  const genreOf = Int8Array.from({ length: items }, (_, i) => i % RATING_GENRES);
  const itemTaste = new Float32Array(items * k);
  const itemBias = new Float32Array(items);
  for (let i = 0; i < items; i++) {
    const angle = (2 * Math.PI * genreOf[i]) / RATING_GENRES;
    itemTaste[i * k] = Math.cos(angle) + 0.2 * rng.normal();
    itemTaste[i * k + 1] = Math.sin(angle) + 0.2 * rng.normal();
    itemBias[i] = 0.3 * rng.normal();
  }
  const userTaste = new Float32Array(users * k);
  const userBias = new Float32Array(users);
  for (let u = 0; u < users; u++) {
    userTaste[u * k] = rng.normal();
    userTaste[u * k + 1] = rng.normal();
    userBias[u] = 0.3 * rng.normal();
  }
  const cells: number[] = [];
  for (let u = 0; u < users; u++) {
    for (let i = 0; i < items; i++) {
      // Every draw is made for every cell, so the ratings of one cell do not depend on density.
      const seen = rng.next() < density;
      const e = rng.normal();
      if (!seen) continue;
      let dot = 0;
      for (let d = 0; d < k; d++) dot += userTaste[u * k + d] * itemTaste[i * k + d];
      const r = Math.min(5, Math.max(1, Math.round(3 + userBias[u] + itemBias[i] + dot + noise * e)));
      cells.push(u, i, r);
    }
  }
  const n = cells.length / 3;
  const split = splitTrainTest(n, trainRatio, seed);
  return { users, items, genreOf, cells: Float32Array.from(cells), train: split.train, test: split.test, userTaste, itemTaste };
}

/** Root of the mean squared difference. */
export function rmse(pred: ArrayLike<number>, target: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < target.length; i++) s += (pred[i] - target[i]) ** 2;
  return Math.sqrt(s / Math.max(1, target.length));
}

/**
 * The baseline a recommender must beat: predict each item's mean training rating (the overall
 * training mean for an item nobody rated in training). Returns the predictions for `cells`' rows `rows`.
 */
export function itemMeanPredictions(m: Pick<RatingsMatrix, 'items' | 'cells' | 'train'>, rows: ArrayLike<number>): Float32Array {
  const sum = new Float64Array(m.items);
  const count = new Float64Array(m.items);
  let all = 0;
  for (const c of m.train) {
    const i = m.cells[3 * c + 1];
    sum[i] += m.cells[3 * c + 2];
    count[i]++;
    all += m.cells[3 * c + 2];
  }
  const mean = all / Math.max(1, m.train.length);
  return Float32Array.from(rows as ArrayLike<number>, (c) => {
    const i = m.cells[3 * c + 1];
    return count[i] ? sum[i] / count[i] : mean;
  });
}

/** The held-out ratings of `m`, in `m.test` order. */
export function heldOutRatings(m: Pick<RatingsMatrix, 'cells' | 'test'>): Float32Array {
  return Float32Array.from(m.test, (c) => m.cells[3 * c + 2]);
}
