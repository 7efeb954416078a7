import type * as tfjs from '@tensorflow/tfjs';
import { priorCoverage } from '../models/latentSpace';
import { openTemplate } from '../models/openTemplate';
import type { Experiment } from '../models/spec';
import { vae2d } from '../models/templates/vae';
import { prepareData, type DataSources } from './prepare';
import { ModelRuntime } from './runtime';
import { latent } from './tools/latent';
import { standaloneToolContext } from './tools/standalone';

/** A trained (V)AE's latent plane, as the `latent` tool measures it on the first test images. */
export interface VaeMeasure {
  /** Mean reconstruction loss (binary cross-entropy per pixel, z = μ). */
  loss: number;
  /** Mean KL(N(μ, σ²) ‖ N(0, I)) per image, nats (0 for a plain autoencoder: not measured). */
  kl: number;
  separation: number;
  /** The codes' mean and standard deviation per axis. */
  mean: [number, number];
  std: [number, number];
  /** Share of the 10 × 10 cells of [−2, 2]² holding a code (models/latentSpace.ts priorCoverage). */
  coverage: number;
}

/** The template "Variational autoencoder (2-D latent)" on `base`'s image dataset, with the Sampling node's β. */
export function vaeExperiment(base: Experiment, beta = 1): Experiment {
  const exp = openTemplate(base, vae2d);
  return { ...exp, network: { ...exp.network, nodes: exp.network.nodes.map((n) => (n.type === 'Sampling' ? { ...n, params: { ...n.params, beta } } : n)) } };
}

/** Train `exp` (a VAE or a plain autoencoder) `steps` mini-batches from its seed and measure its plane. */
export async function measureVae(tf: typeof tfjs, exp: Experiment, sources: DataSources, steps: number, examples = 1000): Promise<VaeMeasure & { msPerStep: number }> {
  const rt = new ModelRuntime(tf, exp, prepareData(exp, sources));
  try {
    const t0 = performance.now();
    rt.train(steps);
    const msPerStep = (performance.now() - t0) / Math.max(1, steps);
    const r = await latent(standaloneToolContext(tf, rt), { tool: 'latent', examples });
    const n = r.labels.length;
    const mean: [number, number] = [0, 0];
    const sq = [0, 0];
    for (let i = 0; i < n; i++) for (const k of [0, 1]) mean[k] += r.codes[2 * i + k] / n;
    for (let i = 0; i < n; i++) for (const k of [0, 1]) sq[k] += (r.codes[2 * i + k] - mean[k]) ** 2 / n;
    return { loss: r.loss, kl: r.vae?.kl ?? 0, separation: r.separation, mean, std: [Math.sqrt(sq[0]), Math.sqrt(sq[1])], coverage: priorCoverage(r.codes), msPerStep };
  } finally {
    rt.dispose();
  }
}
