import type * as tfjs from '@tensorflow/tfjs';
import type { Experiment } from '../../models/spec';
import { prepareData, type DataSources } from '../prepare';
import { studentWithAndWithout, type DistillGain } from './measureGain';
import { Teacher } from './teacher';
import type { TeacherPayload } from './teacherTypes';

type TF = typeof tfjs;

/**
 * A teacher's share right on the whole test split of `exp`'s data (its inputs fitted to the
 * teacher as in training: 28 ↔ 32 px), 256 rows at a time. What the distillation tab's teacher
 * accuracy estimates from the first 500 test examples.
 */
export async function teacherTestAccuracy(tf: TF, teacher: Teacher, exp: Experiment, sources?: DataSources): Promise<number> {
  const data = prepareData(exp, sources);
  const n = data.nTest;
  const f = data.numFeatures;
  let right = 0;
  for (let from = 0; from < n; from += 256) {
    const rows = Math.min(256, n - from);
    const c = tf.tidy(() => {
      const x = tf.tensor(data.testX.subarray(from * f, (from + rows) * f), [rows, ...data.inputShape]);
      const y = tf.tensor(data.testY.subarray(from * data.targetWidth, (from + rows) * data.targetWidth), [rows, data.targetWidth]);
      return tf.sum(tf.cast(tf.equal(tf.argMax(teacher.logits(x, data), -1), tf.argMax(y, -1)), 'float32'));
    });
    right += (await c.data())[0];
    c.dispose();
  }
  return right / Math.max(1, n);
}

/**
 * A teacher from a saved file (the pre-trained digit CNN, or the learner's own) measured on a
 * student's data: its test accuracy there, and the student trained `steps` with it against the same
 * student alone (the bench can call this with the shipped file). Frees everything it makes.
 */
export async function measureFileTeacher(tf: TF, payload: TeacherPayload, student: Experiment, steps: number, sources?: DataSources): Promise<DistillGain> {
  const made = Teacher.create(tf, payload);
  if (typeof made === 'string') throw new Error(made);
  try {
    const teacherAccuracy = await teacherTestAccuracy(tf, made, student, sources);
    return { teacherAccuracy, ...(await studentWithAndWithout(tf, made, student, steps, sources)) };
  } finally {
    made.dispose();
  }
}
