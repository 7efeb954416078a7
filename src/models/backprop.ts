import type { Activation, LossName, Regularizer, Task } from './spec';
import type { PlaygroundNetwork } from './playground';

/**
 * Backpropagation on one example, worked out by hand for the 2-D playground's chain of Dense
 * layers, so the step-through can show every number: each neuron's weighted sum z = Σ w·a + b and
 * activation a = φ(z), the loss, each neuron's δ = ∂L/∂z, each weight's gradient ∂L/∂w = δ·a_prev
 * and the plain-SGD update w ← w − η·∂L/∂w.
 *
 * No TF.js here: these are the formulas themselves, in float64. They follow the training runtime
 * exactly (training/model.ts `activate`, training/objective.ts `lossOf`, the L1/L2 term of
 * training/runtime.ts), and tests/unit/backprop.test.ts holds the gradients equal to TF.js's own
 * `tf.variableGrads` on the same network and example. Dropout is left out: the walk-through uses
 * the network as it predicts (training would also drop units at random).
 */

/** Leaky ReLU's slope for z < 0: the runtime's LEAKY_ALPHA (training/custom.ts; a test holds them equal). */
export const LEAKY_SLOPE = 0.2;
/** The loss clips probabilities into [ε, 1 − ε] before the log (training/objective.ts). */
export const PROB_EPS = 1e-7;

// Abramowitz & Stegun 7.1.26, the approximation TF.js's CPU and WebGL kernels use for erf.
const ERF_P = 0.3275911;
const ERF_A = [0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429] as const;

