import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { openTemplate } from '../../src/models/openTemplate';
import { writePlayground } from '../../src/models/playground';
import { isSequenceDataset, type Activation, type Experiment, type LayerNode, type NetworkSpec } from '../../src/models/spec';
import { templateById, TEMPLATES } from '../../src/models/templates';
import { fitSequenceNetwork } from '../../src/models/fit';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { DYNAMICS_COST_RATIO, DynamicsRecorder, histogramOf } from '../../src/training/dynamicsProbe';
import { DYNAMICS_BINS, type DynamicsProbe } from '../../src/training/dynamicsTypes';
import { buildModel } from '../../src/training/model';
import { prepareData } from '../../src/training/prepare';
import { ModelRuntime } from '../../src/training/runtime';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
});

/** The same histogram in plain JS: DYNAMICS_BINS equal bins from min to max, shares. */
function jsHistogram(values: ArrayLike<number>) {
  const v = Array.from(values);
  const min = Math.min(...v);
  const max = Math.max(...v);
  const counts = new Array<number>(DYNAMICS_BINS).fill(0);
  for (const x of v) counts[Math.min(DYNAMICS_BINS - 1, Math.max(0, Math.floor(((x - min) / Math.max(max - min, 1e-30)) * DYNAMICS_BINS)))]++;
  return { min, max, counts: counts.map((c) => c / v.length) };
}

const norm = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, x) => s + x * x, 0));

function mlp(hidden: number, units: number, activation: Activation): NetworkSpec {
  return writePlayground(
    {
      inputId: 'input',
      hidden: Array.from({ length: hidden }, (_, i) => ({ id: `h${i + 1}`, units, activation, dropout: 0 })),
      output: { id: 'output', units: 1, activation: 'tanh' },
    },
    2,
  );
}

/** Input → (Dense linear → BatchNorm → ReLU) × hidden → Dense tanh. */
function bnMlp(hidden: number, units: number): NetworkSpec {
  const nodes: LayerNode[] = [{ id: 'input', type: 'Input', params: { shape: [2] }, inputs: [] }];
  let prev = 'input';
  for (let i = 1; i <= hidden; i++) {
    nodes.push({ id: `d${i}`, type: 'Dense', params: { units, activation: 'linear', useBias: true }, inputs: [prev] });
    nodes.push({ id: `bn${i}`, type: 'BatchNormalization', params: {}, inputs: [`d${i}`] });
    nodes.push({ id: `a${i}`, type: 'Activation', params: { activation: 'relu' }, inputs: [`bn${i}`] });
    prev = `a${i}`;
  }
  nodes.push({ id: 'output', type: 'Dense', params: { units: 1, activation: 'tanh', useBias: true }, inputs: [prev] });
  return { nodes };
}

const mse = (y: tf.Tensor) => (out: tf.Tensor) => tf.mean(tf.square(tf.sub(out, y))) as tf.Scalar;

/** A fixed batch on the unit square's corners and inside. */
function batch(n = 16) {
  const xs = Array.from({ length: n * 2 }, (_, i) => Math.sin(i * 1.7) * 2);
  const ys = Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
  return { x: tf.tensor2d(xs, [n, 2]), y: tf.tensor2d(ys, [n, 1]) };
}

