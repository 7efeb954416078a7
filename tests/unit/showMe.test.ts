import { describe, expect, it, vi } from 'vitest';
import { perform, sampleOfClass, showMe, waitForStore } from '../../src/lessons/showMe';
import { createAppStore } from '../../src/store/createAppStore';
import { emptyRun } from '../../src/store/runSlice';
import type { ToEngine } from '../../src/training/protocol';

function withEngine() {
  const store = createAppStore();
  const post = vi.fn<(msg: ToEngine) => void>();
  store.setState({ engine: { host: 'worker', post, dispose: vi.fn() } });
  return { store, posted: () => post.mock.calls.map((c) => c[0].type) };
}

function withImages(store: ReturnType<typeof createAppStore>, labels: number[]) {
  const side = 2;
  const samples = Float32Array.from(labels.flatMap((l) => [l, l, l, l]));
  const id = store.getState().activeRunId;
  store.setState({ runs: { [id]: { ...emptyRun(id), part: { lab: 'images', images: null, testReport: null, dataInfo: { side, samples, labels, nTrain: 1, nTest: labels.length } } } } });
}

describe('Show me', () => {
  it('performs edits, runs, tabs, backend and view through the store', async () => {
    const { store, posted } = withEngine();
    await showMe(store, [
      { change: { type: 'training', patch: { learningRate: 0.1 } } },
      { template: 'lenet5' },
      { run: 'play' },
      { run: 'pause' },
      { tab: 'graph' },
      { backend: 'cpu' },
      { view: { showTestData: true } },
    ]);
    const s = store.getState();
    expect(s.experiment.dataset.kind).toBe('mnist');
    expect(s.past).toHaveLength(2);
    expect(s.past[1].training.learningRate).toBe(0.1);
    expect(posted()).toEqual(expect.arrayContaining(['play', 'pause']));
    expect(s.editorTab).toBe('graph');
    expect(s.backendPref).toBe('cpu');
    expect(s.view.showTestData).toBe(true);
  });

  it('draws the first test image of a class, copied', async () => {
    const { store } = withEngine();
    withImages(store, [3, 7, 7]);
    expect(sampleOfClass(store.getState(), 9)).toBe(null);
    await perform(store, { draw: 7 });
    const drawing = store.getState().drawing!;
    expect(Array.from(drawing)).toEqual([7, 7, 7, 7]);
    drawing[0] = 0;
    expect(sampleOfClass(store.getState(), 7)![0]).toBe(7);
  });

  it('waits for the image samples to arrive before drawing', async () => {
    const { store } = withEngine();
    const drawn = perform(store, { draw: 3 });
    withImages(store, [3]);
    await drawn;
    expect(store.getState().drawing).not.toBe(null);
  });

  it('asks the engine to generate with the Experiment\'s seed', async () => {
    const { store } = withEngine();
    const generate = vi.spyOn(store.getState(), 'generate');
    await perform(store, { generate: { prompt: 'Al', length: 20, temperature: 0.8, topK: 5 } });
    expect(generate).toHaveBeenCalledWith({ prompt: 'Al', length: 20, temperature: 0.8, topK: 5, seed: store.getState().experiment.seed });
  });

  it('gives up waiting after the timeout', async () => {
    const { store } = withEngine();
    expect(await waitForStore(store, () => false, 20)).toBe(false);
    expect(await waitForStore(store, () => true, 20)).toBe(true);
  });
});
