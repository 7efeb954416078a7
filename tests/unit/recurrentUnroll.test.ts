import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/data/rng';
import { defaultParams, type LayerDef, type Params } from '../../src/models/catalog';
import { Bidirectional, GRU, LSTM, SimpleRNN } from '../../src/models/catalog/recurrent';
import {
  bidirectionalWeightsFromList,
  CANDIDATE,
  GATE_NAMES,
  mergeDirections,
  unrollBidirectional,
  unrollRecurrent,
  weightsFromList,
  type RecurrentInput,
  type RecurrentType,
} from '../../src/models/recurrentUnroll';
import { backpropThroughTime, gradientNormsThroughTime } from '../../src/models/recurrentBackprop';
import { ACTIVATIONS } from '../../src/models/spec';
import { registerCustomObjects } from '../../src/training/custom';

/*
 * The unroll is checked against TF.js itself: the same layers the catalog builds, random weights
 * set into them, their returnSequences output step by step. The backprop is checked two
 * independent ways: against TF.js autodiff (tf.grad of a loss on the layer's output with respect
 * to its INPUT, which our ∂L/∂x_t must equal — it passes through every ∂L/∂h_t and gate
 * derivative), and against central finite differences of our own forward pass, restarted from a
 * perturbed state h_t (and c_t for LSTM).
 */

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerCustomObjects(tf);
});

afterAll(() => {
  tf.disposeVariables();
});

const DEFS: Record<RecurrentType, LayerDef> = { SimpleRNN, LSTM, GRU };
const IN_DIM = 3;
const UNITS = 4;

const rng = createRng(20240611);
/** Normal values with standard deviation `scale`, large enough to leave the gates' linear range. */
const randn = (n: number, scale = 0.7) => Float32Array.from({ length: n }, () => rng.normal() * scale);

interface Built {
  layer: tf.layers.Layer;
  input: RecurrentInput;
  /** The layer's output for input x, `[T, units]` (batch of one). */
  run(x: tf.Tensor): tf.Tensor;
  steps: number;
}

/** Build a layer through the catalog, put random weights in it, and describe it for the unroll. */
function build(type: RecurrentType, steps: number, params: Params = {}): Built {
  const def = DEFS[type];
  const p: Params = { ...(defaultParams(def) as Params), units: UNITS, returnSequences: true, ...params };
  const layer = def.build(tf, p, `${type.toLowerCase()}_${steps}`);
  const x = randn(steps * IN_DIM, 1);
  tf.tidy(() => {
    layer.apply(tf.tensor3d(x, [1, steps, IN_DIM]));
  });
  const weights = layer.getWeights().map((w) => randn(w.size));
  tf.tidy(() => layer.setWeights(weights.map((w, i) => tf.tensor(w, layer.getWeights()[i].shape))));
  return {
    layer,
    steps,
    input: { type, params: p, x, weights: weightsFromList(weights) },
    run: (t) => (layer.apply(t) as tf.Tensor).squeeze([0]),
  };
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, label = '') {
  expect(actual.length, label).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  expect(worst, label).toBeLessThan(tol);
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i], 0);
const row = (a: Float32Array, t: number, n: number) => a.slice(t * n, (t + 1) * n);

