import { describe, expect, it } from 'vitest';
import { percentileOf, summarizeDynamics } from '../../src/charts/dynamicsStats';
import { appendDynamics, MAX_DYNAMICS } from '../../src/store/dynamicsHistory';
import { createAppStore } from '../../src/store/createAppStore';
import type { DynamicsProbe } from '../../src/training/dynamicsTypes';
import type { Snapshot } from '../../src/training/protocol';

const hist = (counts: number[], min = 0, max = counts.length) => ({ min, max, counts: Float32Array.from(counts) });
const probe = (step: number, ids = ['a', 'b']): DynamicsProbe => ({
  step,
  layers: ids.map((layerId) => ({ layerId, type: 'Dense', kernel: true, gradNorm: step, weightNorm: 1, updateRatio: 0.01, deadShare: null, weights: hist([1]), grads: hist([1]), activations: hist([1]) })),
});

describe('dynamics history', () => {
  it('appends, restarts on reset or another network, and thins by half past the bound (newest kept)', () => {
    let h: DynamicsProbe[] = [];
    for (let s = 1; s <= MAX_DYNAMICS + 1; s++) h = appendDynamics(h, probe(s), false);
    expect(h.length).toBe(MAX_DYNAMICS / 2 + 1);
    expect(h[h.length - 1].step).toBe(MAX_DYNAMICS + 1);
    expect(h.every((p, i) => i === 0 || p.step > h[i - 1].step)).toBe(true);
    expect(appendDynamics(h, null, false)).toBe(h);
    expect(appendDynamics(h, null, true)).toEqual([]);
    expect(appendDynamics(h, probe(999, ['x']), false).map((p) => p.step)).toEqual([999]);
    // An earlier step (loaded weights) drops what came after it.
    expect(appendDynamics([probe(1), probe(5), probe(9)], probe(5), false).map((p) => p.step)).toEqual([1, 5]);
  });

  it('the store folds snapshot dynamics into the run and starts afresh at step 0', () => {
    const store = createAppStore();
    const snap = (step: number, dynamics: DynamicsProbe | null): Snapshot =>
      ({ type: 'snapshot', runId: 0, status: 'running', step, epoch: 0, progress: 0, metrics: { trainLoss: 1, testLoss: 1, trainAcc: null, testAcc: null }, stepsPerSec: 1, learningRate: 0.1, bestEpoch: null, dynamics, lab: 'points', probes: null }) as Snapshot;
    store.getState().receive(snap(3, probe(3)));
    store.getState().receive(snap(5, null));
    store.getState().receive(snap(8, probe(8)));
    expect(store.getState().runs[0].dynamics.map((p) => p.step)).toEqual([3, 8]);
    store.getState().receive(snap(0, null));
    expect(store.getState().runs[0].dynamics).toEqual([]);
  });
});

describe('dynamics stats', () => {
  it('percentiles interpolate within bins', () => {
    const h = hist([1, 1, 1, 1], 0, 4);
    expect(percentileOf(h, 0)).toBe(0);
    expect(percentileOf(h, 0.5)).toBeCloseTo(2);
    expect(percentileOf(h, 0.125)).toBeCloseTo(0.5);
    expect(percentileOf(h, 1)).toBe(4);
    expect(percentileOf(hist([0, 1, 0, 0], -2, 2), 0.5)).toBeCloseTo(-0.5);
    expect(percentileOf(hist([1], 3, 3), 0.5)).toBe(3);
  });

  it('summarizes nothing as nulls', () => {
    expect(summarizeDynamics(null).gradNormRatio).toBeNull();
    expect(summarizeDynamics(probe(2)).gradNormRatio).toBe(1);
  });
});
