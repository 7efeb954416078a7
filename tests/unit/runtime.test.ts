import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareData } from '../../src/training/prepare';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import type { Experiment } from '../../src/models/spec';
import { ModelRuntime } from '../../src/training/runtime';
import { PointLabProbes } from '../../src/training/pointLabProbes';
import { createLabProbes } from '../../src/training/buildRun';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';

beforeAll(async () => {
  await tf.setBackend('cpu');
  // As the engine does on the CPU backend (TF.js's own convolution gradients take seconds a step).
  registerFastCpuKernels(tf);
});

function runtimeFor(exp: Experiment) {
  return new ModelRuntime(tf, exp, prepareData(exp));
}

/** Train until test accuracy stops being the question: at most `maxSteps`, checking every 250. */
async function trainTo(rt: ModelRuntime, maxSteps: number, target: number) {
  let m = await rt.evaluate();
  for (let s = 0; s < maxSteps && (m.testAcc ?? 0) < target; s += 250) {
    rt.train(250);
    m = await rt.evaluate();
  }
  return m;
}

describe('ModelRuntime on the CPU backend', () => {
  it('learns the circle dataset above 95 % test accuracy', async () => {
    const exp = applyChange(defaultExperiment(), { type: 'training', patch: { learningRate: 0.1 } });
    const rt = runtimeFor(exp);
    const m = await trainTo(rt, 6000, 0.96);
    rt.dispose();
    expect(m.testAcc).toBeGreaterThan(0.95);
  });

  it('learns XOR above 95 % test accuracy', async () => {
    let exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'xor' } });
    exp = applyChange(exp, { type: 'training', patch: { learningRate: 0.03, optimizer: 'adam' } });
    exp = applyChange(exp, { type: 'setUnits', index: 1, units: 4 });
    const rt = runtimeFor(exp);
    const m = await trainTo(rt, 6000, 0.96);
    rt.dispose();
    expect(m.testAcc).toBeGreaterThan(0.95);
  });

  it('keeps tf.memory().numTensors flat over 500 steps, probes and evaluations included', async () => {
    const exp = applyChange(defaultExperiment(), { type: 'setDropout', index: 0, rate: 0.2 });
    const rt = runtimeFor({ ...exp, training: { ...exp.training, optimizer: 'adam', regularization: 'l2', regularizationRate: 0.001 } });
    const views = new PointLabProbes(tf, rt);
    rt.train(5); // optimizer slots are created lazily on the first step
    await rt.evaluate();
    await views.probe();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) {
      rt.train(50);
      await rt.evaluate();
      await views.probe();
    }
    expect(rt.step).toBe(505);
    expect(tf.memory().numTensors).toBe(before);
    const total = tf.memory().numTensors;
    views.dispose();
    rt.dispose();
    expect(tf.memory().numTensors).toBeLessThan(total);
  });

  it('frees everything it made on dispose', () => {
    const start = tf.memory().numTensors;
    const rt = runtimeFor(defaultExperiment());
    rt.train(3);
    rt.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('is deterministic: same Experiment, same weights after the same steps', async () => {
    const a = runtimeFor(defaultExperiment());
    const b = runtimeFor(defaultExperiment());
    a.train(40);
    b.train(40);
    const [wa, wb] = [await a.readVariables(), await b.readVariables()];
    a.dispose();
    b.dispose();
    expect(wa).toEqual(wb);
  });

  it('probes the boundary grid, every neuron column and the weights', async () => {
    const start = tf.memory().numTensors;
    const rt = runtimeFor(defaultExperiment());
    const views = new PointLabProbes(tf, rt);
    const p = await views.probe();
    views.dispose();
    rt.dispose();
    expect(tf.memory().numTensors).toBe(start); // the probe grids are freed with the probes
    expect(p.boundary.length).toBe(p.gridSize ** 2);
    expect(p.neurons.map((n) => n.length / p.neuronGridSize ** 2)).toEqual([2, 4, 2, 1]);
    expect(p.weights.map((w) => w.kernel.length)).toEqual([8, 8, 2]);
    for (const col of p.neurons) for (const v of col) expect(Math.abs(v)).toBeLessThanOrEqual(1);
  });
});

describe('ModelRuntime on image data', () => {
  it('trains the default CNN on the shapes images, without leaking tensors', async () => {
    const exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'shapes', numPoints: 200 } });
    const withAdam = applyChange(exp, { type: 'training', patch: { optimizer: 'adam', learningRate: 0.01, batchSize: 20 } });
    const rt = runtimeFor(withAdam);
    expect(rt.built.fastPath).toBe(false);
    expect(createLabProbes(tf, rt).lab).toBe('images'); // no input plane to sample: the image lab's views instead
    const before = await rt.evaluate();
    rt.train(2);
    const start = tf.memory().numTensors;
    rt.train(40);
    expect(tf.memory().numTensors).toBe(start);
    const after = await rt.evaluate();
    rt.dispose();
    expect(after.trainLoss).toBeLessThan(before.trainLoss);
    expect(after.trainAcc).toBeGreaterThan(0.4); // four classes: chance is 0.25
  });
});
