import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeLink, DEFAULT_VIEW, encodeLink } from '../../src/models/codec';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { DEFAULT_SCHEDULE, learningRateAt, ONE_CYCLE, PlateauTracker, scheduleCurve, type ScheduleConfig } from '../../src/models/schedules';
import { prepareData } from '../../src/training/prepare';
import { ModelRuntime } from '../../src/training/runtime';

const s = (patch: Partial<ScheduleConfig>): ScheduleConfig => ({ ...DEFAULT_SCHEDULE, ...patch });

describe('learning-rate schedules against their formulas', () => {
  it('constant stays at the base rate', () => {
    for (const e of [0, 1, 7.5, 1000]) expect(learningRateAt(s({ kind: 'constant' }), 0.1, e)).toBe(0.1);
  });

  it('step decay: η₀ · γ^⌊e / period⌋', () => {
    const step = s({ kind: 'step', period: 10, factor: 0.5 });
    expect(learningRateAt(step, 0.1, 0)).toBe(0.1);
    expect(learningRateAt(step, 0.1, 9.99)).toBe(0.1);
    expect(learningRateAt(step, 0.1, 10)).toBeCloseTo(0.05, 12);
    expect(learningRateAt(step, 0.1, 25)).toBeCloseTo(0.025, 12);
  });

  it('exponential: η₀ · γ^e', () => {
    const exp = s({ kind: 'exponential', factor: 0.9 });
    expect(learningRateAt(exp, 0.2, 0)).toBe(0.2);
    expect(learningRateAt(exp, 0.2, 1)).toBeCloseTo(0.18, 12);
    expect(learningRateAt(exp, 0.2, 3)).toBeCloseTo(0.2 * 0.729, 12);
    expect(learningRateAt(exp, 0.2, 0.5)).toBeCloseTo(0.2 * Math.sqrt(0.9), 12);
  });

  it('cosine: ½ η₀ (1 + cos(π e / period)), then 0', () => {
    const cos = s({ kind: 'cosine', period: 20 });
    expect(learningRateAt(cos, 0.1, 0)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(cos, 0.1, 10)).toBeCloseTo(0.05, 12);
    expect(learningRateAt(cos, 0.1, 5)).toBeCloseTo(0.05 * (1 + Math.SQRT1_2), 12);
    expect(learningRateAt(cos, 0.1, 20)).toBeCloseTo(0, 12);
    expect(learningRateAt(cos, 0.1, 30)).toBeCloseTo(0, 12);
  });

  it('warm-up: linear from 0 to η₀, then cosine', () => {
    const w = s({ kind: 'warmupCosine', warmup: 4, period: 10 });
    expect(learningRateAt(w, 0.1, 0)).toBe(0);
    expect(learningRateAt(w, 0.1, 1)).toBeCloseTo(0.025, 12);
    expect(learningRateAt(w, 0.1, 4)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(w, 0.1, 9)).toBeCloseTo(0.05, 12);
    expect(learningRateAt(w, 0.1, 14)).toBeCloseTo(0, 12);
  });

  it('one-cycle: from η₀/25 up to η₀ at 30 %, down to η₀/(25·10⁴) at the end', () => {
    const oc = s({ kind: 'oneCycle', period: 10 });
    expect(learningRateAt(oc, 0.1, 0)).toBeCloseTo(0.1 / ONE_CYCLE.divFactor, 12);
    expect(learningRateAt(oc, 0.1, 1.5)).toBeCloseTo((0.1 + 0.004) / 2, 12);
    expect(learningRateAt(oc, 0.1, 3)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(oc, 0.1, 6.5)).toBeCloseTo((0.1 + 0.004 / 1e4) / 2, 12);
    expect(learningRateAt(oc, 0.1, 10)).toBeCloseTo(0.004 / 1e4, 15);
  });

  it('reduce on plateau: γ once per `patience` epochs without improvement', () => {
    const p = new PlateauTracker();
    const losses = [1, 0.8, 0.8, 0.79999, 0.9, 0.85, 0.7, 0.7, 0.7, 0.7];
    const reducedAt = losses.map((l) => p.observe(l, 2));
    // 0.8 best at epoch 2; epochs 3 (equal), 4 (within 1e-4), 5 (worse) are three without improvement.
    expect(reducedAt).toEqual([false, false, false, false, true, false, false, false, false, true]);
    expect(p.reductions).toBe(2);
    expect(learningRateAt(s({ kind: 'plateau', factor: 0.5 }), 0.1, 50, p.reductions)).toBeCloseTo(0.025, 12);
    expect(p.observe(Number.NaN, 2)).toBe(false);
  });

  it('the drawn curve spans the epochs asked for', () => {
    const curve = scheduleCurve(s({ kind: 'cosine', period: 10 }), 0.1, 10, 10);
    expect(curve).toHaveLength(11);
    expect(curve[5].lr).toBeCloseTo(0.05, 12);
  });
});

