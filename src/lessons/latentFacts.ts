/**
 * Lesson facts about the autoencoder (issue 16, generation): its task, and the latent-space tab's
 * last answers (store/toolsSlice.ts). Registered in format.ts's FACTS and computed in facts.ts.
 */
import type { AppState } from '../store/types';
import { toolStateOf } from '../store/toolsSlice';
import { taskOf } from '../data/datasetSpec';

/** A fact's value (conditions.ts's FactValue; not imported: format.ts imports this module). */
type FactValue = number | string | boolean | null;

export const LATENT_FACTS = {
  autoencoder: 'boolean: the network learns to output its input image (dataset target "input", task reconstruct)',
  latentSeparation: 'number, 0–1: in the latest latent plane, the share of test codes whose 5 nearest codes are mostly of their own class (none before one)',
  latentExamples: 'number: test images encoded in the latest latent plane (none before one)',
  latentDecoded: 'boolean: a point of the latent plane has been decoded into an image',
} as const;

export function latentFacts(state: Pick<AppState, 'tools' | 'experiment'>): { [K in keyof typeof LATENT_FACTS]: FactValue } {
  const r = toolStateOf(state, 'latent').result;
  return {
    autoencoder: taskOf(state.experiment.dataset) === 'reconstruct',
    latentSeparation: r ? r.separation : null,
    latentExamples: r ? r.labels.length : null,
    latentDecoded: toolStateOf(state, 'decode').result !== null,
  };
}