describe('unrollRecurrent matches TF.js', () => {
  const CASES: [RecurrentType, number][] = [
    ['SimpleRNN', 5],
    ['LSTM', 7],
    ['GRU', 8],
  ];

  it.each(CASES)('%s (T = %i): hidden state at every step within 1e-5', (type, steps) => {
    const b = build(type, steps);
    const before = tf.memory().numTensors;
    const expected = tf.tidy(() => b.run(tf.tensor3d(b.input.x, [1, steps, IN_DIM])).dataSync().slice());
    expect(tf.memory().numTensors).toBe(before);
    const u = unrollRecurrent(b.input);
    expect([u.steps, u.units, u.inDim]).toEqual([steps, UNITS, IN_DIM]);
    expectClose(u.hidden, expected, 1e-5);
    // The weights are not tiny: the states really use the nonlinear range.
    expect(Math.max(...Array.from(u.hidden, Math.abs))).toBeGreaterThan(0.5);
  });

  it.each(CASES)('%s: gates lie in (0, 1), candidates in (−1, 1), and the equations hold', (type, steps) => {
    const u = unrollRecurrent(build(type, steps).input);
    expect(Object.keys(u.gates).sort()).toEqual([...GATE_NAMES[type], ...(type === 'SimpleRNN' ? [] : [CANDIDATE])].sort());
    for (const name of GATE_NAMES[type]) {
      expect(u.gates[name]).toHaveLength(steps * UNITS);
      for (const v of u.gates[name]) expect(v > 0 && v < 1, `${name} ${v}`).toBe(true);
    }
    if (type !== 'SimpleRNN') for (const v of u.gates[CANDIDATE]) expect(Math.abs(v)).toBeLessThan(1);
    if (type === 'LSTM') {
      expect(u.cell).toHaveLength(steps * UNITS);
      u.hidden.forEach((h, i) => expect(h).toBeCloseTo(u.gates.output[i] * Math.tanh(u.cell![i]), 6));
      for (let i = UNITS; i < steps * UNITS; i++) {
        expect(u.cell![i]).toBeCloseTo(u.gates.forget[i] * u.cell![i - UNITS] + u.gates.input[i] * u.gates[CANDIDATE][i], 6);
      }
    } else expect(u.cell).toBeUndefined();
    if (type === 'GRU') {
      for (let i = UNITS; i < steps * UNITS; i++) {
        const z = u.gates.update[i];
        expect(u.hidden[i]).toBeCloseTo(z * u.hidden[i - UNITS] + (1 - z) * u.gates[CANDIDATE][i], 6);
      }
    }
  });

  it.each(ACTIVATIONS.map((a) => [a]))('SimpleRNN with activation %s', (activation) => {
    const b = build('SimpleRNN', 6, { activation });
    const expected = tf.tidy(() => b.run(tf.tensor3d(b.input.x, [1, 6, IN_DIM])).dataSync().slice());
    expectClose(unrollRecurrent(b.input).hidden, expected, 1e-5, activation);
  });

  it('goBackwards and Bidirectional (every cell, every merge mode) match, input-ordered', () => {
    for (const cell of ['SimpleRNN', 'LSTM', 'GRU'] as const) {
      for (const mergeMode of ['concat', 'sum', 'ave', 'mul'] as const) {
        const steps = 6;
        const params = { ...(defaultParams(Bidirectional) as Params), cell, units: UNITS, returnSequences: true, mergeMode };
        const layer = Bidirectional.build(tf, params, `bi_${cell}_${mergeMode}`);
        const x = randn(steps * IN_DIM, 1);
        const xt = tf.tensor3d(x, [1, steps, IN_DIM]);
        tf.tidy(() => {
          layer.apply(xt);
        });
        const shapes = layer.getWeights().map((w) => w.shape);
        const list = shapes.map((s) => randn(s.reduce((a, v) => a * v, 1)));
        tf.tidy(() => layer.setWeights(list.map((w, i) => tf.tensor(w, shapes[i]))));
        const expected = tf.tidy(() => (layer.apply(xt) as tf.Tensor).dataSync().slice());
        xt.dispose();
        const { forward, backward } = unrollBidirectional({ type: cell, x, weights: bidirectionalWeightsFromList(list) });
        expect(backward.goBackwards).toBe(true);
        expectClose(mergeDirections(forward, backward, mergeMode), expected, 1e-5, `${cell} ${mergeMode}`);
      }
    }
  });
});

/** Loss L = Σ_j w_j · h_last,j on the TF.js layer; its gradient with respect to the input x. */
function tfInputGradient(b: Built, w: Float32Array, perStep: boolean, last: number): Float32Array {
  return tf.tidy(() => {
    const xt = tf.tensor3d(b.input.x, [1, b.steps, IN_DIM]);
    const loss = (x: tf.Tensor) => {
      const y = b.run(x);
      return perStep ? tf.sum(tf.mul(y, tf.tensor2d(w, [b.steps, UNITS]))) : tf.sum(tf.mul(y.slice([last, 0], [1, UNITS]), tf.tensor2d(w, [1, UNITS])));
    };
    return tf.grad(loss)(xt).dataSync().slice() as Float32Array;
  });
}

