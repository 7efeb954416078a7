import type * as tfjs from '@tensorflow/tfjs';
import type { AttackMethod } from '../../models/adversarialTraining';
import { correctOf, lossOf, type OutputSpec } from '../objective';

type TF = typeof tfjs;
type T = tfjs.Tensor;

/**
 * Adversarial examples (issue 16), as pure functions of TF.js, a model and data, so the tools, the
 * training hook, the tests and the bench share them. Pixels are in [0, 1] in every image dataset
 * (training/prepare.ts divides MNIST by 255; shapes and the learner's images are drawn in [0, 1]);
 * every attack clips to that range and to the ε-ball (max norm) around the clean image.
 */

/** What an attack needs of a network: its output in inference mode and how to read it. */
export interface AttackModel {
  predict(x: T): T;
  readonly outputSpec: OutputSpec;
}

/** The pixel range of the app's images. */
export const PIXEL_RANGE: readonly [number, number] = [0, 1];

/** How to attack: FGSM is one signed-gradient step of size ε; PGD `steps` steps of `alpha`, from a seeded random start. */
export interface AttackSettings {
  method: AttackMethod;
  eps: number;
  /** PGD only: steps (default 10) and step size (default 2.5·ε/steps). */
  steps?: number;
  alpha?: number;
  /** PGD only: the random start's seed; absent: no random start. */
  seed?: number;
  range?: readonly [number, number];
}

const TINY = 1e-30;

/**
 * The loss an attack climbs: the cross-entropy of the true class. Unlike the training loss it does
 * not clip the probabilities at 1 − 1e-7 (where the gradient would vanish for confident images);
 * logits go through logSoftmax.
 */
export function attackLoss(tf: TF, out: T, y: T, spec: OutputSpec): tfjs.Scalar {
  if (spec.task === 'multiclass' && spec.loss === 'crossEntropy') {
    const logp = spec.activation === 'softmax' ? tf.log(tf.maximum(out, TINY)) : tf.logSoftmax(out);
    return tf.neg(tf.mean(tf.sum(tf.mul(y, logp), -1)));
  }
  return lossOf(tf, out, y, spec);
}

/** ∇ₓL: the gradient of the attack loss with respect to the input images (the caller frees it, or runs in `tf.tidy`). */
export function inputGradient(tf: TF, model: AttackModel, x: T, y: T): T {
  return tf.grad((xi: T) => attackLoss(tf, model.predict(xi), y, model.outputSpec))(x);
}

/**
 * FGSM (Goodfellow et al. 2015): x + ε·sign(∇ₓL), clipped to the pixel range. Every pixel moves by
 * exactly ε (or less where the range stops it, or not at all where the gradient is 0).
 */
export function fgsm(tf: TF, model: AttackModel, x: T, y: T, eps: number, range: readonly [number, number] = PIXEL_RANGE): T {
  return tf.tidy(() => tf.clipByValue(tf.add(x, tf.mul(tf.sign(inputGradient(tf, model, x, y)), eps)), range[0], range[1]));
}

/**
 * PGD (Madry et al. 2018): from a random point of the ε-ball (seeded; none without a seed), `steps`
 * steps of α·sign(∇ₓL), each projected back into the ε-ball around `x` and the pixel range.
 */
export function pgd(tf: TF, model: AttackModel, x: T, y: T, eps: number, alpha: number, steps: number, seed?: number, range: readonly [number, number] = PIXEL_RANGE): T {
  return tf.tidy(() => {
    const lo = tf.maximum(tf.sub(x, eps), range[0]);
    const hi = tf.minimum(tf.add(x, eps), range[1]);
    const project = (a: T) => tf.minimum(tf.maximum(a, lo), hi);
    let adv = seed === undefined || eps === 0 ? x.clone() : project(tf.add(x, tf.randomUniform(x.shape, -eps, eps, 'float32', seed)));
    for (let k = 0; k < steps; k++) {
      const prev = adv;
      adv = tf.tidy(() => project(tf.add(prev, tf.mul(tf.sign(inputGradient(tf, model, prev, y)), alpha))));
      prev.dispose();
    }
    return adv;
  });
}

/** PGD's defaults: 10 steps of 2.5·ε/steps (Madry et al.'s ratio), so the path can reach the ball's edge and move along it. */
export function pgdDefaults(eps: number, steps?: number, alpha?: number): { steps: number; alpha: number } {
  const n = Math.max(1, Math.round(steps ?? 10));
  return { steps: n, alpha: alpha ?? (2.5 * eps) / n };
}

/** The adversarial version of `x` under `a` (the caller frees it, or runs in `tf.tidy`). */
export function attack(tf: TF, model: AttackModel, x: T, y: T, a: AttackSettings): T {
  const range = a.range ?? PIXEL_RANGE;
  if (a.eps <= 0) return x.clone();
  if (a.method === 'fgsm') return fgsm(tf, model, x, y, a.eps, range);
  const { steps, alpha } = pgdDefaults(a.eps, a.steps, a.alpha);
  return pgd(tf, model, x, y, a.eps, alpha, steps, a.seed, range);
}

/** Correct predictions on the attacked `x`, as a scalar tensor (read it with `await .data()`). */
export function robustCorrect(tf: TF, model: AttackModel, x: T, y: T, a: AttackSettings): tfjs.Scalar {
  return tf.tidy(() => correctOf(tf, model.predict(attack(tf, model, x, y, a)), y, model.outputSpec));
}

/**
 * Accuracy against each ε of `epsList` on `n` examples of (x, y) — for the bench and tests; the
 * `robustness` tool does the same batch by batch, yielding. `rows(from, k)` gives a batch as tensors.
 */
export async function robustnessCurve(
  tf: TF,
  model: AttackModel,
  rows: (from: number, k: number) => { x: T; y: T },
  n: number,
  epsList: readonly number[],
  a: Omit<AttackSettings, 'eps'>,
  batch = 128,
): Promise<{ eps: number; accuracy: number }[]> {
  const out: { eps: number; accuracy: number }[] = [];
  for (const eps of epsList) {
    let right = 0;
    for (let from = 0; from < n; from += batch) {
      const k = Math.min(batch, n - from);
      const c = tf.tidy(() => {
        const { x, y } = rows(from, k);
        return robustCorrect(tf, model, x, y, { ...a, eps });
      });
      right += (await c.data())[0];
      c.dispose();
    }
    out.push({ eps, accuracy: right / Math.max(1, n) });
  }
  return out;
}
