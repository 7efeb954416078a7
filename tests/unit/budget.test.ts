import { describe, expect, it } from 'vitest';
import { budgetLevel, budgetProblem, BUDGET_LIMITS, BUDGET_WARNING, estimateBudget, stepsPerEpoch } from '../../src/models/budget';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { openTemplate } from '../../src/models/openTemplate';
import type { Experiment, LayerNode } from '../../src/models/spec';
import { TEMPLATES, templateById } from '../../src/models/templates';
import { problemOf } from '../../src/training/buildRun';
import { isMessageKey } from '../../src/i18n';

/** LeNet-5's graph on MNIST-shaped data with `nodes` in place of the template's. */
const onImages = (nodes: LayerNode[]): Experiment => {
  const exp = openTemplate(defaultExperiment(), templateById('lenet5')!);
  return { ...exp, network: { nodes } };
};

/** Two 11×11 convolutions of 512 filters on 28×28 digits: ~2.5·10¹⁰ multiply-adds per image. */
const hugeConv = () =>
  onImages([
    { id: 'input', type: 'Input', params: { shape: [28, 28, 1] }, inputs: [] },
    { id: 'c1', type: 'Conv2D', params: { filters: 512, kernelSize: 11, padding: 'same' }, inputs: ['input'] },
    { id: 'c2', type: 'Conv2D', params: { filters: 512, kernelSize: 11, padding: 'same' }, inputs: ['c1'] },
    { id: 'flat', type: 'Flatten', params: {}, inputs: ['c2'] },
    { id: 'out', type: 'Dense', params: { units: 10, activation: 'softmax' }, inputs: ['flat'] },
  ]);

describe('the budget before a network is built', () => {
  it('estimates LeNet-5 near what the bench measures (~600 images/s: 0.053 s a step of 32), its weights, batch and digits', () => {
    const b = estimateBudget(openTemplate(defaultExperiment(), templateById('lenet5')!));
    expect(b.params).toBe(61_706);
    // The time model is fitted over nine networks (bench/budget.node.ts); LeNet-5 lands within 25 % of the bench.
    expect(b.stepSeconds / (32 / 600)).toBeGreaterThan(0.75);
    expect(b.stepSeconds / (32 / 600)).toBeLessThan(1.25);
    // 10,000 digits padded to 32×32 plus their 10 one-hot targets, as floats.
    expect(b.dataBytes).toBe(10_000 * (32 * 32 + 10) * 4);
  });

  it('lets every template train', () => {
    for (const t of TEMPLATES) {
      const exp = openTemplate(defaultExperiment(), t);
      expect(budgetProblem(exp), t.id).toBeNull();
      expect(problemOf(exp), t.id).toBeNull();
    }
  });

  it('refuses a network far past the limits, with the numbers, before building it', () => {
    const exp = hugeConv();
    const b = estimateBudget(exp);
    expect(b.stepSeconds).toBeGreaterThan(BUDGET_LIMITS.stepSeconds);
    const problem = problemOf(exp);
    expect(problem?.key).toBe('engine.tooBig');
    expect(isMessageKey(problem!.key)).toBe(true);
    expect(Number(String(problem!.vars!.seconds).replace(/,/g, ''))).toBeGreaterThan(BUDGET_LIMITS.stepSeconds);
    // A smaller batch does not save it; fewer filters do.
    expect(problemOf(applyChange(exp, { type: 'training', patch: { batchSize: 1 } }))?.key).toBe('engine.tooBig');
  });
});

/** LeNet-5's body with `filters` in its second convolution and a batch of `batch`. */
const heavierLenet = (filters: number, batch: number): Experiment => {
  const exp = openTemplate(defaultExperiment(), templateById('lenet5')!);
  const nodes = exp.network.nodes.map((n, i) => (n.type === 'Conv2D' && exp.network.nodes.findIndex((m) => m.type === 'Conv2D') !== i ? { ...n, params: { ...n.params, filters } } : n));
  return { ...exp, network: { nodes }, training: { ...exp.training, batchSize: batch } };
};

describe("the budget's warning level", () => {
  it('asks before building a heavy network, with its time per step and per epoch and its memory', () => {
    const exp = heavierLenet(512, 128);
    const b = estimateBudget(exp);
    expect(budgetLevel(b)).toBe('warning');
    expect(b.stepSeconds).toBeGreaterThan(BUDGET_WARNING.stepSeconds);
    const problem = problemOf(exp);
    expect(problem).toMatchObject({ key: 'engine.heavy', confirm: true });
    expect(isMessageKey(problem!.key)).toBe(true);
    const minutes = Number(problem!.vars!.minutes);
    expect(minutes * 60).toBeCloseTo(b.stepSeconds * stepsPerEpoch(exp), -1);
    // Confirmed, it builds; a refused one never does.
    expect(problemOf(exp, true)).toBeNull();
    expect(problemOf(hugeConv(), true)?.key).toBe('engine.tooBig');
  });

  it('leaves every template and the default playground below it', () => {
    expect(budgetLevel(estimateBudget(defaultExperiment()))).toBe('ok');
    for (const t of TEMPLATES) expect(budgetLevel(estimateBudget(openTemplate(defaultExperiment(), t))), t.id).toBe('ok');
  });

  it('counts the epoch in batches of the training split', () => {
    const exp = openTemplate(defaultExperiment(), templateById('lenet5')!);
    expect(stepsPerEpoch(exp)).toBe(Math.ceil(Math.round(exp.dataset.numPoints * exp.dataset.trainRatio) / exp.training.batchSize));
  });
});
