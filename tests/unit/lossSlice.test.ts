import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRng } from '../../src/data/rng';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { openTemplate } from '../../src/models/openTemplate';
import { createRace, stepRace } from '../../src/models/race';
import { DEFAULT_HYPER, RACE_OPTIMIZERS, type Hyper, type RaceOptimizer } from '../../src/models/optimizers';
import { fitSequenceNetwork } from '../../src/models/fit';
import { surfaceFromGrid } from '../../src/models/sliceSurface';
import type { Experiment, NetworkSpec } from '../../src/models/spec';
import { templateById } from '../../src/models/templates';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { Engine } from '../../src/training/engine';
import { computeLossSlice, filterNormalize, sliceDirections, type SliceResult } from '../../src/training/lossSlice';
import { prepareData } from '../../src/training/prepare';
import type { FromEngine } from '../../src/training/protocol';
import { ModelRuntime } from '../../src/training/runtime';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
  // As engine.test.ts: yield through setTimeout in Node so waits mean something.
  vi.stubGlobal('MessageChannel', undefined);
});
afterAll(() => vi.unstubAllGlobals());

const runtimeFor = (exp: Experiment) => new ModelRuntime(tf, exp, prepareData(exp));
const read = (rt: ModelRuntime) => rt.built.variables.map((v) => Float32Array.from(v.dataSync()));
/** Norm of filter f (a slice along the last axis) of a flat array of `shape`. */
const filterNorm = (a: ArrayLike<number>, shape: readonly number[], f: number) => {
  const out = shape[shape.length - 1];
  let s = 0;
  for (let k = f; k < a.length; k += out) s += a[k] * a[k];
  return Math.sqrt(s);
};
const currentLoss = (rt: ModelRuntime) =>
  tf.tidy(() => {
    const r = rt.trainRows(256);
    return rt.lossOn(r.inputs, r.y).dataSync()[0];
  });

describe('filter normalisation (Li et al. 2018)', () => {
  it('scales each filter of a direction to the norm of the same filter of the weight: Dense and Conv kernels; zero for 1-D weights', () => {
    const rng = createRng(3);
    for (const shape of [[5, 4], [3, 3, 2, 6]]) {
      const size = shape.reduce((a, b) => a * b, 1);
      const w = Float32Array.from({ length: size }, () => rng.normal() * 0.3);
      const d = filterNormalize(Float32Array.from({ length: size }, () => rng.normal()), w, shape);
      for (let f = 0; f < shape[shape.length - 1]; f++) expect(filterNorm(d, shape, f)).toBeCloseTo(filterNorm(w, shape, f), 5);
    }
    expect(Array.from(filterNormalize(Float32Array.of(1, 2, 3), [4, 5, 6], [3]))).toEqual([0, 0, 0]);
  });

  it('holds for every kernel of a real network, and the two directions differ (seeded: the same seed, the same directions)', () => {
    const rt = runtimeFor(defaultExperiment());
    const weights = rt.built.variables.map((v) => ({ values: v.dataSync(), shape: v.shape }));
    const [d1, d2] = sliceDirections(weights, 7);
    weights.forEach(({ values, shape }, k) => {
      if (shape.length < 2) return expect(d1[k].every((x) => x === 0)).toBe(true);
      for (let f = 0; f < shape[shape.length - 1]; f++) {
        expect(filterNorm(d1[k], shape, f)).toBeCloseTo(filterNorm(values, shape, f), 5);
        expect(filterNorm(d2[k], shape, f)).toBeCloseTo(filterNorm(values, shape, f), 5);
      }
      expect(Array.from(d1[k])).not.toEqual(Array.from(d2[k]));
    });
    expect(sliceDirections(weights, 7)[0][0]).toEqual(d1[0]);
    rt.dispose();
  });
});