describe('the schedule in the Experiment', () => {
  it('an edit keeps its values inside their limits, and links carry it; links from before it open with the constant schedule', () => {
    const exp = applyChange(defaultExperiment(), { type: 'schedule', patch: { kind: 'cosine', period: 1e9, factor: -3, patience: 2.6 } });
    expect(exp.training.schedule).toEqual({ kind: 'cosine', period: 10_000, factor: 0.01, warmup: 5, patience: 3 });
    const back = decodeLink(encodeLink({ experiment: exp, view: DEFAULT_VIEW, hide: [] }));
    expect(back.ok && back.value.experiment.training.schedule).toEqual(exp.training.schedule);
    const { schedule: _old, ...before } = defaultExperiment().training;
    const old = decodeLink(encodeLink({ experiment: { ...defaultExperiment(), training: before as never }, view: DEFAULT_VIEW, hide: [] }));
    expect(old.ok && old.value.experiment.training.schedule).toEqual(DEFAULT_SCHEDULE);
  });
});

describe('the runtime follows the schedule step by step', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it("the optimizer's rate is the schedule's at the examples seen, and a live edit takes effect at once", () => {
    const exp = applyChange(applyChange(defaultExperiment(), { type: 'schedule', patch: { kind: 'step', period: 2, factor: 0.5 } }), { type: 'training', patch: { optimizer: 'adam' } });
    const rt = new ModelRuntime(tf, exp, prepareData(exp));
    const optimizerRate = () => (rt as unknown as { optimizer: { learningRate: number } }).optimizer.learningRate;
    const perEpoch = Math.ceil(rt.data.nTrain / exp.training.batchSize);
    rt.train(2 * perEpoch + 1);
    // The last step ran at the rate of the examples seen before it: past epoch 2, halved.
    expect(rt.learningRate).toBeCloseTo(exp.training.learningRate * 0.5, 12);
    expect(optimizerRate()).toBeCloseTo(rt.learningRate, 12);
    rt.reconfigure({ ...exp.training, schedule: { ...exp.training.schedule, kind: 'constant' } });
    expect(optimizerRate()).toBe(exp.training.learningRate);
    rt.initWeights();
    expect(rt.learningRate).toBe(exp.training.learningRate);
    rt.dispose();
  });

  it('reduce on plateau reads the test loss once per epoch end', () => {
    const exp = applyChange(defaultExperiment(), { type: 'schedule', patch: { kind: 'plateau', factor: 0.5, patience: 1 } });
    const rt = new ModelRuntime(tf, exp, prepareData(exp));
    const perEpoch = Math.ceil(rt.data.nTrain / exp.training.batchSize);
    const reduced: boolean[] = [];
    for (let e = 0; e < 4; e++) {
      rt.train(perEpoch);
      reduced.push(rt.observeEpochLoss(1)); // the same loss every epoch: no improvement
      expect(rt.observeEpochLoss(1)).toBe(false); // a second look in the same epoch does not count
    }
    expect(reduced).toEqual([false, false, true, false]);
    rt.train(1);
    expect(rt.learningRate).toBeCloseTo(exp.training.learningRate * 0.5, 12);
    rt.dispose();
  });
});
