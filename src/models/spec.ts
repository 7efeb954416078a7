/**
 * The Experiment: everything that defines what a learner sees and trains, as plain JSON.
 *
 * It goes into the URL, files, local storage, undo history, the training worker and code export,
 * so it holds only strings, numbers, booleans, arrays and records — never functions or tensors.
 * Bump EXPERIMENT_VERSION when the shape changes and add a step to `migrate` in codec.ts.
 */

import type { Augmentation, DatasetSpec } from '../data/datasetSpec';
import type { ScheduleConfig } from './schedules';
import type { EarlyStoppingConfig } from './earlyStopping';
import type { StopRule } from './stopRule';
import type { AdversarialTrainingConfig } from './adversarialTraining';
import type { DistillationConfig } from './distillation';

export const EXPERIMENT_VERSION = 1;

/** Activation functions by name; the training runtime maps each to TF.js ops. */
export const ACTIVATIONS = [
  'linear',
  'sigmoid',
  'tanh',
  'relu',
  'leakyRelu',
  'elu',
  'gelu',
  'swish',
  'softmax',
] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** Activations offered for hidden layers (softmax only makes sense on an output). */
export const HIDDEN_ACTIVATIONS: readonly Activation[] = ACTIVATIONS.filter((a) => a !== 'softmax');

export type ParamValue = string | number | boolean | number[];

/** One layer of the network DAG. `inputs` name the ids of the nodes feeding it, in order. */
export interface LayerNode {
  id: string;
  type: string;
  params: Record<string, ParamValue>;
  inputs: string[];
  /**
   * False freezes the layer (transfer learning): the optimizer leaves its weights alone and a
   * frozen batch normalization keeps its statistics. Absent means trainable; only `false` is stored.
   */
  trainable?: boolean;
}

/** True unless the node is frozen. */
export function isTrainable(node: Pick<LayerNode, 'trainable'>): boolean {
  return node.trainable !== false;
}

export interface NetworkSpec {
  nodes: LayerNode[];
  /**
   * Where the graph editor draws each node, by node id (flow coordinates, top-left corner).
   * Optional and purely visual: training ignores it, and nodes without an entry are placed
   * automatically.
   */
  layout?: Record<string, { x: number; y: number }>;
}

export * from '../data/datasetSpec';

export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adamw', 'adagrad'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/**
 * AdamW's decoupled weight decay λ: PyTorch's default (torch.optim.AdamW). It is not a setting of
 * its own; the optimizer race (models/optimizers.ts) is where a learner varies it.
 */
export const ADAMW_WEIGHT_DECAY = 0.01;

export const LOSSES = ['mse', 'crossEntropy'] as const;
export type LossName = (typeof LOSSES)[number];

export const REGULARIZERS = ['none', 'l1', 'l2'] as const;
export type Regularizer = (typeof REGULARIZERS)[number];

export interface TrainingConfig {
  optimizer: OptimizerName;
  learningRate: number;
  /** Momentum coefficient β of the `momentum` and `nesterov` optimizers. */
  momentum: number;
  batchSize: number;
  loss: LossName;
  regularization: Regularizer;
  regularizationRate: number;
  /** Image datasets only; ignored for points. */
  augmentation: Augmentation;
  /** How the learning rate changes over the epochs (models/schedules.ts); `learningRate` is its base. */
  schedule: ScheduleConfig;
  /** Stop when a validation split (carved from the training data) stops improving (models/earlyStopping.ts). */
  earlyStopping: EarlyStoppingConfig;
  /** Stop after a number of epochs and/or when a condition holds (models/stopRule.ts). */
  stop: StopRule;
  /** Adversarial training (models/adversarialTraining.ts); absent means off. Image datasets only. */
  adversarial?: AdversarialTrainingConfig;
  /** Knowledge distillation from a teacher network kept on the page (models/distillation.ts). */
  distillation: DistillationConfig;
}

export interface Experiment {
  version: typeof EXPERIMENT_VERSION;
  network: NetworkSpec;
  dataset: DatasetSpec;
  training: TrainingConfig;
  /** One seed for data, split, initial weights, shuffling and dropout (sub-seeds derive from it). */
  seed: number;
}
