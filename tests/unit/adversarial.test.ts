import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeExperiment } from '../../src/models/codec';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import type { Experiment } from '../../src/models/spec';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { engineHarness, toolAnswer } from './engineHarness';
import { prepareData } from '../../src/training/prepare';
import type { FromEngine } from '../../src/training/protocol';
import { ModelRuntime } from '../../src/training/runtime';
import { attackLoss, fgsm, inputGradient, pgd, robustnessCurve } from '../../src/training/tools/adversarial';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
  vi.stubGlobal('MessageChannel', undefined);
});
afterAll(() => vi.unstubAllGlobals());

/** The image lab's default CNN on shapes (4 classes), a few hundred images. */
const shapesExp = (): Experiment => {
  const e = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'shapes' } });
  return applyChange(applyChange(e, { type: 'dataset', patch: { numPoints: 400 } }), { type: 'training', patch: { optimizer: 'adam', learningRate: 0.01, batchSize: 32 } });
};

let trained: ModelRuntime;
beforeAll(() => {
  trained = new ModelRuntime(tf, shapesExp(), prepareData(shapesExp()));
  trained.train(60);
});
afterAll(() => trained.dispose());

const batch = (n: number) => ({ x: trained.testInputs(0, n) as tf.Tensor, y: trained.testTargets(0, n) });

describe('attacks on a trained CNN', () => {
  it('FGSM moves every pixel by ε·sign(∇ₓL), never by more than ε, and stays in [0, 1]', () => {
    const eps = 0.1;
    const n0 = tf.memory().numTensors;
    const [x, g, adv] = tf.tidy(() => {
      const { x, y } = batch(16);
      return [x, inputGradient(tf, trained, x, y), fgsm(tf, trained, x, y, eps)];
    });
    const xs = x.dataSync();
    const gs = g.dataSync();
    const as = adv.dataSync();
    let inside = 0;
    for (let i = 0; i < xs.length; i++) {
      const d = as[i] - xs[i];
      expect(Math.abs(d)).toBeLessThanOrEqual(eps + 1e-6);
      expect(as[i]).toBeGreaterThanOrEqual(0);
      expect(as[i]).toBeLessThanOrEqual(1);
      // Where the range does not stop it, the step is exactly ε·sign(g).
      const free = xs[i] + eps * Math.sign(gs[i]);
      if (free >= 0 && free <= 1) {
        expect(d).toBeCloseTo(eps * Math.sign(gs[i]), 5);
        inside++;
      }
    }
    expect(inside).toBeGreaterThan(xs.length / 4);
    // Most pixels have a gradient: the attack's loss does not saturate on confident images.
    expect(gs.filter((v) => v !== 0).length).toBeGreaterThan(xs.length / 2);
    tf.dispose([x, g, adv]);
    expect(tf.memory().numTensors).toBe(n0);
  });

  it('FGSM and PGD raise the loss; PGD stays in its ε-ball and the pixel range, and a seed repeats it', () => {
    const eps = 0.1;
    const n0 = tf.memory().numTensors;
    const { x, y } = batch(32);
    const clean = tf.tidy(() => attackLoss(tf, trained.predict(x), y, trained.outputSpec).dataSync()[0]);
    const f = fgsm(tf, trained, x, y, eps);
    const p = pgd(tf, trained, x, y, eps, 0.025, 10, 5);
    const again = pgd(tf, trained, x, y, eps, 0.025, 10, 5);
    const lossOf = (a: tf.Tensor) => tf.tidy(() => attackLoss(tf, trained.predict(a), y, trained.outputSpec).dataSync()[0]);
    expect(lossOf(f)).toBeGreaterThan(clean);
    expect(lossOf(p)).toBeGreaterThan(lossOf(f));
    const dmax = tf.tidy(() => tf.max(tf.abs(tf.sub(p, x))).dataSync()[0]);
    expect(dmax).toBeLessThanOrEqual(eps + 1e-6);
    expect(dmax).toBeGreaterThan(eps / 2);
    expect(tf.min(p).dataSync()[0]).toBeGreaterThanOrEqual(0);
    expect(tf.max(p).dataSync()[0]).toBeLessThanOrEqual(1);
    expect(Array.from(again.dataSync())).toEqual(Array.from(p.dataSync()));
    tf.dispose([x, y, f, p, again]);
    // (tf.min / tf.max above were read and left: count only what remains of ours.)
    expect(tf.memory().numTensors).toBeLessThanOrEqual(n0 + 2);
  });

  it('accuracy falls as ε grows, more under PGD than FGSM; the curve leaks no tensor', async () => {
    const rows = (from: number, k: number) => ({ x: trained.testInputs(from, k) as tf.Tensor, y: trained.testTargets(from, k) });
    const n = Math.min(150, trained.data.nTest);
    const n0 = tf.memory().numTensors;
    const f = await robustnessCurve(tf, trained, rows, n, [0, 0.1, 0.3], { method: 'fgsm' });
    const p = await robustnessCurve(tf, trained, rows, n, [0.1], { method: 'pgd', steps: 10, seed: 1 });
    expect(tf.memory().numTensors).toBe(n0);
    expect(f[0].accuracy).toBeGreaterThan(0.6);
    expect(f[2].accuracy).toBeLessThan(f[0].accuracy);
    expect(f[1].accuracy).toBeLessThanOrEqual(f[0].accuracy);
    expect(p[0].accuracy).toBeLessThanOrEqual(f[1].accuracy);
  });
});

const harness = engineHarness;
const answer = (messages: FromEngine[], requestId: number) => toolAnswer(messages, requestId);

