import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeExperimentFile } from '../../src/models/codec';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import type { Experiment, LayerNode } from '../../src/models/spec';
import { base64ToFloats, decodeSavedFile, decodeWeights, encodeSavedFile, encodeWeights, floatsToBase64, MAX_WEIGHT_VALUES, type SavedWeights } from '../../src/models/weightsFile';
import { prepareData } from '../../src/training/prepare';
import { ModelRuntime } from '../../src/training/runtime';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The spiral through Dense → batch normalization → Dense: trainable weights and moving statistics. */
function withBatchNorm(): Experiment {
  const exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'spiral' } });
  const nodes: LayerNode[] = [
    { id: 'input', type: 'Input', params: { shape: [2] }, inputs: [] },
    { id: 'h1', type: 'Dense', params: { units: 8, activation: 'tanh' }, inputs: ['input'] },
    { id: 'bn', type: 'BatchNormalization', params: {}, inputs: ['h1'] },
    { id: 'h2', type: 'Dense', params: { units: 8, activation: 'relu' }, inputs: ['bn'] },
    { id: 'output', type: 'Dense', params: { units: 1, activation: 'tanh' }, inputs: ['h2'] },
  ];
  return { ...exp, network: { nodes }, training: { ...exp.training, optimizer: 'adam' } };
}

const outputsOf = (rt: ModelRuntime, exp: Experiment) => {
  const data = prepareData(exp);
  return tf.tidy(() => Array.from(rt.predict(tf.tensor(data.testX, [data.nTest, ...data.inputShape])).dataSync()));
};

describe('weights in a saved file', () => {
  it('base64 carries float32 values exactly, odd sizes and special values included', () => {
    const values = new Float32Array([0, -0, 1.5, -3.25e-20, 3.4e38, 1 / 3, Math.PI]);
    expect(Array.from(base64ToFloats(floatsToBase64(values))!)).toEqual(Array.from(values));
    expect(base64ToFloats('not base64 at all!')).toBeNull();
    expect(base64ToFloats(btoa('abc'))).toBeNull(); // 3 bytes: not whole floats
    const big = Float32Array.from({ length: 100_000 }, (_, i) => Math.sin(i));
    expect(base64ToFloats(floatsToBase64(big))).toEqual(big);
  });

  for (const [name, make] of [
    ['a playground network', () => defaultExperiment()],
    ['a graph with batch normalization (moving statistics too)', withBatchNorm],
  ] as const) {
    it(`${name}: trained, saved, opened into a fresh model, gives identical outputs and test loss`, async () => {
      const exp = make();
      const a = new ModelRuntime(tf, exp, prepareData(exp));
      a.train(40);
      const saved = await a.exportWeights();
      const file = encodeSavedFile(exp, saved);
      const opened = decodeSavedFile(file);
      expect(opened.ok).toBe(true);
      if (!opened.ok) return;
      expect(opened.value.experiment).toEqual(exp);
      const b = new ModelRuntime(tf, opened.value.experiment, prepareData(opened.value.experiment));
      expect(outputsOf(b, exp)).not.toEqual(outputsOf(a, exp));
      expect(b.importWeights(opened.value.weights!)).toBe(true);
      expect(outputsOf(b, exp)).toEqual(outputsOf(a, exp));
      expect((await b.evaluate()).testLoss).toBe((await a.evaluate()).testLoss);
      expect(b.step).toBe(40);
      // Training continues from there (Adam makes its slots on the first step), and no tensor leaks.
      b.train(1);
      const before = tf.memory().numTensors;
      b.train(5);
      expect(tf.memory().numTensors).toBe(before);
      a.dispose();
      b.dispose();
    });
  }

  it('weights that do not fit the network are refused whole: nothing is written', async () => {
    const exp = defaultExperiment();
    const rt = new ModelRuntime(tf, exp, prepareData(exp));
    const saved = await rt.exportWeights();
    const before = outputsOf(rt, exp);
    const other = applyChange(exp, { type: 'setUnits', index: 0, units: 3 });
    const rt2 = new ModelRuntime(tf, other, prepareData(other));
    const theirs = await rt2.exportWeights();
    expect(rt.importWeights(theirs)).toBe(false);
    expect(rt.importWeights({ ...saved, tensors: saved.tensors.slice(1) })).toBe(false);
    expect(outputsOf(rt, exp)).toEqual(before);
    rt.dispose();
    rt2.dispose();
  });

  it('damaged weights never cost the Experiment: it opens with fresh weights and says why', () => {
    const exp = defaultExperiment();
    const good: SavedWeights = { step: 3, examples: 30, tensors: [{ name: 'h1/kernel', shape: [2, 4], values: new Float32Array(8).fill(0.5) }] };
    const withWeights = (w: unknown) => JSON.stringify({ ...JSON.parse(encodeExperimentFile(exp)), weights: w });
    const encoded = encodeWeights(good) as { tensors: { data: string }[] };
    const cases: [string, unknown][] = [
      ['a size that does not match the shape', { ...encoded, tensors: [{ ...encoded.tensors[0], shape: [3, 4] }] }],
      ['a NaN', { ...encoded, tensors: [{ ...encoded.tensors[0], data: floatsToBase64(new Float32Array([NaN, 0, 0, 0, 0, 0, 0, 0])) }] }],
      ['text that is not base64', { ...encoded, tensors: [{ ...encoded.tensors[0], data: '!!!' }] }],
      ['no tensors', { ...encoded, tensors: [] }],
      ['a newer format', { ...encoded, format: 9 }],
      ['a string', 'weights'],
    ];
    for (const [what, w] of cases) {
      const r = decodeSavedFile(withWeights(w));
      expect(r.ok, what).toBe(true);
      if (!r.ok) continue;
      expect(r.value.experiment, what).toEqual(exp);
      expect(r.value.weights, what).toBeNull();
      expect(r.value.weightsError?.key, what).toMatch(/^codec\./);
    }
    expect(decodeWeights({ ...encoded, tensors: [{ name: 'x', shape: [MAX_WEIGHT_VALUES, 2], data: '' }] })).toEqual({ ok: false, error: { key: 'codec.tooLarge' } });
  });

  it('a file without weights reads as before, and the Experiment part keeps its own size limit', () => {
    const exp = defaultExperiment();
    const plain = decodeSavedFile(encodeExperimentFile(exp));
    expect(plain.ok && plain.value).toEqual({ experiment: exp, weights: null });
    expect(encodeSavedFile(exp, null)).toBe(encodeExperimentFile(exp));
    const padded = JSON.stringify({ ...exp, padding: 'x'.repeat(250_000), weights: encodeWeights({ step: 0, examples: 0, tensors: [{ name: 'w', shape: [1], values: new Float32Array(1) }] }) });
    expect(decodeSavedFile(padded)).toEqual({ ok: false, error: { key: 'codec.tooLarge' } });
    expect(decodeSavedFile('{"weights": ')).toEqual({ ok: false, error: { key: 'codec.notJson' } });
  });
});
