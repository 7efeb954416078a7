import { describe, expect, it } from 'vitest';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { decodePinnedRuns, decodePinnedText, downsampleHistory, encodePinnedRuns, MAX_PINNED, MAX_PINNED_POINTS, type PinnedRun } from '../../src/models/pinnedRuns';
import { describeRun, diffExperiments } from '../../src/models/runDiff';
import { decodeSavedFile, encodeSavedFile } from '../../src/models/weightsFile';
import type { Experiment } from '../../src/models/spec';
import { createAppStore } from '../../src/store/createAppStore';
import { loadStartup, PINNED_KEY, saveWork, WORK_KEY, type KeyValueStorage } from '../../src/store/persistence';
import { createAutosave } from '../../src/store/autosave';
import { factsOf } from '../../src/lessons/facts';
import type { Snapshot, ToEngine } from '../../src/training/protocol';

const snap = (runId: number, step: number): Snapshot => ({
  type: 'snapshot',
  runId,
  status: 'running',
  step,
  epoch: Math.floor(step / 25),
  progress: step / 25,
  metrics: { trainLoss: 1 / (1 + step), testLoss: 1.1 / (1 + step), trainAcc: 0.5, testAcc: 0.4 },
  lab: 'points',
  probes: null,
  stepsPerSec: 100,
  learningRate: 0.03,
  bestEpoch: null,
  origin: 1,
});

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => (k in data ? data[k] : null), setItem: (k, v) => void (data[k] = v) };
}

const history = (n: number) => Array.from({ length: n }, (_, i) => ({ epoch: i / 10, step: i, trainLoss: 1 / (i + 1), testLoss: 1.2 / (i + 1), trainAcc: 0.5, testAcc: null }));

function pinnedRun(id: string, slot: number, exp: Experiment = defaultExperiment()): PinnedRun {
  return { id, label: '', slot, experiment: exp, points: downsampleHistory(history(50)), step: 49, epoch: 4 };
}

/** A store with a trained run (the given snapshots) and an engine that records what it is sent. */
function trainedStore(steps = 30) {
  const store = createAppStore();
  const sent: ToEngine[] = [];
  store.setState({ engine: { host: 'worker', post: (m) => sent.push(m), dispose: () => {} } });
  for (let s = 1; s <= steps; s++) store.getState().receive(snap(0, s));
  return { store, sent };
}

describe('downsampleHistory', () => {
  it('keeps short histories whole and thins long ones to the bound, first and last kept', () => {
    expect(downsampleHistory(history(10))).toHaveLength(10);
    const long = history(5000);
    const thin = downsampleHistory(long);
    expect(thin).toHaveLength(MAX_PINNED_POINTS);
    expect(thin[0].epoch).toBe(0);
    expect(thin[thin.length - 1].epoch).toBe(long[long.length - 1].epoch);
    for (let i = 1; i < thin.length; i++) expect(thin[i].epoch).toBeGreaterThan(thin[i - 1].epoch);
  });

  it('turns non-finite values (a diverged run) into null', () => {
    const [p] = downsampleHistory([{ epoch: 1, trainLoss: NaN, testLoss: Infinity, trainAcc: null, testAcc: 0.5, valLoss: NaN }]);
    expect(p).toEqual({ epoch: 1, trainLoss: null, testLoss: null, trainAcc: null, testAcc: 0.5, valLoss: null });
  });
});

