import type { StateCreator } from 'zustand';
import { downsampleHistory, MAX_PIN_LABEL, MAX_PINNED, PIN_SLOTS, type PinnedRun } from '../models/pinnedRuns';
import type { AppState, PinnedSlice } from './types';

/** A short id, unique among the pinned runs. */
function freshId(runs: readonly PinnedRun[]): string {
  const taken = new Set(runs.map((r) => r.id));
  for (let i = 1; ; i++) if (!taken.has(`run${i}`)) return `run${i}`;
}

/**
 * Pinned runs (models/pinnedRuns.ts): the current run's curves kept beside the next runs, with the
 * Experiment they were trained with. "Same start" puts the seed of the latest pinned run back and
 * resets the run to step 0, so the next run starts from the same initial weights and data.
 */
export const createPinnedSlice =
  (initial: PinnedRun[] = []): StateCreator<AppState, [], [], PinnedSlice> =>
  (set, get) => ({
    pinned: initial,
    pin: () => {
      const s = get();
      const run = s.runs[s.activeRunId];
      if (!run || run.history.length === 0 || s.pinned.length >= MAX_PINNED) return false;
      const used = new Set(s.pinned.map((r) => r.slot));
      const slot = Array.from({ length: PIN_SLOTS }, (_, i) => i).find((i) => !used.has(i)) ?? 0;
      const pinnedRun: PinnedRun = {
        id: freshId(s.pinned),
        label: '',
        slot,
        experiment: s.experiment,
        points: downsampleHistory(run.history),
        step: run.step,
        epoch: run.epoch,
        start: s.runStart,
      };
      set({ pinned: [...s.pinned, pinnedRun] });
      return true;
    },
    unpin: (id) => set((s) => ({ pinned: s.pinned.filter((r) => r.id !== id) })),
    renamePinned: (id, label) =>
      set((s) => ({ pinned: s.pinned.map((r) => (r.id === id ? { ...r, label: label.slice(0, MAX_PIN_LABEL) } : r)) })),
    clearPinned: () => set({ pinned: [] }),
    setPinned: (runs) => set({ pinned: runs.slice(0, MAX_PINNED) }),
    sameStart: () => {
      const s = get();
      const last = s.pinned[s.pinned.length - 1];
      // The seed decides the initial weights and the data: the pinned run's, whatever the learner did since.
      if (last && last.experiment.seed !== s.experiment.seed) s.apply({ type: 'seed', seed: last.experiment.seed });
      get().reset();
    },
    openPinned: (id) => {
      const run = get().pinned.find((r) => r.id === id);
      if (run) get().apply({ type: 'replace', experiment: run.experiment });
    },
  });
