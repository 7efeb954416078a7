/**
 * The curriculum: every lesson of every group, in map order. Each group's lessons live in
 * content/<group>.ts as data (format.ts); add a group by importing its array here.
 */

import { CNN_LESSONS } from './content/cnn';
import { INTRO_LESSONS } from './content/intro';
import { MLP_LESSONS } from './content/mlp';
import { SEQ_LESSONS } from './content/seq';
import { TRAINING_LESSONS } from './content/training';
import { STRATEGY_LESSONS } from './content/strategies';
import type { Lesson } from './format';

export const LESSONS: Lesson[] = [...INTRO_LESSONS, ...MLP_LESSONS, ...TRAINING_LESSONS, ...CNN_LESSONS, ...SEQ_LESSONS, ...STRATEGY_LESSONS].sort((a, b) => a.order - b.order);

/** The lesson with this id, or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