describe('histogramOf', () => {
  it('equals the histogram computed in plain JS (min, max, shares per bin)', async () => {
    const values = Array.from({ length: 1000 }, (_, i) => Math.sin(i * 0.37) * (1 + (i % 7)));
    const t = tf.tensor1d(values);
    const h = histogramOf(tf, t);
    const got = await h.data();
    const want = jsHistogram(values);
    expect(got[0]).toBeCloseTo(want.min, 5);
    expect(got[1]).toBeCloseTo(want.max, 5);
    Array.from(got.slice(2)).forEach((c, i) => expect(c).toBeCloseTo(want.counts[i], 6));
    tf.dispose([t, h]);
  });

  it('counts a large tensor on a sample: shares sum to 1, min and max over every value', async () => {
    const values = Float32Array.from({ length: 50_000 }, (_, i) => Math.cos(i * 0.01) + (i === 4321 ? 9 : 0));
    const t = tf.tensor(values, [50, 1000]);
    const got = await histogramOf(tf, t).data();
    expect(got[1]).toBeCloseTo(Math.cos(43.21) + 9, 4);
    expect(Array.from(got.slice(2)).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    t.dispose();
  });
});

describe('DynamicsRecorder on one step', () => {
  it('gradient norms and histograms equal tf.variableGrads; SGD update ratio = lr·‖g‖/‖w‖; weights = w − lr·g', async () => {
    const spec = mlp(2, 5, 'tanh');
    const built = buildModel(tf, spec);
    // Some spread in the biases, so they are not all zero.
    built.variables.forEach((v, i) => v.assign(tf.randomUniform(v.shape, -0.8, 0.8, 'float32', i + 3)));
    const rec = new DynamicsRecorder(tf, built, spec);
    const { x, y } = batch();
    const loss = mse(y);
    // Expected, on the weights before the step.
    const { grads } = tf.variableGrads(() => loss(built.forward(x, { training: true }).output), built.variables);
    const w0 = await Promise.all(built.variables.map((v) => v.data()));
    const g0 = await Promise.all(built.variables.map((v) => grads[v.name].data()));
    const hidden = built.forward(x, { training: false, collect: true }).hidden;
    const acts = await Promise.all(hidden.map((h) => h.data()));
    const lr = 0.1;
    const opt = tf.train.sgd(lr);
    tf.tidy(() => rec.step(opt, x, loss, 1));
    const probe = (await rec.read())!;
    expect(probe.step).toBe(1);
    expect(probe.layers.map((l) => l.layerId)).toEqual(['h1', 'h2', 'output']);
    for (const [li, l] of probe.layers.entries()) {
      const kernel = built.dense[li].kernel;
      const vi = built.variables.indexOf(kernel);
      const bi = built.variables.indexOf(built.dense[li].bias!);
      const gNorm = Math.hypot(norm(g0[vi]), norm(g0[bi]));
      const wNorm = Math.hypot(norm(w0[vi]), norm(w0[bi]));
      expect(l.kernel).toBe(true);
      expect(l.gradNorm).toBeCloseTo(gNorm, 5);
      expect(l.weightNorm).toBeCloseTo(wNorm, 5);
      expect(l.updateRatio).toBeCloseTo((lr * gNorm) / wNorm, 5);
      expect(l.deadShare).toBeNull();
      const wantG = jsHistogram(g0[vi]);
      expect(l.grads.min).toBeCloseTo(wantG.min, 5);
      expect(l.grads.max).toBeCloseTo(wantG.max, 5);
      Array.from(l.grads.counts).forEach((c, i) => expect(c).toBeCloseTo(wantG.counts[i], 5));
      const wantW = jsHistogram(w0[vi]);
      Array.from(l.weights.counts).forEach((c, i) => expect(c).toBeCloseTo(wantW.counts[i], 5));
      const wantA = jsHistogram(acts[li]);
      expect(l.activations.max).toBeCloseTo(wantA.max, 5);
      Array.from(l.activations.counts).forEach((c, i) => expect(c).toBeCloseTo(wantA.counts[i], 5));
      // The step itself: plain SGD, as minimize would have done.
      const after = await kernel.data();
      after.forEach((v, i) => expect(v).toBeCloseTo(w0[vi][i] - lr * g0[vi][i], 5));
    }
    tf.dispose([x, y, ...Object.values(grads), ...hidden]);
    rec.dispose();
    opt.dispose();
    built.dispose();
  });

  it('counts a unit whose ReLU output is 0 for every example as dead', async () => {
    const spec = writePlayground({ inputId: 'input', hidden: [{ id: 'h1', units: 4, activation: 'relu', dropout: 0 }], output: { id: 'output', units: 1, activation: 'tanh' } }, 2);
    const built = buildModel(tf, spec);
    const { kernel, bias } = built.dense[0];
    // Units 0–2 fire on the batch; unit 3 has a bias of −100: dead for every input in [−2, 2]².
    kernel.assign(tf.tensor2d([1, -1, 0.5, 0.1, -1, 1, 0.5, 0.1], [2, 4]));
    bias!.assign(tf.tensor1d([0.1, 0.1, 0.1, -100]));
    const rec = new DynamicsRecorder(tf, built, spec);
    const { x, y } = batch();
    const opt = tf.train.sgd(0.01);
    tf.tidy(() => rec.step(opt, x, mse(y), 1));
    const probe = (await rec.read())!;
    expect(probe.layers[0].deadShare).toBe(0.25);
    expect(probe.layers[1].deadShare).toBeNull();
    // A dead unit gets no gradient: its kernel column and bias did not move.
    expect((await bias!.data())[3]).toBe(-100);
    tf.dispose([x, y]);
    rec.dispose();
    opt.dispose();
    built.dispose();
  });

  it('finds the ReLU after a BatchNorm (Dense → BN → Activation) and probes the BN layer too', async () => {
    const spec = bnMlp(2, 6);
    const built = buildModel(tf, spec);
    const rec = new DynamicsRecorder(tf, built, spec);
    const { x, y } = batch();
    const opt = tf.train.adam(0.01);
    tf.tidy(() => rec.step(opt, x, mse(y), 1));
    const probe = (await rec.read())!;
    expect(probe.layers.map((l) => `${l.layerId}:${l.type}:${l.kernel}`)).toEqual(['d1:Dense:true', 'bn1:BatchNormalization:false', 'd2:Dense:true', 'bn2:BatchNormalization:false', 'output:Dense:true']);
    expect(probe.layers[0].deadShare).not.toBeNull();
    // ReLU outputs are ≥ 0.
    expect(probe.layers[0].activations.min).toBeGreaterThanOrEqual(0);
    tf.dispose([x, y]);
    rec.dispose();
    opt.dispose();
    built.dispose();
  });
});

/** A runtime whose every armed step is measured (no time budget between measured steps). */
function runtimeFor(exp: Experiment) {
  const rt = new ModelRuntime(tf, exp, prepareData(exp));
  rt.dynamics.costRatio = 0;
  return rt;
}

/** Train with a probe on every `every`-th step; the probes in order. */
async function probeRun(rt: ModelRuntime, probes: number, every = 1): Promise<DynamicsProbe[]> {
  const out: DynamicsProbe[] = [];
  for (let i = 0; i < probes; i++) {
    rt.train(every);
    const p = await rt.dynamics.read();
    if (p) out.push(p);
  }
  return out;
}

describe('training dynamics in the runtime', () => {
  it('keeps tf.memory().numTensors flat with every probe on (points and LeNet-5 on shapes, Adam)', async () => {
    const points = runtimeFor({ ...defaultExperiment(), training: { ...defaultExperiment().training, optimizer: 'adam', regularization: 'l2', regularizationRate: 0.001 } });
    let lenet = openTemplate(defaultExperiment(), templateById('lenet5')!);
    lenet = applyChange(lenet, { type: 'dataset', patch: { kind: 'shapes', numPoints: 64 } });
    lenet = applyChange(lenet, { type: 'training', patch: { batchSize: 8 } });
    const image = runtimeFor(lenet);
    for (const rt of [points, image]) {
      await probeRun(rt, 2); // optimizer slots are created on the first step
      const before = tf.memory().numTensors;
      const probes = await probeRun(rt, 4);
      rt.train(3); // a pending probe left unread
      rt.dynamics.clear();
      expect(probes).toHaveLength(4);
      expect(tf.memory().numTensors).toBe(before);
    }
    const lenetProbe = (await probeRun(image, 1))[0];
    expect(lenetProbe.layers.map((l) => l.type)).toEqual(['Conv2D', 'Conv2D', 'Dense', 'Dense', 'Dense']);
    expect(lenetProbe.layers.every((l) => l.gradNorm > 0 && l.updateRatio > 0)).toBe(true);
    points.dispose();
    image.dispose();
  });

  it('probes only when armed: one measured step per read, none while off', async () => {
    const rt = runtimeFor(defaultExperiment());
    rt.train(10);
    const first = await rt.dynamics.read();
    expect(first?.step).toBe(1); // the first step after the build is measured
    expect(await rt.dynamics.read()).toBeNull(); // nothing trained since
    rt.dynamics.enabled = false;
    rt.train(5);
    expect(await rt.dynamics.read()).toBeNull();
    rt.dynamics.enabled = true;
    rt.train(5);
    expect((await rt.dynamics.read())?.step).toBe(16);
    rt.dispose();
  });

  it('probed steps are the same maths: a seeded 2-D run with dropout ends on the same weights with the probes on or off', async () => {
    let exp = applyChange(defaultExperiment(), { type: 'setDropout', index: 0, rate: 0.3 });
    exp = applyChange(exp, { type: 'training', patch: { optimizer: 'adam' } });
    const on = runtimeFor(exp);
    const off = runtimeFor(exp);
    off.dynamics.enabled = false;
    for (let i = 0; i < 6; i++) {
      on.train(3);
      off.train(3);
      expect(await on.dynamics.read()).not.toBeNull();
    }
    const [a, b] = await Promise.all([on.readVariables(), off.readVariables()]);
    a.forEach((w, i) => Array.from(w).forEach((v, j) => expect(v).toBeCloseTo(b[i][j], 6)));
    on.dispose();
    off.dispose();
  });

  it('a deep sigmoid MLP vanishes: first-layer gradient norm orders of magnitude below the last; ReLU and BatchNorm much less so', async () => {
    const base = applyChange(defaultExperiment(), { type: 'training', patch: { learningRate: 0.03, batchSize: 16 } });
    const ratioOf = async (network: NetworkSpec) => {
      const rt = runtimeFor({ ...base, network });
      const probes = await probeRun(rt, 5, 4);
      rt.dispose();
      // Median over the probes of first weighted layer ÷ last.
      const ratios = probes.map((p) => {
        const k = p.layers.filter((l) => l.kernel);
        return k[0].gradNorm / k[k.length - 1].gradNorm;
      });
      return ratios.sort((a, b) => a - b)[2];
    };
    const sigmoid = await ratioOf(mlp(8, 16, 'sigmoid'));
    const relu = await ratioOf(mlp(8, 16, 'relu'));
    const bn = await ratioOf(bnMlp(8, 16));
    console.log(`gradNorm first/last: sigmoid ${sigmoid.toExponential(2)}, relu ${relu.toExponential(2)}, BN+relu ${bn.toExponential(2)}`);
    expect(sigmoid).toBeLessThan(1e-3);
    expect(relu).toBeGreaterThan(100 * sigmoid);
    expect(bn).toBeGreaterThan(100 * sigmoid);
  });

  it("a measured step hands Adam its variables in minimize's order (ResNet's layers are not in variable order)", async () => {
    let exp = openTemplate(defaultExperiment(), templateById('resnet')!);
    exp = applyChange(exp, { type: 'dataset', patch: { kind: 'shapes', numPoints: 40 } });
    exp = { ...exp, training: { ...exp.training, optimizer: 'adam', batchSize: 8 } };
    const rt = runtimeFor(exp);
    // Unmeasured steps first: Adam creates its slots, by position, in minimize's order.
    rt.dynamics.enabled = false;
    rt.train(2);
    rt.dynamics.enabled = true;
    const probes = await probeRun(rt, 2);
    expect(probes).toHaveLength(2);
    rt.dynamics.enabled = false;
    expect(() => rt.train(2)).not.toThrow();
    rt.dispose();
  });

  it('probes every layer with weights of the sequence and residual templates, numbers finite, tensors flat', async () => {
    const ids = TEMPLATES.filter((t) => !['alexnet', 'vgg', 'densenet', 'lenet5'].includes(t.id)).map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['biLstm', 'gru', 'simpleRnn', 'transformerSeq2seq', 'miniGpt', 'resnet']));
    for (const id of ids) {
      let exp = openTemplate(defaultExperiment(), templateById(id)!);
      if (exp.dataset.kind === 'mnist') exp = applyChange(exp, { type: 'dataset', patch: { kind: 'shapes' } });
      // Shrunk for speed, as in seqRuntime.test.ts.
      const nodes = exp.network.nodes.map((n) => {
        const p = { ...n.params };
        if (n.type === 'Embedding') p.outputDim = Math.min(16, Number(p.outputDim));
        if (n.type.startsWith('Transformer')) Object.assign(p, { numHeads: 2, keyDim: 8, ffDim: 32, dropout: 0 });
        return { ...n, params: p };
      });
      const network = isSequenceDataset(exp.dataset.kind) ? fitSequenceNetwork({ nodes }, exp.dataset) : { nodes };
      exp = { ...exp, network, dataset: { ...exp.dataset, numPoints: exp.dataset.kind === 'shapes' ? 40 : 120 }, training: { ...exp.training, batchSize: 8 } };
      const rt = runtimeFor(exp);
      await probeRun(rt, 1);
      const before = tf.memory().numTensors;
      const [p] = await probeRun(rt, 2);
      expect(tf.memory().numTensors, id).toBe(before);
      const weighted = rt.built.order.filter((n) => (rt.built.layers.get(n)?.trainableWeights.length ?? 0) > 0);
      expect(p.layers.map((l) => l.layerId), id).toEqual(weighted);
      for (const l of p.layers) {
        const nums = [l.gradNorm, l.weightNorm, l.updateRatio, l.weights.min, l.grads.max, l.activations.max];
        expect(nums.every(Number.isFinite), `${id}/${l.layerId} ${nums}`).toBe(true);
        expect(l.weightNorm, `${id}/${l.layerId}`).toBeGreaterThan(0);
      }
      rt.dispose();
    }
  });

  it('keeps measured steps to a time budget: the next only after DYNAMICS_COST_RATIO × its cost of training', async () => {
    let clock = 0;
    const spec = mlp(1, 4, 'tanh');
    const built = buildModel(tf, spec);
    // Each reading of the clock moves it 1 ms: a measured step "costs" 1 ms.
    const rec = new DynamicsRecorder(tf, built, spec, () => clock++);
    expect(rec.costRatio).toBe(DYNAMICS_COST_RATIO);
    const { x, y } = batch();
    const opt = tf.train.sgd(0.01);
    expect(rec.due).toBe(true);
    tf.tidy(() => rec.step(opt, x, mse(y), 1));
    await rec.read();
    expect(rec.due).toBe(false); // armed again, but the budget has not passed
    clock += DYNAMICS_COST_RATIO;
    expect(rec.due).toBe(true);
    rec.clear();
    tf.dispose([x, y]);
    rec.dispose();
    opt.dispose();
    built.dispose();
  });
});
