import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, decodeLink, encodeLink } from '../../src/models/codec';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { createAppStore } from '../../src/store/createAppStore';
import { loadStartup, PREFS_KEY, saveWork, shareUrl, WORK_KEY, type KeyValueStorage } from '../../src/store/persistence';
import { emptyRun } from '../../src/store/runSlice';
import { selectActiveRun, selectDataInfo, selectGenerated, selectGenerating, selectHistory, selectProbes, selectSeqInfo, selectSequences, selectStatus, selectTestReport } from '../../src/store/selectors';
import type { Metrics, Snapshot, ToEngine } from '../../src/training/protocol';

const metrics = (loss: number): Metrics => ({ trainLoss: loss, testLoss: loss + 0.1, trainAcc: 0.5, testAcc: 0.4 });
/** A points-lab snapshot. */
const snap = (runId: number, step: number, extra: Partial<Omit<Extract<Snapshot, { lab: 'points' }>, 'lab'>> = {}): Snapshot => ({
  type: 'snapshot',
  runId,
  status: 'running',
  step,
  epoch: Math.floor(step / 25),
  progress: step / 25,
  metrics: metrics(1 / (1 + step)),
  lab: 'points',
  probes: null,
  stepsPerSec: 100,
  learningRate: 0.03,
  bestEpoch: null,
  origin: 1,
  ...extra,
});

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => (k in data ? data[k] : null),
    setItem: (k, v) => {
      data[k] = v;
    },
  };
}

describe('experiment history', () => {
  it('apply, undo and redo move between experiments', () => {
    const store = createAppStore();
    const s = () => store.getState();
    const e0 = s().experiment;
    s().apply({ type: 'addLayer' });
    const e1 = s().experiment;
    s().apply({ type: 'setUnits', index: 0, units: 7 });
    const e2 = s().experiment;
    expect(s().past).toEqual([e0, e1]);
    expect(s().future).toEqual([]);
    s().undo();
    expect(s().experiment).toBe(e1);
    expect(s().future).toEqual([e2]);
    s().undo();
    expect(s().experiment).toBe(e0);
    expect(s().past).toEqual([]);
    s().undo(); // nothing more to undo
    expect(s().experiment).toBe(e0);
    s().redo();
    expect(s().experiment).toBe(e1);
    expect(s().past).toEqual([e0]);
    expect(s().future).toEqual([e2]);
    // A new edit after undo drops the redo branch.
    s().apply({ type: 'seed', seed: 5 });
    expect(s().future).toEqual([]);
    expect(s().past).toEqual([e0, e1]);
    s().redo();
    expect(s().experiment.seed).toBe(5);
  });

  it('identical or no-op changes add no history', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().apply({ type: 'seed', seed: s().experiment.seed });
    s().apply({ type: 'setUnits', index: 0, units: 4 });
    s().apply({ type: 'setUnits', index: 9, units: 4 });
    s().apply({ type: 'replace', experiment: defaultExperiment() });
    s().apply({ type: 'toggleFeature', feature: 'x1' });
    expect(s().past).toHaveLength(1);
    s().apply({ type: 'toggleFeature', feature: 'x2' }); // the last feature stays
    expect(s().past).toHaveLength(1);
  });

  it('keeps at most 100 undo steps', () => {
    const store = createAppStore();
    for (let i = 1; i <= 120; i++) store.getState().apply({ type: 'seed', seed: i });
    expect(store.getState().past).toHaveLength(100);
    expect(store.getState().past[0].seed).toBe(20);
  });

  it('starts from an initial experiment, view and hide', () => {
    const experiment = applyChange(defaultExperiment(), { type: 'seed', seed: 77 });
    const store = createAppStore({ experiment, view: { showTestData: true, discretize: false, probeIndex: 0, mapScale: 'layer', speed: 0, palette: 'standard' }, hide: ['step'], locale: 'zh-CN', backendPref: 'cpu' });
    const s = store.getState();
    expect(s.experiment).toBe(experiment);
    expect(s.view).toEqual({ showTestData: true, discretize: false, probeIndex: 0, mapScale: 'layer', speed: 0, palette: 'standard' });
    expect(s.hide).toEqual(['step']);
    expect(s.locale).toBe('zh-CN');
    expect(s.backendPref).toBe('cpu');
    s.setView({ discretize: true });
    expect(store.getState().view).toEqual({ showTestData: true, discretize: true, probeIndex: 0, mapScale: 'layer', speed: 0, palette: 'standard' });
  });

  it('a training change during a run adds a chart marker at the last point', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().startRun(1);
    s().apply({ type: 'training', patch: { learningRate: 0.1 } }); // step 0: no marker
    expect(selectActiveRun(s()).markers).toEqual([]);
    s().receive(snap(1, 50));
    s().receive(snap(1, 75));
    s().apply({ type: 'training', patch: { learningRate: 0.3 } });
    expect(selectActiveRun(s()).markers).toEqual([3]);
    s().apply({ type: 'addLayer' }); // not a training change
    s().apply({ type: 'training', patch: { learningRate: 0.3 } }); // no change at all
    expect(selectActiveRun(s()).markers).toEqual([3]);
    // A dataset switch changes the loss, but it is not a hyperparameter edit.
    s().apply({ type: 'dataset', patch: { kind: 'blobs' } });
    expect(selectActiveRun(s()).markers).toEqual([3]);
  });
});

