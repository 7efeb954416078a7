import type { DatasetKind } from '../models/spec';
import type { TeacherPayload } from '../training/distill/teacherTypes';
import type { TeacherSource } from '../models/teacherFile';

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
  /** Where it came from (models/teacherFile.ts); absent: the network trained on this page. */
  source?: TeacherSource;
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
