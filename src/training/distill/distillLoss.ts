import type * as tfjs from '@tensorflow/tfjs';
import type { OutputSpec } from '../objective';

type TF = typeof tfjs;
type T = tfjs.Tensor;

const EPS = 1e-7;

/**
 * The network's output as logits: a softmax output is turned back by its log (logits up to a
 * constant per row, which no softmax sees), any other output is taken as it is.
 */
export function logitsOf(tf: TF, output: T, spec: Pick<OutputSpec, 'activation'>): T {
  return spec.activation === 'softmax' ? tf.log(tf.clipByValue(output, EPS, 1)) : output;
}

/** softmax(logits / T) over the last axis: the probabilities softened by temperature T. */
export function softmaxAt(tf: TF, logits: T, temperature: number): T {
  return tf.softmax(tf.div(logits, temperature));
}

/**
 * Knowledge distillation's loss (Hinton, Vinyals & Dean 2015), a scalar:
 *
 *   α · CE(y, softmax(s)) + (1 − α) · T² · KL(softmax(t / T) ‖ softmax(s / T)),
 *
 * with the cross-entropy and the KL divergence each summed over the classes and averaged over the
 * batch. The T² keeps the soft term's gradients the same size whatever T is (they shrink as 1/T²).
 * `teacherLogits` are constants here: no gradient flows into the teacher.
 */
export function distillationLoss(tf: TF, studentLogits: T, teacherLogits: T, yOneHot: T, temperature: number, alpha: number): tfjs.Scalar {
  return tf.tidy(() => {
    const ce = tf.neg(tf.mean(tf.sum(tf.mul(yOneHot, tf.logSoftmax(studentLogits)), -1)));
    const logP = tf.logSoftmax(tf.div(teacherLogits, temperature));
    const logQ = tf.logSoftmax(tf.div(studentLogits, temperature));
    const kl = tf.mean(tf.sum(tf.mul(tf.exp(logP), tf.sub(logP, logQ)), -1));
    return tf.add(tf.mul(ce, alpha), tf.mul(kl, (1 - alpha) * temperature * temperature)) as tfjs.Scalar;
  });
}
