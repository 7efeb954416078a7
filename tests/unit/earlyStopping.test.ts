import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultExperiment } from '../../src/models/defaults';
import { EarlyStopper, VALIDATION_SHARE } from '../../src/models/earlyStopping';
import { applyChange, diffExperiment } from '../../src/models/edits';
import type { Experiment } from '../../src/models/spec';
import { Engine } from '../../src/training/engine';
import { carveValidation, prepareData } from '../../src/training/prepare';
import type { FromEngine, Snapshot } from '../../src/training/protocol';

describe('the early-stopping rule on made-up curves', () => {
  const run = (losses: number[], patience: number, minDelta = 0) => {
    const s = new EarlyStopper();
    return { verdicts: losses.map((l, i) => s.observe(i + 1, l, { patience, minDelta })), best: s.bestEpoch };
  };

  it('stops after `patience` epochs without a new best, and remembers the best epoch', () => {
    // U-shaped: falls to epoch 4, then overfits.
    const { verdicts, best } = run([1, 0.6, 0.4, 0.35, 0.36, 0.4, 0.5], 3);
    expect(verdicts).toEqual(['improved', 'improved', 'improved', 'improved', 'waiting', 'waiting', 'stop']);
    expect(best).toBe(4);
  });

  it('a new best resets the wait; minDelta ignores improvements that small', () => {
    expect(run([1, 0.9, 0.95, 0.85, 0.9, 0.9], 2).verdicts).toEqual(['improved', 'improved', 'waiting', 'improved', 'waiting', 'stop']);
    const small = run([1, 0.99, 0.98, 0.97], 2, 0.05);
    expect(small.verdicts).toEqual(['improved', 'waiting', 'stop', 'stop']);
    expect(small.best).toBe(1);
  });

  it('NaN never counts as a best', () => {
    expect(run([Number.NaN, Number.NaN], 5).best).toBe(-1);
  });
});

describe('the validation split', () => {
  it('is carved from the training rows only, seeded, disjoint, the test rows untouched', () => {
    const exp = applyChange(defaultExperiment(), { type: 'earlyStopping', patch: { enabled: true } });
    const plain = prepareData(defaultExperiment());
    const data = prepareData(exp);
    expect(data.val!.n).toBe(Math.round(plain.nTrain * VALIDATION_SHARE));
    expect(data.nTrain + data.val!.n).toBe(plain.nTrain);
    expect(data.testX).toEqual(plain.testX);
    // Every training row lands on exactly one side.
    const key = (xs: Float32Array, i: number) => `${xs[2 * i]},${xs[2 * i + 1]}`;
    const all = Array.from({ length: plain.nTrain }, (_, i) => key(plain.trainX, i)).sort();
    const split = [...Array.from({ length: data.nTrain }, (_, i) => key(data.trainX, i)), ...Array.from({ length: data.val!.n }, (_, i) => key(data.val!.x, i))].sort();
    expect(split).toEqual(all);
    expect(prepareData(exp).val!.x).toEqual(data.val!.x);
    expect(carveValidation({ ...plain, nTrain: 1 }, 0.2, 1)).toEqual({ ...plain, nTrain: 1 });
  });

  it('turning early stopping on or off moves examples, so the network is rebuilt', () => {
    const exp = defaultExperiment();
    expect(diffExperiment(exp, applyChange(exp, { type: 'earlyStopping', patch: { enabled: true } })).model).toBe(true);
    const on = applyChange(exp, { type: 'earlyStopping', patch: { enabled: true } });
    expect(diffExperiment(on, applyChange(on, { type: 'earlyStopping', patch: { patience: 3 } })).model).toBe(false);
    expect(applyChange(exp, { type: 'earlyStopping', patch: { patience: -4, minDelta: 99 } }).training.earlyStopping).toMatchObject({ patience: 1, minDelta: 10 });
  });
});

describe('early stopping in the engine', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    vi.stubGlobal('MessageChannel', undefined);
  });
  afterAll(() => vi.unstubAllGlobals());

  /** Few noisy points and a big network (the overfitting lesson's setup): the validation loss turns up. */
  function overfitting(restoreBest: boolean): Experiment {
    let exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'gauss', numPoints: 120, noise: 50, trainRatio: 0.5 } });
    exp = applyChange(exp, { type: 'addLayer' });
    for (let i = 0; i < 3; i++) exp = applyChange(exp, { type: 'setUnits', index: i, units: 16 });
    exp = applyChange(exp, { type: 'training', patch: { learningRate: 0.1 } });
    return applyChange({ ...exp, seed: 3 }, { type: 'earlyStopping', patch: { enabled: true, patience: 5, restoreBest } });
  }

  for (const restoreBest of [true, false]) {
    it(`stops a run whose validation loss turns up, says why, and ${restoreBest ? 'puts the best epoch back' : 'keeps the last weights'}`, async () => {
      const messages: FromEngine[] = [];
      const engine = new Engine({ tf, host: 'worker', webgl: false, post: (m) => messages.push(m) });
      await engine.handle({ type: 'init', runId: 1, experiment: overfitting(restoreBest), backend: 'cpu' });
      await engine.handle({ type: 'play', runId: 1 });
      const deadline = Date.now() + 20_000;
      while (!messages.some((m) => m.type === 'earlyStopped') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const stopped = messages.find((m): m is Extract<FromEngine, { type: 'earlyStopped' }> => m.type === 'earlyStopped');
      expect(stopped, 'early stopping fired').toBeDefined();
      expect(stopped!.epoch).toBe(stopped!.bestEpoch + 5);
      expect(stopped!.restored).toBe(restoreBest);
      await new Promise((r) => setTimeout(r, 200));
      const last = messages.filter((m): m is Snapshot => m.type === 'snapshot').at(-1)!;
      // Paused, and (restored) the weights on screen are the best epoch's: its validation loss again.
      expect(last.status).toBe('paused');
      expect(last.bestEpoch).toBe(stopped!.bestEpoch);
      if (restoreBest) expect(last.metrics.valLoss).toBeCloseTo(stopped!.bestValLoss, 6);
      else expect(last.metrics.valLoss).toBeGreaterThan(stopped!.bestValLoss);
      const before = tf.memory().numTensors;
      await engine.handle({ type: 'dispose' });
      expect(tf.memory().numTensors).toBeLessThan(before);
    });
  }
});

describe('the runtime keeps one copy of the best weights', () => {
  it('tensors stay flat across epochs that improve and epochs that do not', async () => {
    await tf.setBackend('cpu');
    const { ModelRuntime } = await import('../../src/training/runtime');
    const exp = applyChange(defaultExperiment(), { type: 'earlyStopping', patch: { enabled: true, patience: 1000 } });
    const rt = new ModelRuntime(tf, exp, prepareData(exp));
    const epoch = async () => {
      while (!rt.epochEnded) rt.train(1000, true);
      return rt.observeValidation(await rt.evaluate());
    };
    await epoch();
    const counts: number[] = [];
    const verdicts: string[] = [];
    for (let i = 0; i < 12; i++) {
      verdicts.push((await epoch())!.verdict);
      counts.push(tf.memory().numTensors);
    }
    expect(verdicts).toContain('improved');
    expect(new Set(counts).size).toBe(1);
    rt.dispose();
  });
});