describe('run slice', () => {
  it('ready sets backend, host and note', () => {
    const store = createAppStore();
    store.getState().startRun(3);
    store.getState().receive({ type: 'ready', runId: 3, backend: 'cpu', host: 'worker', note: 'autoCpu', webglAvailable: false });
    expect(selectActiveRun(store.getState())).toMatchObject({ id: 3, backend: 'cpu', host: 'worker', backendNote: 'autoCpu', status: 'idle' });
  });

  it('ignores messages for runs it does not have', () => {
    const store = createAppStore();
    store.getState().startRun(2);
    const before = store.getState().runs;
    store.getState().receive(snap(1, 10));
    store.getState().receive({ type: 'error', runId: 7, key: 'engine.crashed' });
    expect(store.getState().runs).toBe(before);
  });

  it('startRun replaces the previous run', () => {
    const store = createAppStore();
    store.getState().startRun(1);
    store.getState().receive(snap(1, 10));
    store.getState().startRun(2);
    expect(store.getState().activeRunId).toBe(2);
    expect(Object.keys(store.getState().runs)).toEqual(['2']);
    expect(selectActiveRun(store.getState())).toEqual(emptyRun(2));
  });

  it('snapshots update status, step, metrics, probes and history', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().startRun(1);
    s().receive(snap(1, 0, { status: 'paused' }));
    s().receive(snap(1, 10));
    const probes = { gridSize: 1, boundary: new Float32Array(1), neuronGridSize: 1, neurons: [], weights: [] };
    s().receive(snap(1, 20, { probes }));
    s().receive(snap(1, 30, { probes: null, stepsPerSec: 0 }));
    const run = selectActiveRun(s());
    expect(run).toMatchObject({ status: 'running', step: 30, epoch: 1, latest: metrics(1 / 31), stepsPerSec: 100 });
    expect(selectProbes(s())).toBe(probes); // a snapshot without probes keeps the last ones
    expect(selectHistory(s()).map((p) => p.step)).toEqual([0, 10, 20, 30]);
    expect(selectHistory(s())[1]).toEqual({ ...metrics(1 / 11), epoch: 10 / 25, step: 10 });
    expect(selectStatus(s())).toBe('running');
  });

  it('does not add a point twice for the same step, nor for NaN-only metrics', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().startRun(1);
    s().receive(snap(1, 10));
    s().receive(snap(1, 10, { status: 'paused' }));
    s().receive(snap(1, 11, { metrics: { trainLoss: Number.NaN, testLoss: Number.NaN, trainAcc: null, testAcc: null } }));
    expect(selectHistory(s()).map((p) => p.step)).toEqual([10]);
    expect(selectActiveRun(s()).step).toBe(11);
  });

  it('a snapshot with a lower step restarts the history and the markers', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().startRun(1);
    for (const step of [5, 10, 15]) s().receive(snap(1, step));
    s().apply({ type: 'training', patch: { learningRate: 0.2 } });
    expect(selectActiveRun(s()).markers).toHaveLength(1);
    s().receive(snap(1, 0, { status: 'paused' }));
    expect(selectHistory(s()).map((p) => p.step)).toEqual([0]);
    expect(selectActiveRun(s()).markers).toEqual([]);
    s().receive(snap(1, 4));
    s().receive(snap(1, 2)); // lower again, but not zero
    expect(selectHistory(s()).map((p) => p.step)).toEqual([2]);
  });

  it('new weights at the same step (a rebuild from step 0 to step 0) start the curve afresh', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().startRun(1);
    s().receive(snap(1, 0, { status: 'paused', metrics: metrics(1.3) }));
    // Another task built (say circle → a character model): step 0 again, but a new origin.
    s().receive(snap(1, 0, { status: 'paused', metrics: metrics(6.3), origin: 2 }));
    expect(selectHistory(s()).map((p) => p.trainLoss)).toEqual([6.3]);
    s().receive(snap(1, 5, { origin: 2 }));
    expect(selectHistory(s()).map((p) => p.step)).toEqual([0, 5]);
  });

  it('thins the history beyond 4000 points, keeping the first and the latest', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().startRun(1);
    for (let step = 1; step <= 4000; step++) s().receive(snap(1, step));
    expect(selectHistory(s())).toHaveLength(4000);
    s().receive(snap(1, 4001));
    const h = selectHistory(s());
    expect(h.length).toBeLessThanOrEqual(2001);
    expect(h.length).toBeGreaterThan(1000);
    expect(h[0].step).toBe(1);
    expect(h[h.length - 1].step).toBe(4001);
    for (let i = 1; i < h.length; i++) expect(h[i].step).toBeGreaterThan(h[i - 1].step);
    // It keeps growing and stays bounded.
    for (let step = 4002; step <= 12000; step++) s().receive(snap(1, step));
    const later = selectHistory(s());
    expect(later.length).toBeLessThanOrEqual(4000);
    expect(later[later.length - 1].step).toBe(12000);
  });

  it('diverged and error set the status and a problem that the next snapshot keeps', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().startRun(1);
    s().receive(snap(1, 40));
    s().receive(snap(1, 41, { status: 'diverged', metrics: { trainLoss: Number.NaN, testLoss: Number.NaN, trainAcc: null, testAcc: null } }));
    s().receive({ type: 'diverged', runId: 1, step: 41, epoch: 1, which: 'train' });
    expect(selectActiveRun(s())).toMatchObject({ status: 'diverged', problem: { kind: 'warning', key: 'run.diverged', vars: { epoch: 1, step: 41 } } });
    s().receive(snap(1, 41, { status: 'diverged' }));
    expect(selectActiveRun(s()).problem?.key).toBe('run.diverged');
    // A normal snapshot (after reset) clears the problem.
    s().receive(snap(1, 0, { status: 'paused' }));
    expect(selectActiveRun(s())).toMatchObject({ status: 'paused', problem: null });

    s().receive({ type: 'error', runId: 1, key: 'err.output.units', vars: { units: 2, want: 1 }, detail: 'x' });
    expect(selectActiveRun(s())).toMatchObject({
      status: 'error',
      problem: { kind: 'error', key: 'err.output.units', vars: { units: 2, want: 1 }, detail: 'x' },
    });
    s().receive(snap(1, 0, { status: 'error' }));
    expect(selectActiveRun(s()).problem?.key).toBe('err.output.units');
  });

  it('each lab reads only its own part; a run that moves to another lab starts that part empty', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().startRun(1);
    const probes = { gridSize: 1, boundary: new Float32Array(1), neuronGridSize: 1, neurons: [], weights: [] };
    s().receive(snap(1, 5, { probes }));
    expect(selectProbes(s())).toBe(probes);
    // The dataset changed to images: the sample images come first, then image snapshots.
    s().receive({ type: 'dataInfo', runId: 1, side: 2, samples: new Float32Array(4), labels: [1], nTrain: 8, nTest: 2 });
    expect(selectProbes(s())).toBeNull();
    expect(selectDataInfo(s())).toMatchObject({ side: 2, nTrain: 8, nTest: 2 });
    const report = { step: 0, classes: 2, confusion: new Int32Array(4), correct: 1, total: 2, mistakes: [], mistakeImages: new Float32Array(0), side: 2 };
    const image = { lab: 'images', images: null, testReport: report } as const;
    s().receive({ ...snap(1, 0, { status: 'paused' }), ...image });
    expect(selectTestReport(s())).toBe(report);
    s().receive({ ...snap(1, 3), ...image, testReport: null });
    expect(selectTestReport(s())).toBe(report); // kept until the next pass
    expect(selectDataInfo(s())?.side).toBe(2);
    expect(selectSequences(s())).toBeNull();
    expect(selectGenerating(s())).toBe(false);
    // Back to points: nothing of the image part leaks into the points part, or back out.
    s().receive(snap(1, 0, { status: 'paused' }));
    expect(selectActiveRun(s()).part).toEqual({ lab: 'points', probes: null });
    expect(selectTestReport(s())).toBeNull();
  });

  it('generation state lives in the sequence part', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().startRun(1);
    s().receive({ type: 'seqInfo', runId: 1, layout: 'tokens', vocab: ['a'], inLen: 1, steps: 1, decoder: false, samples: new Float32Array(1), targets: new Float32Array(1), targetWidth: 1, count: 1, nTrain: 1, nTest: 1 });
    expect(selectSeqInfo(s())?.vocab).toEqual(['a']);
    s().generate({ prompt: 'a', length: 3, temperature: 1, topK: 0, seed: 1 });
    expect(selectGenerating(s())).toBe(true);
    s().receive({ type: 'generated', runId: 1, prompt: 'a', text: 'bcd', probs: [1, 1, 1] });
    expect(selectGenerating(s())).toBe(false);
    expect(selectGenerated(s())).toEqual({ prompt: 'a', text: 'bcd', probs: [1, 1, 1] });
    s().generate({ prompt: 'a', length: 3, temperature: 1, topK: 0, seed: 1 });
    s().receive({ type: 'error', runId: 1, key: 'engine.crashed' });
    expect(selectGenerating(s())).toBe(false);
  });

  it('posts commands to the engine with the active run id', () => {
    const store = createAppStore();
    const sent: ToEngine[] = [];
    store.setState({ engine: { host: 'worker', post: (m) => sent.push(m), dispose: () => {} } });
    store.getState().startRun(4);
    const s = store.getState();
    s.play();
    s.pause();
    s.step();
    s.reset();
    s.editWeight('h1', 0, 1, 0.5);
    s.editBias('h2', 1, -0.25);
    expect(sent).toEqual([
      { type: 'play', runId: 4 },
      { type: 'pause', runId: 4 },
      { type: 'step', runId: 4, steps: 1 },
      { type: 'reset', runId: 4 },
      { type: 'setWeight', runId: 4, layerId: 'h1', from: 0, to: 1, value: 0.5 },
      { type: 'setBias', runId: 4, layerId: 'h2', unit: 1, value: -0.25 },
    ]);
  });
});

