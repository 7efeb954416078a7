/**
 * Keras-style multi-head attention: q/k/v projections D → numHeads·keyDim with biases, scaled
 * dot-product attention per head, output projection numHeads·keyDim → D with a bias (value dim =
 * keyDim, as Keras's default). The causal mask hides key positions j > i from query position i (a
 * lower-triangular [T, S] mask, as Keras's `use_causal_mask`), so masked weights are exactly 0.
 * The MultiHeadAttention layer and the Transformer blocks (transformerBlocks.ts) share `attend`.
 *
 * Attention weights for the views: every attention layer keeps the weights of its last *inference*
 * call (any call without `training: true`, e.g. `model.predict`) and hands out a copy through
 * `lastAttention()` — a `[batch, numHeads, T, S]` tensor the caller owns and must dispose, or null
 * before the first inference call. This works with the functional API unchanged (no second
 * output, so the graph, the parameter count and the exporters see one ordinary layer). The kept
 * copy is replaced on the next inference call and released by `layer.dispose()` (which
 * `model.dispose()` calls). Training calls record nothing, so training steps leak no tensors.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { AddWeight, Kwargs, LayerArgs, LayerKit, Projection, Tensor, TF } from './sequenceLayerKit';

export interface MultiHeadAttentionConfig extends LayerArgs {
  numHeads: number;
  keyDim: number;
  causal?: boolean;
  dropout?: number;
}

/** A layer that can show the attention weights of its last inference call. */
export interface AttentionSource {
  /** `[batch, numHeads, T, S]` weights of the last inference call (a copy the caller disposes), or null. */
  lastAttention(): Tensor | null;
}

/** The decoder block also shows its cross-attention on the encoder output. */
export interface CrossAttentionSource extends AttentionSource {
  /** `[batch, numHeads, T, S]` cross-attention weights of the last inference call, or null. */
  lastCrossAttention(): Tensor | null;
}

export function isAttentionSource(layer: unknown): layer is AttentionSource {
  return typeof (layer as Partial<AttentionSource> | null)?.lastAttention === 'function';
}

/** Parameters of one multi-head attention: q/k/v and output projections, all with biases. */
export function attentionParamCount(queryDim: number, keyValueDim: number, numHeads: number, keyDim: number): number {
  const hk = numHeads * keyDim;
  return queryDim * hk + hk + 2 * (keyValueDim * hk + hk) + hk * queryDim + queryDim;
}

/** The four projections of one multi-head attention. */
export interface AttentionWeights {
  query: Projection;
  key: Projection;
  value: Projection;
  output: Projection;
}

/** The attention helpers and the MultiHeadAttention class, closed over one TF.js namespace. */
export type AttentionKit = ReturnType<typeof attentionKit>;

/** Build the attention helpers and the MultiHeadAttention class for this TF.js namespace. */
export function attentionKit(tf: TF, kit: LayerKit) {
  const { project, maybeDropout, addProjection, lastDim, firstShape, asList, isTraining } = kit;

  const addAttention = (add: AddWeight, prefix: string, dq: number, dkv: number, h: number, k: number): AttentionWeights => ({
    query: addProjection(add, `${prefix}query`, dq, h * k),
    key: addProjection(add, `${prefix}key`, dkv, h * k),
    value: addProjection(add, `${prefix}value`, dkv, h * k),
    output: addProjection(add, `${prefix}output`, h * k, dq),
  });

  /** `[B, L, h·k]` → `[B, h, L, k]`. */
  const splitHeads = (x: Tensor, h: number, k: number): Tensor => {
    const [b, l] = x.shape as number[];
    return tf.transpose(tf.reshape(x, [b, l, h, k]), [0, 2, 1, 3]);
  };

  /** Multi-head attention of `q [B, T, Dq]` over `kv [B, S, Dkv]`: output `[B, T, Dq]`, weights `[B, h, T, S]`. */
  const attend = (
    q: Tensor,
    kv: Tensor,
    w: AttentionWeights,
    opts: { numHeads: number; keyDim: number; causal: boolean; dropout: number; training: boolean },
  ): { output: Tensor; weights: Tensor } => {
    const { numHeads: h, keyDim: k } = opts;
    const [b, t] = q.shape as number[];
    const s = (kv.shape as number[])[1];
    const Q = splitHeads(project(q, w.query), h, k);
    const K = splitHeads(project(kv, w.key), h, k);
    const V = splitHeads(project(kv, w.value), h, k);
    let scores = tf.div(tf.matMul(Q, K, false, true), Math.sqrt(k)); // [B, h, T, S]
    if (opts.causal) {
      const allowed = tf.greaterEqual(tf.reshape(tf.range(0, t, 1, 'int32'), [t, 1]), tf.reshape(tf.range(0, s, 1, 'int32'), [1, s]));
      // -1e9 underflows to an exact 0 after the softmax; -Infinity could make NaN gradients.
      scores = tf.where(tf.broadcastTo(allowed, scores.shape), scores, tf.fill(scores.shape, -1e9));
    }
    const weights = tf.softmax(scores, -1);
    const context = tf.matMul(maybeDropout(weights, opts.dropout, opts.training), V); // [B, h, T, k]
    const merged = tf.reshape(tf.transpose(context, [0, 2, 1, 3]), [b, t, h * k]);
    return { output: project(merged, w.output), weights };
  };

  /** Holds the last inference weights of one attention; `take` hands out a copy. */
  class Recorder {
    private kept: Tensor | null = null;
    record(weights: Tensor, training: boolean) {
      if (training) return;
      this.kept?.dispose();
      this.kept = tf.keep(weights.clone());
    }
    take(): Tensor | null {
      return this.kept && !this.kept.isDisposed ? this.kept.clone() : null;
    }
    dispose() {
      this.kept?.dispose();
      this.kept = null;
    }
  }

  class MultiHeadAttention extends kit.WithWeights implements AttentionSource {
    static className = 'MultiHeadAttention';
    readonly numHeads: number;
    readonly keyDim: number;
    readonly causal: boolean;
    readonly dropout: number;
    private w: AttentionWeights | null = null;
    private readonly recorder = new Recorder();

    constructor(config: MultiHeadAttentionConfig) {
      super(config);
      this.numHeads = config.numHeads;
      this.keyDim = config.keyDim;
      this.causal = config.causal ?? false;
      this.dropout = config.dropout ?? 0;
    }

    build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
      const multi = Array.isArray(inputShape[0]) && (inputShape as tfjs.Shape[]).length > 1;
      const dq = lastDim(inputShape, 0);
      const dkv = multi ? lastDim(inputShape, 1) : dq;
      this.w = addAttention(this.adder(), '', dq, dkv, this.numHeads, this.keyDim);
      this.built = true;
    }

    computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape {
      return firstShape(inputShape);
    }

    call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const [q, kv = q] = asList(inputs);
        const training = isTraining(kwargs);
        const { output, weights } = attend(q, kv, this.w!, { ...this.opts(), training });
        this.recorder.record(weights, training);
        return output;
      });
    }

    private opts() {
      return { numHeads: this.numHeads, keyDim: this.keyDim, causal: this.causal, dropout: this.dropout };
    }

    lastAttention(): Tensor | null {
      return this.recorder.take();
    }

    dispose() {
      this.recorder.dispose();
      return super.dispose();
    }

    getConfig() {
      return { ...super.getConfig(), ...this.opts() };
    }
  }

  return { MultiHeadAttention, Recorder, addAttention, attend };
}
