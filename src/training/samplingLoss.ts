import type * as tfjs from '@tensorflow/tfjs';
import { isSamplingLayer } from '../models/catalog/sampling';
import type { BuiltModel } from './model';

type TF = typeof tfjs;

/**
 * A variational autoencoder's KL term for the training objective: Σ β·KL over the Sampling layers
 * of the last training pass (models/catalog/sampling.ts: KL summed over the latent, averaged over
 * the batch), divided by the output values per example. The reconstruction loss
 * (objective.ts `reconstructionLossOf`) is a mean per pixel, so this keeps the ELBO's proportions:
 * β = 1 gives −ELBO / pixels, the usual VAE; β = 0 a noisy plain autoencoder. Null when no
 * Sampling layer ran in training mode (no VAE, or an inference pass). Call inside the step's tidy,
 * right after the forward pass that made `output`.
 */
export function klTermOf(tf: TF, built: Pick<BuiltModel, 'layers'>, output: tfjs.Tensor): tfjs.Scalar | null {
  let total: tfjs.Scalar | null = null;
  for (const layer of built.layers.values()) {
    if (!isSamplingLayer(layer) || !layer.lastKl || layer.beta === 0) continue;
    const term = tf.mul(layer.beta, layer.lastKl) as tfjs.Scalar;
    total = total ? tf.add(total, term) : term;
  }
  if (!total) return null;
  const perExample = output.size / Math.max(1, output.shape[0] ?? 1);
  return tf.div(total, perExample);
}
