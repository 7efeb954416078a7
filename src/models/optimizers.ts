/**
 * The optimizers of the optimizer race, as pure step functions in plain TypeScript (no TF.js):
 * state in, gradient and hyperparameters in, a new state out. The parameters are a vector of any
 * length (the race uses 2). Each update follows PyTorch's documented form (torch.optim), so what a
 * learner sees here is what `torch.optim.<Name>` does with the same numbers:
 *
 *   SGD       θ ← θ − η·g
 *   Momentum  v ← β·v + g;            θ ← θ − η·v
 *   Nesterov  v ← β·v + g;            θ ← θ − η·(g + β·v)          (the look-ahead, PyTorch/Keras form)
 *   RMSprop   s ← ρ·s + (1−ρ)·g²;     θ ← θ − η·g / (√s + ε)
 *   Adam      m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  m̂ = m/(1−β₁ᵗ);  v̂ = v/(1−β₂ᵗ);
 *             θ ← θ − η·m̂ / (√v̂ + ε)
 *   AdamW     Adam's m and v, then θ ← θ − η·(m̂ / (√v̂ + ε) + λ·θ)   (decay decoupled from g)
 *   Adagrad   s ← s + g²;             θ ← θ − η·g / (√s + ε)
 *
 * Adam with L2 regularisation instead adds λθ to g before m and v see it, so the decay is divided
 * by √v̂ like the gradient; AdamW's decay is not (Loshchilov & Hutter, "Decoupled Weight Decay
 * Regularization"). tests/unit/optimizers.test.ts holds the two apart.
 */

export const RACE_OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adamw', 'adagrad'] as const;
export type RaceOptimizer = (typeof RACE_OPTIMIZERS)[number];

/** Every hyperparameter any of the optimizers reads; each reads only its own. */
export interface Hyper {
  /** Learning rate η. */
  lr: number;
  /** Momentum β (momentum, Nesterov). */
  momentum: number;
  /** Decay ρ of the squared-gradient average (RMSprop). */
  rho: number;
  /** β₁, β₂ of Adam and AdamW. */
  beta1: number;
  beta2: number;
  /** ε added to the denominator (RMSprop, Adam, AdamW, Adagrad). */
  eps: number;
  /** Decoupled weight decay λ (AdamW). */
  weightDecay: number;
}

/** The defaults of PyTorch and Keras, but for RMSprop's ρ (Keras's 0.9) and AdamW's λ (0.01 as PyTorch). */
export const DEFAULT_HYPER: Omit<Hyper, 'lr'> = { momentum: 0.9, rho: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 };

/** An optimizer's state: the parameters, the step count, and up to two per-parameter slots. */
export interface OptState {
  params: readonly number[];
  /** Steps taken so far (Adam's bias correction uses t after the increment). */
  t: number;
  /** First slot: momentum's velocity, Adam's first moment m (zeros where unused). */
  m: readonly number[];
  /** Second slot: squared-gradient average or sum (RMSprop, Adam's v, Adagrad). */
  v: readonly number[];
}

/** The state before the first step at `params`. */
export function initState(params: readonly number[]): OptState {
  const zeros = params.map(() => 0);
  return { params: [...params], t: 0, m: zeros, v: zeros };
}

type Step = (s: OptState, g: readonly number[], h: Hyper) => OptState;

const sgd: Step = (s, g, h) => ({ ...s, t: s.t + 1, params: s.params.map((p, i) => p - h.lr * g[i]) });

const momentum: Step = (s, g, h) => {
  const m = s.m.map((v, i) => h.momentum * v + g[i]);
  return { ...s, t: s.t + 1, m, params: s.params.map((p, i) => p - h.lr * m[i]) };
};

const nesterov: Step = (s, g, h) => {
  const m = s.m.map((v, i) => h.momentum * v + g[i]);
  return { ...s, t: s.t + 1, m, params: s.params.map((p, i) => p - h.lr * (g[i] + h.momentum * m[i])) };
};

const rmsprop: Step = (s, g, h) => {
  const v = s.v.map((a, i) => h.rho * a + (1 - h.rho) * g[i] * g[i]);
  return { ...s, t: s.t + 1, v, params: s.params.map((p, i) => p - (h.lr * g[i]) / (Math.sqrt(v[i]) + h.eps)) };
};

/** Adam's moments and its bias-corrected direction m̂/(√v̂+ε), shared by Adam and AdamW. */
function adamMoments(s: OptState, g: readonly number[], h: Hyper) {
  const t = s.t + 1;
  const m = s.m.map((a, i) => h.beta1 * a + (1 - h.beta1) * g[i]);
  const v = s.v.map((a, i) => h.beta2 * a + (1 - h.beta2) * g[i] * g[i]);
  const c1 = 1 - h.beta1 ** t;
  const c2 = 1 - h.beta2 ** t;
  const dir = m.map((mi, i) => mi / c1 / (Math.sqrt(v[i] / c2) + h.eps));
  return { t, m, v, dir };
}

const adam: Step = (s, g, h) => {
  const { t, m, v, dir } = adamMoments(s, g, h);
  return { t, m, v, params: s.params.map((p, i) => p - h.lr * dir[i]) };
};

const adamw: Step = (s, g, h) => {
  const { t, m, v, dir } = adamMoments(s, g, h);
  return { t, m, v, params: s.params.map((p, i) => p - h.lr * (dir[i] + h.weightDecay * p)) };
};

const adagrad: Step = (s, g, h) => {
  const v = s.v.map((a, i) => a + g[i] * g[i]);
  return { ...s, t: s.t + 1, v, params: s.params.map((p, i) => p - (h.lr * g[i]) / (Math.sqrt(v[i]) + h.eps)) };
};

const STEPS: Record<RaceOptimizer, Step> = { sgd, momentum, nesterov, rmsprop, adam, adamw, adagrad };

/** One step of `opt` from `state` with gradient `grad` (evaluated at state.params). Pure. */
export function optimizerStep(opt: RaceOptimizer, state: OptState, grad: readonly number[], hyper: Hyper): OptState {
  return STEPS[opt](state, grad, hyper);
}

/** Which hyperparameters besides the learning rate an optimizer reads (what its controls show). */
export const HYPER_OF: Record<RaceOptimizer, readonly (keyof Omit<Hyper, 'lr'>)[]> = {
  sgd: [],
  momentum: ['momentum'],
  nesterov: ['momentum'],
  rmsprop: ['rho', 'eps'],
  adam: ['beta1', 'beta2', 'eps'],
  adamw: ['beta1', 'beta2', 'eps', 'weightDecay'],
  adagrad: ['eps'],
};