describe('pinned runs codec', () => {
  it('round-trips through JSON', () => {
    const runs = [pinnedRun('run1', 0), { ...pinnedRun('run2', 2, applyChange(defaultExperiment(), { type: 'training', patch: { optimizer: 'adam' } })), label: 'Adam' }];
    const back = decodePinnedText(JSON.stringify(encodePinnedRuns(runs)));
    expect(back).toEqual({ ok: true, value: runs });
  });

  it('rejects damage: too many runs, long labels, bad points, duplicate ids or slots, a bad Experiment, not JSON', () => {
    const good = encodePinnedRuns([pinnedRun('run1', 0)]) as { format: 1; runs: Record<string, unknown>[] };
    const withRun = (patch: Record<string, unknown>) => ({ ...good, runs: [{ ...good.runs[0], ...patch }] });
    const cases: unknown[] = [
      { ...good, runs: Array.from({ length: MAX_PINNED + 1 }, (_, i) => ({ ...good.runs[0], id: `r${i}`, slot: i % 4 })) },
      withRun({ label: 'x'.repeat(61) }),
      withRun({ points: Array.from({ length: MAX_PINNED_POINTS + 1 }, () => ({ epoch: 0, trainLoss: 1, testLoss: 1, trainAcc: null, testAcc: null })) }),
      withRun({ points: [{ epoch: 0, trainLoss: 'a', testLoss: 1, trainAcc: null, testAcc: null }] }),
      withRun({ slot: 9 }),
      withRun({ experiment: { version: 1, network: { nodes: [] } } }),
      withRun({ experiment: { ...defaultExperiment(), network: { nodes: [{ id: 'x', type: 'NoSuchLayer', params: {}, inputs: [] }] } } }),
      { ...good, runs: [good.runs[0], good.runs[0]] },
      { ...good, runs: [good.runs[0], { ...good.runs[0], id: 'other' }] },
      { format: 2, runs: [] },
      null,
    ];
    for (const raw of cases) expect(decodePinnedRuns(raw).ok, JSON.stringify(raw)?.slice(0, 120)).toBe(false);
    expect(decodePinnedText('{not json').ok).toBe(false);
    expect(decodePinnedText(null)).toEqual({ ok: true, value: [] });
  });
});

describe('diffExperiments', () => {
  const base = defaultExperiment();
  const t = (e: Experiment) => diffExperiments(base, e);

  it('says nothing for the same settings', () => {
    expect(t(defaultExperiment())).toEqual([]);
  });

  it('names optimizer, learning rate, batch size and seed changes with their values', () => {
    let e = applyChange(base, { type: 'training', patch: { optimizer: 'adam', learningRate: 0.1, batchSize: 30 } });
    e = applyChange(e, { type: 'seed', seed: 7 });
    expect(t(e)).toEqual([
      { key: 'pin.diff.optimizer', keyVars: { from: 'opt.sgd', to: 'opt.adam' } },
      { key: 'pin.diff.learningRate', vars: { from: 0.03, to: 0.1 } },
      { key: 'pin.diff.batchSize', vars: { from: 10, to: 30 } },
      { key: 'pin.diff.seed', vars: { from: 1, to: 7 } },
    ]);
  });

  it('says dropout 0 → 0.3 once (not also as a layer added)', () => {
    expect(t(applyChange(base, { type: 'setDropout', index: 0, rate: 0.3 }))).toEqual([{ key: 'pin.diff.dropout', vars: { from: 0, to: 0.3 } }]);
  });

  it('says batch norm off → on for a BatchNormalization layer put in', () => {
    const nodes = base.network.nodes.flatMap((n) =>
      n.id === 'h1' ? [n, { id: 'bn1', type: 'BatchNormalization', params: {}, inputs: ['h1'] }] : n.id === 'h2' ? [{ ...n, inputs: ['bn1'] }] : [n],
    );
    expect(t({ ...base, network: { nodes } })).toEqual([{ key: 'pin.diff.batchNorm', keyVars: { from: 'pin.off', to: 'pin.on' } }]);
  });

  it('describes network changes in words: a layer added, a layer setting changed', () => {
    const added = t(applyChange(base, { type: 'addLayer' }));
    expect(added).toContainEqual({ key: 'pin.diff.layerAdded', vars: { id: 'h3' }, keyVars: { type: 'layer.Dense.name' } });
    expect(t(applyChange(base, { type: 'setUnits', index: 0, units: 8 }))).toEqual([{ key: 'pin.diff.param', vars: { id: 'h1', param: 'units', from: '4', to: '8' } }]);
    const removed = diffExperiments(applyChange(base, { type: 'addLayer' }), base);
    expect(removed).toContainEqual({ key: 'pin.diff.layerRemoved', vars: { id: 'h3' }, keyVars: { type: 'layer.Dense.name' } });
    expect(t(applyChange(base, { type: 'setActivation', index: 'all', activation: 'relu' })).map((d) => d.vars?.param)).toEqual(['activation', 'activation']);
  });

  it('names the data: dataset and noise', () => {
    expect(t(applyChange(base, { type: 'dataset', patch: { kind: 'xor', noise: 20 } }))).toEqual([
      { key: 'pin.diff.dataset', keyVars: { from: 'ds.circle', to: 'ds.xor' } },
      { key: 'pin.diff.noise', vars: { from: 0, to: 20 } },
    ]);
  });

  it('gives a run a default name from its own settings', () => {
    expect(describeRun(base)).toEqual({ key: 'pin.name.plain', vars: { lr: 0.03, dropout: 0 }, keyVars: { optimizer: 'opt.sgd' } });
    expect(describeRun(applyChange(base, { type: 'setDropout', index: 0, rate: 0.3 })).key).toBe('pin.name.dropout');
  });
});

