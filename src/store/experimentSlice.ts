import type { StateCreator } from 'zustand';
import { defaultExperiment } from '../models/defaults';
import { applyChange } from '../models/edits';
import type { Experiment } from '../models/spec';
import type { AppState, ExperimentSlice } from './types';

const MAX_UNDO = 100;

export const createExperimentSlice =
  (initial: Experiment = defaultExperiment()): StateCreator<AppState, [], [], ExperimentSlice> =>
  (set, get) => ({
    experiment: initial,
    past: [],
    future: [],
    apply: (change) => {
      const prev = get().experiment;
      const next = applyChange(prev, change);
      if (next === prev || JSON.stringify(next) === JSON.stringify(prev)) return;
      const run = get().runs[get().activeRunId];
      // A hyperparameter changed mid-run: mark the chart where it happened.
      const markers =
        run && run.step > 0 && JSON.stringify(prev.training) !== JSON.stringify(next.training) && change.type === 'training'
          ? { runs: { ...get().runs, [run.id]: { ...run, markers: [...run.markers, run.history[run.history.length - 1]?.epoch ?? run.epoch] } } }
          : {};
      set({ experiment: next, past: [...get().past, prev].slice(-MAX_UNDO), future: [], ...markers });
    },
    undo: () => {
      const { past, experiment, future } = get();
      if (!past.length) return;
      set({ experiment: past[past.length - 1], past: past.slice(0, -1), future: [experiment, ...future] });
    },
    redo: () => {
      const { past, experiment, future } = get();
      if (!future.length) return;
      set({ experiment: future[0], past: [...past, experiment], future: future.slice(1) });
    },
  });
