import type { NetworkSpec } from '../../models/spec';
import type { SavedWeights } from '../../models/weightsFile';

/**
 * A teacher for knowledge distillation as it travels to the engine (message `teacher`): the
 * network it was built from and every one of its weights, in the model's order (as a saved file
 * keeps them). It lives on the page (store/distillSlice.ts), never in the Experiment.
 */
export interface TeacherPayload {
  network: NetworkSpec;
  tensors: SavedWeights['tensors'];
}

/** Why the engine's teacher cannot teach the network being trained (i18n keys). */
export type TeacherMisfit = 'distill.misfit.task' | 'distill.misfit.input' | 'distill.misfit.classes' | 'distill.misfit.weights' | 'distill.misfit.build';