describe('computeLossSlice on the playground network', () => {
  let rt: ModelRuntime;
  let slice: SliceResult;
  beforeAll(async () => {
    rt = runtimeFor(applyChange(defaultExperiment(), { type: 'training', patch: { learningRate: 0.1 } }));
    rt.train(400);
    const out = await computeLossSlice(tf, rt, { cols: 21, rows: 15, spanX: 1.5, spanY: 1, seed: 1 });
    if ('error' in out) throw new Error(out.error);
    slice = out;
  });
  afterAll(() => rt.dispose());

  it('answers the grid asked for, finite, with the centre at the current weights equal to the model loss there', () => {
    expect(slice.values.length).toBe(21 * 15);
    expect(slice.values.every(Number.isFinite)).toBe(true);
    const loss = currentLoss(rt);
    expect(slice.centerLoss).toBeCloseTo(loss, 6);
    expect(slice.values[7 * 21 + 10]).toBeCloseTo(loss, 6);
    // Away from the trained weights the loss is higher: the corners against the centre.
    for (const k of [0, 20, 14 * 21, 15 * 21 - 1]) expect(slice.values[k]).toBeGreaterThan(loss);
  });

  it('leaves every weight exactly as it was, and tf.memory().numTensors flat over slices', async () => {
    const before = read(rt);
    const lossBefore = currentLoss(rt);
    const n0 = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await computeLossSlice(tf, rt, { cols: 7, rows: 5, spanX: 1.5, spanY: 1, seed: i });
    expect(tf.memory().numTensors).toBe(n0);
    const after = read(rt);
    after.forEach((a, k) => expect(Array.from(a)).toEqual(Array.from(before[k])));
    expect(currentLoss(rt)).toBe(lossBefore);
  });

  it('stops with "changed" when the weights move between rows, and does not undo that move', async () => {
    let trained: Float32Array[] = [];
    const out = await computeLossSlice(tf, rt, { cols: 7, rows: 5, spanX: 1, spanY: 1, seed: 2 }, {
      pause: async () => {
        if (trained.length) return;
        rt.train(1);
        trained = read(rt);
      },
    });
    expect(out).toEqual({ error: 'changed' });
    read(rt).forEach((a, k) => expect(Array.from(a)).toEqual(Array.from(trained[k])));
  });

  it('the seven optimizers descend on the slice (as a race surface, from its default start)', () => {
    const surface = surfaceFromGrid(slice);
    const hyper = Object.fromEntries(RACE_OPTIMIZERS.map((o) => [o, { ...DEFAULT_HYPER, lr: surface.lr[o] }])) as Record<RaceOptimizer, Hyper>;
    const race = createRace(surface, surface.start);
    for (let i = 0; i < 400; i++) stepRace(race, hyper);
    const f0 = surface.f(...surface.start);
    for (const lane of race.lanes) {
      expect(lane.diverged, lane.opt).toBe(false);
      expect(lane.loss, lane.opt).toBeLessThan(f0 - 0.3 * (f0 - slice.centerLoss));
    }
  });
});

describe('computeLossSlice in every lab', () => {
  it('a CNN on the shapes images (batch normalization included): centre equals the loss, weights unchanged, tensors flat', async () => {
    let exp = openTemplate(defaultExperiment(), templateById('lenet5')!);
    exp = applyChange(exp, { type: 'dataset', patch: { kind: 'shapes', numPoints: 100 } });
    const rt = runtimeFor(exp);
    rt.train(3);
    const before = read(rt);
    const n0 = tf.memory().numTensors;
    const out = await computeLossSlice(tf, rt, { cols: 5, rows: 5, spanX: 1, spanY: 1, seed: 1, examples: 32 });
    expect(tf.memory().numTensors).toBe(n0);
    if ('error' in out) throw new Error(out.error);
    expect(out.values.every(Number.isFinite)).toBe(true);
    expect(out.examples).toBe(32);
    const loss = tf.tidy(() => {
      const r = rt.trainRows(32);
      return rt.lossOn(r.inputs, r.y).dataSync()[0];
    });
    expect(out.values[12]).toBeCloseTo(loss, 5);
    read(rt).forEach((a, k) => expect(Array.from(a)).toEqual(Array.from(before[k])));
    rt.dispose();
  });

  it('an encoder–decoder transformer (two inputs): centre equals the loss, weights unchanged', async () => {
    let exp = openTemplate(defaultExperiment(), templateById('transformerSeq2seq')!);
    const nodes = exp.network.nodes.map((n) => {
      const p = { ...n.params };
      if (n.type === 'Embedding') p.outputDim = 16;
      if (n.type.startsWith('Transformer')) Object.assign(p, { numHeads: 2, keyDim: 8, ffDim: 32, dropout: 0 });
      return { ...n, params: p };
    });
    const network: NetworkSpec = { nodes };
    exp = { ...exp, network: fitSequenceNetwork(network, exp.dataset), dataset: { ...exp.dataset, numPoints: 200 } };
    const rt = runtimeFor(exp);
    const before = read(rt);
    const out = await computeLossSlice(tf, rt, { cols: 5, rows: 5, spanX: 1, spanY: 1, seed: 1, examples: 64 });
    if ('error' in out) throw new Error(out.error);
    expect(out.values.every(Number.isFinite)).toBe(true);
    const loss = tf.tidy(() => {
      const r = rt.trainRows(64);
      return rt.lossOn(r.inputs, r.y).dataSync()[0];
    });
    expect(out.centerLoss).toBeCloseTo(loss, 5);
    expect(out.values[12]).toBeCloseTo(loss, 5);
    read(rt).forEach((a, k) => expect(Array.from(a)).toEqual(Array.from(before[k])));
    rt.dispose();
  });
});

