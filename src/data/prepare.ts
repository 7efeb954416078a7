import { numClassesOf, taskOf, type Experiment, type Task } from '../models/spec';
import { generateDataset, splitTrainTest } from './datasets2d';
import { featurize } from './features';

/**
 * Everything the engine needs from an Experiment's dataset, as flat typed arrays: features for
 * train and test, targets, and the raw points for the views. Pure and seeded, so the same
 * Experiment gives byte-identical arrays in the worker, on the main thread and in tests.
 */
export interface PreparedData {
  task: Task;
  numClasses: number;
  numFeatures: number;
  /** Width of the target rows: C one-hot columns for multi-class, else 1. */
  targetWidth: number;
  trainX: Float32Array;
  trainY: Float32Array;
  testX: Float32Array;
  testY: Float32Array;
  nTrain: number;
  nTest: number;
  /** The raw points for drawing: xs interleaved (x₁, x₂), ys labels/targets, test flags. */
  points: { xs: Float32Array; ys: Float32Array; test: Uint8Array };
}

/** Targets per example: class index 0/1 for binary, one-hot for multi-class, value for regression. */
function encodeTargets(ys: Float32Array, idx: Int32Array, task: Task, numClasses: number): Float32Array {
  if (task !== 'multiclass') return Float32Array.from(idx, (i) => ys[i]);
  const out = new Float32Array(idx.length * numClasses);
  idx.forEach((i, row) => {
    out[row * numClasses + ys[i]] = 1;
  });
  return out;
}

function pick(x: Float32Array, width: number, idx: Int32Array): Float32Array {
  const out = new Float32Array(idx.length * width);
  idx.forEach((i, row) => out.set(x.subarray(i * width, (i + 1) * width), row * width));
  return out;
}

export function prepareData(exp: Experiment): PreparedData {
  const task = taskOf(exp.dataset);
  const numClasses = numClassesOf(exp.dataset);
  const ds = generateDataset(exp.dataset, exp.seed);
  const n = ds.ys.length;
  const split = splitTrainTest(n, exp.dataset.trainRatio, exp.seed);
  const feats = featurize(ds.xs, exp.dataset.features);
  const numFeatures = exp.dataset.features.length;
  const test = new Uint8Array(n);
  split.test.forEach((i) => (test[i] = 1));
  return {
    task,
    numClasses,
    numFeatures,
    targetWidth: task === 'multiclass' ? numClasses : 1,
    trainX: pick(feats, numFeatures, split.train),
    trainY: encodeTargets(ds.ys, split.train, task, numClasses),
    testX: pick(feats, numFeatures, split.test),
    testY: encodeTargets(ds.ys, split.test, task, numClasses),
    nTrain: split.train.length,
    nTest: split.test.length,
    points: { xs: ds.xs, ys: ds.ys, test },
  };
}
