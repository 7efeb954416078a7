import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeExperimentFile, encodeExperimentFile } from '../../src/models/codec';
import { defaultExperiment } from '../../src/models/defaults';
import { DEFAULT_HYPER, initState, optimizerStep } from '../../src/models/optimizers';
import { ADAMW_WEIGHT_DECAY, OPTIMIZERS, type OptimizerName, type TrainingConfig } from '../../src/models/spec';
import { makeOptimizer, setLearningRate } from '../../src/training/optimizer';
import { ModelRuntime } from '../../src/training/runtime';
import { prepareData } from '../../src/training/prepare';

/**
 * The app's Nesterov and AdamW (TF.js) against hand-computed steps and the race's pure maths: the
 * same update for the same gradients. Gradients are fed straight to applyGradients so each step's g
 * is known exactly.
 */
beforeAll(async () => {
  await tf.setBackend('cpu');
});

const training = (optimizer: OptimizerName, learningRate = 0.1): TrainingConfig => ({ ...defaultExperiment().training, optimizer, learningRate, momentum: 0.9 });

/** Apply `grads` one after another to a variable starting at `start`; the values after each step. */
function applySteps(optimizer: OptimizerName, start: number[], grads: number[][], lr = 0.1): number[][] {
  const v = tf.variable(tf.tensor1d(start), true, `w_${optimizer}_${Math.random().toString(36).slice(2)}`);
  const opt = makeOptimizer(tf, training(optimizer, lr));
  const out: number[][] = [];
  try {
    for (const g of grads) {
      tf.tidy(() => opt.applyGradients({ [v.name]: tf.tensor1d(g) }));
      out.push(Array.from(v.dataSync()));
    }
  } finally {
    opt.dispose();
    v.dispose();
  }
  return out;
}

const close = (a: number[], b: readonly number[], digits = 5) => a.forEach((x, i) => expect(x).toBeCloseTo(b[i], digits));

describe('Nesterov and AdamW in the app (TF.js)', () => {
  it('Nesterov: two steps as by hand, v ← βv + g, θ ← θ − η(g + βv)', () => {
    const [s1, s2] = applySteps('nesterov', [1, -2], [[1, 2], [0.5, -1]]);
    close(s1, [0.81, -2.38]);
    close(s2, [0.634, -2.352]);
  });

  it('Nesterov differs from momentum in the app too', () => {
    const [m] = applySteps('momentum', [1, -2], [[1, 2]]);
    const [n] = applySteps('nesterov', [1, -2], [[1, 2]]);
    expect(Math.abs(m[0] - n[0])).toBeGreaterThan(0.05);
  });

  it('AdamW: two steps as by hand and as the race computes them (λ = ADAMW_WEIGHT_DECAY)', () => {
    const grads = [[2, -0.5], [1, 0.5]];
    const [s1, s2] = applySteps('adamw', [1, -2], grads);
    // θ₁ = θ₀ − 0.1·(sign(g) + λθ₀) with λ = 0.01
    expect(ADAMW_WEIGHT_DECAY).toBe(0.01);
    close(s1, [1 - 0.1 * (1 + 0.01), -2 - 0.1 * (-1 - 0.02)]);
    // TF.js's Adam takes ε = 1e-7 on the CPU backend, PyTorch 1e-8: equal to 5 decimals here
    let ref = initState([1, -2]);
    for (const g of grads) ref = optimizerStep('adamw', ref, g, { ...DEFAULT_HYPER, lr: 0.1, eps: 1e-7, weightDecay: ADAMW_WEIGHT_DECAY });
    close(s2, ref.params);
  });

  it('AdamW decays where Adam does not: with zero gradients only AdamW moves the weights', () => {
    const a = applySteps('adam', [3], [[1], [0], [0]]);
    const w = applySteps('adamw', [3], [[1], [0], [0]]);
    // after the first step both hold their moments; AdamW also shrinks by (1 − ηλ) each step
    expect(w[2][0]).toBeLessThan(a[2][0]);
    expect(a[2][0] - w[2][0]).toBeGreaterThan(0.005);
  });

  it('a new learning rate reaches AdamW’s decay as well as its step', () => {
    const v = tf.variable(tf.tensor1d([2]), true, 'w_lr_change');
    const opt = makeOptimizer(tf, training('adamw', 0.1));
    try {
      setLearningRate(opt, 0.5);
      tf.tidy(() => opt.applyGradients({ [v.name]: tf.tensor1d([1]) }));
      // θ = 2 − 0.5·(1 + 0.01·2)
      expect(v.dataSync()[0]).toBeCloseTo(2 - 0.5 * (1 + 0.02), 5);
    } finally {
      opt.dispose();
      v.dispose();
    }
  });

  it.each(['nesterov', 'adamw'] as const)('%s trains the default playground with tf.memory().numTensors flat', async (optimizer) => {
    const base = defaultExperiment();
    const exp = { ...base, training: { ...base.training, optimizer, learningRate: 0.03 } };
    const rt = new ModelRuntime(tf, exp, prepareData(exp));
    try {
      rt.train(5); // slots are made on the first step
      const loss0 = (await rt.evaluate()).trainLoss;
      const n = tf.memory().numTensors;
      for (let k = 0; k < 6; k++) {
        rt.train(50);
        await rt.evaluate();
      }
      expect(tf.memory().numTensors).toBe(n);
      expect((await rt.evaluate()).trainLoss).toBeLessThan(loss0 * 0.8);
    } finally {
      rt.dispose();
    }
  });

  it('the codec accepts every optimizer, the new ones included', () => {
    expect(OPTIMIZERS).toContain('nesterov');
    expect(OPTIMIZERS).toContain('adamw');
    for (const optimizer of OPTIMIZERS) {
      const exp = { ...defaultExperiment(), training: { ...defaultExperiment().training, optimizer } };
      const decoded = decodeExperimentFile(encodeExperimentFile(exp));
      expect(decoded.ok && decoded.value.training.optimizer).toBe(optimizer);
    }
  });
});
