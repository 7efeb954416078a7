/**
 * The variational autoencoder's numbers (issue 16, generation), measured on MNIST in Node (CPU
 * backend), on the plain autoencoder's budget: the app's 10,000 digits (9,000 train / 1,000 test),
 * Adam 0.003, batch 64, 600 steps; the latent tool on the 1,000 test digits. β = 0, 1 and a large
 * β, beside the plain autoencoder. Runs only with GG_MEASURE=1
 * (`GG_MEASURE=1 npx vitest run tests/unit/vae.mnist.test.ts`; GG_VAE_STEPS, GG_VAE_BETAS,
 * GG_VAE_POINTS to change the budget). Measured: see src/lessons/content/strategies/vae.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertMnist } from '../../scripts/build-mnist.mjs';
import { parseMnist, type MnistData } from '../../src/data/mnist';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { autoencoderExperiment } from '../../src/training/autoencoderMeasure';
import { measureVae, vaeExperiment } from '../../src/training/vaeMeasure';

let mnist: MnistData;
beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
  mnist = parseMnist(convertMnist().slice().buffer);
});

const STEPS = Number(process.env.GG_VAE_STEPS ?? 600);
const BETAS = (process.env.GG_VAE_BETAS ?? '0,1,10').split(',').map(Number);
const POINTS = Number(process.env.GG_VAE_POINTS ?? 10000);
/** The lesson's setting: GG_VAE_SEED=1 GG_VAE_POINTS=1000 GG_VAE_STEPS=30 (2 epochs of 900 digits). */
const SEED = process.env.GG_VAE_SEED ? Number(process.env.GG_VAE_SEED) : undefined;

describe.runIf(process.env.GG_MEASURE === '1')('VAE on MNIST (measurement)', () => {
  it('β trades reconstruction for a plane that fills the prior', async () => {
    let base = applyChange(applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'mnist' } }), { type: 'dataset', patch: { numPoints: POINTS } });
    if (SEED !== undefined) base = { ...base, seed: SEED };
    const line = (name: string, r: Awaited<ReturnType<typeof measureVae>>) =>
      console.log(
        `${name} (${POINTS} digits, ${STEPS} steps): recon ${r.loss.toFixed(4)}, KL ${r.kl.toFixed(3)} nats, separation ${r.separation.toFixed(3)}, ` +
          `mean (${r.mean.map((v) => v.toFixed(2)).join(', ')}), std (${r.std.map((v) => v.toFixed(2)).join(', ')}), coverage ±2 ${r.coverage.toFixed(2)}, ${r.msPerStep.toFixed(1)} ms/step`,
      );
    const ae = autoencoderExperiment(base);
    line('plain AE', await measureVae(tf, { ...ae, training: { ...ae.training, learningRate: 0.003 } }, { mnist }, STEPS));
    const kls: number[] = [];
    for (const beta of BETAS) {
      const r = await measureVae(tf, vaeExperiment(base, beta), { mnist }, STEPS);
      line(`VAE β = ${beta}`, r);
      kls.push(r.kl);
    }
    expect(kls[kls.length - 1]).toBeLessThan(kls[0]);
  }, 3_600_000);
});
