/**
 * The autoencoder's numbers (issue 16, generation), measured on MNIST in Node (CPU backend): the
 * template "Autoencoder (2-D latent)" (784 → 256 → 64 → 2 → 64 → 256 → 784, 435,858 weights) on the
 * app's 10,000 digits (9,000 train / 1,000 test), Adam 0.001, batch 64, binary cross-entropy per
 * pixel; the latent tool on the 1,000 test digits. Runs only with GG_MEASURE=1
 * (`GG_MEASURE=1 npx vitest run tests/unit/autoencoder.mnist.test.ts`).
 *
 * Measured: see the lesson's header (src/lessons/content/strategies/autoencoder.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertMnist } from '../../scripts/build-mnist.mjs';
import { parseMnist, type MnistData } from '../../src/data/mnist';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { autoencoderExperiment, measureAutoencoder } from '../../src/training/autoencoderMeasure';

let mnist: MnistData;
beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
  mnist = parseMnist(convertMnist().slice().buffer);
});

const STEPS = (process.env.GG_AE_STEPS ?? '150,300,600').split(',').map(Number);
/** The lesson's setting: GG_AE_POINTS=2000 (1,800 train / 200 test), GG_AE_LR. */
const POINTS = Number(process.env.GG_AE_POINTS ?? 10000);
const LR = Number(process.env.GG_AE_LR ?? 0.001);

describe.runIf(process.env.GG_MEASURE === '1')('autoencoder on MNIST (measurement)', () => {
  it('training sorts the test digits by class in the 2-D latent plane', async () => {
    let exp = autoencoderExperiment(applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'mnist' } }));
    exp = applyChange(exp, { type: 'dataset', patch: { numPoints: POINTS } });
    exp = applyChange(exp, { type: 'training', patch: { learningRate: LR } });
    expect(exp.dataset.target).toBe('input');
    for (const steps of STEPS) {
      const r = await measureAutoencoder(tf, exp, { mnist }, steps);
      console.log(`${POINTS} digits (${exp.dataset.trainRatio} train), lr ${LR}, steps ${steps}: loss ${r.before.loss.toFixed(4)} → ${r.after.loss.toFixed(4)}, separation ${r.before.separation.toFixed(3)} → ${r.after.separation.toFixed(3)}, ${r.msPerStep.toFixed(1)} ms/step`);
      expect(r.after.loss).toBeLessThan(r.before.loss);
    }
  }, 1_200_000);
});
