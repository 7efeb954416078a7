import type * as tfjs from '@tensorflow/tfjs';
import { analyze } from '../models/analysis';
import { typedNode } from '../models/params';
import { readPlayground } from '../models/playground';
import type { Activation, Experiment, LossName, Task } from '../models/spec';
import type { PreparedData } from './prepare';

type TF = typeof tfjs;
type T = tfjs.Tensor;

/**
 * How the network's output is read, per task, output activation and loss. Binary targets arrive
 * as class indices 0/1 and are mapped into the output's range here (±1 for tanh and linear, as
 * TensorFlow Playground does; 0/1 for sigmoid), so the data stays the same whatever the learner
 * picks for the output.
 */
export interface OutputSpec {
  task: Task;
  activation: Activation;
  loss: LossName;
}

const EPS = 1e-7;

/** Probability of class 1 (binary), class probabilities (multi-class). */
function probabilities(tf: TF, out: T, spec: OutputSpec): T {
  if (spec.task === 'multiclass') return spec.activation === 'softmax' ? out : tf.softmax(out);
  if (spec.activation === 'sigmoid') return out;
  if (spec.activation === 'tanh') return tf.div(tf.add(out, 1), 2);
  return spec.loss === 'crossEntropy' ? tf.sigmoid(out) : tf.div(tf.add(tf.clipByValue(out, -1, 1), 1), 2);
}

/**
 * Token tasks: cross-entropy of the true token at every step, averaged over the steps whose target
 * is not PAD (id 0), so padding after a short answer neither helps nor hurts. `out` is
 * `[b, T, V]`, `ids` `[b, T]` (as floats).
 */
export function tokenLossOf(tf: TF, out: T, ids: T, spec: Pick<OutputSpec, 'activation'>): tfjs.Scalar {
  const vocab = out.shape[out.shape.length - 1] as number;
  const index = tf.cast(ids, 'int32');
  const mask = tf.cast(tf.notEqual(index, 0), 'float32');
  const p = spec.activation === 'softmax' ? out : tf.softmax(out);
  const picked = tf.sum(tf.mul(p, tf.oneHot(index, vocab)), -1);
  const logp = tf.log(tf.clipByValue(picked, EPS, 1));
  return tf.neg(tf.div(tf.sum(tf.mul(logp, mask)), tf.maximum(tf.sum(mask), 1)));
}

/**
 * Reconstruction (an autoencoder): the output, flattened, against the input's pixels in [0, 1].
 * Cross-entropy: binary cross-entropy per pixel (the output read as probabilities, a sigmoid put on
 * a linear output), the usual loss for MNIST's near-binary pixels; its gradient does not vanish on
 * a saturated sigmoid as squared error's does. `mse`: the mean squared error per pixel.
 */
export function reconstructionLossOf(tf: TF, out: T, target: T, spec: Pick<OutputSpec, 'activation' | 'loss'>): tfjs.Scalar {
  const flat = out.reshape([out.shape[0] ?? -1, -1]);
  if (spec.loss !== 'crossEntropy') return tf.mean(tf.square(tf.sub(flat, target)));
  const p = tf.clipByValue(probabilities(tf, flat, { task: 'binary', activation: spec.activation, loss: 'crossEntropy' }), EPS, 1 - EPS);
  return tf.neg(tf.mean(tf.add(tf.mul(target, tf.log(p)), tf.mul(tf.sub(1, target), tf.log(tf.sub(1, p))))));
}

/** An autoencoder's output as pixels in [0, 1], `[b, pixels]`: as the loss reads it. */
export function reconstructionOf(tf: TF, out: T, spec: Pick<OutputSpec, 'activation' | 'loss'>): T {
  const flat = out.reshape([out.shape[0] ?? -1, -1]);
  if (spec.activation === 'sigmoid') return flat;
  return spec.loss === 'crossEntropy' ? tf.sigmoid(flat) : tf.clipByValue(flat, 0, 1);
}

/** Mean loss over the batch. Regression always uses squared error. */
export function lossOf(tf: TF, out: T, target: T, spec: OutputSpec): tfjs.Scalar {
  if (spec.task === 'tokens') return tokenLossOf(tf, out, target, spec);
  if (spec.task === 'reconstruct') return reconstructionLossOf(tf, out, target, spec);
  const useCe = spec.loss === 'crossEntropy' && spec.task !== 'regression';
  if (!useCe) {
    let t = target;
    if (spec.task === 'binary' && spec.activation !== 'sigmoid') t = tf.sub(tf.mul(target, 2), 1);
    return tf.mean(tf.square(tf.sub(out, t)));
  }
  const p = tf.clipByValue(probabilities(tf, out, spec), EPS, 1 - EPS);
  if (spec.task === 'multiclass') return tf.neg(tf.mean(tf.sum(tf.mul(target, tf.log(p)), -1)));
  const pos = tf.mul(target, tf.log(p));
  const neg = tf.mul(tf.sub(1, target), tf.log(tf.sub(1, p)));
  return tf.neg(tf.mean(tf.add(pos, neg)));
}

/**
 * What the views draw: for binary and regression one score per row in [−1, 1] (its sign is the
 * predicted class), for multi-class the class probabilities.
 */
export function scoreOf(tf: TF, out: T, spec: OutputSpec): T {
  if (spec.task === 'multiclass') return probabilities(tf, out, spec);
  if (spec.task === 'reconstruct') return reconstructionOf(tf, out, spec);
  if (spec.task === 'regression') return tf.clipByValue(out, -1, 1).reshape([-1]);
  return tf.sub(tf.mul(probabilities(tf, out, spec), 2), 1).reshape([-1]);
}

/** Number of correct predictions in a batch (classification only). */
export function correctOf(tf: TF, out: T, target: T, spec: OutputSpec): tfjs.Scalar {
  if (spec.task === 'reconstruct') return tf.scalar(0);
  if (spec.task === 'multiclass') {
    return tf.sum(tf.cast(tf.equal(tf.argMax(out, -1), tf.argMax(target, -1)), 'float32'));
  }
  const predicted = tf.cast(tf.greater(scoreOf(tf, out, spec), 0), 'float32');
  return tf.sum(tf.cast(tf.equal(predicted, target.reshape([-1])), 'float32'));
}

/** How to read the output: the task, the output layer's activation, the loss. */
export function outputSpecOf(exp: Experiment, data: PreparedData): OutputSpec {
  const net = readPlayground(exp.network);
  const outId = net?.output.id ?? analyze(exp.network).outputs[0];
  const last = exp.network.nodes.find((n) => n.id === outId);
  // The output's own activation decides how to read it (Dense's param, or an Activation node's).
  const typed = last && typedNode(last);
  const activation = net?.output.activation ?? (typed && 'activation' in typed.params ? typed.params.activation : 'linear');
  return { task: data.task, activation, loss: exp.training.loss };
}