describe('persistence', () => {
  const modified = () => applyChange(applyChange(defaultExperiment(), { type: 'addLayer' }), { type: 'seed', seed: 31 });
  const savedWork = () => encodeLink({ experiment: modified(), view: { showTestData: true, discretize: false, probeIndex: 0, mapScale: 'layer', speed: 0, palette: 'standard' }, hide: [] });

  it('starts from a valid link, hidden controls included', () => {
    const experiment = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'spiral' } });
    const hash = `#${encodeLink({ experiment, view: { showTestData: false, discretize: true, probeIndex: 0, mapScale: 'layer', speed: 0, palette: 'okabeIto' }, hide: ['layers'] })}`;
    const storage = memoryStorage({ [WORK_KEY]: savedWork(), [PREFS_KEY]: JSON.stringify({ locale: 'zh-CN', backendPref: 'webgl' }) });
    const { initial, notice } = loadStartup({ hash, storage, languages: ['en-US'] });
    expect(notice).toBeNull();
    expect(initial.experiment).toEqual(experiment);
    expect(initial.view).toEqual({ showTestData: false, discretize: true, probeIndex: 0, mapScale: 'layer', speed: 0, palette: 'okabeIto' });
    expect(initial.hide).toEqual(['layers']);
    expect(initial.locale).toBe('zh-CN');
    expect(initial.backendPref).toBe('webgl');
  });

  it('reports a malformed link and keeps the autosaved work', () => {
    const storage = memoryStorage({ [WORK_KEY]: savedWork() });
    const { initial, notice } = loadStartup({ hash: '#s=this-is-not-a-link', storage, languages: [] });
    expect(notice).toEqual({ kind: 'error', key: 'notice.badLink', cause: { key: 'codec.corruptLink' } });
    expect(initial.experiment).toEqual(modified());
    expect(initial.view).toEqual({ showTestData: true, discretize: false, probeIndex: 0, mapScale: 'layer', speed: 0, palette: 'standard' });
    expect(initial.hide).toBeUndefined();
  });

  it('reports a link from a newer version with its cause', () => {
    const hash = `#${encodeLink({ experiment: { ...defaultExperiment(), version: 2 as 1 }, view: DEFAULT_VIEW, hide: [] })}`;
    const { notice, initial } = loadStartup({ hash, storage: null, languages: [] });
    expect(notice).toEqual({ kind: 'error', key: 'notice.badLink', cause: { key: 'codec.newerVersion', vars: { version: 2 } } });
    expect(initial.experiment).toBeUndefined();
  });

  it('with nothing stored starts from defaults and the browser language', () => {
    const cases: [string[], string][] = [
      [['zh-TW'], 'zh-CN'],
      [['zh'], 'zh-CN'],
      [['fr'], 'en'],
      [['fr-FR', 'zh-CN'], 'zh-CN'],
      [['en-GB', 'zh-CN'], 'en'],
      [[], 'en'],
    ];
    for (const [languages, locale] of cases) {
      const { initial, notice } = loadStartup({ hash: '', storage: memoryStorage(), languages });
      expect(notice).toBeNull();
      expect(initial, languages.join()).toEqual({ locale, backendPref: 'auto' });
    }
    expect(loadStartup({ hash: '#other=1', storage: null, languages: ['fr'] })).toEqual({ initial: { locale: 'en', backendPref: 'auto' }, notice: null });
  });

  it('ignores corrupt autosaved work and corrupt preferences', () => {
    const storage = memoryStorage({ [WORK_KEY]: 's=garbage', [PREFS_KEY]: '{not json' });
    expect(loadStartup({ hash: '', storage, languages: ['zh-CN'] })).toEqual({ initial: { locale: 'zh-CN', backendPref: 'auto' }, notice: null });
    const badPrefs = memoryStorage({ [PREFS_KEY]: JSON.stringify({ locale: 'fr', backendPref: 'tpu' }) });
    expect(loadStartup({ hash: '', storage: badPrefs, languages: [] }).initial).toEqual({ locale: 'en', backendPref: 'auto' });
  });

  it('survives a storage whose getItem throws', () => {
    const storage: KeyValueStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {},
    };
    expect(loadStartup({ hash: '', storage, languages: ['zh'] })).toEqual({ initial: { locale: 'zh-CN', backendPref: 'auto' }, notice: null });
  });

  it('saveWork stores experiment, view and preferences but never hide', () => {
    const store = createAppStore({ experiment: modified(), view: { showTestData: true, discretize: true, probeIndex: 0, mapScale: 'layer', speed: 0, palette: 'standard' }, hide: ['dataset', 'step'], locale: 'zh-CN', chosenLocale: 'zh-CN', backendPref: 'cpu' });
    const storage = memoryStorage();
    saveWork(storage, store.getState());
    const work = decodeLink(storage.data[WORK_KEY]);
    expect(work.ok).toBe(true);
    if (!work.ok) return;
    expect(work.value).toEqual({ experiment: modified(), view: { showTestData: true, discretize: true, probeIndex: 0, mapScale: 'layer', speed: 0, palette: 'standard' }, hide: [] });
    expect(JSON.parse(storage.data[PREFS_KEY])).toEqual({ locale: 'zh-CN', backendPref: 'cpu' });
    // …and it comes back on the next visit, without the hidden controls.
    const next = loadStartup({ hash: '', storage, languages: [] }).initial;
    expect(next).toEqual({ experiment: modified(), view: { showTestData: true, discretize: true, probeIndex: 0, mapScale: 'layer', speed: 0, palette: 'standard' }, locale: 'zh-CN', chosenLocale: 'zh-CN', backendPref: 'cpu' });
  });

  it("a link's ?lang= holds for the visit but never overwrites the learner's own language", () => {
    const storage = memoryStorage({ [PREFS_KEY]: JSON.stringify({ locale: 'zh-CN', backendPref: 'auto' }) });
    const { initial } = loadStartup({ hash: '', search: '?lang=en', storage, languages: ['zh-CN'] });
    expect(initial.locale).toBe('en');
    const store = createAppStore(initial);
    saveWork(storage, store.getState());
    expect(JSON.parse(storage.data[PREFS_KEY]).locale).toBe('zh-CN');
    // The learner picks a language in the header: that one is kept.
    store.getState().setLocale('en');
    saveWork(storage, store.getState());
    expect(JSON.parse(storage.data[PREFS_KEY]).locale).toBe('en');
    // No preference yet and a link in Chinese: nothing is stored, the next visit follows the browser.
    const fresh = memoryStorage();
    saveWork(fresh, createAppStore(loadStartup({ hash: '', search: '?lang=zh-CN', storage: fresh, languages: ['en'] }).initial).getState());
    expect(JSON.parse(fresh.data[PREFS_KEY]).locale).toBeUndefined();
    expect(loadStartup({ hash: '', storage: fresh, languages: ['en'] }).initial.locale).toBe('en');
  });

  it('saveWork throws nothing when storage refuses to write', () => {
    const store = createAppStore();
    const storage: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    expect(saveWork(storage, store.getState())).toEqual({ ok: false, reason: 'quota' });
    expect(saveWork(null, store.getState())).toEqual({ ok: false, reason: 'blocked' });
    const blocked: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(saveWork(blocked, store.getState())).toEqual({ ok: false, reason: 'blocked' });
    // Firefox names a full quota differently; old WebKit only gives the legacy code.
    expect(saveWork({ getItem: () => null, setItem: () => { throw Object.assign(new Error('full'), { name: 'NS_ERROR_DOM_QUOTA_REACHED' }); } }, store.getState())).toEqual({ ok: false, reason: 'quota' });
    expect(saveWork({ getItem: () => null, setItem: () => { throw Object.assign(new Error('full'), { code: 22 }); } }, store.getState())).toEqual({ ok: false, reason: 'quota' });
  });

  it('shareUrl carries the hidden controls and replaces an existing fragment', () => {
    const store = createAppStore({ hide: ['reset'] });
    const url = shareUrl('https://x.test/app/#s=old', store.getState());
    expect(url.startsWith('https://x.test/app/#s=')).toBe(true);
    const back = decodeLink(url.split('#')[1]);
    expect(back.ok && back.value.hide).toEqual(['reset']);
    const clean = decodeLink(shareUrl('https://x.test/', store.getState(), []).split('#')[1]);
    expect(clean.ok && clean.value.hide).toEqual([]);
  });
});
