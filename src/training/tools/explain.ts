import type * as tfjs from '@tensorflow/tfjs';

type TF = typeof tfjs;
type T = tfjs.Tensor;

/**
 * Attribution maps for one image and one class (Simonyan et al. 2014; Smilkov et al. 2017;
 * Sundararajan et al. 2017; Selvaraju et al. 2017; Zeiler & Fergus 2014), as pure functions over
 * TF.js, a scoring function and the image — no runtime, no store, so the bench can call them.
 *
 * `score(x)` maps a batch `[b, …input]` to class scores `[b, classes]` (classScore.ts: the logits);
 * `x` is one image `[1, …input]`. Returned tensors are the caller's to free; everything else is
 * freed here. The async ones call `between()` after each batch (the engine yields to its queue
 * there), and hold only their running sum between batches.
 */
export type ScoreFn = (x: T) => T;

/** Defaults of the methods' knobs (what the tools panel starts from). */
export const EXPLAIN_DEFAULTS = { samples: 24, sigma: 0.15, seed: 1, steps: 64, patch: 4, stride: 2, fill: 0, batch: 16 } as const;

/** The summed score of class `cls` over the batch: what every gradient here is taken of. */
export function classScoreSum(tf: TF, scores: T, cls: number): tfjs.Scalar {
  return tf.sum(tf.gather(scores, [cls], 1));
}

/** Saliency: ∂ score_c / ∂ x, the plain gradient (same shape as `x`). */
export function saliency(tf: TF, score: ScoreFn, x: T, cls: number): T {
  return tf.tidy(() => tf.grad((v: T) => classScoreSum(tf, score(v), cls))(x));
}

/**
 * SmoothGrad: the gradient averaged over `samples` copies of `x` with Gaussian noise of standard
 * deviation `sigma` × (max − min of x), seeded.
 */
export async function smoothGrad(
  tf: TF,
  score: ScoreFn,
  x: T,
  cls: number,
  opts: { samples?: number; sigma?: number; seed?: number; batch?: number } = {},
  between: () => Promise<void> = async () => {},
): Promise<T> {
  const samples = Math.max(1, Math.floor(opts.samples ?? EXPLAIN_DEFAULTS.samples));
  const sigma = opts.sigma ?? EXPLAIN_DEFAULTS.sigma;
  const seed = opts.seed ?? EXPLAIN_DEFAULTS.seed;
  const batch = Math.max(1, Math.floor(opts.batch ?? EXPLAIN_DEFAULTS.batch));
  const range = tf.tidy(() => tf.sub(tf.max(x), tf.min(x)));
  const spread = (await range.data())[0] || 1;
  range.dispose();
  let sum: T = tf.zerosLike(x);
  for (let done = 0, k = 0; done < samples; k++) {
    const b = Math.min(batch, samples - done);
    const next = tf.tidy(() => {
      const noise = tf.randomNormal([b, ...x.shape.slice(1)], 0, sigma * spread, 'float32', seed * 7919 + k);
      const noisy = tf.add(tf.tile(x, [b, ...x.shape.slice(1).map(() => 1)]), noise);
      const g = tf.grad((v: T) => classScoreSum(tf, score(v), cls))(noisy);
      return tf.add(sum, tf.sum(g, 0, true));
    });
    sum.dispose();
    sum = next;
    done += b;
    await between();
  }
  const mean = tf.div(sum, samples);
  sum.dispose();
  return mean;
}

/**
 * Integrated Gradients from `baseline` (default: a black image, all zeros) to `x`, by the midpoint
 * rule over `steps` points: (x − x′) ⊙ mean_k ∇score(x′ + αₖ(x − x′)), αₖ = (k + ½)/steps.
 * Completeness: the attributions sum to score(x) − score(x′), up to the rule's error.
 */
export async function integratedGradients(
  tf: TF,
  score: ScoreFn,
  x: T,
  cls: number,
  opts: { steps?: number; baseline?: T; batch?: number } = {},
  between: () => Promise<void> = async () => {},
): Promise<{ attributions: T; score: number; baselineScore: number }> {
  const steps = Math.max(1, Math.floor(opts.steps ?? EXPLAIN_DEFAULTS.steps));
  const batch = Math.max(1, Math.floor(opts.batch ?? EXPLAIN_DEFAULTS.batch));
  const baseline = opts.baseline ?? tf.zerosLike(x);
  const inner = x.shape.slice(1);
  let sum: T = tf.zerosLike(x);
  for (let from = 0; from < steps; from += batch) {
    const b = Math.min(batch, steps - from);
    const next = tf.tidy(() => {
      const alphas = tf.reshape(tf.div(tf.add(tf.range(from, from + b, 1, 'float32'), 0.5), steps), [b, ...inner.map(() => 1)]);
      const path = tf.add(baseline, tf.mul(alphas, tf.sub(x, baseline)));
      const g = tf.grad((v: T) => classScoreSum(tf, score(v), cls))(path);
      return tf.add(sum, tf.sum(g, 0, true));
    });
    sum.dispose();
    sum = next;
    await between();
  }
  const attributions = tf.tidy(() => tf.mul(tf.sub(x, baseline), tf.div(sum, steps)));
  sum.dispose();
  const ends = tf.tidy(() => tf.gather(score(tf.concat([x, baseline])), [cls], 1));
  const [s, s0] = await ends.data();
  ends.dispose();
  if (!opts.baseline) baseline.dispose();
  return { attributions, score: s, baselineScore: s0 };
}

