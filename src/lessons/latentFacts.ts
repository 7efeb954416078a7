/**
 * Lesson facts about the autoencoder (issue 16, generation): its task, and the latent-space tab's
 * last answers (store/toolsSlice.ts). Registered in format.ts's FACTS and computed in facts.ts.
 */
import type { AppState } from '../store/types';
import { toolStateOf } from '../store/toolsSlice';
import { taskOf } from '../data/datasetSpec';
import { withDefaults } from '../models/params';

/** A fact's value (conditions.ts's FactValue; not imported: format.ts imports this module). */
type FactValue = number | string | boolean | null;

export const LATENT_FACTS = {
  autoencoder: 'boolean: the network learns to output its input image (dataset target "input", task reconstruct)',
  latentSeparation: 'number, 0–1: in the latest latent plane, the share of test codes whose 5 nearest codes are mostly of their own class (none before one)',
  latentExamples: 'number: test images encoded in the latest latent plane (none before one)',
  latentDecoded: 'boolean: a point of the latent plane has been decoded into an image',
  latentKl: 'number: in the latest latent plane of a variational autoencoder, the mean KL term per test image in nats (none before one, or for a plain autoencoder)',
  latentStd: 'number: in the latest latent plane of a variational autoencoder, the larger of the codes’ standard deviations along z₁ and z₂ (the prior’s is 1; none before one)',
  latentPriorSampled: 'boolean: codes drawn from the prior N(0, I) have been decoded (the latent tab’s “Sample from the prior”)',
  vaeBeta: 'number: β, the KL weight of the network’s first Sampling node (none without one)',
} as const;

/** β of the network's first Sampling node, or null. */
function samplingBeta(network: AppState['experiment']['network']): number | null {
  const node = network.nodes.find((n) => n.type === 'Sampling');
  return node ? Number(withDefaults(node).beta) : null;
}

export function latentFacts(state: Pick<AppState, 'tools' | 'experiment'>): { [K in keyof typeof LATENT_FACTS]: FactValue } {
  const r = toolStateOf(state, 'latent').result;
  return {
    autoencoder: taskOf(state.experiment.dataset) === 'reconstruct',
    latentSeparation: r ? r.separation : null,
    latentExamples: r ? r.labels.length : null,
    latentDecoded: toolStateOf(state, 'decode').result !== null,
    latentKl: r?.vae ? r.vae.kl : null,
    latentStd: r?.vae ? Math.max(r.vae.std[0], r.vae.std[1]) : null,
    latentPriorSampled: toolStateOf(state, 'priorSample').result !== null,
    vaeBeta: samplingBeta(state.experiment.network),
  };
}
