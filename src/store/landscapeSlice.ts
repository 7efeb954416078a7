import type { StateCreator } from 'zustand';
import { modalityOf } from '../models/spec';
import type { LabKind } from '../training/protocol';
import type { AppState, LandscapeSlice, LossSliceState } from './types';

/**
 * The loss slice of the learner's network, for the optimizer race's "your network" surface: asked
 * of the engine on request (never live), kept here with the step it was taken at.
 */

/**
 * The grid and the training rows asked for, per lab: 3:2 like the race's map, odd so the current
 * weights sit on a node. Image and sequence networks cost far more per forward pass (measured in
 * headless Chromium on the CPU backend: LeNet-5 on 128 images, 23 × 15 cells, took 56 s), so they
 * get coarser grids on fewer rows.
 */
export const SLICE_GRID: Record<LabKind, { cols: number; rows: number; spanX: number; spanY: number; examples: number }> = {
  points: { cols: 45, rows: 31, spanX: 1.5, spanY: 1, examples: 256 },
  sequences: { cols: 15, rows: 11, spanX: 1.5, spanY: 1, examples: 32 },
  images: { cols: 15, rows: 11, spanX: 1.5, spanY: 1, examples: 32 },
  ratings: { cols: 45, rows: 31, spanX: 1.5, spanY: 1, examples: 256 },
};

/** An engine that says nothing about a request this long (stopped, replaced) leaves it failed. */
const SLICE_TIMEOUT_MS = 60_000;

export const IDLE_SLICE: LossSliceState = { status: 'idle', requestId: 0, progress: 0, data: null, error: null };

export const createLandscapeSlice: StateCreator<AppState, [], [], LandscapeSlice> = (set, get) => {
  let nextRequest = 1;
  let heard = 0;
  const patch = (p: Partial<LossSliceState>) => set((s) => ({ lossSlice: { ...s.lossSlice, ...p } }));
  /** Fail request `requestId` if the engine says nothing about it for SLICE_TIMEOUT_MS (checked again after each word). */
  const watch = (requestId: number) => {
    heard = Date.now();
    setTimeout(() => {
      const s = get().lossSlice;
      if (s.requestId !== requestId || s.status !== 'computing') return;
      if (Date.now() - heard >= SLICE_TIMEOUT_MS) patch({ status: 'error', error: 'failed' });
      else watch(requestId);
    }, SLICE_TIMEOUT_MS);
  };
  return {
    lossSlice: IDLE_SLICE,
    takeLossSlice: () => {
      const { engine, activeRunId, experiment, lossSlice } = get();
      if (lossSlice.status === 'computing') return;
      const requestId = nextRequest++;
      if (!engine) return patch({ status: 'error', requestId, error: 'notBuilt', progress: 0 });
      patch({ status: 'computing', requestId, progress: 0, error: null });
      engine.post({ type: 'lossSlice', runId: activeRunId, requestId, ...SLICE_GRID[modalityOf(experiment.dataset.kind)] });
      watch(requestId);
    },
    receiveLossSlice: (msg) => {
      if (msg.requestId !== get().lossSlice.requestId) return; // an older request's answer
      heard = Date.now();
      if (msg.type === 'lossSliceProgress') return patch({ progress: msg.done / Math.max(1, msg.total) });
      if (msg.slice) patch({ status: 'ready', data: msg.slice, error: null, progress: 1 });
      else patch({ status: 'error', error: msg.error ?? 'failed', progress: 0 });
    },
  };
};
