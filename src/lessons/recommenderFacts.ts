/**
 * Lesson facts about recommenders (issue 16), read from the ratings lab's latest probe (the run's
 * `ratings` part). Registered in format.ts's FACTS and computed in facts.ts.
 */
import type { AppState } from '../store/types';

/** A fact's value (conditions.ts's FactValue; not imported: format.ts imports this module). */
type FactValue = number | string | boolean | null;

export const RECOMMENDER_FACTS = {
  ratingsRmse: 'number: RMSE of the network on the held-out ratings (ratings lab; none before a probe)',
  ratingsBaselineRmse: 'number: RMSE on the held-out ratings of predicting each item’s mean training rating',
  itemGenreAgreement: 'number, 0–1: share of items whose nearest item on the embedding map is of the same hidden genre (chance ≈ 0.23)',
} as const;

export function recommenderFacts(state: Pick<AppState, 'runs' | 'activeRunId'>): { [K in keyof typeof RECOMMENDER_FACTS]: FactValue } {
  const part = state.runs[state.activeRunId]?.part;
  const p = part?.lab === 'ratings' ? part.ratings : null;
  return {
    ratingsRmse: p ? p.rmse : null,
    ratingsBaselineRmse: p ? p.baselineRmse : null,
    itemGenreAgreement: p && p.itemLayer ? p.genreAgreement : null,
  };
}
