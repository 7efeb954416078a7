import type * as tfjs from '@tensorflow/tfjs';
import { openTemplate } from '../models/openTemplate';
import { autoencoder2d } from '../models/templates/autoencoder';
import type { Experiment } from '../models/spec';
import { prepareData, type DataSources } from './prepare';
import { ModelRuntime } from './runtime';
import { latent } from './tools/latent';
import { standaloneToolContext } from './tools/standalone';

/** The latent plane of a trained autoencoder, as the `latent` tool measures it. */
export interface LatentMeasure {
  /** Mean reconstruction loss of the encoded test images. */
  loss: number;
  /** Share of codes whose 5 nearest codes are mostly of their own class (models/latentSpace.ts). */
  separation: number;
  examples: number;
}

/** The `latent` tool's numbers for a runtime (the first `examples` test images). */
export async function measureLatent(tf: typeof tfjs, rt: ModelRuntime, examples = 1000): Promise<LatentMeasure> {
  const r = await latent(standaloneToolContext(tf, rt), { tool: 'latent', examples });
  return { loss: r.loss, separation: r.separation, examples: r.labels.length };
}

/** The template "Autoencoder (2-D latent)" opened on `base`'s image dataset (MNIST unless it has images). */
export function autoencoderExperiment(base: Experiment): Experiment {
  return openTemplate(base, autoencoder2d);
}

/**
 * Train an autoencoder Experiment `steps` mini-batches from its seed and measure its latent plane
 * before and after (for the lesson's numbers and the bench's `strategies.autoencoder.*`).
 */
export async function measureAutoencoder(
  tf: typeof tfjs,
  exp: Experiment,
  sources: DataSources,
  steps: number,
  examples = 1000,
): Promise<{ before: LatentMeasure; after: LatentMeasure; trainMs: number; msPerStep: number }> {
  const rt = new ModelRuntime(tf, exp, prepareData(exp, sources));
  try {
    const before = await measureLatent(tf, rt, examples);
    const t0 = performance.now();
    rt.train(steps);
    const trainMs = performance.now() - t0;
    const after = await measureLatent(tf, rt, examples);
    return { before, after, trainMs, msPerStep: trainMs / Math.max(1, steps) };
  } finally {
    rt.dispose();
  }
}
