import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { backpropSteps, erf, LEAKY_SLOPE, lossKindOf, runBackprop, type BackpropResult } from '../../src/models/backprop';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { readPlayground } from '../../src/models/playground';
import { HIDDEN_ACTIVATIONS, taskOf, type Activation, type Experiment, type FeatureId } from '../../src/models/spec';
import { LEAKY_ALPHA } from '../../src/training/custom';
import { buildModel } from '../../src/training/model';
import { lossOf } from '../../src/training/objective';
import { prepareData } from '../../src/training/prepare';
import { createRng } from '../../src/data/rng';

/*
 * The step-through's claim: its hand-worked gradients are the ones TF.js computes. Each case builds
 * the app's own network (training/model.ts buildModel, its raw-op forward pass), the app's own
 * loss (training/objective.ts lossOf) and the runtime's L1/L2 term, asks tf.variableGrads for the
 * gradients on one training example, and compares them with runBackprop's, then compares one
 * tf.train.sgd step with the step-through's update.
 *
 * Tolerance: TF.js computes in float32, the step-through in float64, so values agree to float32
 * precision: |ours − tf| ≤ 1e-6 · max(1, |tf|) (gradients on x₁² inputs reach tens).
 */

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const close = (ours: number, theirs: number) => Math.abs(ours - theirs) <= 1e-6 * Math.max(1, Math.abs(theirs));

function expectAllClose(ours: readonly number[], theirs: ArrayLike<number>, what: string) {
  expect(ours.length, what).toBe(theirs.length);
  const bad = ours.map((v, i) => [i, v, theirs[i]] as const).filter(([, a, b]) => !close(a, b));
  expect(bad, what).toEqual([]);
}

interface Compared {
  result: BackpropResult;
  maxAbsGrad: number;
}

/** One example of the experiment's training split, through TF.js and through runBackprop. */
function compare(exp: Experiment, exampleIndex = 0): Compared {
  const data = prepareData(exp);
  const net = readPlayground(exp.network)!;
  expect(net).not.toBeNull();
  const f = data.numFeatures;
  const w = data.targetWidth;
  const x = Array.from(data.trainX.subarray(exampleIndex * f, (exampleIndex + 1) * f));
  const y = data.trainY.subarray(exampleIndex * w, (exampleIndex + 1) * w);
  const label = data.task === 'multiclass' ? y.indexOf(1) : y[0];

  const built = buildModel(tf, exp.network);
  try {
    expect(built.fastPath).toBe(true);
    // Seeded weights of a moderate size (Glorot's scale), so every case is the same on every run.
    const rng = createRng(exp.seed + 17);
    for (const d of built.dense) {
      const [fanIn, units] = d.kernel.shape;
      const scale = Math.sqrt(2 / (fanIn + units));
      tf.tidy(() => {
        d.kernel.assign(tf.tensor2d(Float32Array.from({ length: fanIn * units }, () => scale * (2 * rng.next() - 1) * 1.7), [fanIn, units]));
        d.bias?.assign(tf.tensor1d(Float32Array.from({ length: units }, () => 0.2 * (2 * rng.next() - 1))));
      });
    }
    const weights = built.dense.map((d) => ({ kernel: d.kernel.dataSync().slice(), bias: d.bias ? d.bias.dataSync().slice() : null }));
    const { training } = exp;
    const result = runBackprop(net, weights, { features: x, label }, {
      task: data.task,
      loss: training.loss,
      learningRate: training.learningRate,
      regularization: training.regularization,
      regularizationRate: training.regularizationRate,
    });
    expect(result).not.toBeNull();
    const r = result!;

    const before = tf.memory().numTensors;
    const spec = { task: data.task, activation: net.output.activation, loss: training.loss };
    const { value, grads } = tf.variableGrads(() =>
      tf.tidy(() => {
        const out = built.forward(tf.tensor2d(x, [1, f]), { training: false }).output;
        const dataLoss = lossOf(tf, out, tf.tensor2d(y, [1, w]), spec);
        if (training.regularization === 'none' || training.regularizationRate === 0) return dataLoss;
        // As training/runtime.ts adds it: λ·Σ over the kernels of |w| or w².
        const terms = built.dense.map((d) => (training.regularization === 'l1' ? tf.sum(tf.abs(d.kernel)) : tf.sum(tf.square(d.kernel))));
        return tf.add(dataLoss, tf.mul(tf.addN(terms), training.regularizationRate)) as tf.Scalar;
      }),
    );
    // The data loss alone (what the step-through reports as L).
    const dataLossValue = tf.tidy(() => {
      const out = built.forward(tf.tensor2d(x, [1, f]), { training: false }).output;
      return lossOf(tf, out, tf.tensor2d(y, [1, w]), spec).dataSync()[0];
    });
    expect(close(r.loss, dataLossValue), `loss ${r.loss} vs ${dataLossValue}`).toBe(true);
    value.dispose();

    let maxAbsGrad = 0;
    built.dense.forEach((d, l) => {
      const L = r.layers[l];
      const gk = grads[d.kernel.name].dataSync();
      const total = L.gradW.map((g, i) => g + L.regGradW[i]);
      expectAllClose(total, gk, `∂L/∂w of ${d.layerId}`);
      if (d.bias) expectAllClose(L.gradB, grads[d.bias.name].dataSync(), `∂L/∂b of ${d.layerId}`);
      for (const g of gk) maxAbsGrad = Math.max(maxAbsGrad, Math.abs(g));
      // Forward values too: the last layer's activation is the network's output.
      if (l === built.dense.length - 1) {
        const out = tf.tidy(() => built.forward(tf.tensor2d(x, [1, f]), { training: false }).output.dataSync());
        expectAllClose(L.a, out, `output of ${d.layerId}`);
      }
    });

    // The update: one step of TF.js's plain SGD with these gradients.
    const sgd = tf.train.sgd(training.learningRate);
    sgd.applyGradients(grads);
    built.dense.forEach((d, l) => {
      expectAllClose(r.layers[l].newKernel, d.kernel.dataSync(), `new kernel of ${d.layerId}`);
      if (d.bias) expectAllClose(r.layers[l].newBias, d.bias.dataSync(), `new bias of ${d.layerId}`);
    });
    sgd.dispose();
    Object.values(grads).forEach((g) => g.dispose());
    expect(tf.memory().numTensors).toBe(before);
    return { result: r, maxAbsGrad };
  } finally {
    built.dispose();
  }
}

