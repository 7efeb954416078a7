import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/store/createAppStore';
import { SLICE_GRID } from '../../src/store/landscapeSlice';
import type { LossSliceData, ToEngine } from '../../src/training/protocol';

const grid = (step: number): LossSliceData => ({ values: new Float32Array(25), cols: 5, rows: 5, spanX: 1, spanY: 1, centerLoss: 0.5, examples: 10, step, ms: 3 });

describe('the store’s loss slice', () => {
  it('asks the engine once while one is computed, takes only the latest request’s answer, and keeps the last slice after a refusal', () => {
    const store = createAppStore();
    const post = vi.fn<(m: ToEngine) => void>();
    store.setState({ engine: { host: 'worker', post, dispose: () => {} } });
    store.getState().takeLossSlice();
    store.getState().takeLossSlice(); // ignored: one is being computed
    expect(post).toHaveBeenCalledTimes(1);
    const asked = post.mock.calls[0][0] as Extract<ToEngine, { type: 'lossSlice' }>;
    expect(asked).toMatchObject({ type: 'lossSlice', ...SLICE_GRID.points });
    const receive = store.getState().receive;
    receive({ type: 'lossSlice', runId: 0, requestId: asked.requestId + 7, slice: grid(9) });
    expect(store.getState().lossSlice.status).toBe('computing');
    receive({ type: 'lossSliceProgress', runId: 0, requestId: asked.requestId, done: 2, total: 5 });
    expect(store.getState().lossSlice.progress).toBeCloseTo(0.4);
    receive({ type: 'lossSlice', runId: 0, requestId: asked.requestId, slice: grid(4) });
    expect(store.getState().lossSlice).toMatchObject({ status: 'ready', error: null });
    expect(store.getState().lossSlice.data?.step).toBe(4);

    store.getState().takeLossSlice();
    const again = post.mock.calls[1][0] as Extract<ToEngine, { type: 'lossSlice' }>;
    receive({ type: 'lossSlice', runId: 0, requestId: again.requestId, slice: null, error: 'changed' });
    expect(store.getState().lossSlice).toMatchObject({ status: 'error', error: 'changed' });
    expect(store.getState().lossSlice.data?.step).toBe(4);
  });

  it('without an engine says there is no network; a silent engine fails the request after a minute', () => {
    vi.useFakeTimers();
    try {
      const store = createAppStore();
      store.getState().takeLossSlice();
      expect(store.getState().lossSlice).toMatchObject({ status: 'error', error: 'notBuilt' });
      store.setState({ engine: { host: 'worker', post: () => {}, dispose: () => {} } });
      store.getState().takeLossSlice();
      vi.advanceTimersByTime(59_000);
      expect(store.getState().lossSlice.status).toBe('computing');
      vi.advanceTimersByTime(2_000);
      expect(store.getState().lossSlice).toMatchObject({ status: 'error', error: 'failed' });
    } finally {
      vi.useRealTimers();
    }
  });
});
