import type * as tfjs from '@tensorflow/tfjs';
import type { Activation, NetworkSpec } from '../models/spec';
import { activate, type BuiltModel } from './model';
import { DYNAMICS_BINS, type DynamicsHistogram, type DynamicsProbe, type LayerDynamics } from './dynamicsTypes';

type TF = typeof tfjs;
type T = tfjs.Tensor;

/** Histograms count at most this many values of a tensor (a fixed spread sample); min and max see all. */
export const HISTOGRAM_SAMPLE = 2048;
/**
 * A measured step may come only after this many times its own cost has passed since the last one
 * ended, so measuring stays a small share of the time whatever the network. A measured step cost
 * ×1.1–1.5 a plain one for LeNet-5 and ×2.5–5.9 for the 2-D default, whose 0.4 ms step is
 * dwarfed by the statistics' ~200 small ops (bench/dynamicsStep.node.ts, 2-core machine under
 * load): the extra is then at most (1 − 1/5.9)/10 ≈ 8 % of the time, ~1–3 % for LeNet-5.
 */
export const DYNAMICS_COST_RATIO = 10;
/** Scalars per layer before the three histograms: gradNorm, weightNorm, updateNorm, dead units, units. */
const HEAD = 5;
/** Floats per histogram: min, max, counts. */
const HIST = 2 + DYNAMICS_BINS;
const PER_LAYER = HEAD + 3 * HIST;

/** Layers between a weighted layer and its nonlinearity (a Conv2D → BatchNorm → ReLU block). */
const PASS_THROUGH = new Set(['BatchNormalization', 'LayerNormalization', 'Dropout']);

interface ProbedLayer {
  layerId: string;
  type: string;
  variables: tfjs.Variable[];
  /** The largest variable: the kernel of a Dense or Conv2D, the embedding table, a norm's scale. */
  main: tfjs.Variable;
  /** Index of its activation among the collector's outputs (0: the network's output). */
  activation: number;
  relu: boolean;
  /**
   * Fast chain path: the layer's index among the Dense outputs `forward` collects, and the
   * activation of a separate Activation node after it (null: the Dense's own output).
   */
  fast: { dense: number; then: Activation | null } | null;
}

/** Spread indices (a fixed LCG permutation prefix) so a channel-last layout is not sampled one channel only. */
const sampleCache = new Map<number, Int32Array>();
function sampleIndices(n: number): Int32Array {
  let idx = sampleCache.get(n);
  if (!idx) {
    idx = new Int32Array(HISTOGRAM_SAMPLE);
    // One index in each of HISTOGRAM_SAMPLE equal strides, shifted each index by a small pseudo-random offset within its stride: a stride that is a
    // multiple of the channel count would otherwise see a single channel.
    const stride = n / HISTOGRAM_SAMPLE;
    let s = 12345;
    for (let i = 0; i < HISTOGRAM_SAMPLE; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      idx[i] = Math.min(n - 1, Math.floor(i * stride + (s / 2 ** 32) * stride));
    }
    if (sampleCache.size > 64) sampleCache.clear();
    sampleCache.set(n, idx);
  }
  return idx;
}

/**
 * [min, max, shares of DYNAMICS_BINS equal bins] of `x` as one 1-D tensor (call inside tf.tidy).
 * Exported for the tests, which hold it to a histogram computed in plain JS.
 */
export function histogramOf(tf: TF, x: T): tfjs.Tensor1D {
  const flat = x.reshape([-1]);
  const n = flat.size;
  const sample = n > HISTOGRAM_SAMPLE ? tf.gather(flat, tf.tensor1d(sampleIndices(n), 'int32')) : flat;
  const lo = tf.min(flat);
  const hi = tf.max(flat);
  const width = tf.maximum(tf.sub(hi, lo), 1e-30);
  const scaled = tf.floor(tf.mul(tf.div(tf.sub(sample, lo), width), DYNAMICS_BINS));
  const bins = tf.clipByValue(scaled, 0, DYNAMICS_BINS - 1).toInt();
  // Column sums as a product with ones: a reduction over axis 0 makes the CPU backend transpose first (measured ~10× slower).
  const counts = tf.div(tf.matMul(tf.ones([1, sample.size]), tf.oneHot(bins, DYNAMICS_BINS)), sample.size);
  return tf.concat([lo.reshape([1]), hi.reshape([1]), counts.reshape([DYNAMICS_BINS])]) as tfjs.Tensor1D;
}

const sumSquares = (tf: TF, ts: T[]): tfjs.Scalar => tf.addN(ts.map((t) => tf.sum(tf.square(t)))) as tfjs.Scalar;

