import type { Activation } from '../../models/spec';
import type { LossKind } from '../../models/backprop';

/**
 * The formulas the step-through prints, in plain Unicode (one line each), matching
 * models/backprop.ts term for term. Language-neutral: symbols only, the words around them are
 * in i18n/messages/backprop.messages.ts.
 */

/** a = φ(z) for each activation. */
export const ACTIVATION_FORMULA: Record<Activation, string> = {
  linear: 'a = z',
  sigmoid: 'a = σ(z) = 1 / (1 + e⁻ᶻ)',
  tanh: 'a = tanh(z)',
  relu: 'a = max(0, z)',
  leakyRelu: 'a = max(0.2·z, z)',
  elu: 'a = z (z > 0),  eᶻ − 1 (z ≤ 0)',
  gelu: 'a = ½·z·(1 + erf(z / √2))',
  swish: 'a = z·σ(z)',
  softmax: 'aₖ = eᶻᵏ / Σⱼ eᶻʲ',
};

/** φ′(z) for each element-wise activation, in terms of z and a. */
export const SLOPE_FORMULA: Record<Exclude<Activation, 'softmax'>, string> = {
  linear: 'φ′(z) = 1',
  sigmoid: 'φ′(z) = a·(1 − a)',
  tanh: 'φ′(z) = 1 − a²',
  relu: 'φ′(z) = 1 (z > 0),  0 (z ≤ 0)',
  leakyRelu: 'φ′(z) = 1 (z ≥ 0),  0.2 (z < 0)',
  elu: 'φ′(z) = 1 (z > 0),  eᶻ (z ≤ 0)',
  gelu: 'φ′(z) = Φ(z) + z·e^(−z²/2) / √(2π)',
  swish: 'φ′(z) = σ(z) + z·σ(z)·(1 − σ(z))',
};

/** The loss on one example, per way of reading the output (see `LossKind`). */
export const LOSS_FORMULA: Record<LossKind, string[]> = {
  mse: ['L = (a − y)²'],
  'bce-sigmoid': ['p = a', 'L = −[y·ln p + (1 − y)·ln(1 − p)]'],
  'bce-tanh': ['p = (a + 1) / 2', 'L = −[y·ln p + (1 − y)·ln(1 − p)]'],
  'bce-logit': ['p = σ(a)', 'L = −[y·ln p + (1 − y)·ln(1 − p)]'],
  cce: ['L = −Σₖ yₖ·ln aₖ'],
};

/** The multi-output squared error (the mean over the outputs). */
export const MSE_MANY = 'L = (1/K)·Σₖ (aₖ − yₖ)²';

/** ∂L/∂a of the output, per loss. */
export const LOSS_SLOPE: Record<LossKind, string> = {
  mse: '∂L/∂a = 2·(a − y)',
  'bce-sigmoid': '∂L/∂a = (p − y) / (p·(1 − p))',
  'bce-tanh': '∂L/∂a = ½·(p − y) / (p·(1 − p))',
  'bce-logit': '∂L/∂a = p − y',
  cce: '∂L/∂aₖ = −yₖ / aₖ',
};
export const MSE_MANY_SLOPE = '∂L/∂aₖ = (2/K)·(aₖ − yₖ)';

export const SOFTMAX_DELTA = 'δₖ = aₖ·(∂L/∂aₖ − Σⱼ aⱼ·∂L/∂aⱼ)';
export const SOFTMAX_CE_DELTA = 'δₖ = aₖ − yₖ';
export const OUTPUT_DELTA = 'δ = ∂L/∂a · φ′(z)';
export const HIDDEN_DELTA = 'δⱼ = φ′(zⱼ) · Σₖ wⱼₖ·δₖ';
export const WEIGHT_GRAD = '∂L/∂wᵢⱼ = δⱼ · aᵢ';
export const BIAS_GRAD = '∂L/∂bⱼ = δⱼ';
export const WEIGHTED_SUM = 'z = Σᵢ wᵢ·aᵢ + b';
export const UPDATE = 'w ← w − η·∂L/∂w';
export const UPDATE_BIAS = 'b ← b − η·∂L/∂b';
export const UPDATE_L1 = 'w ← w − η·(∂L/∂w + λ·sign(w))';
export const UPDATE_L2 = 'w ← w − η·(∂L/∂w + 2λ·w)';
