import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER, initState, optimizerStep, RACE_OPTIMIZERS, type Hyper, type OptState, type RaceOptimizer } from '../../src/models/optimizers';

// ε = 0 so the hand arithmetic below is exact; ε's place in the formula is tested on its own.
const H = (patch: Partial<Hyper>): Hyper => ({ ...DEFAULT_HYPER, eps: 0, lr: 0.1, ...patch });

function run(opt: RaceOptimizer, start: number[], grads: number[][], hyper: Hyper): OptState[] {
  const states: OptState[] = [];
  let s = initState(start);
  for (const g of grads) {
    s = optimizerStep(opt, s, g, hyper);
    states.push(s);
  }
  return states;
}

const close = (actual: readonly number[], expected: number[]) => actual.forEach((a, i) => expect(a).toBeCloseTo(expected[i], 9));

describe('optimizer steps against hand-computed ones', () => {
  it('SGD: θ ← θ − ηg', () => {
    const [s] = run('sgd', [1, -2], [[0.5, 1]], H({ lr: 0.1 }));
    close(s.params, [0.95, -2.1]);
    expect(s.t).toBe(1);
  });

  it('momentum: v ← βv + g, θ ← θ − ηv (two steps)', () => {
    const [s1, s2] = run('momentum', [1, -2], [[1, 2], [0.5, -1]], H({ lr: 0.1, momentum: 0.9 }));
    // v = [1, 2]; θ = [1 − 0.1, −2 − 0.2]
    close(s1.m, [1, 2]);
    close(s1.params, [0.9, -2.2]);
    // v = 0.9·[1, 2] + [0.5, −1] = [1.4, 0.8]; θ = [0.9 − 0.14, −2.2 − 0.08]
    close(s2.m, [1.4, 0.8]);
    close(s2.params, [0.76, -2.28]);
  });

  it('Nesterov: v ← βv + g, θ ← θ − η(g + βv) (two steps)', () => {
    const [s1, s2] = run('nesterov', [1, -2], [[1, 2], [0.5, -1]], H({ lr: 0.1, momentum: 0.9 }));
    // v = [1, 2]; g + βv = [1.9, 3.8]; θ = [1 − 0.19, −2 − 0.38]
    close(s1.params, [0.81, -2.38]);
    // v = [1.4, 0.8]; g + βv = [0.5 + 1.26, −1 + 0.72] = [1.76, −0.28]; θ = [0.81 − 0.176, −2.38 + 0.028]
    close(s2.m, [1.4, 0.8]);
    close(s2.params, [0.634, -2.352]);
  });

  it('Nesterov differs from plain momentum with the same numbers', () => {
    const a = run('momentum', [1, -2], [[1, 2]], H({}))[0].params;
    const b = run('nesterov', [1, -2], [[1, 2]], H({}))[0].params;
    expect(a).not.toEqual(b);
  });

  it('RMSprop: s ← ρs + (1−ρ)g², θ ← θ − ηg/(√s + ε) (two steps)', () => {
    const [s1, s2] = run('rmsprop', [1], [[2], [-1]], H({ lr: 0.01, rho: 0.9 }));
    // s = 0.1·4 = 0.4; θ = 1 − 0.01·2/√0.4
    close(s1.v, [0.4]);
    close(s1.params, [0.9683772233983162]);
    // s = 0.9·0.4 + 0.1·1 = 0.46; θ = θ₁ + 0.01/√0.46
    close(s2.v, [0.46]);
    close(s2.params, [0.9831214190138059]);
  });

  it('Adam: the first step moves each coordinate by η·sign(g); the second as worked by hand', () => {
    const [s1, s2] = run('adam', [1, -2], [[2, -0.5], [1, 0.5]], H({ lr: 0.1 }));
    // m̂ = g, v̂ = g² after bias correction, so m̂/√v̂ = sign(g)
    close(s1.params, [0.9, -1.9]);
    // x: m = 0.9·0.2 + 0.1·1 = 0.28, v = 0.999·0.004 + 0.001·1 = 0.004996,
    //    m̂ = 0.28/0.19, v̂ = 0.004996/0.001999, step = 0.1·m̂/√v̂ = 0.0932179…
    // y: m = 0.9·(−0.05) + 0.1·0.5 = 0.005, v = 0.999·0.00025 + 0.001·0.25 = 0.00049975,
    //    m̂ = 0.005/0.19, v̂ = 0.25, step = 0.1·0.0263157…/0.5
    close(s2.m, [0.28, 0.005]);
    close(s2.v, [0.004996, 0.00049975]);
    close(s2.params, [0.8067820361188598, -1.9052631578947368]);
  });

  it('AdamW: Adam’s step plus ηλθ, decoupled from the moments (two steps)', () => {
    const [s1, s2] = run('adamw', [1, -2], [[2, -0.5], [1, 0.5]], H({ lr: 0.1, weightDecay: 0.1 }));
    // θ = θ₀ − 0.1·(sign(g) + 0.1·θ₀) = [1 − 0.11, −2 + 0.12]
    close(s1.params, [0.89, -1.88]);
    // the moments are Adam's, untouched by the decay
    close(s2.m, [0.28, 0.005]);
    close(s2.v, [0.004996, 0.00049975]);
    // θ = θ₁ − 0.1·(m̂/√v̂ + 0.1·θ₁): x = 0.89 − 0.1·(0.9321796… + 0.089), y = −1.88 − 0.1·(0.0526315… − 0.188)
    close(s2.params, [0.7878820361188597, -1.8664631578947366]);
  });

  it('AdamW is not Adam with L2: the L2 term passes through the normalisation and vanishes on step one', () => {
    const start = [1, -2];
    const g = [2, -0.5];
    const lambda = 0.1;
    const adamL2 = optimizerStep('adam', initState(start), g.map((gi, i) => gi + lambda * start[i]), H({}));
    const adamw = optimizerStep('adamw', initState(start), g, H({ weightDecay: lambda }));
    close(adamL2.params, [0.9, -1.9]);
    close(adamw.params, [0.89, -1.88]);
    // Over many steps on a flat loss (g = 0 but for the decay) they part ways too.
    let a = initState([3]);
    let w = initState([3]);
    for (let k = 0; k < 50; k++) {
      a = optimizerStep('adam', a, [lambda * a.params[0]], H({ lr: 0.01, eps: 1e-8 }));
      w = optimizerStep('adamw', w, [0], H({ lr: 0.01, eps: 1e-8, weightDecay: lambda }));
    }
    // Adam+L2 moves ~η per step whatever λ (normalised); AdamW shrinks by (1 − ηλ) per step.
    expect(a.params[0]).toBeCloseTo(3 - 50 * 0.01, 1);
    expect(w.params[0] - a.params[0]).toBeGreaterThan(0.3);
    expect(w.params[0]).toBeCloseTo(3 * (1 - 0.01 * lambda) ** 50, 9);
  });

  it('Adagrad: s ← s + g², θ ← θ − ηg/(√s + ε) (two steps)', () => {
    const [s1, s2] = run('adagrad', [1], [[2], [1]], H({ lr: 0.1 }));
    close(s1.params, [0.9]);
    close(s2.v, [5]);
    close(s2.params, [0.8552786404500042]);
  });

  it('ε sits outside the square root, as in PyTorch', () => {
    const s = optimizerStep('adagrad', initState([0]), [1], H({ lr: 1, eps: 1 }));
    close(s.params, [-0.5]);
    const r = optimizerStep('rmsprop', initState([0]), [1], H({ lr: 1, eps: 1, rho: 0 }));
    close(r.params, [-0.5]);
  });

  it('steps are pure: the input state is untouched', () => {
    for (const opt of RACE_OPTIMIZERS) {
      const s0 = initState([1, 2]);
      const copy = JSON.parse(JSON.stringify(s0)) as OptState;
      optimizerStep(opt, s0, [0.3, -0.7], H({}));
      expect(s0).toEqual(copy);
    }
  });
});
