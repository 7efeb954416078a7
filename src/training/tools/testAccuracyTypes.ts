/** The `testAccuracy` tool's wire types: the network measured on (up to) the whole test split. */
export interface TestAccuracyRequest {
  tool: 'testAccuracy';
  /** At most this many test examples, from the first (default: all). */
  examples?: number;
}

export interface TestAccuracyResult {
  tool: 'testAccuracy';
  /** Examples measured. */
  examples: number;
  /** Mean data loss (no regularisation), inference mode. */
  loss: number;
  /** Fraction correct; null for regression. */
  accuracy: number | null;
  /** Inference time per example, ms (forward passes in batches, read back once per batch). */
  msPerExample: number;
  /** The training step of the weights measured. */
  step: number;
}
