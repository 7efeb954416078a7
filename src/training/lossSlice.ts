import type * as tfjs from '@tensorflow/tfjs';
import { createRng, deriveSeed } from '../data/rng';
import { gridCoord } from '../models/sliceSurface';
import type { FromEngine, LossSliceError, ToEngine } from './protocol';
import type { ModelRuntime } from './runtime';

type TF = typeof tfjs;

/**
 * A 2-D slice of the training loss through the network's current weights w, after Li et al.
 * (2018), "Visualizing the Loss Landscape of Neural Nets": two random Gaussian directions d₁, d₂
 * over every trainable weight, each filter-normalised, and the loss L(w + α·d₁ + β·d₂) on a grid.
 *
 * Filter normalisation: a ReLU network computes the same function when one filter's weights are
 * scaled by c and the next layer's by 1/c, so a direction's size means nothing unless measured
 * against the weights it moves. Each filter of a direction (the weights into one output unit of a
 * Dense kernel, one output channel of a Conv kernel: a slice along a kernel's last axis, which is
 * also how recurrent, attention and embedding kernels are cut here) is scaled to the norm of the
 * same filter of w. Directions for 1-D weights (biases, normalization scales and shifts) are zero,
 * as the paper does for biases and batch-norm parameters.
 *
 * The loss is measured in inference mode (no dropout; batch normalization with its moving
 * statistics) on a fixed subset of the training rows, without regularisation. Weights are moved
 * only inside synchronous blocks of one grid row and put back exactly (the saved tensors are
 * reassigned) before each row ends; the engine can handle messages between rows.
 */

/** Rows of training data the slice measures on, at most. */
export const SLICE_EXAMPLES = 256;
/** Grid limits a request is clamped to. */
export const SLICE_MIN_CELLS = 5;
export const SLICE_MAX_CELLS = 61;

/** Scale each filter of `dir` (a slice along the last axis of `shape`) to the norm of the same filter of `weight`; 1-D weights get a zero direction. In place. */
export function filterNormalize(dir: Float32Array, weight: ArrayLike<number>, shape: readonly number[]): Float32Array {
  if (shape.length < 2) return dir.fill(0);
  const out = shape[shape.length - 1];
  const dn = new Float64Array(out);
  const wn = new Float64Array(out);
  for (let k = 0; k < dir.length; k++) {
    const f = k % out;
    dn[f] += dir[k] * dir[k];
    wn[f] += weight[k] * weight[k];
  }
  const scale = new Float64Array(out);
  for (let f = 0; f < out; f++) scale[f] = dn[f] > 0 ? Math.sqrt(wn[f]) / Math.sqrt(dn[f]) : 0;
  for (let k = 0; k < dir.length; k++) dir[k] *= scale[k % out];
  return dir;
}

/** Two seeded Gaussian directions over `weights` (their values and shapes), filter-normalised. */
export function sliceDirections(weights: readonly { values: ArrayLike<number>; shape: readonly number[] }[], seed: number): [Float32Array[], Float32Array[]] {
  const rng = createRng(seed);
  const draw = () =>
    weights.map(({ values, shape }) => {
      const d = new Float32Array(values.length);
      for (let k = 0; k < d.length; k++) d[k] = rng.normal();
      return filterNormalize(d, values, shape);
    });
  const d1 = draw();
  return [d1, draw()];
}

export interface SliceOptions {
  cols: number;
  rows: number;
  spanX: number;
  spanY: number;
  /** Seeds the two directions: the same network and seed give the same slice. */
  seed: number;
  /** Training rows measured (at most SLICE_EXAMPLES). */
  examples?: number;
}

export interface SliceResult {
  /** rows × cols, row-major, row 0 at β = −spanY (models/sliceSurface.ts reads it). */
  values: Float32Array;
  cols: number;
  rows: number;
  spanX: number;
  spanY: number;
  /** The loss at the current weights (measured before any move). */
  centerLoss: number;
  examples: number;
  ms: number;
}

export type SliceOutcome = SliceResult | { error: 'changed' | 'gone' };

export interface SliceHooks {
  /** Awaited between rows, so other messages get through. */
  pause?: () => Promise<void>;
  onProgress?: (rowsDone: number, rows: number) => void;
  /** False once the runtime was replaced or freed: stop without touching it. */
  alive?: () => boolean;
}

const odd = (n: number) => {
  const k = Math.max(SLICE_MIN_CELLS, Math.min(SLICE_MAX_CELLS, Math.round(Number.isFinite(n) ? n : 31)));
  return k % 2 === 1 ? k : k - 1;
};
const spanOf = (s: number) => (Number.isFinite(s) && s > 0 ? Math.min(s, 10) : 1);

/**
 * The loss slice of `rt`'s network. Between rows it awaits `hooks.pause`; if the weights changed
 * meanwhile (training, an edit), it stops with `changed`; if the runtime is gone, with `gone`.
 * Every tensor it makes is freed, and the weights are put back exactly.
 */
