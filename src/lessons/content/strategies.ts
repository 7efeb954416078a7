import type { Lesson } from '../format';
import { lesson as transferLearning } from './strategies/transfer-learning';

/**
 * Beyond plain training (issue 16), section strategies, orders 32 on: transfer learning and
 * fine-tuning, knowledge distillation, adversarial examples and training, pruning and
 * quantization, explanations — each done to the learner's own network with the tools panel.
 */
export const STRATEGY_LESSONS: Lesson[] = [transferLearning];
