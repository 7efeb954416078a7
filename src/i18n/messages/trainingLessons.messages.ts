import { defineMessages } from '../define';

/** Strings of the training lessons (issue 15): the optimization section's name on the lesson map. */
export const trainingLessons = defineMessages({
  'lessons.section.optimization': { en: 'Optimization algorithms', 'zh-CN': '优化算法' },
});
