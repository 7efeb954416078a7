import type { Lesson } from '../format';
import { lesson as pruningQuantization } from './strategies/pruning-quantization';
import { lesson as adversarial } from './strategies/adversarial';
import { lesson as explanations } from './strategies/explanations';
import { lesson as knowledgeDistillation } from './strategies/knowledge-distillation';
import { lesson as transferLearning } from './strategies/transfer-learning';
import { lesson as autoencoder } from './strategies/autoencoder';
import { lesson as recommender } from './strategies/recommender';
import { lesson as vae } from './strategies/vae';

/**
 * Beyond plain training (issue 16), section strategies, orders 32 on: transfer learning and
 * fine-tuning, knowledge distillation, adversarial examples and training, pruning and
 * quantization, explanations, generation (an autoencoder's latent space, a variational autoencoder) — each done to the learner's own network with the tools panel.
 */
export const STRATEGY_LESSONS: Lesson[] = [pruningQuantization, adversarial, explanations, knowledgeDistillation, transferLearning, autoencoder, recommender, vae];
