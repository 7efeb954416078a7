import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareData } from '../../src/training/prepare';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import type { Experiment } from '../../src/models/spec';
import { ModelRuntime } from '../../src/training/runtime';
import { readModelWeights } from '../../src/training/modelWeights';

/**
 * "Same start" (pinned runs side by side): with the seed kept and the run at step 0, a second run
 * starts from the very weights and data of the first, so only the changed setting differs.
 */
beforeAll(async () => {
  await tf.setBackend('cpu');
});

const runtimeFor = (exp: Experiment) => new ModelRuntime(tf, exp, prepareData(exp));

/** The weights of the Dense kernels and biases, by layer id (other layers' tensors left out). */
async function denseWeights(rt: ModelRuntime): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (const w of await readModelWeights(rt.built)) {
    const layer = w.name.split('/')[0];
    if (/^(h\d|output)$/.test(layer)) out.set(w.name, Array.from(w.values));
  }
  return out;
}

/** The playground's network with a batch-normalization layer after h1 (h2 reads from it). */
function withBatchNorm(exp: Experiment): Experiment {
  const nodes = exp.network.nodes.flatMap((n) => {
    if (n.id === 'h2') return [{ ...n, inputs: ['bn1'] }];
    if (n.id === 'h1') return [n, { id: 'bn1', type: 'BatchNormalization', params: {}, inputs: ['h1'] }];
    return [n];
  });
  return { ...exp, network: { nodes } };
}

describe('same start', () => {
  const base = applyChange(defaultExperiment(), { type: 'training', patch: { learningRate: 0.1 } });

  it('SGD and Adam from the same seed: identical data, weights and loss at step 0; then they part', async () => {
    const sgd = runtimeFor(base);
    const adam = runtimeFor(applyChange(base, { type: 'training', patch: { optimizer: 'adam' } }));
    try {
      expect(Array.from(adam.data.trainX)).toEqual(Array.from(sgd.data.trainX));
      expect(Array.from(adam.data.testY)).toEqual(Array.from(sgd.data.testY));
      expect(await denseWeights(adam)).toEqual(await denseWeights(sgd));
      const [a0, s0] = [await adam.evaluate(), await sgd.evaluate()];
      expect(a0.trainLoss).toBe(s0.trainLoss);
      expect(a0.testLoss).toBe(s0.testLoss);
      // One step on the same first mini-batch: the optimizers now differ, so the losses do.
      sgd.train(1);
      adam.train(1);
      const [a1, s1] = [await adam.evaluate(), await sgd.evaluate()];
      expect(a1.trainLoss).not.toBe(s1.trainLoss);
      // Ten more steps each (Adam made its slots in the first): no tensor left behind.
      const before = tf.memory().numTensors;
      sgd.train(10);
      adam.train(10);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      sgd.dispose();
      adam.dispose();
    }
  });

  it('reset (initWeights) after training returns to the same first loss, with the new optimizer', async () => {
    const rt = runtimeFor(base);
    try {
      const first = await rt.evaluate();
      rt.train(30);
      expect((await rt.evaluate()).testLoss).not.toBe(first.testLoss);
      rt.reconfigure({ ...base.training, optimizer: 'adam' });
      rt.initWeights();
      expect(rt.step).toBe(0);
      expect((await rt.evaluate()).testLoss).toBe(first.testLoss);
    } finally {
      rt.dispose();
    }
  });

  it('with and without dropout: the same initial weights and the same loss before the first step', async () => {
    const plain = runtimeFor(base);
    const dropped = runtimeFor(applyChange(base, { type: 'setDropout', index: 0, rate: 0.3 }));
    try {
      expect(dropped.experiment.network.nodes.some((n) => n.type === 'Dropout')).toBe(true);
      expect(await denseWeights(dropped)).toEqual(await denseWeights(plain));
      const [d0, p0] = [await dropped.evaluate(), await plain.evaluate()];
      expect(d0.trainLoss).toBe(p0.trainLoss);
      expect(d0.testLoss).toBe(p0.testLoss);
      plain.train(1);
      dropped.train(1);
      // Dropout acted in that step: the weights it produced differ.
      expect(await denseWeights(dropped)).not.toEqual(await denseWeights(plain));
    } finally {
      plain.dispose();
      dropped.dispose();
    }
  });

  it('with and without batch normalization: every Dense layer starts with the same weights', async () => {
    const plain = runtimeFor(base);
    const normed = runtimeFor(withBatchNorm(base));
    try {
      expect(normed.built.variables.length).toBeGreaterThan(plain.built.variables.length);
      const a = await denseWeights(plain);
      const b = await denseWeights(normed);
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      expect(b).toEqual(a);
    } finally {
      plain.dispose();
      normed.dispose();
    }
  });

  it('a hidden layer added at the end: the layers before it keep their initial weights (one draw in variable order)', async () => {
    const plain = runtimeFor(base);
    const deeper = runtimeFor(applyChange(base, { type: 'addLayer' }));
    try {
      const a = await denseWeights(plain);
      const b = await denseWeights(deeper);
      const earlier = [...a.keys()].filter((k) => /^h[12]\//.test(k));
      expect(earlier.length).toBe(4);
      for (const k of earlier) expect(b.get(k)).toEqual(a.get(k));
      expect([...b.keys()].some((k) => k.startsWith('h3/'))).toBe(true);
    } finally {
      plain.dispose();
      deeper.dispose();
    }
  });
});