export async function computeLossSlice(tf: TF, rt: ModelRuntime, opts: SliceOptions, hooks: SliceHooks = {}): Promise<SliceOutcome> {
  const t0 = performance.now();
  const cols = odd(opts.cols);
  const rows = odd(opts.rows);
  const spanX = spanOf(opts.spanX);
  const spanY = spanOf(opts.spanY);
  const vars = rt.built.variables;
  const w0 = vars.map((v) => tf.keep(tf.clone(v)));
  const values = await Promise.all(w0.map(async (w) => (await w.data()) as Float32Array));
  const [d1v, d2v] = sliceDirections(
    vars.map((v, k) => ({ values: values[k], shape: v.shape })),
    opts.seed,
  );
  const d1 = d1v.map((d, k) => tf.keep(tf.tensor(d, vars[k].shape)));
  const d2 = d2v.map((d, k) => tf.keep(tf.tensor(d, vars[k].shape)));
  const data = tf.tidy(() => {
    const wanted = opts.examples !== undefined && Number.isFinite(opts.examples) ? Math.max(1, Math.round(opts.examples)) : SLICE_EXAMPLES;
    const r = rt.trainRows(Math.min(SLICE_EXAMPLES, wanted));
    const inputs = Array.isArray(r.inputs) ? r.inputs : [r.inputs];
    inputs.forEach((t) => tf.keep(t));
    tf.keep(r.y);
    return { inputs: r.inputs, list: inputs, y: r.y, n: r.n };
  });
  const free = () => {
    [...w0, ...d1, ...d2, ...data.list, data.y].forEach((t) => t.dispose());
  };
  const lossNow = (): tfjs.Scalar => rt.lossOn(data.inputs, data.y);
  try {
    const centre = tf.tidy(lossNow);
    const centerLoss = (await centre.data())[0];
    centre.dispose();
    const grid = new Float32Array(cols * rows);
    for (let j = 0; j < rows; j++) {
      if (hooks.alive && !hooks.alive()) return { error: 'gone' };
      const beta = gridCoord(j, rows, spanY);
      // One synchronous block: note whether anything moved the weights since the last row, move
      // them across the row, and put back exactly what was there (so an edit or a training step
      // between rows is never undone, only detected). Nothing else runs on this thread meanwhile.
      const out = tf.tidy(() => {
        const current = vars.map((v) => tf.clone(v));
        const moved = tf.addN(vars.map((v, k) => tf.sum(tf.abs(tf.sub(v, w0[k])))));
        const base = vars.map((_, k) => tf.add(w0[k], tf.mul(d2[k], beta)));
        const losses: tfjs.Scalar[] = [];
        for (let i = 0; i < cols; i++) {
          const alpha = gridCoord(i, cols, spanX);
          losses.push(
            tf.tidy(() => {
              vars.forEach((v, k) => v.assign(tf.add(base[k], tf.mul(d1[k], alpha))));
              return lossNow();
            }),
          );
        }
        vars.forEach((v, k) => v.assign(current[k]));
        return tf.concat([moved.reshape([1]), tf.stack(losses)]);
      });
      const row = (await out.data()) as Float32Array;
      out.dispose();
      if (row[0] !== 0) return { error: 'changed' };
      grid.set(row.subarray(1), j * cols);
      hooks.onProgress?.(j + 1, rows);
      if (hooks.pause && j < rows - 1) await hooks.pause();
    }
    return { values: grid, cols, rows, spanX, spanY, centerLoss, examples: data.n, ms: performance.now() - t0 };
  } finally {
    free();
  }
}

/** What the engine needs to answer a `lossSlice` request beside its queue. */
export interface SliceJobEnv {
  post(msg: FromEngine): void;
  /** Yield to the engine's other work between rows. */
  pause(): Promise<void>;
  alive(): boolean;
}

/** The refusal of a request that cannot be served (no network, or a slice already in progress). */
export function sliceRefusal(runId: number, requestId: number, error: LossSliceError): FromEngine {
  return { type: 'lossSlice', runId, requestId, slice: null, error };
}

/**
 * Answer a `lossSlice` request for `rt`: progress after each row (when the whole takes longer than
 * a moment), then the grid or the reason there is none. Never throws.
 */
export async function answerLossSlice(tf: TF, rt: ModelRuntime, runId: number, msg: Extract<ToEngine, { type: 'lossSlice' }>, env: SliceJobEnv): Promise<void> {
  const { requestId } = msg;
  const step = rt.step;
  const started = performance.now();
  let lastProgress = started;
  try {
    const out = await computeLossSlice(
      tf,
      rt,
      { cols: msg.cols, rows: msg.rows, spanX: msg.spanX, spanY: msg.spanY, examples: msg.examples, seed: deriveSeed(rt.experiment.seed, 'lossSlice') },
      {
        pause: env.pause,
        alive: env.alive,
        onProgress: (done, total) => {
          const now = performance.now();
          if (now - lastProgress < 100 || done === total) return;
          lastProgress = now;
          env.post({ type: 'lossSliceProgress', runId, requestId, done, total });
        },
      },
    );
    if ('error' in out) return env.post(sliceRefusal(runId, requestId, out.error === 'gone' ? 'notBuilt' : 'changed'));
    env.post({ type: 'lossSlice', runId, requestId, slice: { ...out, step } });
  } catch (err) {
    env.post({ type: 'lossSlice', runId, requestId, slice: null, error: 'failed', detail: err instanceof Error ? err.message : String(err) });
  }
}
