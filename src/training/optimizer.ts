import type * as tfjs from '@tensorflow/tfjs';
import { ADAMW_WEIGHT_DECAY, type TrainingConfig } from '../models/spec';

type TF = typeof tfjs;

/**
 * AdamW (Loshchilov & Hutter): Adam's update plus a decay of the weights that does not pass
 * through Adam's moments, θ ← θ − η·(m̂/(√v̂ + ε) + λθ) — PyTorch's torch.optim.AdamW and Keras's
 * AdamW. TF.js has no AdamW, so this extends its Adam: before Adam's step each variable that gets a
 * gradient is scaled by (1 − ηλ). Adam's step does not read θ, so the order gives exactly the
 * formula above (tests/unit/optimizerRuntime.test.ts checks two steps by hand). The class is made
 * per `tf` namespace because only src/training may load TF.js at run time.
 */
const adamWClasses = new WeakMap<TF, new (lr: number, weightDecay: number) => tfjs.Optimizer>();
function adamWClass(tf: TF) {
  let cls = adamWClasses.get(tf);
  if (!cls) {
    class AdamW extends tf.AdamOptimizer {
      constructor(
        learningRate: number,
        readonly weightDecay: number,
      ) {
        super(learningRate, 0.9, 0.999);
      }
      override applyGradients(grads: Parameters<tfjs.AdamOptimizer['applyGradients']>[0]): void {
        const names = Array.isArray(grads) ? grads.map((g) => g.name) : Object.keys(grads);
        const variables = tf.engine().registeredVariables;
        const keep = 1 - this.learningRate * this.weightDecay;
        tf.tidy(() => {
          for (const name of names) {
            const v = variables[name];
            if (v) v.assign(tf.mul(v, keep));
          }
        });
        super.applyGradients(grads);
      }
    }
    cls = AdamW;
    adamWClasses.set(tf, cls);
  }
  return cls;
}

/** Make the TF.js optimizer a TrainingConfig names. */
export function makeOptimizer(tf: TF, t: TrainingConfig): tfjs.Optimizer {
  switch (t.optimizer) {
    case 'sgd':
      return tf.train.sgd(t.learningRate);
    case 'momentum':
      return tf.train.momentum(t.learningRate, t.momentum);
    case 'nesterov':
      // TF.js's Nesterov step is PyTorch's and Keras's: v ← βv + g; θ ← θ − η(g + βv).
      return tf.train.momentum(t.learningRate, t.momentum, true);
    case 'rmsprop':
      return tf.train.rmsprop(t.learningRate, 0.9, 0, 1e-7);
    case 'adam':
      return tf.train.adam(t.learningRate);
    case 'adamw':
      return new (adamWClass(tf))(t.learningRate, ADAMW_WEIGHT_DECAY);
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
