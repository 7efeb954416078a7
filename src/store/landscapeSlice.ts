import type { StateCreator } from 'zustand';
import { modalityOf } from '../models/spec';
import type { LabKind } from '../training/protocol';
import type { AppState, LandscapeSlice, LossSliceState } from './types';

/**
 * The loss slice of the learner's network, for the optimizer race's "your network" surface: asked
 * of the engine on request (never live), kept here with the step it was taken at.
 */

/** The grid asked for, per lab (3:2 like the race's map; odd so the current weights sit on a node). */
export const SLICE_GRID: Record<LabKind, { cols: number; rows: number; spanX: number; spanY: number }> = {
  points: { cols: 45, rows: 31, spanX: 1.5, spanY: 1 },
  sequences: { cols: 31, rows: 21, spanX: 1.5, spanY: 1 },
  images: { cols: 23, rows: 15, spanX: 1.5, spanY: 1 },
};

/** An engine that never answers (stopped, replaced) leaves the request failed after this long. */
const SLICE_TIMEOUT_MS = 120_000;

export const IDLE_SLICE: LossSliceState = { status: 'idle', requestId: 0, progress: 0, data: null, error: null };

export const createLandscapeSlice: StateCreator<AppState, [], [], LandscapeSlice> = (set, get) => {
  let nextRequest = 1;
  const patch = (p: Partial<LossSliceState>) => set((s) => ({ lossSlice: { ...s.lossSlice, ...p } }));
  return {
    lossSlice: IDLE_SLICE,
    takeLossSlice: () => {
      const { engine, activeRunId, experiment, lossSlice } = get();
      if (lossSlice.status === 'computing') return;
      const requestId = nextRequest++;
      if (!engine) return patch({ status: 'error', requestId, error: 'notBuilt', progress: 0 });
      patch({ status: 'computing', requestId, progress: 0, error: null });
      engine.post({ type: 'lossSlice', runId: activeRunId, requestId, ...SLICE_GRID[modalityOf(experiment.dataset.kind)] });
      setTimeout(() => {
        const s = get().lossSlice;
        if (s.requestId === requestId && s.status === 'computing') patch({ status: 'error', error: 'failed' });
      }, SLICE_TIMEOUT_MS);
    },
    receiveLossSlice: (msg) => {
      if (msg.requestId !== get().lossSlice.requestId) return; // an older request's answer
      if (msg.type === 'lossSliceProgress') return patch({ progress: msg.done / Math.max(1, msg.total) });
      if (msg.slice) patch({ status: 'ready', data: msg.slice, error: null, progress: 1 });
      else patch({ status: 'error', error: msg.error ?? 'failed', progress: 0 });
    },
  };
};
