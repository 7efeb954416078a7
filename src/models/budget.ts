import { analyze, type Analysis } from './analysis';
import { estimateHeld, estimateMacs } from './cost';
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
  /** Bytes of weights, gradients, optimizer state and the update's temporaries at the step's peak. */
  weightBytes: number;
  /** Bytes of activations and their gradients for one batch. */
  activationBytes: number;
  /** Bytes of the examples, held as tensors while training (inputs and targets). */
  dataBytes: number;
  memoryBytes: number;
  macsPerStep: number;
  /** Estimated seconds per training step on the CPU backend (see STEP_TIME). */
  stepSeconds: number;
}

/**
 * The time of a training step on the app's CPU backend, as two terms: multiply-adds (forward ×3)
 * at `macsPerSecond`, and the values the step keeps for its backward pass (HELD in cost.ts, per
 * batch) at `heldPerSecond`, which stands for the element-wise, pooling and copying work that
 * multiply-adds leave out. Fitted by least squares on relative error to nine networks measured in
 * Node on a quiet 2-core machine (bench/budget.node.ts, 2026-12-03: LeNet-5, AlexNet- and VGG-style,
 * two wide convolutions, a wide MLP, the Transformer encoder, the mini GPT, an LSTM, the 2-D
 * default): 1.9·10⁹ MAC/s and 5.2·10⁷ values/s, then divided by 1.2, the page's CPU backend being
 * that much slower than Node on LeNet-5 (~600 against ~730 images/s). Against Node's steps the
 * estimates come to 0.6–1.5× (batch-normalized ResNet and DenseNet lowest, their normalization
 * being slow on the CPU backend), so within a factor of 2 of the page's; only the tiny 2-D networks
 * (a fraction of a millisecond, dominated by per-call overhead the model leaves out) fall outside,
 * nowhere near a limit.
 */
export const STEP_TIME = { macsPerSecond: 1.6e9, heldPerSecond: 4.4e7 } as const;

/** Above either, a network is refused before it is built. */
export const BUDGET_LIMITS = { memoryBytes: 2 * 1024 ** 3, stepSeconds: 20 } as const;

/**
 * Above either (and within the limits), the learner sees the estimated time per epoch and memory and
 * confirms before the network is built. Every template stays below: on MNIST the heaviest estimate
 * 0.83 s a step (ResNet) and 230 MB (DenseNet); at 2 s a step an epoch of MNIST takes over ten minutes.
 */
export const BUDGET_WARNING = { memoryBytes: 1024 ** 3, stepSeconds: 2 } as const;

/** Values in one example's tensor of `shape` (a dimension of unknown size counts 1). */
const sizeOf = (shape: readonly (number | null)[] | null | undefined): number => (shape ? shape.reduce<number>((p, d) => p * (d ?? 1), 1) : 0);

/**
 * Copies of the weights alive at the peak of a training step: the weights, their gradients, the
 * optimizer's slots, and the temporaries of its update (TF.js computes the update of every
 * variable inside one tidy, so they coexist). Measured with tf.profile on the CPU backend for a
 * 1.9 M-parameter MLP (tests/unit/budgetMemory.test.ts): peak ÷ weight bytes = 3.3 (SGD), 5.4
 * (momentum), 12.6 (RMSprop), 18.1 (Adam), 7.1 (Adagrad). Nesterov and AdamW peak as high as
 * momentum and Adam (tf.profile of one step on a 10⁶-float variable: 7.0 vs 7.0, 15.0 vs 15.0 copies;
 * AdamW's decay is computed and assigned in a tidy before Adam's update).
 */
const WEIGHT_COPIES = { sgd: 3.3, momentum: 5.4, nesterov: 5.4, rmsprop: 12.6, adam: 18, adamw: 18, adagrad: 7 } as const;
const FLOAT = 4;

/** Estimate the cost of training `exp`'s network at its batch size. */
export function estimateBudget(exp: Experiment, analysis: Analysis = analyze(exp.network)): Budget {
  const batch = exp.training.batchSize;
  let inputs = 0;
  for (const node of exp.network.nodes) if (node.type === 'Input') inputs += sizeOf(analysis.nodes[node.id]?.shape);
  const params = analysis.totalParams;
  const weightBytes = params * FLOAT * WEIGHT_COPIES[exp.training.optimizer];
  // What the forward pass keeps for the backward pass, and as much again for its gradients.
  const held = estimateHeld(exp.network, analysis) * batch;
  const activationBytes = 2 * held * FLOAT;
  const outputWidth = analysis.outputs.reduce((sum, id) => sum + sizeOf(analysis.nodes[id]?.shape), 0);
  const dataBytes = exp.dataset.numPoints * (inputs + outputWidth) * FLOAT;
  const macsPerStep = 3 * estimateMacs(exp.network, analysis) * batch;
  const memoryBytes = weightBytes + activationBytes + dataBytes;
  const stepSeconds = macsPerStep / STEP_TIME.macsPerSecond + held / STEP_TIME.heldPerSecond;
  return { params, weightBytes, activationBytes, dataBytes, memoryBytes, macsPerStep, stepSeconds };
}

/** Training steps in one epoch: the training split in batches. */
export function stepsPerEpoch(exp: Experiment): number {
  return Math.max(1, Math.ceil(Math.round(exp.dataset.numPoints * exp.dataset.trainRatio) / Math.max(1, exp.training.batchSize)));
}

export type BudgetLevel = 'ok' | 'warning' | 'refused';

/** Where a budget falls: trains at once, asks first, or is refused. */
export function budgetLevel(b: Budget): BudgetLevel {
  const over = (limits: { memoryBytes: number; stepSeconds: number }) => b.memoryBytes > limits.memoryBytes || b.stepSeconds > limits.stepSeconds;
  if (over(BUDGET_LIMITS)) return 'refused';
  return over(BUDGET_WARNING) ? 'warning' : 'ok';
}

const seconds = (s: number) => (s < 10 ? s.toFixed(1) : Math.round(s).toLocaleString('en'));

/**
 * Why `exp` is too big to train here, or what it will cost when it is heavy enough to ask first
 * (`confirm`), with the numbers; null when it trains at once.
 */
export function budgetProblem(exp: Experiment, analysis?: Analysis): { key: string; vars: Record<string, string | number>; confirm?: true } | null {
  const b = estimateBudget(exp, analysis);
  const level = budgetLevel(b);
  if (level === 'ok') return null;
  const common = { memory: (b.memoryBytes / 1024 ** 3).toFixed(1), seconds: seconds(b.stepSeconds), params: b.params.toLocaleString('en') };
  if (level === 'warning') {
    const epoch = b.stepSeconds * stepsPerEpoch(exp);
    return { key: 'engine.heavy', vars: { ...common, minutes: epoch < 600 ? (epoch / 60).toFixed(1) : Math.round(epoch / 60).toLocaleString('en') }, confirm: true };
  }
  return {
    key: 'engine.tooBig',
    vars: { ...common, maxMemory: (BUDGET_LIMITS.memoryBytes / 1024 ** 3).toFixed(0), maxSeconds: BUDGET_LIMITS.stepSeconds },
  };
}