/**
 * Grad-CAM on one layer: its output A `[1, h′, w′, k]`, the weights αₖ = mean over space of
 * ∂score_c/∂Aₖ, the map ReLU(Σₖ αₖ Aₖ), bilinearly upsampled to `[height, width]`.
 * `scoreFrom(A)` is the network from that layer on. With `elementwise`, αₖ is the gradient at each
 * position (HiResCAM) instead of its spatial mean.
 */
export function gradCam(tf: TF, activation: T, scoreFrom: ScoreFn, cls: number, height: number, width: number, elementwise = false): T {
  return tf.tidy(() => {
    const g = tf.grad((a: T) => classScoreSum(tf, scoreFrom(a), cls))(activation);
    // Element-wise (HiResCAM, Draelos & Carin 2020): each position keeps its own gradient. Grad-CAM's
    // spatial mean suits a head that pools over space; behind Flatten + Dense the mean of a channel's
    // weights is often negative where it fires, and the ReLU then leaves nothing (measured below).
    const alpha = elementwise ? g : tf.mean(g, [1, 2], true);
    const cam = tf.relu(tf.sum(tf.mul(alpha, activation), -1, true)) as tfjs.Tensor4D;
    return tf.reshape(tf.image.resizeBilinear(cam, [height, width], true), [height, width]);
  });
}

/**
 * Occlusion sensitivity: a `patch` × `patch` square of value `fill` slid with `stride` over the
 * image; each pixel gets the mean drop of the class score, score(x) − score(x with the patch), over
 * the patches that covered it. `[height, width]`, one forward pass per patch (in batches).
 */
export async function occlusion(
  tf: TF,
  score: ScoreFn,
  x: T,
  cls: number,
  opts: { patch?: number; stride?: number; fill?: number; batch?: number } = {},
  between: () => Promise<void> = async () => {},
): Promise<Float32Array> {
  const [, height, width, channels] = x.shape as [number, number, number, number];
  const patch = Math.max(1, Math.min(Math.floor(opts.patch ?? EXPLAIN_DEFAULTS.patch), height, width));
  const stride = Math.max(1, Math.floor(opts.stride ?? EXPLAIN_DEFAULTS.stride));
  const fill = opts.fill ?? EXPLAIN_DEFAULTS.fill;
  const batch = Math.max(1, Math.floor(opts.batch ?? 32));
  const spots: [number, number][] = [];
  const last = (n: number) => {
    const at: number[] = [];
    for (let p = 0; p + patch <= n; p += stride) at.push(p);
    if (at[at.length - 1] !== n - patch) at.push(n - patch);
    return at;
  };
  for (const r of last(height)) for (const c of last(width)) spots.push([r, c]);
  const pixels = (await x.data()) as Float32Array;
  const base = tf.tidy(() => tf.gather(score(x), [cls], 1));
  const s0 = (await base.data())[0];
  base.dispose();
  const drop = new Float32Array(height * width);
  const covered = new Float32Array(height * width);
  const px = height * width * channels;
  for (let from = 0; from < spots.length; from += batch) {
    const part = spots.slice(from, from + batch);
    const rows = new Float32Array(part.length * px);
    part.forEach(([r0, c0], i) => {
      rows.set(pixels, i * px);
      for (let r = r0; r < r0 + patch; r++) for (let c = c0; c < c0 + patch; c++) for (let ch = 0; ch < channels; ch++) rows[i * px + (r * width + c) * channels + ch] = fill;
    });
    const out = tf.tidy(() => tf.gather(score(tf.tensor4d(rows, [part.length, height, width, channels])), [cls], 1));
    const s = await out.data();
    out.dispose();
    part.forEach(([r0, c0], i) => {
      for (let r = r0; r < r0 + patch; r++)
        for (let c = c0; c < c0 + patch; c++) {
          drop[r * width + c] += s0 - s[i];
          covered[r * width + c] += 1;
        }
    });
    await between();
  }
  for (let i = 0; i < drop.length; i++) drop[i] = covered[i] ? drop[i] / covered[i] : 0;
  return drop;
}

/** Sum a `[1, h, w, c]` attribution over its channels into a `h × w` map. */
export function perPixel(tf: TF, attributions: T): T {
  return tf.tidy(() => {
    const [, h, w] = attributions.shape as number[];
    return tf.reshape(attributions.rank === 4 ? tf.sum(attributions, -1) : attributions, [h, w]);
  });
}