describe('the engine answers lossSlice', () => {
  const harness = () => {
    const messages: FromEngine[] = [];
    const engine = new Engine({ tf, host: 'worker', webgl: false, post: (m) => m.type !== 'idle' && messages.push(m) });
    return { engine, messages, send: (m: Parameters<Engine['handle']>[0]) => engine.handle(m) };
  };
  const answer = async (messages: FromEngine[], requestId: number) => {
    for (let i = 0; i < 400; i++) {
      const m = messages.find((x) => x.type === 'lossSlice' && x.requestId === requestId);
      if (m) return m as Extract<FromEngine, { type: 'lossSlice' }>;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('no answer');
  };

  it('with the grid and the step it was taken at; a pause sent meanwhile is handled before the slice ends', async () => {
    const h = harness();
    await h.send({ type: 'init', runId: 1, experiment: defaultExperiment(), backend: 'cpu' });
    await h.send({ type: 'step', runId: 1, steps: 20 });
    await h.send({ type: 'play', runId: 1 });
    await new Promise((r) => setTimeout(r, 50));
    await h.send({ type: 'lossSlice', runId: 1, requestId: 5, cols: 45, rows: 31, spanX: 1.5, spanY: 1 });
    await h.send({ type: 'pause', runId: 1 });
    const pausedAt = h.messages.length;
    const reply = await answer(h.messages, 5);
    // The pause's snapshot came before the slice's answer: the queue was not held by it.
    expect(h.messages.findIndex((m) => m === reply)).toBeGreaterThan(pausedAt - 1);
    expect(reply.slice).not.toBeNull();
    const s = reply.slice!;
    expect([s.cols, s.rows, s.values.length]).toEqual([45, 31, 45 * 31]);
    const steps = h.messages.filter((m) => m.type === 'snapshot').map((m) => (m as { step: number }).step);
    expect(s.step).toBe(steps[steps.length - 1]);
    expect(s.values[15 * 45 + 22]).toBeCloseTo(s.centerLoss, 6);
    console.log(`    loss slice 45×31 of the default playground network on the CPU backend (Node): ${s.ms.toFixed(0)} ms`);
    // Another slice of the paused network: tf.memory().numTensors is where it was before.
    const n0 = tf.memory().numTensors;
    await h.send({ type: 'lossSlice', runId: 1, requestId: 6, cols: 7, rows: 5, spanX: 1.5, spanY: 1 });
    expect((await answer(h.messages, 6)).slice).not.toBeNull();
    expect(tf.memory().numTensors).toBe(n0);
    await h.send({ type: 'dispose' });
  });

  it('refuses with notBuilt when no network is built', async () => {
    const h = harness();
    const bad: Experiment = { ...defaultExperiment(), network: { nodes: [] } };
    await h.send({ type: 'init', runId: 1, experiment: bad, backend: 'cpu' });
    await h.send({ type: 'lossSlice', runId: 1, requestId: 1, cols: 5, rows: 5, spanX: 1, spanY: 1 });
    expect(await answer(h.messages, 1)).toMatchObject({ slice: null, error: 'notBuilt' });
    await h.send({ type: 'dispose' });
  });
});