describe('the adversarial and robustness tools in the engine', () => {
  it('attack one test image and a drawing; the ε curve with progress; the tensor count flat', async () => {
    const h = harness();
    await h.send({ type: 'init', runId: 1, experiment: shapesExp(), backend: 'cpu' });
    await h.send({ type: 'step', runId: 1, steps: 40 });
    // Let the engine's first probes and evaluations settle before counting.
    await h.send({ type: 'tool', runId: 1, requestId: 1, request: { tool: 'adversarial', method: 'fgsm', eps: 0.2, source: { kind: 'test', index: 3 } } });
    await answer(h.messages, 1);
    const n0 = tf.memory().numTensors;
    await h.send({ type: 'tool', runId: 1, requestId: 2, request: { tool: 'adversarial', method: 'pgd', eps: 0.2, steps: 8, source: { kind: 'test', index: 3 } } });
    const a = (await answer(h.messages, 2)).result;
    expect(a?.tool).toBe('adversarial');
    if (a?.tool !== 'adversarial') return;
    expect(a.shape).toEqual([28, 28, 1]);
    expect(a.original).toHaveLength(784);
    expect(a.maxChange).toBeLessThanOrEqual(0.2 + 1e-6);
    expect(a.maxChange).toBeGreaterThan(0.1);
    expect(a.label).toBeGreaterThanOrEqual(0);
    expect(a.before.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 4);
    // The attack lowers the probability of the true class.
    expect(a.after[a.label]).toBeLessThan(a.before[a.label]);
    for (let i = 0; i < 784; i++) expect(a.adversarial[i]).toBeCloseTo(a.original[i] + a.perturbation[i], 5);

    const drawing = new Float32Array(784);
    for (let i = 300; i < 480; i++) drawing[i] = 1;
    await h.send({ type: 'tool', runId: 1, requestId: 3, request: { tool: 'adversarial', method: 'fgsm', eps: 0.1, source: { kind: 'drawing', pixels: drawing } } });
    const d = (await answer(h.messages, 3)).result;
    expect(d?.tool === 'adversarial' && d.label).toBe(-1);

    await h.send({ type: 'tool', runId: 1, requestId: 4, request: { tool: 'robustness', method: 'fgsm', eps: [0.3, 0, 0.1, 0.1], examples: 120 } });
    const r = (await answer(h.messages, 4)).result;
    expect(r?.tool).toBe('robustness');
    if (r?.tool !== 'robustness') return;
    expect(r.points.map((p) => p.eps)).toEqual([0, 0.1, 0.3]);
    expect(r.points[2].accuracy).toBeLessThanOrEqual(r.points[0].accuracy);
    expect(r.trainedWith).toBeNull();
    expect(h.messages.filter((m) => m.type === 'toolProgress' && m.requestId === 4).length).toBeGreaterThanOrEqual(3);
    expect(tf.memory().numTensors).toBe(n0);
    await h.send({ type: 'dispose' });
  });

  it('refuses on the 2-D playground with a reason', async () => {
    const h = harness();
    await h.send({ type: 'init', runId: 1, experiment: defaultExperiment(), backend: 'cpu' });
    await h.send({ type: 'tool', runId: 1, requestId: 1, request: { tool: 'robustness', method: 'fgsm', eps: [0.1] } });
    expect(await answer(h.messages, 1)).toMatchObject({ result: null, error: 'unsupported', detail: 'adv.onlyImages' });
    await h.send({ type: 'dispose' });
  });
});

describe('adversarial training (training.adversarial)', () => {
  it('the setting puts a batch hook in place that replaces the share of the batch; reconfigure removes it; tensors flat', () => {
    const exp = shapesExp();
    const on = applyChange(exp, { type: 'training', patch: { adversarial: { enabled: true, method: 'pgd', eps: 0.1, share: 0.5 } } });
    const rt = new ModelRuntime(tf, on, prepareData(on));
    const hook = rt.stepHook('adversarial');
    expect(hook?.batch).toBeDefined();
    const x = tf.tidy(() => tf.fill([4, 28, 28, 1], 0.5));
    const y = tf.tidy(() => tf.oneHot([0, 1, 2, 3], 4).toFloat());
    const out = hook!.batch!(x, y);
    const d = tf.tidy(() => tf.abs(tf.sub(out, x)).max([1, 2, 3]).dataSync());
    expect(d[0]).toBeGreaterThan(0.05);
    expect(d[0]).toBeLessThanOrEqual(0.1 + 1e-6);
    expect(d[2]).toBe(0);
    expect(d[3]).toBe(0);
    tf.dispose([x, y, out]);
    rt.train(2);
    const n0 = tf.memory().numTensors;
    rt.train(3);
    expect(tf.memory().numTensors).toBe(n0);
    rt.initWeights();
    expect(rt.stepHook('adversarial')).toBeDefined();
    rt.reconfigure(exp.training);
    expect(rt.stepHook('adversarial')).toBeUndefined();
    rt.dispose();
  });

  it('the codec keeps the setting, clamps it, and old links without it load with it off', () => {
    const exp = applyChange(shapesExp(), { type: 'training', patch: { adversarial: { enabled: true, method: 'fgsm', eps: 0.9, share: 0.5 } } });
    expect(exp.training.adversarial?.eps).toBe(0.5);
    const back = decodeExperiment(JSON.parse(JSON.stringify(exp)));
    expect(back.ok && back.value.training.adversarial).toEqual({ enabled: true, method: 'fgsm', eps: 0.5, share: 0.5 });
    const old = decodeExperiment(JSON.parse(JSON.stringify(defaultExperiment())));
    expect(old.ok && old.value.training.adversarial).toBeUndefined();
    const bad = decodeExperiment({ ...JSON.parse(JSON.stringify(exp)), training: { adversarial: { method: 'cw' } } });
    expect(bad.ok).toBe(false);
  });
});