describe('the pinned-runs slice', () => {
  it('pins the active run (thinned history, its Experiment), at most three, and frees slots on unpin', () => {
    const { store } = trainedStore();
    const s = () => store.getState();
    expect(s().pin()).toBe(true);
    expect(s().pinned[0]).toMatchObject({ id: 'run1', slot: 0, label: '', step: 30, experiment: s().experiment });
    expect(s().pinned[0].points).toHaveLength(30);
    expect(s().pin()).toBe(true);
    expect(s().pin()).toBe(true);
    expect(s().pin()).toBe(false);
    expect(s().pinned.map((r) => r.slot)).toEqual([0, 1, 2]);
    s().unpin('run2');
    expect(s().pin()).toBe(true);
    expect(s().pinned.map((r) => [r.id, r.slot])).toEqual([['run1', 0], ['run3', 2], ['run2', 1]]);
    s().renamePinned('run1', 'SGD baseline');
    expect(s().pinned[0].label).toBe('SGD baseline');
    s().renamePinned('run1', 'y'.repeat(100));
    expect(s().pinned[0].label).toHaveLength(60);
    s().clearPinned();
    expect(s().pinned).toEqual([]);
  });

  it('pins nothing before any training', () => {
    const store = createAppStore();
    expect(store.getState().pin()).toBe(false);
  });

  it('same start: the pinned run’s seed back, the run reset; open puts its settings back (undoable)', () => {
    const { store, sent } = trainedStore();
    const s = () => store.getState();
    s().pin();
    s().apply({ type: 'training', patch: { optimizer: 'adam' } });
    s().apply({ type: 'seed', seed: 99 });
    sent.length = 0;
    s().sameStart();
    expect(s().experiment.seed).toBe(1);
    expect(s().experiment.training.optimizer).toBe('adam');
    expect(sent.map((m) => m.type)).toEqual(['reset']);
    s().openPinned('run1');
    expect(s().experiment.training.optimizer).toBe('sgd');
    s().undo();
    expect(s().experiment.training.optimizer).toBe('adam');
  });

  it('lesson facts: how many are pinned and the best final test loss', () => {
    const { store } = trainedStore();
    expect(factsOf(store.getState()).pinnedRuns).toBe(0);
    expect(factsOf(store.getState()).pinnedBestTestLoss).toBeNull();
    store.getState().pin();
    const facts = factsOf(store.getState());
    expect(facts.pinnedRuns).toBe(1);
    expect(facts.pinnedBestTestLoss).toBeCloseTo(1.1 / 31, 6);
  });
});

