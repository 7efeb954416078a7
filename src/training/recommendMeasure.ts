import type * as tfjs from '@tensorflow/tfjs';
import type { Experiment } from '../models/spec';
import { prepareData } from './prepare';
import { ModelRuntime } from './runtime';
import { ratingsProbes } from './tools/recommend';

/** What training a recommender for some epochs gave (see `measureRecommender`). */
export interface RecommenderMeasurement {
  epochs: number;
  steps: number;
  /** Held-out RMSE of the network and of the item-mean baseline. */
  rmse: number;
  baselineRmse: number;
  /** Share of items whose nearest item on the map is of the same hidden cuisine. */
  genreAgreement: number;
  /** The engine's own test loss (MSE on the held-out ratings). */
  testLoss: number;
  /** Wall time of the training, ms. */
  ms: number;
}

/**
 * Train `exp` (a ratings Experiment) for `epochs` epochs from its seed, then measure held-out RMSE
 * against the item-mean baseline and the item map's cuisine agreement. For tests and the bench
 * (`strategies.recommender.*`); frees everything it made.
 */
export async function measureRecommender(tf: typeof tfjs, exp: Experiment, epochs: number): Promise<RecommenderMeasurement> {
  const rt = new ModelRuntime(tf, exp, prepareData(exp));
  try {
    const perEpoch = Math.ceil(rt.data.nTrain / exp.training.batchSize);
    const t0 = performance.now();
    rt.train(perEpoch * epochs);
    const ms = performance.now() - t0;
    const p = await ratingsProbes(tf, rt);
    const metrics = await rt.evaluate();
    return { epochs, steps: rt.step, rmse: p.rmse, baselineRmse: p.baselineRmse, genreAgreement: p.genreAgreement, testLoss: metrics.testLoss, ms };
  } finally {
    rt.dispose();
  }
}
