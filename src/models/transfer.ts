/**
 * Transfer learning and fine-tuning (issue 16), as pure edits of an Experiment and its saved
 * weights: no TF.js. The engine honours `trainable: false` (training/runtime.ts); the pre-trained
 * digit network is trained by scripts/pretrain-mnist.mjs from PRETRAIN_SEED into PRETRAINED_PATH.
 */
import { createRng, deriveSeed } from '../data/rng';
import { analyze } from './analysis';
import { defaultExperiment, trainingFor } from './defaults';
import { isTrainable, MNIST_COUNT, numClassesOf, type DatasetSpec, type Experiment, type NetworkSpec } from './spec';
import { chain, graph } from './templates/build';
import type { SavedWeights } from './weightsFile';

/** Where the pre-trained digit network lives under public/ (a saved file: Experiment + weights). */
export const PRETRAINED_PATH = 'pretrained/mnist-cnn.json';
/** The seed the pre-trained network is trained from (data split, initial weights, shuffling). */
export const PRETRAIN_SEED = 16;
/** Mini-batches of 32 the pre-trained network is trained for (4 epochs of 8,000 digits). */
export const PRETRAIN_STEPS = 1000;
/** Few-shot fine-tuning: training examples per class. */
export const FEW_SHOT_PER_CLASS = 20;

/** A small digit CNN: conv 8 → pool → conv 16 → pool → dense 32 → dense 10 (26,698 weights). */
export function digitCnn(): NetworkSpec {
  const conv = (filters: number) => ({ filters, kernelSize: 3, strides: 1, padding: 'same' as const, activation: 'relu' as const, useBias: true });
  return graph(
    chain([
      ['input', 'Input', { shape: [28, 28, 1] }],
      ['conv1', 'Conv2D', conv(8)],
      ['pool1', 'MaxPool2D', { poolSize: 2, strides: 0, padding: 'valid' }],
      ['conv2', 'Conv2D', conv(16)],
      ['pool2', 'MaxPool2D', { poolSize: 2, strides: 0, padding: 'valid' }],
      ['flatten', 'Flatten'],
      ['fc1', 'Dense', { units: 32, activation: 'relu', useBias: true }],
      ['output', 'Dense', { units: 10, activation: 'softmax', useBias: true }],
    ]),
  );
}

/** The Experiment the pre-trained file is trained on: the digit CNN, MNIST 80/20, Adam 0.001, batch 32. */
export function pretrainExperiment(): Experiment {
  const d = defaultExperiment();
  return {
    ...d,
    network: digitCnn(),
    dataset: { ...d.dataset, kind: 'mnist', numPoints: MNIST_COUNT, trainRatio: 0.8 },
    training: { ...d.training, ...trainingFor('images'), loss: 'crossEntropy' },
    seed: PRETRAIN_SEED,
  };
}

/** Nodes with weights, in network order. */
export function weightedLayers(network: NetworkSpec): string[] {
  const a = analyze(network);
  return a.order.filter((id) => (a.nodes[id]?.params ?? 0) > 0);
}

/** The network's head: its single output when that is a Dense layer, else null. */
export function headOf(network: NetworkSpec): string | null {
  const { outputs } = analyze(network);
  const out = outputs.length === 1 ? network.nodes.find((n) => n.id === outputs[0]) : undefined;
  return out?.type === 'Dense' ? out.id : null;
}

/** Layers with weights other than the head: the features a new task borrows. */
export function featureLayers(network: NetworkSpec): string[] {
  const head = headOf(network);
  return weightedLayers(network).filter((id) => id !== head);
}

/** Frozen layers (`trainable: false`), in network order. */
export function frozenLayers(network: NetworkSpec): string[] {
  return network.nodes.filter((n) => !isTrainable(n)).map((n) => n.id);
}

/** Weights the optimizer updates (every layer that is not frozen) and all of them. */
export function parameterCounts(network: NetworkSpec): { trainable: number; total: number } {
  const a = analyze(network);
  let trainable = 0;
  for (const n of network.nodes) if (isTrainable(n)) trainable += a.nodes[n.id]?.params ?? 0;
  return { trainable, total: a.totalParams };
}

/** The network with exactly `ids` frozen (every other layer trainable). */
export function withFrozen(network: NetworkSpec, ids: readonly string[]): NetworkSpec {
  const frozen = new Set(ids);
  return {
    ...network,
    nodes: network.nodes.map(({ trainable: _, ...n }) => (frozen.has(n.id) ? { ...n, trainable: false } : n)),
  };
}

/** The few-shot shapes task: 1,200 shapes, half for testing (600), 20 training examples per class. */
export function fewShotShapes(base: DatasetSpec, perClass = FEW_SHOT_PER_CLASS): DatasetSpec {
  return { ...base, kind: 'shapes', numPoints: 1200, trainRatio: 0.5, noise: 0, perClass };
}

export type FineTuneResult = { ok: true; experiment: Experiment; weights: SavedWeights } | { ok: false; key: string };

/**
 * Put a network trained on one task onto another: the dataset replaced, the head (the output
 * Dense) resized to the new classes with fresh seeded Glorot-uniform weights and zero biases, every
 * other weight kept, the counters from 0; with `freeze`, the feature layers frozen. The weights are
 * matched to layers by the names TF.js gives them (`<layer id>/kernel`, `<layer id>/bias`).
 */
export function fineTuneSetup(exp: Experiment, weights: SavedWeights, dataset: DatasetSpec, opts: { freeze: boolean }): FineTuneResult {
  const head = headOf(exp.network);
  if (!head) return { ok: false, key: 'transfer.err.noHead' };
  const classes = numClassesOf(dataset);
  const headTensors = weights.tensors.filter((t) => t.name.startsWith(`${head}/`));
  const kernel = headTensors.find((t) => t.shape.length === 2);
  if (!kernel || headTensors.length > 2) return { ok: false, key: 'transfer.err.noHead' };
  const fanIn = kernel.shape[0];
  const rng = createRng(deriveSeed(exp.seed, 'head'));
  const limit = Math.sqrt(6 / (fanIn + classes));
  const fresh = (t: SavedWeights['tensors'][number]): SavedWeights['tensors'][number] => {
    if (t.shape.length === 2) {
      const values = new Float32Array(fanIn * classes);
      for (let i = 0; i < values.length; i++) values[i] = (rng.next() * 2 - 1) * limit;
      return { name: t.name, shape: [fanIn, classes], values };
    }
    return { name: t.name, shape: [classes], values: new Float32Array(classes) };
  };
  const nodes = exp.network.nodes.map((n) => (n.id === head ? { ...n, params: { ...n.params, units: classes, activation: 'softmax' } } : n));
  const resized = { ...exp.network, nodes };
  const network = withFrozen(resized, opts.freeze ? featureLayers(resized) : []);
  return {
    ok: true,
    experiment: { ...exp, network, dataset, training: { ...exp.training, loss: 'crossEntropy' } },
    weights: { step: 0, examples: 0, tensors: weights.tensors.map((t) => (t.name.startsWith(`${head}/`) ? fresh(t) : t)) },
  };
}