describe('persistence of pinned runs', () => {
  it('survive a reload: saved with the work, read back at startup', () => {
    const { store } = trainedStore();
    store.getState().pin();
    store.getState().renamePinned('run1', 'first');
    const storage = memoryStorage();
    expect(saveWork(storage, store.getState()).ok).toBe(true);
    expect(storage.data[PINNED_KEY]).toBeTruthy();
    const { initial, notice } = loadStartup({ hash: '', storage, languages: ['en'] });
    expect(notice).toBeNull();
    expect(initial.pinned).toEqual(store.getState().pinned);
    expect(createAppStore(initial).getState().pinned[0].label).toBe('first');
  });

  it('the autosave writes when only the pinned runs change (pin, rename, unpin)', async () => {
    const { store } = trainedStore();
    const storage = memoryStorage();
    const autosave = createAutosave({ store, storage, delayMs: 0 });
    const stop = autosave.start();
    const stored = async () => {
      await new Promise((r) => setTimeout(r, 5));
      return (JSON.parse(storage.data[PINNED_KEY] ?? '{"runs":[]}') as { runs: { label: string }[] }).runs;
    };
    try {
      store.getState().pin();
      expect(await stored()).toHaveLength(1);
      store.getState().renamePinned('run1', 'kept');
      expect((await stored())[0].label).toBe('kept');
      store.getState().unpin('run1');
      expect(await stored()).toEqual([]);
    } finally {
      stop();
    }
  });

  it('damaged pinned data never costs the work: the Experiment loads, the pinned runs are left out with a notice', () => {
    const { store } = trainedStore();
    store.getState().apply({ type: 'training', patch: { learningRate: 0.3 } });
    const storage = memoryStorage();
    saveWork(storage, store.getState());
    for (const damage of ['{"format":1,"runs":[{"id":""}]}', 'garbage', JSON.stringify({ format: 1, runs: Array(9).fill(null) })]) {
      storage.data[PINNED_KEY] = damage;
      const { initial, notice } = loadStartup({ hash: '', storage, languages: ['en'] });
      expect(initial.experiment?.training.learningRate).toBe(0.3);
      expect(initial.pinned ?? []).toEqual([]);
      expect(notice?.key).toBe('notice.pinnedDropped');
    }
    expect(storage.data[WORK_KEY]).toBeTruthy();
  });
});

describe('saved files with pinned runs', () => {
  const exp = applyChange(defaultExperiment(), { type: 'training', patch: { optimizer: 'adam' } });
  const runs = [pinnedRun('run1', 0), { ...pinnedRun('run2', 1, exp), label: 'mine' }];
  const weights = { step: 3, examples: 30, tensors: [{ name: 'h1/kernel', shape: [2, 2], values: new Float32Array([1, 2, 3, 4]) }] };

  it('round-trip, with and without weights; a file without them opens with none', () => {
    for (const w of [null, weights]) {
      const back = decodeSavedFile(encodeSavedFile(exp, w, { pinned: runs }));
      expect(back.ok).toBe(true);
      if (!back.ok) return;
      expect(back.value.experiment).toEqual(exp);
      expect(back.value.pinned).toEqual(runs);
      expect(back.value.weights?.step ?? null).toBe(w ? 3 : null);
    }
    const plain = decodeSavedFile(encodeSavedFile(exp, null));
    expect(plain.ok && plain.value.pinned).toBeUndefined();
    // The Experiment stays at the top of the file, readable.
    expect(encodeSavedFile(exp, weights, { pinned: runs }).indexOf('"pinnedRuns"')).toBeGreaterThan(encodeSavedFile(exp, null).length - 10);
  });

  it('a damaged pinned-runs part never costs the Experiment (nor the weights)', () => {
    const text = encodeSavedFile(exp, weights, { pinned: runs });
    const raw = JSON.parse(text) as Record<string, unknown>;
    for (const damage of [{ format: 1, runs: 'x' }, { format: 1, runs: [{ ...(encodePinnedRuns(runs) as { runs: object[] }).runs[0], experiment: 3 }] }, 42]) {
      const back = decodeSavedFile(JSON.stringify({ ...raw, pinnedRuns: damage }));
      expect(back.ok).toBe(true);
      if (!back.ok) return;
      expect(back.value.experiment).toEqual(exp);
      expect(back.value.weights?.step).toBe(3);
      expect(back.value.pinned).toBeUndefined();
      expect(back.value.pinnedError?.key).toMatch(/^codec\./);
    }
  });
});
