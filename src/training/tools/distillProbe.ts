import { distillationOf } from '../../models/distillation';
import { DistillHook, DISTILL_HOOK } from '../distill/distillHook';
import { logitsOf, softmaxAt } from '../distill/distillLoss';
import type { Teacher } from '../distill/teacher';
import type { PreparedData } from '../prepare';
import type { ToolContext } from './context';
import type { DistillProbeRequest, DistillProbeResult, DistillProbeView } from './distillProbeTypes';

/** Test examples the teacher's accuracy is measured on (once per teacher and data). */
const TEACHER_EVAL = 500;
const teacherAccuracies = new WeakMap<Teacher, WeakMap<PreparedData, number>>();

/**
 * The probe image through the teacher and the student: each one's probabilities as they are and
 * softened at temperature T, beside the true class. Says when there is no teacher or it cannot
 * teach this network (the answer is still a result: the tab shows why).
 */
export async function distillProbe(ctx: ToolContext, req: DistillProbeRequest): Promise<DistillProbeResult> {
  const { tf, rt } = ctx;
  const hook = rt.stepHook(DISTILL_HOOK);
  const temperature = req.temperature ?? distillationOf(rt.trainingConfig).temperature;
  const base = { tool: 'distillProbe' as const, temperature, step: rt.step };
  const none: DistillProbeResult = { ...base, teacher: 'none', misfit: null, label: null, teacherView: null, studentView: null, teacherAccuracy: null };
  if (!(hook instanceof DistillHook)) return none;
  if (hook.misfit || !hook.teacher) return { ...none, teacher: 'misfit', misfit: hook.misfit };
  const { data } = rt;
  const f = data.numFeatures;
  const index = Math.max(0, Math.min(data.nTest - 1, Math.floor(req.index ?? 0)));
  const pixels = req.pixels?.length === f ? req.pixels : rt.testExample(index);
  let label: number | null = null;
  if (!req.pixels) {
    const row = data.testY.subarray(index * data.targetWidth, (index + 1) * data.targetWidth);
    label = row.indexOf(Math.max(...row));
  }
  const teacher = hook.teacher;
  const out = tf.tidy(() => {
    const x = tf.tensor(pixels, [1, ...data.inputShape]);
    const t = teacher.logits(x, data);
    const s = logitsOf(tf, rt.predict(x), rt.outputSpec);
    return tf.concat([softmaxAt(tf, t, 1), softmaxAt(tf, t, temperature), softmaxAt(tf, s, 1), softmaxAt(tf, s, temperature)]);
  });
  const rows = (await out.array()) as number[][];
  out.dispose();
  const view = (hard: number[], soft: number[]): DistillProbeView => ({ hard, soft });
  let accuracy = teacherAccuracies.get(teacher)?.get(data);
  if (accuracy === undefined) {
    accuracy = await teacherAccuracy(ctx, teacher);
    if (!teacherAccuracies.has(teacher)) teacherAccuracies.set(teacher, new WeakMap());
    teacherAccuracies.get(teacher)?.set(data, accuracy);
  }
  if (!ctx.alive()) throw ctx.changed();
  return { ...base, teacher: 'ready', misfit: null, label, teacherView: view(rows[0], rows[1]), studentView: view(rows[2], rows[3]), teacherAccuracy: accuracy };
}

/** The teacher's share right on the first test examples, 100 at a time (yielding between). */
async function teacherAccuracy(ctx: ToolContext, teacher: Teacher): Promise<number> {
  const { tf, rt } = ctx;
  const n = Math.min(TEACHER_EVAL, rt.data.nTest);
  let right = 0;
  for (let from = 0; from < n; from += 100) {
    const rows = Math.min(100, n - from);
    const c = tf.tidy(() => {
      const x = rt.testInputs(from, rows);
      const logits = teacher.logits(Array.isArray(x) ? x[0] : x, rt.data);
      return tf.sum(tf.cast(tf.equal(tf.argMax(logits, -1), tf.argMax(rt.testTargets(from, rows), -1)), 'float32'));
    });
    right += (await c.data())[0];
    c.dispose();
    await ctx.pause();
    if (!ctx.alive()) throw ctx.changed();
  }
  return right / Math.max(1, n);
}