/**
 * Training dynamics on the probed steps (issue 15). On such a step the runtime calls `step` instead
 * of `optimizer.minimize`: the same maths (minimize is computeGradients then applyGradients), but the
 * gradients of that very step are kept for measuring, the weights are read before and after the
 * update, and the activations come from the same forward pass. No extra backward pass.
 *
 * The activations come from the same forward pass. On the fast chain path (the 2-D playground)
 * that is `forward` with `collect` (the Dense outputs; a separate Activation node after one is
 * applied to it), the very ops and seeded dropout masks of an unprobed step. The general path
 * collects nothing, so there the step goes through a second functional model over the same layers
 * whose outputs are the network's output and each weighted layer's activation (its own, or the
 * Activation node after it through BatchNorm/LayerNorm/Dropout): the same maths as `model.apply`.
 *
 * Every statistic is computed as a tensor and packed into one, read back in one go by `read`
 * (asynchronously, at the next probe snapshot). At most one such tensor is pending.
 */
export class DynamicsRecorder {
  private readonly layers: ProbedLayer[];
  private readonly collector: tfjs.LayersModel;
  private pending: { step: number; stats: T } | null = null;
  private readonly fastPath: boolean;
  private readonly forward: BuiltModel['forward'];
  /**
   * The variables in the order `minimize` passes them (the model's): optimizers such as Adam keep
   * their slots by position, so a measured step must hand them over in that same order.
   */
  private trainable: tfjs.Variable[];
  /** Off: no step is probed. */
  enabled = true;
  /** The time budget (DYNAMICS_COST_RATIO); tests set 0 to measure every armed step. */
  costRatio = DYNAMICS_COST_RATIO;
  /** The next step is probed (set again after each read). */
  private armed = true;
  /** When the time budget allows the next measured step (ms, `now`). */
  private nextAt = -Infinity;

  constructor(
    private readonly tf: TF,
    built: BuiltModel,
    network: NetworkSpec,
    private readonly now: () => number = () => performance.now(),
  ) {
    const consumers = new Map<string, string[]>();
    for (const n of network.nodes) for (const src of n.inputs) consumers.set(src, [...(consumers.get(src) ?? []), n.id]);
    const types = new Map(network.nodes.map((n) => [n.id, n.type]));
    const params = new Map(network.nodes.map((n) => [n.id, n.params]));
    const outputId = built.order.find((id) => built.symbolic.get(id) === built.model.outputs[0]);
    const activationNode = (id: string): { id: string; relu: boolean; separate: Activation | null } => {
      const own = params.get(id)?.activation;
      if (typeof own === 'string' && own !== 'linear') return { id, relu: own === 'relu', separate: null };
      for (let at = id, seen = 0; seen < 8; seen++) {
        const next = consumers.get(at) ?? [];
        if (next.length !== 1) break;
        const type = types.get(next[0]) ?? '';
        if (type === 'Activation') {
          const a = params.get(next[0])?.activation as Activation;
          return { id: next[0], relu: a === 'relu', separate: a };
        }
        if (!PASS_THROUGH.has(type)) break;
        at = next[0];
      }
      return { id, relu: false, separate: null };
    };
    this.trainable = built.variables;
    this.fastPath = built.fastPath;
    this.forward = built.forward;
    const outputs: tfjs.SymbolicTensor[] = [built.model.outputs[0]];
    const outputIndex = new Map<string, number>(outputId ? [[outputId, 0]] : []);
    this.layers = [];
    for (const id of built.order) {
      const layer = built.layers.get(id);
      const variables = (layer?.trainableWeights ?? []).map((w) => w.read() as tfjs.Variable);
      if (!layer || !variables.length) continue;
      const act = activationNode(id);
      let index = outputIndex.get(act.id);
      const symbolic = built.symbolic.get(act.id);
      if (index === undefined && symbolic) {
        index = outputs.push(symbolic) - 1;
        outputIndex.set(act.id, index);
      }
      const main = variables.reduce((a, b) => (b.size > a.size ? b : a));
      const dense = built.dense.findIndex((d) => d.layerId === id);
      const fast = built.fastPath && dense >= 0 ? { dense, then: act.separate } : null;
      this.layers.push({ layerId: id, type: types.get(id) ?? '', variables, main, activation: index ?? 0, relu: act.relu, fast });
    }
    // Layers are shared with the training model; this model owns no weights of its own and is never disposed.
    this.collector = this.tf.model({ inputs: built.model.inputs, outputs });
  }

  /** The variables the optimizer updates now (frozen layers' left out), in the model's order. */
  setTrainable(variables: tfjs.Variable[]): void {
    this.trainable = variables;
  }

  /** True when the next training step should be measured. */
  get due(): boolean {
    return this.enabled && this.armed && this.layers.length > 0 && this.now() >= this.nextAt;
  }

