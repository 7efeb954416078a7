import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/models/analysis';
import { defaultExperiment } from '../../src/models/defaults';
import { exportKeras, exportPyTorch, kerasOptimizer, pytorchOptimizer } from '../../src/models/export';
import { OPTIMIZERS, type OptimizerName, type TrainingConfig } from '../../src/models/spec';

const t = (optimizer: OptimizerName): TrainingConfig => ({ ...defaultExperiment().training, optimizer, learningRate: 0.03, momentum: 0.9 });

describe('optimizers in exported code', () => {
  it('maps each optimizer to PyTorch and Keras with TF.js’s constants', () => {
    expect(pytorchOptimizer(t('sgd'))).toBe('torch.optim.SGD(model.parameters(), lr=0.03)');
    expect(pytorchOptimizer(t('momentum'))).toBe('torch.optim.SGD(model.parameters(), lr=0.03, momentum=0.9)');
    expect(pytorchOptimizer(t('nesterov'))).toBe('torch.optim.SGD(model.parameters(), lr=0.03, momentum=0.9, nesterov=True)');
    expect(pytorchOptimizer(t('rmsprop'))).toBe('torch.optim.RMSprop(model.parameters(), lr=0.03, alpha=0.9, eps=1e-07)');
    expect(pytorchOptimizer(t('adam'))).toBe('torch.optim.Adam(model.parameters(), lr=0.03, eps=1e-07)');
    expect(pytorchOptimizer(t('adamw'))).toBe('torch.optim.AdamW(model.parameters(), lr=0.03, eps=1e-07, weight_decay=0.01)');
    expect(pytorchOptimizer(t('adagrad'))).toBe('torch.optim.Adagrad(model.parameters(), lr=0.03, initial_accumulator_value=0.1)');
    expect(kerasOptimizer(t('nesterov'))).toBe('keras.optimizers.SGD(learning_rate=0.03, momentum=0.9, nesterov=True)');
    expect(kerasOptimizer(t('adamw'))).toBe('keras.optimizers.AdamW(learning_rate=0.03, weight_decay=0.01, epsilon=1e-07)');
    expect(kerasOptimizer(t('momentum'))).toBe('keras.optimizers.SGD(learning_rate=0.03, momentum=0.9)');
    // one line per optimizer, none the same
    expect(new Set(OPTIMIZERS.map((o) => pytorchOptimizer(t(o)))).size).toBe(OPTIMIZERS.length);
    expect(new Set(OPTIMIZERS.map((o) => kerasOptimizer(t(o)))).size).toBe(OPTIMIZERS.length);
  });

  it('the scripts construct the optimizer after the model when given the training settings, and not otherwise', () => {
    const exp = defaultExperiment();
    const analysis = analyze(exp.network);
    const torch = exportPyTorch(exp.network, analysis, t('adamw'));
    expect(torch).toContain('    optimizer = torch.optim.AdamW(model.parameters(), lr=0.03, eps=1e-07, weight_decay=0.01)');
    expect(torch.indexOf('optimizer = ')).toBeGreaterThan(torch.indexOf('model = Model()'));
    const keras = exportKeras(exp.network, analysis, t('nesterov'));
    expect(keras).toContain('\noptimizer = keras.optimizers.SGD(learning_rate=0.03, momentum=0.9, nesterov=True)');
    expect(exportPyTorch(exp.network, analysis)).not.toContain('optimizer = ');
    expect(exportKeras(exp.network, analysis)).not.toContain('optimizer = ');
  });
});
