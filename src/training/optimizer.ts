import type * as tfjs from '@tensorflow/tfjs';
import type { TrainingConfig } from '../models/spec';

type TF = typeof tfjs;

/** Make the TF.js optimizer a TrainingConfig names. */
export function makeOptimizer(tf: TF, t: TrainingConfig): tfjs.Optimizer {
  switch (t.optimizer) {
    case 'sgd':
      return tf.train.sgd(t.learningRate);
    case 'momentum':
      return tf.train.momentum(t.learningRate, t.momentum);
    case 'rmsprop':
      return tf.train.rmsprop(t.learningRate, 0.9, 0, 1e-7);
    case 'adam':
      return tf.train.adam(t.learningRate);
    case 'adagrad':
      return tf.train.adagrad(t.learningRate);
  }
}

/**
 * Change the learning rate of a live optimizer, keeping its state (momentum, Adam's moments).
 * TF.js reads `learningRate` on every `applyGradients`; only SGD has a public setter, the others
 * keep it as a protected field, so we write that field.
 */
export function setLearningRate(opt: tfjs.Optimizer, lr: number): void {
  const o = opt as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}
