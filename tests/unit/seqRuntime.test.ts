import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareData } from '../../src/training/prepare';
import { createRng } from '../../src/data/rng';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { datasetMismatch } from '../../src/models/fit';
import { openTemplate } from '../../src/models/openTemplate';
import { fitSequenceNetwork } from '../../src/models/fit';
import type { Experiment, NetworkSpec } from '../../src/models/spec';
import { templateById } from '../../src/models/templates';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { ModelRuntime } from '../../src/training/runtime';
import { SequenceLabProbes } from '../../src/training/sequenceLabProbes';
import { rowSums } from '../../src/charts/attentionScores';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
});

afterAll(() => {
  tf.disposeVariables();
});

/** A template shrunk for speed (d_model 16, 2 heads of 8, small feed-forward), fitted to its dataset. */
function small(id: string, edit: (e: Experiment) => Experiment = (e) => e): Experiment {
  let exp = edit(openTemplate(defaultExperiment(), templateById(id)!));
  const nodes = exp.network.nodes.map((n) => {
    const p = { ...n.params };
    if (n.type === 'Embedding') p.outputDim = 16;
    if (n.type.startsWith('Transformer')) Object.assign(p, { numHeads: 2, keyDim: 8, ffDim: 32, dropout: 0 });
    if (n.type === 'LSTM') p.units = 8;
    return { ...n, params: p };
  });
  const network: NetworkSpec = { nodes };
  exp = { ...exp, network: fitSequenceNetwork(network, exp.dataset), dataset: { ...exp.dataset, numPoints: 400 } };
  expect(datasetMismatch(exp)).toBeNull();
  return exp;
}