/** erf as TF.js computes it (|error| < 1.5·10⁻⁷). */
export function erf(x: number): number {
  const v = Math.abs(x);
  const t = 1 / (1 + ERF_P * v);
  const poly = ((((ERF_A[4] * t + ERF_A[3]) * t + ERF_A[2]) * t + ERF_A[1]) * t + ERF_A[0]) * t;
  return Math.sign(x) * (1 - poly * Math.exp(-v * v));
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** An element-wise activation φ and its derivative φ′ (softmax, which mixes units, is separate). */
interface Elementwise {
  f(z: number): number;
  df(z: number): number;
}

const ELEMENTWISE: Record<Exclude<Activation, 'softmax'>, Elementwise> = {
  linear: { f: (z) => z, df: () => 1 },
  sigmoid: {
    f: sigmoid,
    df: (z) => {
      const s = sigmoid(z);
      return s * (1 - s);
    },
  },
  tanh: {
    f: Math.tanh,
    df: (z) => 1 - Math.tanh(z) ** 2,
  },
  // TF.js's gradients: step(z) for relu (0 at z = 0), α below zero for leaky ReLU, e^z for elu.
  relu: { f: (z) => Math.max(0, z), df: (z) => (z > 0 ? 1 : 0) },
  leakyRelu: { f: (z) => (z < 0 ? LEAKY_SLOPE * z : z), df: (z) => (z < 0 ? LEAKY_SLOPE : 1) },
  elu: { f: (z) => (z > 0 ? z : Math.exp(z) - 1), df: (z) => (z > 0 ? 1 : Math.exp(z)) },
  // The exact (erf) form, as the runtime builds it: ½·z·(1 + erf(z/√2)).
  gelu: {
    f: (z) => 0.5 * z * (1 + erf(z / Math.SQRT2)),
    df: (z) => 0.5 * (1 + erf(z / Math.SQRT2)) + (z * Math.exp(-0.5 * z * z)) / Math.sqrt(2 * Math.PI),
  },
  swish: {
    f: (z) => z * sigmoid(z),
    df: (z) => {
      const s = sigmoid(z);
      return s + z * s * (1 - s);
    },
  },
};

/** φ applied to a layer's weighted sums. */
export function activateAll(zs: readonly number[], activation: Activation): number[] {
  if (activation === 'softmax') {
    const m = Math.max(...zs);
    const e = zs.map((z) => Math.exp(z - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  }
  const f = ELEMENTWISE[activation].f;
  return zs.map(f);
}

/** φ′(z) of an element-wise activation. */
export function activationSlope(z: number, activation: Exclude<Activation, 'softmax'>): number {
  return ELEMENTWISE[activation].df(z);
}

/** One Dense layer's parameters: kernel fanIn × units row-major (as the probes send it), bias. */
export interface DenseParamsValues {
  kernel: ArrayLike<number>;
  bias: ArrayLike<number> | null;
}

/** What the walk-through needs besides the network and its weights. */
export interface BackpropSettings {
  task: Task;
  loss: LossName;
  learningRate: number;
  regularization: Regularizer;
  regularizationRate: number;
}

/** The example: its input features and its label (class index, or the regression target). */
export interface BackpropExample {
  features: readonly number[];
  label: number;
}

/** One Dense layer, worked out. Index j is a unit of this layer, i a unit of the layer before. */
export interface LayerPass {
  id: string;
  activation: Activation;
  fanIn: number;
  units: number;
  kernel: number[];
  bias: number[];
  /** Weighted sums z_j = Σ_i w_ij·a_i + b_j. */
  z: number[];
  /** Activations a_j = φ(z_j). */
  a: number[];
  /** ∂L/∂a_j (the output layer's comes from the loss, a hidden one's from the layer after). */
  dA: number[];
  /** δ_j = ∂L/∂z_j. */
  delta: number[];
  /** ∂L/∂w_ij = δ_j·a_i of the data loss, row-major like the kernel. */
  gradW: number[];
  /** The regularization term's gradient for each weight (0 without regularization). */
  regGradW: number[];
  /** ∂L/∂b_j = δ_j. */
  gradB: number[];
  /** After one SGD step: w − η·(∂L/∂w + regularization), b − η·∂L/∂b. */
  newKernel: number[];
  newBias: number[];
}

/** The whole walk-through for one example. */
export interface BackpropResult {
  /** The input layer's activations: the example's features. */
  input: number[];
  layers: LayerPass[];
  /** What the output is compared with, in the output's own units (e.g. ±1 for a tanh output). */
  target: number[];
  /** Which loss formula applies (regression always uses squared error). */
  lossKind: LossKind;
  /** The data loss on this example, as the runtime computes it. */
  loss: number;
  /** Binary cross-entropy: the probability of class 1 read from the output; multi-class: = the output. */
  probability: number[] | null;
}

/**
 * How the loss reads the output, per task, output activation and loss (training/objective.ts):
 * - `mse`: mean over the output units of (a − t)²; binary targets are ±1 unless the output is a sigmoid;
 * - `bce-sigmoid`: p = a (a sigmoid output), `bce-tanh`: p = (a + 1)/2, `bce-logit`: p = σ(a);
 *   L = −[y·ln p + (1 − y)·ln(1 − p)];
 * - `cce`: L = −Σ_k y_k·ln p_k with p the softmax output.
 */
export type LossKind = 'mse' | 'bce-sigmoid' | 'bce-tanh' | 'bce-logit' | 'cce';

export function lossKindOf(task: Task, outputActivation: Activation, loss: LossName): LossKind {
  if (loss !== 'crossEntropy' || task === 'regression' || task === 'tokens') return 'mse';
  if (task === 'multiclass') return 'cce';
  if (outputActivation === 'sigmoid') return 'bce-sigmoid';
  if (outputActivation === 'tanh') return 'bce-tanh';
  return 'bce-logit';
}

/** The target vector in the output's units. */
function targetOf(task: Task, outputActivation: Activation, units: number, label: number): number[] {
  if (task === 'multiclass') return Array.from({ length: units }, (_, k) => (k === label ? 1 : 0));
  if (task === 'binary') {
    const y = label > 0 ? 1 : 0;
    return [outputActivation === 'sigmoid' ? y : 2 * y - 1];
  }
  return [label];
}

// The clip's bounds as float32 holds them (1 − 10⁻⁷ rounds to 1 − 1.19·10⁻⁷), so a saturated
// output's loss reads as the runtime's does.
const P_LO = Math.fround(PROB_EPS);
const P_HI = Math.fround(1 - PROB_EPS);
const clipGrad = (p: number) => (p < P_LO || p > P_HI ? 0 : 1);
const clipP = (p: number) => Math.min(P_HI, Math.max(P_LO, p));

/** Loss value and ∂L/∂a for each output unit. */
function lossAndGrad(kind: LossKind, a: number[], target: number[], label: number): { loss: number; dA: number[]; probability: number[] | null } {
  if (kind === 'mse') {
    const n = a.length;
    let loss = 0;
    const dA = a.map((v, k) => {
      loss += (v - target[k]) ** 2;
      return (2 * (v - target[k])) / n;
    });
    return { loss: loss / n, dA, probability: kind === 'mse' && target.length > 1 ? [...a] : null };
  }
  if (kind === 'cce') {
    let loss = 0;
    const dA = a.map((p, k) => {
      loss -= target[k] * Math.log(clipP(p));
      return (-target[k] / clipP(p)) * clipGrad(p);
    });
    return { loss, dA, probability: [...a] };
  }
  const y = label > 0 ? 1 : 0;
  const o = a[0];
  const p = kind === 'bce-sigmoid' ? o : kind === 'bce-tanh' ? (o + 1) / 2 : sigmoid(o);
  const pc = clipP(p);
  const loss = -(y * Math.log(pc) + (1 - y) * Math.log(1 - pc));
  const dP = (-y / pc + (1 - y) / (1 - pc)) * clipGrad(p);
  const dPdA = kind === 'bce-sigmoid' ? 1 : kind === 'bce-tanh' ? 0.5 : p * (1 - p);
  return { loss, dA: [dP * dPdA], probability: [p] };
}

/** δ = ∂L/∂z from ∂L/∂a through the activation (softmax through its Jacobian). */
function deltaOf(activation: Activation, z: number[], a: number[], dA: number[]): number[] {
  if (activation === 'softmax') {
    const dot = a.reduce((s, v, k) => s + v * dA[k], 0);
    return a.map((v, j) => v * (dA[j] - dot));
  }
  return z.map((zj, j) => dA[j] * ELEMENTWISE[activation].df(zj));
}

/**
 * Forward pass, loss, backward pass and one plain-SGD update for one example. Returns null when
 * the weights do not match the network (mid-rebuild, or missing) or the example has the wrong
 * number of features; never throws on bad input.
 */
export function runBackprop(
  net: PlaygroundNetwork,
  weights: readonly (DenseParamsValues | null | undefined)[],
  example: BackpropExample,
  settings: BackpropSettings,
): BackpropResult | null {
  const dense = [...net.hidden, { ...net.output, dropout: 0 }];
  if (weights.length !== dense.length) return null;
  const input = Array.from(example.features, Number);
  if (input.length === 0 || !input.every(Number.isFinite)) return null;

  // Forward.
  const layers: LayerPass[] = [];
  let prev = input;
  for (let l = 0; l < dense.length; l++) {
    const w = weights[l];
    const { units, activation, id } = dense[l];
    const fanIn = prev.length;
    if (!w || w.kernel.length !== fanIn * units || (w.bias && w.bias.length !== units)) return null;
    const kernel = Array.from(w.kernel, Number);
    const bias = w.bias ? Array.from(w.bias, Number) : new Array<number>(units).fill(0);
    const z = bias.map((b, j) => {
      let s = b;
      for (let i = 0; i < fanIn; i++) s += kernel[i * units + j] * prev[i];
      return s;
    });
    const a = activateAll(z, activation);
    layers.push({
      id,
      activation,
      fanIn,
      units,
      kernel,
      bias,
      z,
      a,
      dA: [],
      delta: [],
      gradW: [],
      regGradW: [],
      gradB: [],
      newKernel: [],
      newBias: [],
    });
    prev = a;
  }

  // Loss. A multi-class output is read as probabilities only when it is a softmax (the only
  // output the playground offers for it); anything else the graph editor might make is left out.
  const out = layers[layers.length - 1];
  if (settings.task === 'tokens' || (settings.task === 'multiclass' && out.activation !== 'softmax')) return null;
  const kind = lossKindOf(settings.task, out.activation, settings.loss);
  const target = targetOf(settings.task, out.activation, out.units, example.label);
  const { loss, dA, probability } = lossAndGrad(kind, out.a, target, example.label);

  // Backward: δ of each layer, then each weight's gradient from δ and the activation before it.
  let dNext = dA;
  const lr = settings.learningRate;
  const rate = settings.regularization === 'none' ? 0 : settings.regularizationRate;
  for (let l = layers.length - 1; l >= 0; l--) {
    const L = layers[l];
    L.dA = dNext;
    L.delta = deltaOf(L.activation, L.z, L.a, dNext);
    const aPrev = l === 0 ? input : layers[l - 1].a;
    L.gradW = L.kernel.map((_, idx) => L.delta[idx % L.units] * aPrev[Math.floor(idx / L.units)]);
    // The runtime's term λ·Σ|w| (L1) or λ·Σw² (L2), on kernels only; TF.js's d|w|/dw is sign(w).
    L.regGradW = L.kernel.map((w) => (rate === 0 ? 0 : settings.regularization === 'l1' ? rate * Math.sign(w) : 2 * rate * w));
    L.gradB = [...L.delta];
    L.newKernel = L.kernel.map((w, idx) => w - lr * (L.gradW[idx] + L.regGradW[idx]));
    L.newBias = L.bias.map((b, j) => b - lr * L.gradB[j]);
    dNext = Array.from({ length: L.fanIn }, (_, i) => {
      let s = 0;
      for (let j = 0; j < L.units; j++) s += L.kernel[i * L.units + j] * L.delta[j];
      return s;
    });
  }

  return { input, layers, target, lossKind: kind, loss, probability };
}

/**
 * The steps of the walk-through, in order: the example, every neuron of the forward pass (layer
 * by layer), the loss, every neuron of the backward pass (output first), the update.
 * `layer` indexes the result's Dense layers (0 = first hidden).
 */
export type BackpropStep =
  | { phase: 'example' }
  | { phase: 'forward'; layer: number; unit: number }
  | { phase: 'loss' }
  | { phase: 'backward'; layer: number; unit: number }
  | { phase: 'update' };

export function backpropSteps(units: readonly number[]): BackpropStep[] {
  const steps: BackpropStep[] = [{ phase: 'example' }];
  units.forEach((n, layer) => {
    for (let unit = 0; unit < n; unit++) steps.push({ phase: 'forward', layer, unit });
  });
  steps.push({ phase: 'loss' });
  for (let layer = units.length - 1; layer >= 0; layer--) {
    for (let unit = 0; unit < units[layer]; unit++) steps.push({ phase: 'backward', layer, unit });
  }
  steps.push({ phase: 'update' });
  return steps;
}
