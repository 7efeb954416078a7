import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertMnist } from '../../scripts/build-mnist.mjs';
import { parseMnist, type MnistData } from '../../src/data/mnist';
import { estimateBudget } from '../../src/models/budget';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { openTemplate } from '../../src/models/openTemplate';
import type { Experiment, LayerNode } from '../../src/models/spec';
import { templateById } from '../../src/models/templates';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { prepareData } from '../../src/training/prepare';
import { ModelRuntime } from '../../src/training/runtime';

/**
 * The budget's memory estimate against what TF.js really allocates: the bytes held once a network
 * is built and has trained (weights, optimizer state, the examples as tensors) plus the peak of one
 * training step (activations and gradients), measured with tf.profile on the CPU backend. Time is
 * a benchmark's business (bench/), not a test's; memory is deterministic.
 */

let mnist: MnistData;
beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
  mnist = parseMnist(convertMnist().slice().buffer);
});

const template = (id: string, patch: Parameters<typeof applyChange>[1][] = []): Experiment => patch.reduce(applyChange, openTemplate(defaultExperiment(), templateById(id)!));

const CASES: [string, () => Experiment][] = [
  ['the default playground (2-4-2-1, batch 10)', () => defaultExperiment()],
  ["the playground's largest network on the spiral (6 × 8, batch 30)", () => {
    let exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'spiral' } });
    exp = applyChange(exp, { type: 'training', patch: { batchSize: 30 } });
    for (let i = 0; i < 4; i++) exp = applyChange(exp, { type: 'addLayer' });
    for (let i = 0; i < 6; i++) exp = applyChange(exp, { type: 'setUnits', index: i, units: 8 });
    return exp;
  }],
  ['a wide MLP on 2,000 digits (784-1024-1024-10, Adam, batch 64)', () => {
    const exp = template('lenet5', [{ type: 'dataset', patch: { numPoints: 2000 } }, { type: 'training', patch: { batchSize: 64, optimizer: 'adam' } }]);
    const nodes: LayerNode[] = [
      { id: 'input', type: 'Input', params: { shape: [28, 28, 1] }, inputs: [] },
      { id: 'flat', type: 'Flatten', params: {}, inputs: ['input'] },
      { id: 'h1', type: 'Dense', params: { units: 1024, activation: 'relu' }, inputs: ['flat'] },
      { id: 'h2', type: 'Dense', params: { units: 1024, activation: 'relu' }, inputs: ['h1'] },
      { id: 'output', type: 'Dense', params: { units: 10, activation: 'softmax' }, inputs: ['h2'] },
    ];
    return { ...exp, network: { nodes } };
  }],
  ['LeNet-5 on 2,000 digits (batch 32)', () => template('lenet5', [{ type: 'dataset', patch: { numPoints: 2000 } }])],
  ['AlexNet-style on 1,000 digits (batch 64)', () => template('alexnet', [{ type: 'dataset', patch: { numPoints: 1000 } }, { type: 'training', patch: { batchSize: 64 } }])],
  ['a Transformer encoder on reverse', () => template('transformerEncoder')],
  ['an LSTM forecasting the sine', () => template('lstmForecast')],
];

describe('the memory estimate is within a factor of 2 of what TF.js allocates', () => {
  for (const [name, make] of CASES) {
    it(name, async () => {
      const exp = make();
      const before = tf.memory().numBytes;
      const rt = new ModelRuntime(tf, exp, prepareData(exp, { mnist }));
      try {
        rt.train(1); // the optimizer makes its slots on the first step
        const profile = await tf.profile(() => rt.train(1));
        const measured = profile.peakBytes - before;
        const estimated = estimateBudget(exp).memoryBytes;
        console.log(`${name}: estimated ${(estimated / 1e6).toFixed(2)} MB, measured peak ${(measured / 1e6).toFixed(2)} MB, ratio ${(estimated / measured).toFixed(2)}`);
        expect(estimated / measured).toBeGreaterThan(0.5);
        expect(estimated / measured).toBeLessThan(2);
      } finally {
        rt.dispose();
      }
    }, 60_000);
  }
});