describe('backpropThroughTime', () => {
  const TYPES: RecurrentType[] = ['SimpleRNN', 'LSTM', 'GRU'];

  it.each(TYPES)('%s: ∂L/∂x_t equals TF.js autodiff, for a loss on h_T and on every step', (type) => {
    const b = build(type, 7);
    const w = randn(UNITS, 1);
    const mine = backpropThroughTime(b.input, w);
    expectClose(mine.dInput, tfInputGradient(b, w, false, 6), 2e-5, 'last step');
    // The gradient does reach the first step (so the comparison above is not of zeros).
    expect(Math.max(...Array.from(mine.dInput.subarray(0, IN_DIM), Math.abs))).toBeGreaterThan(1e-4);
    const wAll = randn(7 * UNITS, 1);
    expectClose(backpropThroughTime(b.input, wAll).dInput, tfInputGradient(b, wAll, true, 6), 2e-5, 'every step');
  });

  it.each(TYPES)('%s with goBackwards: ∂L/∂x_t equals TF.js autodiff (last processed step is step 0)', (type) => {
    const steps = 6;
    const x = randn(steps * IN_DIM, 1);
    const xt = tf.tensor3d(x, [1, steps, IN_DIM]);
    const make = { SimpleRNN: tf.layers.simpleRNN, LSTM: tf.layers.lstm, GRU: tf.layers.gru }[type];
    const layer = make({ units: UNITS, returnSequences: true, goBackwards: true, recurrentActivation: 'sigmoid' } as never);
    tf.tidy(() => {
      layer.apply(xt);
    });
    const list = layer.getWeights().map((v) => randn(v.size));
    tf.tidy(() => layer.setWeights(list.map((v, i) => tf.tensor(v, layer.getWeights()[i].shape))));
    const input: RecurrentInput = { type, x, weights: weightsFromList(list), goBackwards: true };
    const out = tf.tidy(() => (layer.apply(xt) as tf.Tensor).dataSync().slice()) as Float32Array;
    const u = unrollRecurrent(input);
    // TF.js gives goBackwards outputs in processing order: its row s is our input step T−1−s.
    for (let s = 0; s < steps; s++) expectClose(row(u.hidden, steps - 1 - s, UNITS), row(out, s, UNITS), 1e-5);
    const w = randn(UNITS, 1);
    const expected = tf.tidy(() => {
      const loss = (v: tf.Tensor) => tf.sum(tf.mul((layer.apply(v) as tf.Tensor).slice([0, steps - 1, 0], [1, 1, UNITS]), tf.tensor3d(w, [1, 1, UNITS])));
      return tf.grad(loss)(xt).dataSync().slice();
    });
    expectClose(backpropThroughTime(input, w, u).dInput, expected, 2e-5);
    xt.dispose();
  });

  it.each(TYPES)('%s: ∂L/∂h_t (and LSTM ∂L/∂c_t) equal finite differences of the unroll from a perturbed state', (type) => {
    const steps = 6;
    const b = build(type, steps);
    const u = unrollRecurrent(b.input);
    const w = randn(UNITS, 1);
    const g = backpropThroughTime(b.input, w, u);
    /** L after restarting at step t+1 from state (h, c). */
    const lossFrom = (t: number, h: Float32Array, c?: Float32Array) => {
      const rest = unrollRecurrent({ ...b.input, x: b.input.x.slice((t + 1) * IN_DIM), initialState: { h, c } });
      return dot(row(rest.hidden, rest.steps - 1, UNITS), w);
    };
    const eps = 2e-3;
    for (let t = -1; t < steps - 1; t++) {
      const h = t >= 0 ? row(u.hidden, t, UNITS) : new Float32Array(UNITS);
      const c = u.cell ? (t >= 0 ? row(u.cell, t, UNITS) : new Float32Array(UNITS)) : undefined;
      const fdH = new Float32Array(UNITS);
      const fdC = new Float32Array(UNITS);
      for (let j = 0; j < UNITS; j++) {
        const bump = (v: Float32Array, d: number) => Float32Array.from(v, (e, k) => (k === j ? e + d : e));
        fdH[j] = (lossFrom(t, bump(h, eps), c) - lossFrom(t, bump(h, -eps), c)) / (2 * eps);
        if (c) fdC[j] = (lossFrom(t, h, bump(c, eps)) - lossFrom(t, h, bump(c, -eps))) / (2 * eps);
      }
      expectClose(t >= 0 ? row(g.dHidden, t, UNITS) : g.dInitial.h, fdH, 1e-3, `${type} dh_${t}`);
      if (c) {
        // The carried c_t reaches L only through c_{t+1} = f_{t+1} ⊙ c_t + …: f_{t+1} ⊙ ∂L/∂c_{t+1}.
        const carried = t >= 0 ? Float32Array.from(row(u.gates.forget, t + 1, UNITS), (f, j) => f * g.dCell![(t + 1) * UNITS + j]) : g.dInitial.c!;
        expectClose(carried, fdC, 1e-3, `${type} dc_${t}`);
      }
    }
    expectClose(row(g.dHidden, steps - 1, UNITS), w, 1e-7, 'the given ∂L/∂h_T');
    expect(g.norms[steps - 1]).toBeCloseTo(Math.hypot(...w), 5);
  });

  it('1-unit linear SimpleRNN: h = 1, ½, ¼, ⅛ and ∂h_T/∂h_t = U^(T−1−t), by hand', () => {
    const input: RecurrentInput = {
      type: 'SimpleRNN',
      params: { units: 1, activation: 'linear' },
      x: Float32Array.of(1, 0, 0, 0),
      weights: { kernel: Float32Array.of(1), recurrentKernel: Float32Array.of(0.5), bias: Float32Array.of(0) },
    };
    expect(Array.from(unrollRecurrent(input).hidden)).toEqual([1, 0.5, 0.25, 0.125]);
    const g = backpropThroughTime(input, Float32Array.of(1));
    expect(Array.from(g.dHidden)).toEqual([0.125, 0.25, 0.5, 1]);
    // ∂h_T/∂x_t = W·U^(T−1−t), and ∂h_T/∂h_0 of the zero initial state = U⁴.
    expect(Array.from(g.dInput)).toEqual([0.125, 0.25, 0.5, 1]);
    expect(g.dInitial.h[0]).toBe(0.0625);
    expect(Array.from(gradientNormsThroughTime(input))).toEqual([0.125, 0.25, 0.5, 1]);
    expect(Array.from(gradientNormsThroughTime(input, Float32Array.of(-2)))).toEqual([0.25, 0.5, 1, 2]);
  });

  it('1-unit tanh SimpleRNN: each step back multiplies by U·(1 − h²), so the norm vanishes', () => {
    const U = 0.9;
    const input: RecurrentInput = {
      type: 'SimpleRNN',
      x: Float32Array.from({ length: 8 }, (_, t) => (t % 2 ? -1 : 1)),
      weights: { kernel: Float32Array.of(1.5), recurrentKernel: Float32Array.of(U), bias: null },
    };
    const { hidden } = unrollRecurrent(input);
    expect(hidden[0]).toBeCloseTo(Math.tanh(1.5), 6);
    expect(hidden[1]).toBeCloseTo(Math.tanh(-1.5 + U * Math.tanh(1.5)), 6);
    const norms = gradientNormsThroughTime(input);
    expect(norms[7]).toBe(1);
    for (let t = 0; t < 7; t++) expect(norms[t]).toBeCloseTo(norms[t + 1] * U * (1 - hidden[t + 1] ** 2), 6);
    for (let t = 0; t < 7; t++) expect(norms[t]).toBeLessThan(norms[t + 1]);
    expect(norms[0]).toBeLessThan(0.01);
  });

  it('the default norm is the Jacobian‘s RMS gain: the mean of the squared norms over a basis of ∂L/∂h_T', () => {
    const b = build('LSTM', 6);
    const u = unrollRecurrent(b.input);
    const byBasis = Array.from({ length: UNITS }, (_, k) => backpropThroughTime(b.input, Float32Array.from({ length: UNITS }, (_, j) => +(j === k)), u).norms);
    const expected = Array.from({ length: 6 }, (_, t) => Math.sqrt(byBasis.reduce((s, n) => s + n[t] ** 2, 0) / UNITS));
    expectClose(gradientNormsThroughTime(b.input, undefined, u), expected, 1e-6);
    expect(gradientNormsThroughTime(b.input, undefined, u)[5]).toBeCloseTo(1, 6);
  });

  it('rejects weights that do not fit together', () => {
    const w = { kernel: new Float32Array(12), recurrentKernel: new Float32Array(16) };
    expect(() => unrollRecurrent({ type: 'LSTM', x: new Float32Array(6), weights: w })).toThrow(RangeError);
    expect(() => unrollRecurrent({ type: 'SimpleRNN', x: new Float32Array(7), weights: w })).toThrow(RangeError);
    expect(() => unrollRecurrent({ type: 'SimpleRNN', params: { units: 5 }, x: new Float32Array(6), weights: w })).toThrow(RangeError);
    expect(unrollRecurrent({ type: 'SimpleRNN', x: new Float32Array(0), weights: w }).steps).toBe(0);
    expect(backpropThroughTime({ type: 'SimpleRNN', x: new Float32Array(0), weights: w }, new Float32Array(4)).norms).toHaveLength(0);
  });
});
