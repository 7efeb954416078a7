/**
 * The scalar nonlinearities of the recurrent unroll, each with its derivative: SimpleRNN's
 * activation (any of the catalog's) and the LSTM/GRU gate functions. Shared by the forward pass
 * (recurrentUnroll.ts) and the backward one (recurrentBackprop.ts), which needs the derivatives.
 */
import type { Activation } from './spec';

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
/** Keep equal to LEAKY_ALPHA in training/custom.ts (this module may not import the runtime). */
const LEAKY_SLOPE = 0.2;

/** erf as TF.js's CPU kernel computes it (Abramowitz & Stegun 7.1.26), so GELU matches. */
function erf(v: number): number {
  const a = Math.abs(v);
  const t = 1 / (1 + 0.3275911 * a);
  return Math.sign(v) * (1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a));
}

/** An element-wise activation and its derivative at the pre-activation `a`. */
export type Scalar = { f: (a: number) => number; df: (a: number) => number };

/** Each element-wise activation of the catalog; softmax, which mixes units, is {@link activate}'s. */
export const ELEMENTWISE: Record<Exclude<Activation, 'softmax'>, Scalar> = {
  linear: { f: (a) => a, df: () => 1 },
  sigmoid: { f: sigmoid, df: (a) => sigmoid(a) * (1 - sigmoid(a)) },
  tanh: { f: Math.tanh, df: (a) => 1 - Math.tanh(a) ** 2 },
  relu: { f: (a) => (a > 0 ? a : 0), df: (a) => (a > 0 ? 1 : 0) },
  leakyRelu: { f: (a) => (a < 0 ? LEAKY_SLOPE * a : a), df: (a) => (a < 0 ? LEAKY_SLOPE : 1) },
  elu: { f: (a) => (a > 0 ? a : Math.exp(a) - 1), df: (a) => (a > 0 ? 1 : Math.exp(a)) },
  gelu: {
    f: (a) => a * 0.5 * (1 + erf(a / Math.SQRT2)),
    df: (a) => 0.5 * (1 + erf(a / Math.SQRT2)) + (a * Math.exp(-0.5 * a * a)) / Math.sqrt(2 * Math.PI),
  },
  swish: { f: (a) => a * sigmoid(a), df: (a) => sigmoid(a) * (1 + a * (1 - sigmoid(a))) },
};

/** SimpleRNN's activation applied to a whole pre-activation vector, in place (softmax mixes units). */
export function activate(name: Activation, a: Float64Array, out: Float64Array): void {
  if (name === 'softmax') {
    let max = -Infinity;
    for (const v of a) max = Math.max(max, v);
    let sum = 0;
    for (let j = 0; j < a.length; j++) sum += out[j] = Math.exp(a[j] - max);
    for (let j = 0; j < a.length; j++) out[j] /= sum;
    return;
  }
  const { f } = ELEMENTWISE[name] ?? ELEMENTWISE.tanh;
  for (let j = 0; j < a.length; j++) out[j] = f(a[j]);
}

/** Gate value and its derivative written in terms of the gate's output y (both gates allow it). */
export const GATE = {
  sigmoid: { f: sigmoid, dy: (y: number) => y * (1 - y) },
  hardSigmoid: { f: (a: number) => Math.min(1, Math.max(0, 0.2 * a + 0.5)), dy: (y: number) => (y > 0 && y < 1 ? 0.2 : 0) },
};
