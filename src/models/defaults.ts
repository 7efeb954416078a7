import { DEFAULT_SCHEDULE } from './schedules';
import { DEFAULT_EARLY_STOPPING } from './earlyStopping';
import { DEFAULT_DISTILLATION } from './distillation';
import { DEFAULT_STOP_RULE } from './stopRule';
import { EXPERIMENT_VERSION, SHAPE_CLASSES, type DatasetKind, type Experiment, type NetworkSpec, type SequenceOptions, type TrainingConfig } from './spec';
import { NO_AUGMENTATION } from '../data/datasetSpec';
import { writePlayground } from './playground';


/** Sequence settings a dataset starts with: reverse 8 digits, English, a sine window of 32 forecasting 8 steps. */
export const DEFAULT_SEQUENCE: Readonly<SequenceOptions> = { length: 8, language: 'en', direction: 'toDigits', window: 32, horizon: 8, sumOfSines: false };

/** Examples a sequence dataset starts with (sentiment ignores it: its sentences are fixed). */
export const SEQUENCE_EXAMPLES = 2000;

/** The Experiment a learner meets first: TensorFlow Playground's default (circle, 2-4-2-1 tanh). */
export function defaultExperiment(): Experiment {
  return {
    version: EXPERIMENT_VERSION,
    network: writePlayground(
      {
        inputId: 'input',
        hidden: [
          { id: 'h1', units: 4, activation: 'tanh', dropout: 0 },
          { id: 'h2', units: 2, activation: 'tanh', dropout: 0 },
        ],
        output: { id: 'output', units: 1, activation: 'tanh' },
      },
      2,
    ),
    dataset: { kind: 'circle', numPoints: 500, noise: 0, trainRatio: 0.5, classes: 3, features: ['x1', 'x2'], sequence: { ...DEFAULT_SEQUENCE } },
    training: {
      optimizer: 'sgd',
      learningRate: 0.03,
      momentum: 0.9,
      batchSize: 10,
      loss: 'mse',
      regularization: 'none',
      regularizationRate: 0,
      augmentation: { ...NO_AUGMENTATION },
      schedule: { ...DEFAULT_SCHEDULE },
      earlyStopping: { ...DEFAULT_EARLY_STOPPING },
      stop: { ...DEFAULT_STOP_RULE },
      distillation: { ...DEFAULT_DISTILLATION },
    },
    seed: 1,
  };
}

/**
 * Share of the images used for training: MNIST's 10,000 split 9,000 / 1,000. LeNet-5 (Adam 0.001,
 * batch 32) reached 97.0 % on the 1,000 after 3 epochs of 9,000, against 96.1 % on 2,000 after 3
 * epochs of 8,000 with an 80/20 split (Node, fast CPU kernels): more to learn from matters more here.
 */
export const IMAGE_TRAIN_RATIO = 0.9;

/**
 * The optimizer settings a modality starts with. Points keep TensorFlow Playground's SGD; image
 * networks are deeper and train far better with Adam on mini-batches of 32 (LeNet-5 on MNIST:
 * see bench/README.md), so moving between points and images switches these three settings.
 */
export function trainingFor(modality: boolean | 'points' | 'images' | 'sequences' | 'ratings'): Pick<TrainingConfig, 'optimizer' | 'learningRate' | 'batchSize'> {
  if (modality === true || modality === 'images') return { optimizer: 'adam', learningRate: 0.001, batchSize: 32 };
  // Matrix factorisation: Adam at 0.1 (see the header of lessons/content/strategies/recommender.ts).
  if (modality === 'ratings') return { optimizer: 'adam', learningRate: 0.1, batchSize: 32 };
  // Small Transformers and LSTMs: Adam at a higher rate than for the CNNs (see bench/README.md, seq.*).
  if (modality === 'sequences') return { optimizer: 'adam', learningRate: 0.003, batchSize: 32 };
  const { optimizer, learningRate, batchSize } = defaultExperiment().training;
  return { optimizer, learningRate, batchSize };
}

/** A kind's own dataset settings when a learner picks it: sequence sets start with 2,000 examples and 80/20. */
export function sequenceDatasetFor(kind: DatasetKind): { numPoints: number; trainRatio: number; noise: number } {
  return { numPoints: SEQUENCE_EXAMPLES, trainRatio: 0.8, noise: kind === 'sine' ? 5 : 0 };
}

/** A small CNN for the 28×28 image datasets: conv → pool → conv → pool → dense softmax. */
export function defaultImageNetwork(classes = SHAPE_CLASSES): NetworkSpec {
  return {
    nodes: [
      { id: 'input', type: 'Input', params: { shape: [28, 28, 1] }, inputs: [] },
      { id: 'conv1', type: 'Conv2D', params: { filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu', useBias: true }, inputs: ['input'] },
      { id: 'pool1', type: 'MaxPool2D', params: { poolSize: 2, strides: 0, padding: 'valid' }, inputs: ['conv1'] },
      { id: 'conv2', type: 'Conv2D', params: { filters: 16, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu', useBias: true }, inputs: ['pool1'] },
      { id: 'pool2', type: 'MaxPool2D', params: { poolSize: 2, strides: 0, padding: 'valid' }, inputs: ['conv2'] },
      { id: 'flatten', type: 'Flatten', params: {}, inputs: ['pool2'] },
      { id: 'output', type: 'Dense', params: { units: classes, activation: 'softmax', useBias: true }, inputs: ['flatten'] },
    ],
  };
}
