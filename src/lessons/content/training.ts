import type { Lesson } from '../format';
import { lesson as backpropagation } from './training/backpropagation';
import { lesson as regularizationStrength } from './training/regularization-strength';
import { lesson as earlyStopping } from './training/early-stopping';
import { lesson as optimizers } from './training/optimizers';
import { lesson as lrSchedules } from './training/lr-schedules';
import { lesson as vanishingGradients } from './training/vanishing-gradients';
import { lesson as batchNormalization } from './training/batch-normalization';

/**
 * Training (issue 15): backpropagation step by step, how much weight decay and dropout, early
 * stopping (section mlp, orders 8–10, after the overfitting lesson: d2l-zh chapter 4), then the
 * optimizers in the race and learning-rate schedules (section optimization, orders 11–12: 优化算法),
 * vanishing gradients on the training-dynamics panel and batch normalization with and without,
 * pinned and overlaid (orders 13–14: 数值稳定性, 批量规范化).
 */
export const TRAINING_LESSONS: Lesson[] = [backpropagation, regularizationStrength, earlyStopping, optimizers, lrSchedules, vanishingGradients, batchNormalization];
