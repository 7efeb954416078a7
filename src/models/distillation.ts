/**
 * Knowledge distillation's training setting (Hinton et al. 2015): the student minimises
 * α·CE(y, student) + (1 − α)·T²·KL(teacher_T ‖ student_T), where `_T` is the softmax of the logits
 * divided by the temperature T. The setting is part of the Experiment (links reproduce it); the
 * teacher's weights are not (too big for a link): they live on the page (store/distillSlice.ts) and
 * reach the engine in a `teacher` message. With distillation on and no teacher there, the student
 * trains on plain cross-entropy and the tools panel says so.
 */
import { z } from 'zod';

export interface DistillationConfig {
  enabled: boolean;
  /** T: how soft the teacher's and the student's probabilities are made (1 = as they are). */
  temperature: number;
  /** α: the weight of the hard labels' cross-entropy; 1 − α goes to matching the teacher. */
  alpha: number;
}

export const DEFAULT_DISTILLATION: Readonly<DistillationConfig> = { enabled: false, temperature: 4, alpha: 0.5 };

export const DISTILLATION_LIMITS = { temperature: [1, 20], alpha: [0, 1] } as const;

/** The codec's schema (every field optional: missing ones take the defaults). */
export const distillationSchema = z
  .object({
    enabled: z.boolean(),
    temperature: z.number().min(DISTILLATION_LIMITS.temperature[0]).max(DISTILLATION_LIMITS.temperature[1]),
    alpha: z.number().min(DISTILLATION_LIMITS.alpha[0]).max(DISTILLATION_LIMITS.alpha[1]),
  })
  .partial();

/** The setting of an Experiment's training, defaults filled (older Experiments have none). */
export function distillationOf(training: { distillation?: Partial<DistillationConfig> }): DistillationConfig {
  return { ...DEFAULT_DISTILLATION, ...training.distillation };
}

/**
 * How the distillation setting differs between two runs, for the pinned runs' legend (runDiff.ts):
 * "distillation: off → on (T=4, α=0.5)", "… on → off", or the T and α that changed while on.
 */
export function distillationDiff(a: { distillation?: Partial<DistillationConfig> }, b: { distillation?: Partial<DistillationConfig> }): { key: string; vars?: Record<string, number> }[] {
  const da = distillationOf(a);
  const db = distillationOf(b);
  if (!da.enabled && db.enabled) return [{ key: 'pin.diff.distillOn', vars: { T: db.temperature, alpha: db.alpha } }];
  if (da.enabled && !db.enabled) return [{ key: 'pin.diff.distillOff' }];
  if (da.enabled && (da.temperature !== db.temperature || da.alpha !== db.alpha)) {
    return [{ key: 'pin.diff.distillSettings', vars: { fromT: da.temperature, toT: db.temperature, fromAlpha: da.alpha, toAlpha: db.alpha } }];
  }
  return [];
}
