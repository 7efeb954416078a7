import { EXPERIMENT_VERSION, type Experiment } from './spec';
import { writePlayground } from './playground';

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
    dataset: { kind: 'circle', numPoints: 500, noise: 0, trainRatio: 0.5, classes: 3, features: ['x1', 'x2'] },
    training: {
      optimizer: 'sgd',
      learningRate: 0.03,
      momentum: 0.9,
      batchSize: 10,
      loss: 'mse',
      regularization: 'none',
      regularizationRate: 0,
    },
    seed: 1,
  };
}
