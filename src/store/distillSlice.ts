import type { StateCreator } from 'zustand';
import { studentNetwork } from '../models/studentNetwork';
import { isImageDataset, numClassesOf } from '../models/spec';
import type { AppState } from './types';
import type { DistillSlice } from './distillTypes';

export const createDistillSlice: StateCreator<AppState, [], [], DistillSlice> = (set, get) => ({
  distillTeacher: null,
  distillCapture: 'idle',
  captureTeacher: async () => {
    const exp = get().experiment;
    set({ distillCapture: 'capturing' });
    const weights = await get().saveWeights();
    if (!weights) {
      set({ distillCapture: 'failed' });
      return false;
    }
    const params = weights.tensors.reduce((a, t) => a + t.values.length, 0);
    set({
      distillCapture: 'idle',
      distillTeacher: { payload: { network: exp.network, tensors: weights.tensors }, dataset: exp.dataset.kind, classes: numClassesOf(exp.dataset), step: weights.step, params },
    });
    return true;
  },
  dropTeacher: () => set({ distillTeacher: null }),
  buildStudent: (units = 16) => {
    const exp = get().experiment;
    if (!isImageDataset(exp.dataset.kind)) return;
    get().apply({ type: 'replace', experiment: { ...exp, network: studentNetwork([28, 28, 1], numClassesOf(exp.dataset), units) } });
    // The teacher's step count and curves mean nothing for the student (a lesson's check reads them).
    get().clearViews();
  },
});
