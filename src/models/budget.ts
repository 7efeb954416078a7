import { analyze, type Analysis } from './analysis';
import { estimateMacs } from './cost';
import type { Experiment } from './spec';

/**
 * What training a network will cost, estimated before it is built: memory for the weights (with
 * their gradients and the optimizer's slots), for one batch's activations (kept for the backward
 * pass, plus their gradients) and for the examples, and multiply-adds per training step (forward ×3 for the
 * backward pass). A network far past what a school laptop can train would otherwise freeze the tab
 * for minutes inside one step; this refuses it before TF.js allocates anything.
 */
export interface Budget {
  params: number;
  /** Bytes of weights, gradients and optimizer state. */
  weightBytes: number;
  /** Bytes of activations and their gradients for one batch. */
  activationBytes: number;
  /** Bytes of the examples, held as tensors while training (inputs and targets). */
  dataBytes: number;
  memoryBytes: number;
  macsPerStep: number;
  /** Estimated seconds per training step on the CPU backend (see MACS_PER_SECOND). */
  stepSeconds: number;
}

/**
 * Training throughput of the app's CPU backend, multiply-adds per second, measured on the 2-core
 * machines this project runs on: LeNet-5 on MNIST trains ~600 images/s (bench cnn.lenet.cpu,
 * 2026-12-03) at 0.42 M forward MACs per image, ×3 for a training step ≈ 7.6e8 MAC/s. A slower
 * laptop is about half of that; the refusal level below leaves room for it.
 */
export const MACS_PER_SECOND = 7.6e8;

/** Above either, a network is refused before it is built. */
export const BUDGET_LIMITS = { memoryBytes: 2 * 1024 ** 3, stepSeconds: 20 } as const;

/** Values in one example's tensor of `shape` (a dimension of unknown size counts 1). */
const sizeOf = (shape: readonly (number | null)[] | null | undefined): number => (shape ? shape.reduce<number>((p, d) => p * (d ?? 1), 1) : 0);

const OPTIMIZER_SLOTS = { sgd: 0, momentum: 1, rmsprop: 2, adam: 2, adagrad: 1 } as const;
const FLOAT = 4;

/** Estimate the cost of training `exp`'s network at its batch size. */
export function estimateBudget(exp: Experiment, analysis: Analysis = analyze(exp.network)): Budget {
  const batch = exp.training.batchSize;
  let outputs = 0;
  let inputs = 0;
  for (const node of exp.network.nodes) {
    const size = sizeOf(analysis.nodes[node.id]?.shape);
    outputs += size;
    if (node.type === 'Input') inputs += size;
  }
  const params = analysis.totalParams;
  const weightBytes = params * FLOAT * (2 + OPTIMIZER_SLOTS[exp.training.optimizer]);
  const activationBytes = 2 * outputs * batch * FLOAT;
  const outputWidth = analysis.outputs.reduce((sum, id) => sum + sizeOf(analysis.nodes[id]?.shape), 0);
  const dataBytes = exp.dataset.numPoints * (inputs + outputWidth) * FLOAT;
  const macsPerStep = 3 * estimateMacs(exp.network, analysis) * batch;
  const memoryBytes = weightBytes + activationBytes + dataBytes;
  return { params, weightBytes, activationBytes, dataBytes, memoryBytes, macsPerStep, stepSeconds: macsPerStep / MACS_PER_SECOND };
}

/** Why `exp` is too big to train here (with the numbers), or null when it fits. */
export function budgetProblem(exp: Experiment, analysis?: Analysis): { key: string; vars: Record<string, string | number> } | null {
  const b = estimateBudget(exp, analysis);
  if (b.memoryBytes <= BUDGET_LIMITS.memoryBytes && b.stepSeconds <= BUDGET_LIMITS.stepSeconds) return null;
  return {
    key: 'engine.tooBig',
    vars: {
      memory: (b.memoryBytes / 1024 ** 3).toFixed(1),
      seconds: b.stepSeconds < 10 ? b.stepSeconds.toFixed(1) : Math.round(b.stepSeconds).toLocaleString('en'),
      params: b.params.toLocaleString('en'),
      maxMemory: (BUDGET_LIMITS.memoryBytes / 1024 ** 3).toFixed(0),
      maxSeconds: BUDGET_LIMITS.stepSeconds,
    },
  };
}
