import type { StateCreator } from 'zustand';
import { studentNetwork } from '../models/distillation';
import { isImageDataset, numClassesOf, type DatasetKind } from '../models/spec';
import type { TeacherPayload } from '../training/distill/teacherTypes';
import type { AppState } from './types';

/**
 * Knowledge distillation's teacher on the page (issue 16). Like the learner's table it is not in
 * the Experiment: its weights are far too big for a link. The engine bridge sends it to the engine
 * before every run (`teacher` message) and whenever it changes; the engine keeps it while the
 * learner builds and trains the student. It lasts as long as the page.
 */
export interface DistillTeacher {
  payload: TeacherPayload;
  /** What it was trained on, its step and size, for the tab to show. */
  dataset: DatasetKind;
  classes: number;
  step: number;
  params: number;
}

export interface DistillSlice {
  distillTeacher: DistillTeacher | null;
  /** 'capturing' while the engine sends the weights; 'failed' when it sent none (nothing built). */
  distillCapture: 'idle' | 'capturing' | 'failed';
  /** Keep the current network and its trained weights as the teacher. */
  captureTeacher(): Promise<boolean>;
  dropTeacher(): void;
  /** Put a small student (an MLP with `units` hidden units) in place of the network, for the same images. */
  buildStudent(units?: number): void;
}

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
