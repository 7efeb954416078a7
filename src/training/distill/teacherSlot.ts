import type * as tfjs from '@tensorflow/tfjs';
import type { ModelRuntime } from '../runtime';
import { DistillHook, DISTILL_HOOK } from './distillHook';
import { Teacher } from './teacher';
import type { TeacherMisfit, TeacherPayload } from './teacherTypes';

/**
 * The run session's teacher: built when the page sends one, kept while the student is rebuilt
 * (the learner builds the student after choosing the teacher), handed to each runtime as the
 * `distillation` step hook. A teacher that cannot be built is kept as its reason, so the tools
 * panel can say why.
 */
export class TeacherSlot {
  private teacher: Teacher | null = null;
  private failure: TeacherMisfit | null = null;
  /** What the teacher was built from, and on which backend (rebuilt when a run moves to another). */
  private payload: TeacherPayload | null = null;
  private backend = '';

  /** Replace the teacher (null: none) and hand it to `rt`, if any. */
  set(tf: typeof tfjs, payload: TeacherPayload | null, rt: ModelRuntime | null): void {
    rt?.setStepHook(DISTILL_HOOK, null);
    this.teacher?.dispose();
    this.teacher = null;
    this.failure = null;
    this.payload = payload;
    this.build(tf);
    if (rt) this.attach(tf, rt);
  }

  private build(tf: typeof tfjs): void {
    if (!this.payload) return;
    this.backend = tf.getBackend();
    const made = Teacher.create(tf, this.payload);
    if (typeof made === 'string') this.failure = made;
    else this.teacher = made;
  }

  /** Give a freshly built runtime the teacher's hook (or none). */
  attach(tf: typeof tfjs, rt: ModelRuntime): void {
    // The student was built on another backend (auto moved a small MLP to the CPU, or WebGL was
    // lost): build the teacher there too rather than read weights from a backend that may be gone.
    if (this.teacher && tf.getBackend() !== this.backend) {
      try {
        this.teacher.dispose();
      } catch {
        // Its backend is gone (a lost WebGL context): nothing left to free.
      }
      this.teacher = null;
      this.build(tf);
    }
    rt.setStepHook(DISTILL_HOOK, this.teacher || this.failure ? new DistillHook(tf, rt, this.teacher, this.failure) : null);
  }
}
