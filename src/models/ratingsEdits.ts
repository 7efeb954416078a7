/**
 * Picking the ratings dataset, or changing its options: coming from another lab opens the matrix
 * factorisation template with Adam and MSE; the Embeddings that read the user and item ids are
 * resized whenever the numbers of users or items change.
 */
import { DEFAULT_RATINGS, RATINGS_LIMITS, type RatingsOptions } from '../data/ratings';
import { trainingFor } from './defaults';
import { fitRatingsNetwork } from './ratingsFit';
import { modalityOf, type DatasetSpec, type Experiment } from './spec';
import { matrixFactorization } from './templates/recommender';

/** Share of the observed ratings used for training when the dataset is first picked. */
export const RATINGS_TRAIN_RATIO = 0.8;

const clamp = (x: number, [lo, hi]: readonly [number, number]) => (Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : lo);

/** Options within their limits (counts whole). */
export function clampRatings(o: Partial<RatingsOptions>): RatingsOptions {
  const v = { ...DEFAULT_RATINGS, ...o };
  return {
    users: Math.round(clamp(v.users, RATINGS_LIMITS.users)),
    items: Math.round(clamp(v.items, RATINGS_LIMITS.items)),
    density: clamp(v.density, RATINGS_LIMITS.density),
    noise: clamp(v.noise, RATINGS_LIMITS.noise),
  };
}

/** The Experiment on `dataset` (kind `ratings`), `patch` being what the learner changed. */
export function withRatingsDataset(exp: Experiment, dataset: DatasetSpec, patch: Partial<DatasetSpec>): Experiment {
  const fromOther = modalityOf(exp.dataset.kind) !== 'ratings';
  const next: DatasetSpec = { ...dataset, ratings: clampRatings(dataset.ratings ?? {}) };
  if (fromOther && patch.trainRatio === undefined) next.trainRatio = RATINGS_TRAIN_RATIO;
  let network = exp.network;
  let training = exp.training;
  if (fromOther) {
    const { layout: _layout, ...fresh } = matrixFactorization.network();
    network = fresh;
    training = { ...training, ...trainingFor('ratings'), loss: 'mse' };
  }
  return { ...exp, dataset: next, network: fitRatingsNetwork(network, next), training };
}
