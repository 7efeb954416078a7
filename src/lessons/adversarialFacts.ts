import type { AppState } from '../store/types';
import { toolStateOf } from '../store/toolsSlice';

/**
 * Facts of adversarial examples (issue 16), registered in FACTS (format.ts) and factsOf (facts.ts).
 * The curve's facts read the last "accuracy against ε" the learner measured in the tools panel.
 */
export const ADVERSARIAL_FACTS = {
  adversarialTraining: 'boolean: adversarial training is on (training.adversarial)',
  cleanAcc: 'number, 0–1: accuracy at ε = 0 in the last accuracy-against-ε curve (none before one)',
  robustAcc: 'number, 0–1: accuracy at ε = 0.1 in the last accuracy-against-ε curve (none before one)',
  robustTrained: 'boolean: the last curve was measured with adversarial training on',
} as const;

export function adversarialFactsOf(state: AppState): Record<keyof typeof ADVERSARIAL_FACTS, number | boolean | null> {
  const r = toolStateOf(state, 'robustness').result;
  const at = (eps: number) => r?.points.find((p) => Math.abs(p.eps - eps) < 1e-9)?.accuracy ?? null;
  return {
    adversarialTraining: state.experiment.training.adversarial?.enabled === true,
    cleanAcc: at(0),
    robustAcc: at(0.1),
    robustTrained: r ? r.trainedWith !== null : false,
  };
}