  /**
   * One training step, measured: forward (collecting activations), gradients, update, statistics.
   * `lossOf` turns the network's output into the scalar to minimize (regularization included).
   * Call inside tf.tidy; the packed statistics are kept for `read`.
   */
  step(optimizer: tfjs.Optimizer, inputs: T | T[], lossOf: (output: T) => tfjs.Scalar, step: number, seed = 0): void {
    const tf = this.tf;
    const t0 = this.now();
    const variables = this.trainable;
    const fast = this.fastPath && !Array.isArray(inputs);
    let acts: T[] = [];
    const { value, grads } = optimizer.computeGradients(() => {
      if (fast) {
        // The fast chain path exactly as minimize runs it (same ops, same seeded dropout masks), so
        // a probed step changes nothing in a seeded run; its Dense outputs are the activations.
        const { output, hidden } = this.forward(inputs, { training: true, seed, collect: true });
        acts = [output, ...hidden].map((t) => tf.keep(t));
        return lossOf(output);
      }
      const outs = this.collector.apply(Array.isArray(inputs) && inputs.length === 1 ? inputs[0] : inputs, { training: true }) as T | T[];
      const all = Array.isArray(outs) ? outs : [outs];
      // Kept past computeGradients' own tidy; disposed below.
      acts = all.map((t) => tf.keep(t));
      return lossOf(all[0]);
    }, variables);
    try {
      const before = new Map(variables.map((v) => [v.name, tf.clone(v)]));
      optimizer.applyGradients(grads);
      const packed = this.layers.map((l) => {
        const g = l.variables.map((v) => grads[v.name] ?? tf.zerosLike(v));
        // A frozen layer's variables were not updated (nor copied): its weights are their own before.
        const w0 = l.variables.map((v) => before.get(v.name) ?? v);
        const delta = l.variables.map((v, i) => tf.sub(v, w0[i]));
        const a = fast && l.fast ? (l.fast.then ? activate(tf, acts[1 + l.fast.dense], l.fast.then) : acts[1 + l.fast.dense]) : acts[l.activation];
        const units = a.shape[a.shape.length - 1] ?? 1;
        // ReLU outputs are ≥ 0: a unit is dead when its sum over every example and position is 0
        // (a product with ones, as in histogramOf).
        const dead = l.relu ? tf.sum(tf.lessEqual(tf.matMul(tf.ones([1, a.size / units]), a.reshape([-1, units])), 0).toFloat()) : tf.scalar(0);
        const head = tf.stack([tf.sqrt(sumSquares(tf, g)), tf.sqrt(sumSquares(tf, w0)), tf.sqrt(sumSquares(tf, delta)), dead, tf.scalar(units)]);
        const gMain = grads[l.main.name] ?? tf.zerosLike(l.main);
        return tf.concat([head, histogramOf(tf, before.get(l.main.name) ?? l.main), histogramOf(tf, gMain), histogramOf(tf, a)]);
      });
      const stats = tf.keep(tf.concat(packed));
      this.drop();
      this.pending = { step, stats };
      this.armed = false;
      const end = this.now();
      this.nextAt = end + (end - t0) * this.costRatio;
    } finally {
      acts.forEach((t) => t.dispose());
      value?.dispose();
      Object.values(grads).forEach((t) => t.dispose());
    }
  }

  /** The last probed step's statistics (one read-back), or null when none is pending; arms the next step. */
  async read(): Promise<DynamicsProbe | null> {
    const pending = this.pending;
    this.pending = null;
    this.armed = true;
    if (!pending) return null;
    const data = (await pending.stats.data()) as Float32Array;
    pending.stats.dispose();
    const hist = (at: number): DynamicsHistogram => ({ min: data[at], max: data[at + 1], counts: data.slice(at + 2, at + HIST) });
    const layers: LayerDynamics[] = this.layers.map((l, i) => {
      const o = i * PER_LAYER;
      const [gradNorm, weightNorm, updateNorm, dead, units] = data.subarray(o, o + HEAD);
      return {
        layerId: l.layerId,
        type: l.type,
        kernel: l.main.shape.length >= 2,
        gradNorm,
        weightNorm,
        updateRatio: weightNorm > 0 ? updateNorm / weightNorm : 0,
        deadShare: l.relu ? dead / Math.max(1, units) : null,
        weights: hist(o + HEAD),
        grads: hist(o + HEAD + HIST),
        activations: hist(o + HEAD + 2 * HIST),
      };
    });
    return { step: pending.step, layers };
  }

  /** Forget a pending measurement (new weights: a reset or a load). */
  clear(): void {
    this.drop();
    this.armed = true;
    this.nextAt = -Infinity;
  }

  private drop(): void {
    this.pending?.stats.dispose();
    this.pending = null;
  }

  dispose(): void {
    this.drop();
  }
}
