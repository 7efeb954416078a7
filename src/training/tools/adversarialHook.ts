import { PGD_ALPHA_SHARE, PGD_TRAIN_STEPS } from '../../models/adversarialTraining';
import type * as tfjs from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../models/spec';
import { attack, type AttackModel } from './adversarial';

/**
 * Adversarial training (the setting `training.adversarial`): before each step, the first `share`
 * of the batch (the batch is shuffled) is replaced by its FGSM or PGD version against the current
 * weights, computed in inference mode inside the step's tidy; the step then trains on the mix.
 * Image classifiers only (pixels in [0, 1]); elsewhere the setting does nothing.
 */
export function adversarialTrainingHook(
  tf: typeof tfjs,
  training: TrainingConfig,
  _current: unknown,
  model: AttackModel & { readonly lab: string },
): { survivesReset: boolean; batch(x: tfjs.Tensor, y: tfjs.Tensor): tfjs.Tensor } | null {
  // A StepHook (stepHooks.ts, which lists it in CONFIG_HOOKS: typed structurally to keep the import one-way).
  const a = training.adversarial;
  if (!a?.enabled || a.eps <= 0 || a.share <= 0 || model.lab !== 'images' || model.outputSpec.task !== 'multiclass') return null;
  let calls = 0;
  return {
    // A setting, not a trait of the old weights: it stays when training starts over.
    survivesReset: true,
    batch: (x, y) => {
      const b = x.shape[0];
      const k = Math.min(b, Math.round(b * a.share));
      if (k === 0) return x;
      const settings = { method: a.method, eps: a.eps, steps: PGD_TRAIN_STEPS, alpha: PGD_ALPHA_SHARE * a.eps, seed: 7919 + calls++ };
      const adv = attack(tf, model, k === b ? x : x.slice(0, k), k === b ? y : y.slice(0, k), settings);
      return k === b ? adv : tf.concat([adv, x.slice(k)]);
    },
  };
}
