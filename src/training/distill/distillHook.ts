import type * as tfjs from '@tensorflow/tfjs';
import { distillationOf } from '../../models/distillation';
import type { ModelRuntime } from '../runtime';
import type { StepHook } from '../tools/stepHooks';
import { distillationLoss, logitsOf } from './distillLoss';
import type { Teacher } from './teacher';
import type { TeacherMisfit } from './teacherTypes';

/** The step hook's name on the runtime. */
export const DISTILL_HOOK = 'distillation';

/**
 * Knowledge distillation as a step hook: while the training setting `distillation.enabled` is on,
 * the step's loss becomes α·CE + (1 − α)·T²·KL(teacher_T ‖ student_T), the teacher's logits taken
 * on the same (augmented) batch inside the step. The hook is set whenever the session has a
 * teacher, so that the tools panel can read the teacher through it; a teacher that does not fit
 * the data (`misfit`) changes nothing. The setting is read at every step, so T and α move live.
 * The teacher belongs to the session: disposing the hook leaves it alone.
 */
export class DistillHook implements StepHook {
  readonly survivesReset = true;
  readonly misfit: TeacherMisfit | null;

  constructor(
    private readonly tf: typeof tfjs,
    private readonly rt: ModelRuntime,
    /** Null when the page's teacher could not be built (`failure` says why). */
    readonly teacher: Teacher | null,
    failure: TeacherMisfit | null,
  ) {
    this.misfit = teacher ? teacher.misfit(rt.data) : (failure ?? 'distill.misfit.build');
  }

  /** Does the teacher shape this run's training now? */
  get active(): boolean {
    return this.misfit === null && distillationOf(this.rt.trainingConfig).enabled;
  }

  objective(output: tfjs.Tensor, y: tfjs.Tensor, loss: tfjs.Scalar, x: tfjs.Tensor): tfjs.Scalar {
    if (!this.active || !this.teacher) return loss;
    const { temperature, alpha } = distillationOf(this.rt.trainingConfig);
    const teacherLogits = this.teacher.logits(x, this.rt.data);
    return distillationLoss(this.tf, logitsOf(this.tf, output, this.rt.outputSpec), teacherLogits, y, temperature, alpha);
  }
}