describe('sequence runtime', () => {
  it('a Transformer tagger learns reverse; attention rows sum to 1; tensors stay flat over training, metrics, probes and generation', async () => {
    const exp = small('transformerEncoder', (e) => applyChange(e, { type: 'sequence', patch: { length: 4 } }));
    const rt = new ModelRuntime(tf, exp, prepareData(exp));
    const views = new SequenceLabProbes(tf, rt);
    try {
      const before = await rt.evaluate();
      expect(before.trainSeqAcc).not.toBeUndefined();
      rt.train(2);
      await rt.evaluate();
      await views.probeSequence(0);
      const tensors = tf.memory().numTensors;
      for (let k = 0; k < 6; k++) {
        rt.train(20);
        await rt.evaluate();
        await views.probeSequence(k);
        expect(tf.memory().numTensors).toBe(tensors);
      }
      const after = await rt.evaluate();
      expect(after.trainLoss).toBeLessThan(before.trainLoss * 0.8);
      expect(after.testAcc!).toBeGreaterThan(before.testAcc! + 0.1);
      const p = (await views.probeSequence(1))!;
      expect(p.layout).toBe('tokens');
      expect(p.free).toBeNull(); // one Input: no decoder to run on its own
      expect(p.attention.map((a) => [a.layerId, a.kind, a.heads, a.rows, a.cols])).toEqual([
        ['encoder1', 'self', 2, 4, 4],
        ['encoder2', 'self', 2, 4, 4],
      ]);
      for (const map of p.attention) {
        expect(map.causal).toBe(false);
        for (let h = 0; h < map.heads; h++) rowSums(map, h).forEach((s) => expect(s).toBeCloseTo(1, 5));
        expect(map.queryTokens).toEqual(p.tokens.source);
      }
      // The output is steps × vocabulary probabilities, rows summing to 1.
      const v = rt.data.numClasses;
      expect(p.output.length).toBe(4 * v);
      for (let t = 0; t < 4; t++) expect(p.output.subarray(t * v, (t + 1) * v).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      expect(p.positional).toHaveLength(1);
      expect(p.positional[0]).toMatchObject({ kind: 'sinusoidal', length: 4, dim: 16 });
      expect(tf.memory().numTensors).toBe(tensors);
    } finally {
      rt.dispose();
    }
  }, 120_000);

  it('a causal model shows its mask (exact zeros above the diagonal) and generates text from the corpus', async () => {
    const exp = small('miniGpt', (e) => applyChange(e, { type: 'sequence', patch: { length: 12 } }));
    const rt = new ModelRuntime(tf, exp, prepareData(exp));
    const views = new SequenceLabProbes(tf, rt);
    try {
      rt.train(3);
      const p = (await views.probeSequence(0))!;
      for (const map of p.attention) {
        expect(map.causal).toBe(true);
        for (let h = 0; h < map.heads; h++) {
          for (let t = 0; t < map.rows; t++) for (let s = t + 1; s < map.cols; s++) expect(map.weights[(h * map.rows + t) * map.cols + s]).toBe(0);
        }
      }
      const tensors = tf.memory().numTensors;
      const vocab = rt.data.seq!.shape.vocab;
      const prompt = Array.from('Alice', (c) => vocab.indexOf(c));
      const a = await views.generate(prompt, 20, 0.8, 5, createRng(7));
      const b = await views.generate(prompt, 20, 0.8, 5, createRng(7));
      expect(a.ids).toHaveLength(20);
      expect(a).toEqual(b); // seeded
      expect(a.ids.every((i) => i > 3 && i < vocab.length)).toBe(true); // never a special token
      expect(a.probs.every((q) => q > 0 && q <= 1)).toBe(true);
      expect(tf.memory().numTensors).toBe(tensors);
    } finally {
      rt.dispose();
    }
  }, 120_000);

  it('an encoder–decoder trains with teacher forcing and shows self- and cross-attention with the right tokens on each axis', async () => {
    const exp = small('transformerSeq2seq');
    const rt = new ModelRuntime(tf, exp, prepareData(exp));
    const views = new SequenceLabProbes(tf, rt);
    try {
      const before = await rt.evaluate();
      rt.train(30);
      const after = await rt.evaluate();
      expect(after.trainLoss).toBeLessThan(before.trainLoss);
      const p = (await views.probeSequence(0))!;
      expect(p.decoder).not.toBeNull();
      expect(p.attention.map((a) => `${a.layerId}:${a.kind}`)).toEqual([
        'encoder1:self',
        'encoder2:self',
        'decoder1:self',
        'decoder1:cross',
        'decoder2:self',
        'decoder2:cross',
      ]);
      const cross = p.attention.find((a) => a.kind === 'cross')!;
      expect(cross.queryTokens).toEqual(p.tokens.decoder);
      expect(cross.keyTokens).toEqual(p.tokens.source);
      expect(cross.rows).toBe(rt.data.targetWidth);
      expect(cross.cols).toBe(rt.data.numFeatures);
      const decSelf = p.attention.find((a) => a.layerId === 'decoder1' && a.kind === 'self')!;
      expect(decSelf.causal).toBe(true);
      expect(p.tokens.decoder[0]).toBe('<bos>');
      // On its own the decoder starts from BOS as under teacher forcing, and the causal mask hides
      // later inputs: its first token is the teacher-forced argmax of step 0.
      const v = rt.data.numClasses;
      expect(p.free).toHaveLength(rt.data.targetWidth);
      const step0 = Array.from(p.output.subarray(0, v));
      expect(p.free![0]).toBe(step0.indexOf(Math.max(...step0)));
      expect(Array.from(p.free!).every((id) => Number.isInteger(id) && id >= 0 && id < v)).toBe(true);
    } finally {
      rt.dispose();
    }
  }, 120_000);

  it('an LSTM forecaster is unrolled on the probe: states, gates and gradient norms per step', async () => {
    const exp = small('lstmForecast', (e) => applyChange(e, { type: 'sequence', patch: { window: 12, horizon: 3 } }));
    const rt = new ModelRuntime(tf, exp, prepareData(exp));
    const views = new SequenceLabProbes(tf, rt);
    try {
      const before = await rt.evaluate();
      rt.train(40);
      const after = await rt.evaluate();
      expect(after.trainLoss).toBeLessThan(before.trainLoss);
      expect(after.trainAcc).toBeNull();
      const p = (await views.probeSequence(2))!;
      expect(p.layout).toBe('forecast');
      expect(p.output).toHaveLength(3);
      expect(p.target).toHaveLength(3);
      expect(p.recurrent).toHaveLength(1);
      const r = p.recurrent[0];
      expect(r.type).toBe('LSTM');
      expect(r.unrolled.steps).toBe(12);
      expect(r.unrolled.hidden).toHaveLength(12 * 8);
      expect(Object.keys(r.unrolled.gates).sort()).toEqual(['candidate', 'forget', 'input', 'output']);
      expect(r.gradNorms).toHaveLength(12);
      // The forecast is what the model predicts for that window.
      const direct = tf.tidy(() => rt.built.model.predict(tf.tensor(rt.data.testX.slice(24, 36), [1, 12, 1])) as tf.Tensor).dataSync();
      Array.from(p.output).forEach((v, i) => expect(v).toBeCloseTo(direct[i], 5));
    } finally {
      rt.dispose();
    }
  }, 120_000);

  it('layer-norm and batch-norm scales start at 1, not 0', () => {
    const exp = small('transformerEncoder');
    const rt = new ModelRuntime(tf, exp, prepareData(exp));
    try {
      const gammas = rt.built.variables.filter((v) => /gamma/.test(v.name));
      expect(gammas.length).toBe(4);
      for (const g of gammas) expect(Array.from(g.dataSync()).every((x) => x === 1)).toBe(true);
    } finally {
      rt.dispose();
    }
  });
});