/** The default network (2 → 4 → 2 → 1) with every hidden layer's activation set to `a`. */
function withHidden(exp: Experiment, a: Activation): Experiment {
  return applyChange(exp, { type: 'setActivation', index: 'all', activation: a });
}

const withFeatures = (exp: Experiment, features: readonly FeatureId[]) =>
  features.reduce<Experiment>((e, feature) => applyChange(e, { type: 'toggleFeature', feature }), exp);
/**
 * The default experiment with x₁, x₂, sin x₁, sin x₂ (the Input's shape follows). The squares and
 * the product reach 36 and saturate tanh units, where float32's 1 − a² loses digits TF.js cannot
 * have; one case below takes them on all the same.
 */
const base = withFeatures(defaultExperiment(), ['sinX1', 'sinX2']);

describe('runBackprop equals TF.js’s gradients', () => {
  it('uses the runtime’s leaky-ReLU slope and TF.js’s erf', () => {
    expect(LEAKY_SLOPE).toBe(LEAKY_ALPHA);
    for (const v of [-2.5, -0.3, 0, 0.7, 1.9]) expect(Math.abs(erf(v) - tf.tidy(() => tf.erf(v).dataSync()[0]))).toBeLessThan(1e-6);
  });

  for (const act of HIDDEN_ACTIVATIONS) {
    for (const loss of ['mse', 'crossEntropy'] as const) {
      it(`binary, hidden ${act}, tanh output, ${loss}`, () => {
        const exp = applyChange(withHidden(base, act), { type: 'training', patch: { loss, learningRate: 0.1 } });
        for (const i of [0, 7, 42]) {
          const { maxAbsGrad } = compare(exp, i);
          // A real comparison: some gradient is far from zero.
          expect(maxAbsGrad).toBeGreaterThan(1e-4);
        }
      });
    }
  }

  for (const out of ['sigmoid', 'linear'] as const) {
    for (const loss of ['mse', 'crossEntropy'] as const) {
      it(`binary, ${out} output, ${loss}`, () => {
        const exp = applyChange(applyChange(base, { type: 'setOutputActivation', activation: out }), { type: 'training', patch: { loss } });
        const r = compare(exp, 3).result;
        expect(r.lossKind).toBe(lossKindOf('binary', out, loss));
      });
    }
  }

  it('regression (plane), linear and tanh outputs: squared error whatever the loss setting', () => {
    let exp = applyChange(base, { type: 'dataset', patch: { kind: 'plane' } });
    expect(taskOf(exp.dataset)).toBe('regression');
    exp = applyChange(exp, { type: 'training', patch: { loss: 'crossEntropy' } });
    expect(compare(exp, 5).result.lossKind).toBe('mse');
    exp = applyChange(exp, { type: 'setOutputActivation', activation: 'tanh' });
    expect(compare(exp, 9).result.lossKind).toBe('mse');
  });

  for (const loss of ['mse', 'crossEntropy'] as const) {
    for (const act of ['relu', 'gelu', 'swish'] as const) {
      it(`multi-class blobs, softmax output, hidden ${act}, ${loss}`, () => {
        let exp = applyChange(base, { type: 'dataset', patch: { kind: 'blobs', classes: 4 } });
        exp = applyChange(withHidden(exp, act), { type: 'training', patch: { loss } });
        const net = readPlayground(exp.network)!;
        expect(net.output).toMatchObject({ units: 4, activation: 'softmax' });
        for (const i of [0, 11]) {
          const { result } = compare(exp, i);
          expect(result.probability!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
        }
      });
    }
  }

  for (const reg of ['l1', 'l2'] as const) {
    it(`${reg} regularization: its gradient joins the data loss's in the update`, () => {
      const exp = applyChange(base, { type: 'training', patch: { regularization: reg, regularizationRate: 0.01, learningRate: 0.3 } });
      const { result } = compare(exp, 2);
      expect(result.layers[0].regGradW.some((g) => g !== 0)).toBe(true);
    });
  }

  it('all seven features, x₁² and x₁x₂ included', () => {
    const all = withFeatures(base, ['x1Sq', 'x2Sq', 'x1x2']);
    expect(readPlayground(all.network)).not.toBeNull();
    for (const i of [0, 1, 2]) compare(all, i);
    compare(applyChange(applyChange(all, { type: 'setActivation', index: 'all', activation: 'relu' }), { type: 'training', patch: { loss: 'crossEntropy' } }), 6);
  });

  it('deeper and wider chains with dropout layers (off in the walk-through) and no hidden layer', () => {
    let exp = applyChange(base, { type: 'addLayer' });
    exp = applyChange(exp, { type: 'setUnits', index: 0, units: 7 });
    exp = applyChange(exp, { type: 'setDropout', index: 1, rate: 0.3 });
    compare(applyChange(exp, { type: 'setActivation', index: 'all', activation: 'elu' }), 1);
    let shallow = applyChange(base, { type: 'removeLayer' });
    shallow = applyChange(shallow, { type: 'removeLayer' });
    expect(readPlayground(shallow.network)!.hidden).toHaveLength(0);
    compare(shallow, 4);
  });
});

describe('the update and the steps', () => {
  it('w ← w − η·∂L/∂w, b ← b − η·δ', () => {
    const net = readPlayground(base.network)!;
    const sizes = [7, 4, 2, 1];
    const weights = sizes.slice(1).map((units, l) => ({
      kernel: Float32Array.from({ length: sizes[l] * units }, (_, i) => Math.sin(i + l)),
      bias: Float32Array.from({ length: units }, (_, i) => 0.1 * i - 0.1),
    }));
    const r = runBackprop(net, weights, { features: [0.5, -1, 0.25, 1, -0.5, 0.48, -0.84], label: 1 }, {
      task: 'binary',
      loss: 'mse',
      learningRate: 0.5,
      regularization: 'none',
      regularizationRate: 0,
    })!;
    for (const L of r.layers) {
      L.kernel.forEach((w, i) => expect(L.newKernel[i]).toBeCloseTo(w - 0.5 * L.gradW[i], 12));
      L.bias.forEach((b, j) => expect(L.newBias[j]).toBeCloseTo(b - 0.5 * L.delta[j], 12));
      // ∂L/∂w_ij = δ_j · a_i
      const aPrev = L === r.layers[0] ? r.input : r.layers[r.layers.indexOf(L) - 1].a;
      expect(L.gradW[1 * L.units + 0]).toBeCloseTo(L.delta[0] * aPrev[1], 12);
    }
  });

  it('bad input gives null, never a throw', () => {
    const net = readPlayground(base.network)!;
    const settings = { task: 'binary' as const, loss: 'mse' as const, learningRate: 0.1, regularization: 'none' as const, regularizationRate: 0 };
    expect(runBackprop(net, [], { features: [1, 2], label: 0 }, settings)).toBeNull();
    expect(runBackprop(net, [null, null, null], { features: [1, 2], label: 0 }, settings)).toBeNull();
    const wrong = [{ kernel: new Float32Array(3), bias: null }, { kernel: new Float32Array(8), bias: null }, { kernel: new Float32Array(2), bias: null }];
    expect(runBackprop(net, wrong, { features: [1, 2], label: 0 }, settings)).toBeNull();
    const ok = [{ kernel: new Float32Array(8), bias: null }, { kernel: new Float32Array(8), bias: null }, { kernel: new Float32Array(2), bias: null }];
    expect(runBackprop(net, ok, { features: [1, NaN], label: 0 }, settings)).toBeNull();
    expect(runBackprop(net, ok, { features: [1, 2], label: 0 }, settings)).not.toBeNull();
  });

  it('walks the example, each neuron forward, the loss, each neuron backward from the output, the update', () => {
    const steps = backpropSteps([2, 1]);
    expect(steps).toEqual([
      { phase: 'example' },
      { phase: 'forward', layer: 0, unit: 0 },
      { phase: 'forward', layer: 0, unit: 1 },
      { phase: 'forward', layer: 1, unit: 0 },
      { phase: 'loss' },
      { phase: 'backward', layer: 1, unit: 0 },
      { phase: 'backward', layer: 0, unit: 0 },
      { phase: 'backward', layer: 0, unit: 1 },
      { phase: 'update' },
    ]);
  });
});
