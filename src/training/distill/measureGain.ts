import type * as tfjs from '@tensorflow/tfjs';
import type { Experiment } from '../../models/spec';
import { readModelWeights } from '../modelWeights';
import { prepareData, type DataSources, type PreparedData } from '../prepare';
import { ModelRuntime } from '../runtime';
import { DistillHook, DISTILL_HOOK } from './distillHook';
import { Teacher } from './teacher';

type TF = typeof tfjs;

/** What `measureDistillGain` trains: a teacher, then the same student alone and distilled. */
export interface DistillGainSetup {
  /** The teacher's Experiment (trained `teacherSteps` from its seed). */
  teacher: Experiment;
  /** The student's Experiment; its `training.distillation` gives T and α (`enabled` is set for it). */
  student: Experiment;
  teacherSteps: number;
  studentSteps: number;
  /** MNIST and the like, where the Experiments need them. */
  sources?: DataSources;
}

export interface DistillGain {
  teacherAccuracy: number;
  aloneAccuracy: number;
  distilledAccuracy: number;
  /** Distilled minus alone (the bench key `strategies.distill.studentGain`). */
  studentGain: number;
  aloneLoss: number;
  distilledLoss: number;
}

/** Test accuracy and cross-entropy of a runtime's network on its whole test split, 256 rows at a time. */
async function testScore(tf: TF, rt: ModelRuntime): Promise<{ accuracy: number; loss: number }> {
  const n = rt.data.nTest;
  let right = 0;
  let loss = 0;
  for (let from = 0; from < n; from += 256) {
    const rows = Math.min(256, n - from);
    const t = tf.tidy(() => {
      const out = rt.predict(rt.testInputs(from, rows));
      const y = rt.testTargets(from, rows);
      const ok = tf.sum(tf.cast(tf.equal(tf.argMax(out, -1), tf.argMax(y, -1)), 'float32'));
      const ce = tf.neg(tf.sum(tf.mul(y, tf.log(tf.clipByValue(out, 1e-7, 1)))));
      return tf.stack([ok, ce]);
    });
    const [ok, ce] = await t.data();
    t.dispose();
    right += ok;
    loss += ce;
  }
  return { accuracy: right / Math.max(1, n), loss: loss / Math.max(1, n) };
}

/**
 * Knowledge distillation measured: train the teacher, then the student twice from the same seed
 * (same initial weights, same batches), once on the labels alone and once with the teacher, and
 * score all three on the whole test split. Outputs are assumed softmax (the image lab's). Frees
 * everything it makes.
 */
export async function measureDistillGain(tf: TF, setup: DistillGainSetup): Promise<DistillGain> {
  const data: PreparedData = prepareData(setup.teacher, setup.sources);
  const teacherRt = new ModelRuntime(tf, setup.teacher, data);
  teacherRt.train(setup.teacherSteps);
  const teacherAccuracy = (await testScore(tf, teacherRt)).accuracy;
  const made = Teacher.create(tf, { network: setup.teacher.network, tensors: await readModelWeights(teacherRt.built) });
  teacherRt.dispose();
  if (typeof made === 'string') throw new Error(made);
  try {
    return { teacherAccuracy, ...(await studentWithAndWithout(tf, made, setup.student, setup.studentSteps, setup.sources)) };
  } finally {
    made.dispose();
  }
}

/**
 * A ready teacher (trained here, or opened from a file: training/distill/teacher.ts) teaching
 * `student` for `steps`, against the same student trained alone from the same seed; both scored on
 * the whole test split. The teacher stays the caller's.
 */
export async function studentWithAndWithout(tf: TF, teacher: Teacher, student: Experiment, steps: number, sources?: DataSources): Promise<Omit<DistillGain, 'teacherAccuracy'>> {
  const run = async (enabled: boolean) => {
    const exp: Experiment = { ...student, training: { ...student.training, distillation: { ...student.training.distillation, enabled } } };
    const rt = new ModelRuntime(tf, exp, prepareData(exp, sources));
    rt.setStepHook(DISTILL_HOOK, new DistillHook(tf, rt, teacher, null));
    rt.train(steps);
    const score = await testScore(tf, rt);
    rt.dispose();
    return score;
  };
  const alone = await run(false);
  const distilled = await run(true);
  return {
    aloneAccuracy: alone.accuracy,
    distilledAccuracy: distilled.accuracy,
    studentGain: distilled.accuracy - alone.accuracy,
    aloneLoss: alone.loss,
    distilledLoss: distilled.loss,
  };
}
