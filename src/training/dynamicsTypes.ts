/**
 * What the engine reports about training dynamics inside the network (issue 15): per layer,
 * histograms of weights, gradients and activations, the gradient norm, the update-to-weight ratio
 * and the share of dead ReLU units, measured on one training step. Wire types only (no TF.js), so
 * the store, charts and lesson facts can read them.
 */

/** Equal-width bins every histogram has, between that tensor's own min and max. */
export const DYNAMICS_BINS = 30;

/**
 * A histogram over `DYNAMICS_BINS` equal bins from `min` to `max` (bin k covers
 * min + k·(max − min)/BINS …). `counts` are shares of the values counted (they sum to 1); tensors
 * larger than the engine's sample size are counted on a fixed sample, min and max on all values.
 */
export interface DynamicsHistogram {
  min: number;
  max: number;
  counts: Float32Array;
}

/** One layer with trainable weights, measured on one training step. */
export interface LayerDynamics {
  layerId: string;
  /** The layer's type (Dense, Conv2D, BatchNormalization …). */
  type: string;
  /** True when its main weight is a matrix or a kernel (rank ≥ 2), not a scale or a bias alone. */
  kernel: boolean;
  /** ‖∂L/∂θ‖ over all the layer's trainable weights. */
  gradNorm: number;
  /** ‖θ‖ before the update. */
  weightNorm: number;
  /** ‖Δθ‖ / ‖θ‖ of this step's update (what the optimizer actually changed). */
  updateRatio: number;
  /** ReLU layers: the share of units (last axis) whose output is 0 for every value of the batch; else null. */
  deadShare: number | null;
  /** The main weight (the largest of the layer's variables), its gradient, and the layer's output after its activation. */
  weights: DynamicsHistogram;
  grads: DynamicsHistogram;
  activations: DynamicsHistogram;
}

/** One probed training step: every layer with trainable weights, in network order. */
export interface DynamicsProbe {
  step: number;
  layers: LayerDynamics[];
}
