import { describe, expect, it } from 'vitest';
import { evaluate, factType, parseCondition } from '../../src/lessons/conditions';
import { factsOf } from '../../src/lessons/facts';
import { createAppStore } from '../../src/store/createAppStore';
import { raceLeader } from '../../src/store/labStatus';
import type { Snapshot } from '../../src/training/protocol';

/** A snapshot of the active run (the points lab, no probes). */
function snapshot(store: ReturnType<typeof createAppStore>, patch: Partial<Snapshot> = {}): Snapshot {
  const s = store.getState();
  return {
    type: 'snapshot',
    runId: s.activeRunId,
    status: 'running',
    step: 10,
    epoch: 1,
    progress: 1,
    metrics: { trainLoss: 0.3, testLoss: 0.4, trainAcc: 0.9, testAcc: 0.85 },
    lab: 'points',
    probes: null,
    stepsPerSec: 100,
    learningRate: s.experiment.training.learningRate,
    bestEpoch: null,
    ...patch,
  } as Snapshot;
}

const holds = (store: ReturnType<typeof createAppStore>, condition: string) => {
  const parsed = parseCondition(condition);
  if (!parsed.ok) throw new Error(parsed.error);
  return evaluate(parsed.ast, factsOf(store.getState()));
};

describe('facts of the learning-rate schedule', () => {
  it('learningRate is the base rate, liveLearningRate the engine’s, schedule the kind', () => {
    const store = createAppStore();
    expect(factsOf(store.getState())).toMatchObject({ schedule: 'constant', learningRate: 0.03, liveLearningRate: null });
    store.getState().apply({ type: 'schedule', patch: { kind: 'cosine', period: 30 } });
    store.getState().receive(snapshot(store, { learningRate: 0.012 }));
    expect(factsOf(store.getState())).toMatchObject({ schedule: 'cosine', learningRate: 0.03, liveLearningRate: 0.012 });
    expect(holds(store, "schedule == 'cosine' and liveLearningRate < learningRate")).toBe(true);
    expect(holds(store, "schedule == 'step'")).toBe(false);
  });
});

describe('facts of early stopping', () => {
  it('on/off and restoreBest follow the settings; bestEpoch only while it is on', () => {
    const store = createAppStore();
    store.getState().receive(snapshot(store, { bestEpoch: 4 }));
    expect(factsOf(store.getState())).toMatchObject({ earlyStopping: false, earlyStopped: false, bestEpoch: null, restoreBest: true });
    store.getState().apply({ type: 'earlyStopping', patch: { enabled: true, restoreBest: false } });
    store.getState().receive(snapshot(store, { step: 20, bestEpoch: 4 }));
    expect(factsOf(store.getState())).toMatchObject({ earlyStopping: true, bestEpoch: 4, restoreBest: false });
  });

  it('earlyStopped holds after the engine stopped the run, and until it trains again or restarts', () => {
    const store = createAppStore();
    store.getState().apply({ type: 'earlyStopping', patch: { enabled: true, patience: 5 } });
    const runId = store.getState().activeRunId;
    store.getState().receive(snapshot(store, { step: 40, epoch: 13, bestEpoch: 8 }));
    expect(factsOf(store.getState()).earlyStopped).toBe(false);
    store.getState().receive({ type: 'earlyStopped', runId, epoch: 14, bestEpoch: 9, bestValLoss: 0.1, restored: true });
    store.getState().receive(snapshot(store, { status: 'paused', step: 42, epoch: 14, bestEpoch: 9 }));
    expect(factsOf(store.getState())).toMatchObject({ earlyStopped: true, bestEpoch: 9, status: 'paused' });
    expect(store.getState().runs[runId].earlyStopped).toEqual({ epoch: 14, bestEpoch: 9, restored: true });
    expect(holds(store, 'earlyStopping and earlyStopped and bestEpoch >= 1')).toBe(true);
    // Played on: no longer stopped.
    store.getState().receive(snapshot(store, { status: 'running', step: 45, epoch: 15, bestEpoch: 9 }));
    expect(factsOf(store.getState()).earlyStopped).toBe(false);
    // Stopped, then reset (step back to 0): a new run, not stopped.
    store.getState().receive({ type: 'earlyStopped', runId, epoch: 20, bestEpoch: 15, bestValLoss: 0.1, restored: true });
    expect(factsOf(store.getState()).earlyStopped).toBe(true);
    store.getState().receive(snapshot(store, { status: 'paused', step: 0, epoch: 0 }));
    expect(factsOf(store.getState()).earlyStopped).toBe(false);
  });
});

describe('facts of the backprop step-through and the race', () => {
  it('read what the views reported; none before', () => {
    const store = createAppStore();
    expect(factsOf(store.getState())).toMatchObject({ backpropOpen: false, backpropPhase: null, raceSurface: null, raceStep: null, raceLeader: null, 'race.adam': null });
    store.getState().reportLab({ backprop: { open: true, phase: 'backward' } });
    expect(factsOf(store.getState())).toMatchObject({ backpropOpen: true, backpropPhase: 'backward' });
    // A phase left behind by a closed view is not a fact.
    store.getState().reportLab({ backprop: { open: false, phase: 'update' } });
    expect(factsOf(store.getState())).toMatchObject({ backpropOpen: false, backpropPhase: null });

    store.getState().reportLab({ race: { surface: 'ravine', step: 100, playing: true, losses: { sgd: 0.05, momentum: 0.0034, adam: 1.4e-4, adagrad: null } } });
    const f = factsOf(store.getState());
    expect(f).toMatchObject({ raceSurface: 'ravine', raceStep: 100, raceLeader: 'adam', 'race.sgd': 0.05, 'race.momentum': 0.0034, 'race.adagrad': null });
    expect(holds(store, "raceSurface == 'ravine' and raceStep >= 100 and race.momentum < race.sgd")).toBe(true);
    expect(holds(store, 'race.adagrad < race.sgd')).toBe(false);
    expect(holds(store, "raceLeader == 'sgd'")).toBe(false);
  });

  it('the race family names the seven optimizers only; the leader skips diverged lanes and a race not started', () => {
    expect(factType('race.adamw')).toBe('number');
    expect(factType('race.lbfgs')).toBeNull();
    expect(parseCondition('race.lbfgs < 1').ok).toBe(false);
    expect(raceLeader(null)).toBeNull();
    expect(raceLeader({ surface: 'ravine', step: 0, playing: false, losses: { sgd: 1 } })).toBeNull();
    expect(raceLeader({ surface: 'ravine', step: 3, playing: false, losses: { sgd: null, adam: 2, rmsprop: 1 } })).toBe('rmsprop');
  });
});

describe('lab requests', () => {
  it('are kept until the view addressed clears them', () => {
    const store = createAppStore();
    store.getState().requestLab({ backprop: 'loss' });
    store.getState().requestLab({ race: { surface: 'saddle', play: true } });
    expect(store.getState().labRequests).toEqual({ backprop: 'loss', race: { surface: 'saddle', play: true } });
    store.getState().clearLabRequest('backprop');
    expect(store.getState().labRequests.backprop).toBeUndefined();
    expect(store.getState().labRequests.race).toEqual({ surface: 'saddle', play: true });
  });
});
