import { describe, expect, it, vi } from 'vitest';
import { defaultExperiment } from '../../src/models/defaults';
import { decodePinnedRuns, downsampleHistory, encodePinnedRuns, type PinnedRun } from '../../src/models/pinnedRuns';
import { startDiff, startLabel, startName } from '../../src/models/runStart';
import { decodeSavedFile, encodeSavedFile } from '../../src/models/weightsFile';
import { diffText } from '../../src/panels/PinnedRuns';
import { createAppStore } from '../../src/store/createAppStore';
import { RunStartTracker } from '../../src/store/runStartTracker';
import type { Snapshot, ToEngine } from '../../src/training/protocol';

const PRE = { kind: 'pretrained', name: 'mnist-cnn' } as const;
const FILE = { kind: 'file', name: 'my-run' } as const;

describe('where a run’s weights started (models/runStart.ts)', () => {
  it('the legend says "pre-trained (mnist-cnn) → from scratch" in both languages, and nothing for the same start or an unknown one', () => {
    const [item] = startDiff(PRE, null);
    expect(diffText('en', item)).toBe('pre-trained (mnist-cnn) → from scratch');
    expect(diffText('zh-CN', item)).toBe('预训练（mnist-cnn） → 从头训练');
    expect(diffText('en', startDiff(null, FILE)[0])).toBe('from scratch → saved weights (my-run)');
    expect(diffText('zh-CN', startDiff({ kind: 'here', name: '' }, PRE)[0])).toBe('在本页训练的权重 → 预训练（mnist-cnn）');
    expect(diffText('en', startLabel({ kind: 'file', name: '' }))).toBe('saved weights');
    expect(startDiff(PRE, { ...PRE })).toEqual([]);
    expect(startDiff(null, null)).toEqual([]);
    // A run pinned before runs kept their start: nothing said.
    expect(startDiff(undefined, null)).toEqual([]);
    expect(startDiff(PRE, undefined)).toEqual([]);
    expect(startName('C:\\Users\\me\\Digits CNN.JSON')).toBe('Digits CNN');
  });

  it('pinned runs carry their start through local storage and saved files; old runs without one still load; a bad one is refused', () => {
    const base: PinnedRun = { id: 'run1', label: '', slot: 0, experiment: defaultExperiment(), points: downsampleHistory([{ epoch: 1, trainLoss: 0.5, testLoss: 0.6, trainAcc: 0.8, testAcc: 0.7 }]), step: 10, epoch: 1 };
    const runs: PinnedRun[] = [{ ...base, start: PRE }, { ...base, id: 'run2', slot: 1, start: null }, { ...base, id: 'run3', slot: 2 }];
    const back = decodePinnedRuns(JSON.parse(JSON.stringify(encodePinnedRuns(runs))));
    expect(back.ok && back.value.map((r) => r.start)).toEqual([PRE, null, undefined]);
    const file = decodeSavedFile(encodeSavedFile(defaultExperiment(), null, { pinned: runs }));
    expect(file.ok && file.value.pinned?.map((r) => r.start)).toEqual([PRE, null, undefined]);
    const bad = encodePinnedRuns([{ ...base, start: { kind: 'stolen', name: 'x' } as never }]);
    expect(decodePinnedRuns(bad)).toMatchObject({ ok: false, error: { key: 'codec.invalidField', vars: { field: 'pinnedRuns.runs.0.start.kind' } } });
  });
});

describe('following the start from the engine’s answers (store/runStartTracker.ts)', () => {
  it('a load that fitted gives the next new origin its start; a refused load, a rebuild or a reset give from scratch', () => {
    const t = new RunStartTracker();
    expect(t.originChanged()).toBeNull();
    t.loading(PRE);
    t.loaded(true);
    expect(t.originChanged()).toEqual(PRE);
    expect(t.originChanged()).toBeNull();
    t.loading(FILE);
    t.loaded(false);
    expect(t.originChanged()).toBeNull();
  });

  const snap = (origin: number, step = 0): Snapshot => ({
    type: 'snapshot',
    runId: 0,
    status: 'paused',
    step,
    epoch: 0,
    progress: 0,
    metrics: { trainLoss: 1, testLoss: 1, trainAcc: 0.5, testAcc: 0.5 },
    lab: 'points',
    probes: null,
    stepsPerSec: 0,
    learningRate: 0.03,
    bestEpoch: null,
    origin,
  });

  it('in the store: the rebuild before a load is fresh, the load’s own snapshot is pre-trained, training keeps it, a pin takes it, a reset drops it', () => {
    const store = createAppStore({ experiment: defaultExperiment() });
    const post = vi.fn<(msg: ToEngine) => void>();
    store.setState({ engine: { host: 'worker', post, dispose: vi.fn() } });
    const s = () => store.getState();
    s().loadWeights({ step: 0, examples: 0, tensors: [] }, PRE);
    expect(post.mock.calls.at(-1)?.[0]).toMatchObject({ type: 'loadWeights' });
    s().receive(snap(1));
    expect(s().runStart).toBeNull();
    s().receive({ type: 'weightsLoaded', runId: 0, ok: true, step: 0 });
    s().receive(snap(2));
    expect(s().runStart).toEqual(PRE);
    s().receive(snap(2, 5));
    expect(s().runStart).toEqual(PRE);
    expect(s().pin()).toBe(true);
    expect(s().pinned[0].start).toEqual(PRE);
    s().reset();
    s().receive(snap(3));
    expect(s().runStart).toBeNull();
    // Without a start named, loaded weights count as a saved file.
    s().loadWeights({ step: 0, examples: 0, tensors: [] });
    s().receive({ type: 'weightsLoaded', runId: 0, ok: true, step: 0 });
    s().receive(snap(4));
    expect(s().runStart).toEqual({ kind: 'file', name: '' });
  });
});
