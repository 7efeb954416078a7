import { frozenLayers, parameterCounts } from '../models/transfer';
import type { AppState } from '../store/types';

/** Facts of transfer learning (issue 16), registered in format.ts FACTS and facts.ts factsOf. */
export const TRANSFER_FACTS = {
  frozenLayers: 'number: layers frozen (trainable off) in the network',
  trainableParams: 'number: weights the optimizer updates (frozen layers left out)',
  perClass: 'number: training examples kept per class (0: all of them)',
} as const;

export function transferFacts(state: AppState): Record<keyof typeof TRANSFER_FACTS, number> {
  const net = state.experiment.network;
  return { frozenLayers: frozenLayers(net).length, trainableParams: parameterCounts(net).trainable, perClass: state.experiment.dataset.perClass ?? 0 };
}
