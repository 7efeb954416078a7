import type * as tfjs from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../models/spec';
import type { OutputSpec } from '../objective';
import { adversarialTrainingHook } from './adversarialHook';

/**
 * A change to every training step, for strategies that train differently rather than look at a
 * trained network: adversarial examples mixed into the batch, a distillation loss, pruning masks
 * held after each update. The runtime calls each hook inside the step's `tf.tidy`, in the order
 * they were set.
 */
export interface StepHook {
  /** The batch's inputs (images: [b, h, w, c]) before the step: return what to train on instead. */
  batch?(x: tfjs.Tensor, y: tfjs.Tensor): tfjs.Tensor;
  /** The step's objective: given the network's output, the targets and the usual loss, return the loss to minimise. */
  objective?(output: tfjs.Tensor, y: tfjs.Tensor, loss: tfjs.Scalar, x: tfjs.Tensor): tfjs.Scalar;
  /** After the update, inside the step's tidy (re-apply masks, clip …). */
  afterStep?(): void;
  /** Kept when the weights start over (reset, saved weights loaded)? Masks of old weights are not. */
  survivesReset?: boolean;
  /** Free what the hook holds (called when it is replaced, removed, or the runtime is disposed). */
  dispose?(): void;
}

/**
 * Hooks that follow from the training settings (part of the Experiment, so links reproduce them),
 * by name: each factory returns its hook, or null when its setting is off. The runtime applies
 * them when built and on every reconfigure. Add a setting-driven strategy here.
 */
export type ConfigHookFactory = (tf: typeof tfjs, training: TrainingConfig, current: StepHook | undefined, model: HookModel) => StepHook | null;

/** The network a setting-driven hook may run (the runtime): e.g. to attack the batch with the current weights. */
export interface HookModel {
  readonly lab: string;
  readonly outputSpec: OutputSpec;
  /** Output in inference mode. */
  predict(x: tfjs.Tensor): tfjs.Tensor;
}

export const CONFIG_HOOKS: Record<string, ConfigHookFactory> = {
  adversarial: adversarialTrainingHook,
};
