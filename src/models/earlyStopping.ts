/**
 * Early stopping: training stops when the loss on a validation split (carved from the training
 * data, never the test data) has not improved for `patience` epochs, and may restore the weights of
 * its best epoch. The rule is Keras's EarlyStopping(monitor='val_loss'): an epoch improves when its
 * validation loss is below the best so far by more than `minDelta`.
 */

import { within } from './schedules';

export interface EarlyStoppingConfig {
  enabled: boolean;
  /** Epochs without improvement before training stops. */
  patience: number;
  /** How much lower than the best a validation loss must be to count as an improvement. */
  minDelta: number;
  /** Put back the weights of the best epoch when stopping. */
  restoreBest: boolean;
}

export const DEFAULT_EARLY_STOPPING: Readonly<EarlyStoppingConfig> = { enabled: false, patience: 10, minDelta: 0, restoreBest: true };

export const EARLY_STOPPING_LIMITS = { patience: [1, 1000], minDelta: [0, 10] } as const;

/** Early stopping's settings inside EARLY_STOPPING_LIMITS (patience whole), flags as booleans. */
export function withinEarlyStoppingLimits(e: EarlyStoppingConfig): EarlyStoppingConfig {
  return {
    enabled: Boolean(e.enabled),
    patience: Math.round(within(e.patience, EARLY_STOPPING_LIMITS.patience)),
    minDelta: within(e.minDelta, EARLY_STOPPING_LIMITS.minDelta),
    restoreBest: Boolean(e.restoreBest),
  };
}

/** Share of the training split held out for validation while early stopping is on. */
export const VALIDATION_SHARE = 0.2;

export type EarlyStoppingVerdict = 'improved' | 'waiting' | 'stop';

/** The rule's memory: the best validation loss, its epoch, and the epochs waited since. */
export class EarlyStopper {
  best = Infinity;
  bestEpoch = -1;
  wait = 0;

  /** The validation loss at the end of `epoch`. Non-finite losses never improve. */
  observe(epoch: number, valLoss: number, config: Pick<EarlyStoppingConfig, 'patience' | 'minDelta'>): EarlyStoppingVerdict {
    if (Number.isFinite(valLoss) && valLoss < this.best - config.minDelta) {
      this.best = valLoss;
      this.bestEpoch = epoch;
      this.wait = 0;
      return 'improved';
    }
    this.wait++;
    return this.wait >= config.patience ? 'stop' : 'waiting';
  }

  reset(): void {
    this.best = Infinity;
    this.bestEpoch = -1;
    this.wait = 0;
  }
}
