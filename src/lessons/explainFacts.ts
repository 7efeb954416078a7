/**
 * Lesson facts about the explanations tool (issue 16): the latest attribution map the learner
 * made, read from the store's tool state. Their names are in explainFactNames.ts (spread into format.ts's FACTS); facts.ts spreads these values.
 */
import { completenessGap, inkShare } from '../charts/explainStats';
import { toolStateOf } from '../store/toolsSlice';
import type { AppState } from '../store/types';

/** The facts' values now. */
export function explainFacts(state: Pick<AppState, 'tools'>) {
  const r = toolStateOf(state, 'explain').result;
  const tokens = toolStateOf(state, 'tokenAttribution').result;
  return {
    explainMethod: r?.method ?? null,
    explainOnDrawing: r ? r.testIndex === -1 : false,
    explainInkShare: r ? inkShare(r.image, r.heat) : null,
    explainGap: r ? completenessGap(r.attributionSum, r.scoreValue, r.baselineScore) : null,
    tokensColoured: tokens ? tokens.values.filter((v) => v !== null).length : null,
  };
}
