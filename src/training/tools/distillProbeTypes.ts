import type { TeacherMisfit } from '../distill/teacherTypes';

/**
 * The `distillProbe` tool's wire types: the teacher's and the student's probabilities for the probe
 * image (a test example by index, or the learner's drawing), hard (T = 1) and softened at T.
 */
export interface DistillProbeRequest {
  tool: 'distillProbe';
  /** The test example to look at … */
  index?: number;
  /** … or these pixels (the drawing, as the network takes it). */
  pixels?: Float32Array;
  /** The temperature to soften at (default: the training setting's). */
  temperature?: number;
}

/** One network's view of the probe image. */
export interface DistillProbeView {
  /** softmax(logits): its ordinary probabilities. */
  hard: number[];
  /** softmax(logits / T). */
  soft: number[];
}

export interface DistillProbeResult {
  tool: 'distillProbe';
  /** Whether the engine has a teacher, and whether it can teach this network. */
  teacher: 'none' | 'misfit' | 'ready';
  misfit: TeacherMisfit | null;
  /** The temperature used. */
  temperature: number;
  /** The probe's true class (null for a drawing). */
  label: number | null;
  /** The teacher's view (null unless `teacher` is 'ready') and the student's. */
  teacherView: DistillProbeView | null;
  studentView: DistillProbeView | null;
  /** The teacher's accuracy on the first (up to) 500 test examples (null unless ready). */
  teacherAccuracy: number | null;
  step: number;
}
