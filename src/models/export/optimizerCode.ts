import { ADAMW_WEIGHT_DECAY, type TrainingConfig } from '../spec';
import { pyNum } from './pythonNames';

/**
 * The optimizer a network trains with here, as PyTorch and Keras construct it, with the constants
 * TF.js uses (src/training/optimizer.ts) written out where the library's default differs:
 * RMSprop's ρ = 0.9 and ε = 1e-7, Adam's ε = 1e-7 (TF.js's CPU and float32 WebGL backends; PyTorch's
 * default is 1e-8), AdamW's λ = 0.01 (Keras's default is 0.004), Adagrad's initial accumulator 0.1.
 */
export function pytorchOptimizer(t: TrainingConfig, params = 'model.parameters()'): string {
  const lr = `lr=${pyNum(t.learningRate, true)}`;
  const beta = `momentum=${pyNum(t.momentum, true)}`;
  switch (t.optimizer) {
    case 'sgd':
      return `torch.optim.SGD(${params}, ${lr})`;
    case 'momentum':
      return `torch.optim.SGD(${params}, ${lr}, ${beta})`;
    case 'nesterov':
      return `torch.optim.SGD(${params}, ${lr}, ${beta}, nesterov=True)`;
    case 'rmsprop':
      return `torch.optim.RMSprop(${params}, ${lr}, alpha=0.9, eps=1e-07)`;
    case 'adam':
      return `torch.optim.Adam(${params}, ${lr}, eps=1e-07)`;
    case 'adamw':
      return `torch.optim.AdamW(${params}, ${lr}, eps=1e-07, weight_decay=${pyNum(ADAMW_WEIGHT_DECAY, true)})`;
    case 'adagrad':
      return `torch.optim.Adagrad(${params}, ${lr}, initial_accumulator_value=0.1)`;
  }
}

/** The same for Keras 3 (keras.optimizers). */
export function kerasOptimizer(t: TrainingConfig): string {
  const lr = `learning_rate=${pyNum(t.learningRate, true)}`;
  const beta = `momentum=${pyNum(t.momentum, true)}`;
  switch (t.optimizer) {
    case 'sgd':
      return `keras.optimizers.SGD(${lr})`;
    case 'momentum':
      return `keras.optimizers.SGD(${lr}, ${beta})`;
    case 'nesterov':
      return `keras.optimizers.SGD(${lr}, ${beta}, nesterov=True)`;
    case 'rmsprop':
      return `keras.optimizers.RMSprop(${lr}, rho=0.9, epsilon=1e-07)`;
    case 'adam':
      return `keras.optimizers.Adam(${lr}, epsilon=1e-07)`;
    case 'adamw':
      return `keras.optimizers.AdamW(${lr}, weight_decay=${pyNum(ADAMW_WEIGHT_DECAY, true)}, epsilon=1e-07)`;
    case 'adagrad':
      return `keras.optimizers.Adagrad(${lr}, initial_accumulator_value=0.1)`;
  }
}
