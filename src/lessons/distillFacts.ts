import { distillationOf } from '../models/distillation';
import type { AppState } from '../store/types';

/** Knowledge distillation's lesson facts (FACTS in format.ts): the page's teacher and the setting. */
export function distillFacts(state: AppState): { distillTeacher: boolean; distilling: boolean; distillTemperature: number } {
  const d = distillationOf(state.experiment.training);
  return { distillTeacher: state.distillTeacher !== null, distilling: d.enabled && state.distillTeacher !== null, distillTemperature: d.temperature };
}
