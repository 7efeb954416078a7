/**
 * TF.js layers that TF.js itself lacks: positional encoding, multi-head attention and the two
 * Transformer blocks, as `tf.layers.Layer` subclasses.
 *
 * TF.js enters only through the `tf` argument (this file may only `import type` it, like the rest
 * of src/models): the classes are made by `sequenceLayers(tf)` once per TF.js namespace and cached.
 * `registerSequenceLayers(tf)` registers them for serialization (src/training/custom.ts calls it).
 *
 * Conventions shared by all of them:
 * - inputs are `[batch, T, D]` sequences; the output keeps the query's shape `[batch, T, D]`;
 * - a projection is a kernel `[in, out]` plus a bias `[out]`, glorot-uniform / zeros initialised;
 * - multi-head attention is Keras's: q/k/v projections D → numHeads·keyDim with biases, scaled
 *   dot-product attention per head, output projection numHeads·keyDim → D with a bias
 *   (value dim = keyDim, as Keras's default);
 * - the causal mask hides key positions j > i from query position i (a lower-triangular [T, S]
 *   mask, as Keras's `use_causal_mask`), so masked weights are exactly 0;
 * - dropout only acts when called with `training: true`.
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

type TF = typeof tfjs;
type Tensor = tfjs.Tensor;
type LayerArgs = NonNullable<ConstructorParameters<typeof tfjs.layers.Layer>[0]>;
type Kwargs = Record<string, unknown>;

/** Layer normalisation's epsilon inside the Transformer blocks (PyTorch's default). */
export const TRANSFORMER_LN_EPSILON = 1e-5;

export interface PositionalEncodingConfig extends LayerArgs {
  encoding: 'sinusoidal' | 'learned';
  maxLength: number;
}

export interface MultiHeadAttentionConfig extends LayerArgs {
  numHeads: number;
  keyDim: number;
  causal?: boolean;
  dropout?: number;
}

export interface TransformerBlockConfig extends LayerArgs {
  numHeads: number;
  keyDim: number;
  ffDim: number;
  dropout?: number;
  /** Encoder block only; the decoder's self-attention is always causal. */
  causal?: boolean;
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

export interface SequenceLayerClasses {
  PositionalEncoding: new (config: PositionalEncodingConfig) => tfjs.layers.Layer;
  MultiHeadAttention: new (config: MultiHeadAttentionConfig) => tfjs.layers.Layer & AttentionSource;
  TransformerEncoderBlock: new (config: TransformerBlockConfig) => tfjs.layers.Layer & AttentionSource;
  TransformerDecoderBlock: new (config: TransformerBlockConfig) => tfjs.layers.Layer & CrossAttentionSource;
}

/** The sinusoidal table `PE[pos, 2i] = sin(pos / 10000^(2i/D))`, `PE[pos, 2i+1] = cos(…)`, row-major [T, D]. */
export function sinusoidalTable(length: number, depth: number): Float32Array {
  const out = new Float32Array(length * depth);
  for (let pos = 0; pos < length; pos++) {
    for (let j = 0; j < depth; j++) {
      const even = j - (j % 2);
      const angle = pos / Math.pow(10000, even / depth);
      out[pos * depth + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return out;
}

/** Parameters of one multi-head attention: q/k/v and output projections, all with biases. */
export function attentionParamCount(queryDim: number, keyValueDim: number, numHeads: number, keyDim: number): number {
  const hk = numHeads * keyDim;
  return queryDim * hk + hk + 2 * (keyValueDim * hk + hk) + hk * queryDim + queryDim;
}

interface Projection {
  kernel: tfjs.LayerVariable;
  bias: tfjs.LayerVariable;
}

interface AttentionWeights {
  query: Projection;
  key: Projection;
  value: Projection;
  output: Projection;
}

interface NormWeights {
  gamma: tfjs.LayerVariable;
  beta: tfjs.LayerVariable;
}

type AddWeight = (name: string, shape: number[], init: 'glorot' | 'zeros' | 'ones') => tfjs.LayerVariable;

const cache = new WeakMap<object, SequenceLayerClasses>();
const registeredFor = new WeakSet<object>();

/** The custom layer classes for this TF.js namespace (made once, then cached). */
export function sequenceLayers(tf: TF): SequenceLayerClasses {
  const hit = cache.get(tf);
  if (hit) return hit;
  const classes = makeClasses(tf);
  cache.set(tf, classes);
  return classes;
}

/** Register the custom layers with `tf.serialization` (for save/load and cloning). Idempotent. */
export function registerSequenceLayers(tf: TF): void {
  if (registeredFor.has(tf)) return;
  registeredFor.add(tf);
  for (const cls of Object.values(sequenceLayers(tf))) {
    tf.serialization.registerClass(cls as unknown as Parameters<TF['serialization']['registerClass']>[0]);
  }
}

function makeClasses(tf: TF): SequenceLayerClasses {
  const initializer = (kind: 'glorot' | 'zeros' | 'ones') =>
    kind === 'glorot' ? tf.initializers.glorotUniform({}) : kind === 'zeros' ? tf.initializers.zeros() : tf.initializers.ones();

  /** `x [..., in] · kernel [in, out] + bias`, on the last axis. */
  const project = (x: Tensor, p: Projection): Tensor => {
    const kernel = p.kernel.read();
    const [din, dout] = kernel.shape;
    const flat = tf.matMul(tf.reshape(x, [-1, din]), kernel);
    return tf.reshape(tf.add(flat, p.bias.read()), [...x.shape.slice(0, -1), dout]);
  };

  const layerNorm = (x: Tensor, n: NormWeights): Tensor => {
    const { mean, variance } = tf.moments(x, -1, true);
    const normed = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, TRANSFORMER_LN_EPSILON)));
    return tf.add(tf.mul(normed, n.gamma.read()), n.beta.read());
  };

  const maybeDropout = (x: Tensor, rate: number, training: boolean): Tensor => (training && rate > 0 ? tf.dropout(x, rate) : x);

  const addProjection = (add: AddWeight, prefix: string, din: number, dout: number): Projection => ({
    kernel: add(`${prefix}_kernel`, [din, dout], 'glorot'),
    bias: add(`${prefix}_bias`, [dout], 'zeros'),
  });

  const addAttention = (add: AddWeight, prefix: string, dq: number, dkv: number, h: number, k: number): AttentionWeights => ({
    query: addProjection(add, `${prefix}query`, dq, h * k),
    key: addProjection(add, `${prefix}key`, dkv, h * k),
    value: addProjection(add, `${prefix}value`, dkv, h * k),
    output: addProjection(add, `${prefix}output`, h * k, dq),
  });

  const addNorm = (add: AddWeight, prefix: string, d: number): NormWeights => ({
    gamma: add(`${prefix}_gamma`, [d], 'ones'),
    beta: add(`${prefix}_beta`, [d], 'zeros'),
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

  const lastDim = (shape: tfjs.Shape | tfjs.Shape[], which = 0): number => {
    const s = (Array.isArray(shape[0]) ? (shape as tfjs.Shape[])[which] : shape) as tfjs.Shape;
    const d = s[s.length - 1];
    if (d === null) throw new Error(`The last dimension of input ${which} must be known.`);
    return d;
  };
  const firstShape = (shape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape =>
    (Array.isArray(shape[0]) ? (shape as tfjs.Shape[])[0] : shape) as tfjs.Shape;
  const asList = (inputs: Tensor | Tensor[]): Tensor[] => (Array.isArray(inputs) ? inputs : [inputs]);
  const isTraining = (kwargs: Kwargs) => kwargs.training === true;

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

  abstract class WithWeights extends tf.layers.Layer {
    protected adder(): AddWeight {
      return (name, shape, init) => this.addWeight(name, shape, 'float32', initializer(init));
    }
  }

  class PositionalEncoding extends WithWeights {
    static className = 'PositionalEncoding';
    readonly encoding: 'sinusoidal' | 'learned';
    readonly maxLength: number;
    private table: tfjs.LayerVariable | null = null;

    constructor(config: PositionalEncodingConfig) {
      super(config);
      this.encoding = config.encoding;
      this.maxLength = config.maxLength;
    }

    build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
      if (this.encoding === 'learned') this.table = this.adder()('table', [this.maxLength, lastDim(inputShape)], 'glorot');
      this.built = true;
    }

    computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape {
      return firstShape(inputShape);
    }

    call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const x = asList(inputs)[0];
        const shape = x.shape as number[];
        const [t, d] = [shape[shape.length - 2], shape[shape.length - 1]];
        if (t > this.maxLength) throw new Error(`PositionalEncoding: sequence length ${t} > maxLength ${this.maxLength}`);
        const pe = this.table ? tf.slice(this.table.read(), [0, 0], [t, d]) : tf.tensor2d(sinusoidalTable(t, d), [t, d]);
        return tf.add(x, pe);
      });
    }

    getConfig() {
      return { ...super.getConfig(), encoding: this.encoding, maxLength: this.maxLength };
    }
  }

  class MultiHeadAttention extends WithWeights implements AttentionSource {
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

  abstract class TransformerBlock extends WithWeights {
    readonly numHeads: number;
    readonly keyDim: number;
    readonly ffDim: number;
    readonly dropout: number;
    protected ffn1: Projection | null = null;
    protected ffn2: Projection | null = null;
    protected readonly recorder = new Recorder();

    constructor(config: TransformerBlockConfig) {
      super(config);
      this.numHeads = config.numHeads;
      this.keyDim = config.keyDim;
      this.ffDim = config.ffDim;
      this.dropout = config.dropout ?? 0;
    }

    protected addFeedForward(d: number) {
      const add = this.adder();
      this.ffn1 = addProjection(add, 'ffn1', d, this.ffDim);
      this.ffn2 = addProjection(add, 'ffn2', this.ffDim, d);
    }

    /** Dense(ffDim, relu) → dropout → Dense(D), then dropout (as PyTorch's Transformer layers). */
    protected feedForward(x: Tensor, training: boolean): Tensor {
      const hidden = maybeDropout(tf.relu(project(x, this.ffn1!)), this.dropout, training);
      return maybeDropout(project(hidden, this.ffn2!), this.dropout, training);
    }

    protected attentionOpts(causal: boolean, training: boolean) {
      return { numHeads: this.numHeads, keyDim: this.keyDim, causal, dropout: this.dropout, training };
    }

    computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape {
      return firstShape(inputShape);
    }

    lastAttention(): Tensor | null {
      return this.recorder.take();
    }

    dispose() {
      this.recorder.dispose();
      return super.dispose();
    }

    getConfig() {
      return { ...super.getConfig(), numHeads: this.numHeads, keyDim: this.keyDim, ffDim: this.ffDim, dropout: this.dropout };
    }
  }

  /**
   * Post-LN encoder block (as "Attention Is All You Need" and PyTorch's default
   * `nn.TransformerEncoderLayer(norm_first=False)`):
   * `h = LN₁(x + Dropout(MHA(x)))`, `y = LN₂(h + FFN(h))`.
   */
  class TransformerEncoderBlock extends TransformerBlock implements AttentionSource {
    static className = 'TransformerEncoderBlock';
    readonly causal: boolean;
    private mha: AttentionWeights | null = null;
    private norm1: NormWeights | null = null;
    private norm2: NormWeights | null = null;

    constructor(config: TransformerBlockConfig) {
      super(config);
      this.causal = config.causal ?? false;
    }

    build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
      const d = lastDim(inputShape);
      const add = this.adder();
      this.mha = addAttention(add, 'attention_', d, d, this.numHeads, this.keyDim);
      this.norm1 = addNorm(add, 'norm1', d);
      this.addFeedForward(d);
      this.norm2 = addNorm(add, 'norm2', d);
      this.built = true;
    }

    call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const x = asList(inputs)[0];
        const training = isTraining(kwargs);
        const { output, weights } = attend(x, x, this.mha!, this.attentionOpts(this.causal, training));
        this.recorder.record(weights, training);
        const h = layerNorm(tf.add(x, maybeDropout(output, this.dropout, training)), this.norm1!);
        return layerNorm(tf.add(h, this.feedForward(h, training)), this.norm2!);
      });
    }

    getConfig() {
      return { ...super.getConfig(), causal: this.causal };
    }
  }

  /**
   * Post-LN decoder block (as PyTorch's default `nn.TransformerDecoderLayer`): inputs
   * `[target [B, T, D], memory [B, S, D']]`;
   * `h₁ = LN₁(x + Dropout(CausalSelfMHA(x)))`, `h₂ = LN₂(h₁ + Dropout(CrossMHA(h₁, memory)))`,
   * `y = LN₃(h₂ + FFN(h₂))`.
   */
  class TransformerDecoderBlock extends TransformerBlock implements CrossAttentionSource {
    static className = 'TransformerDecoderBlock';
    private self: AttentionWeights | null = null;
    private cross: AttentionWeights | null = null;
    private norms: NormWeights[] = [];
    private readonly crossRecorder = new Recorder();

    build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
      const d = lastDim(inputShape, 0);
      const dm = lastDim(inputShape, 1);
      const add = this.adder();
      this.self = addAttention(add, 'self_attention_', d, d, this.numHeads, this.keyDim);
      const norm1 = addNorm(add, 'norm1', d);
      this.cross = addAttention(add, 'cross_attention_', d, dm, this.numHeads, this.keyDim);
      const norm2 = addNorm(add, 'norm2', d);
      this.addFeedForward(d);
      this.norms = [norm1, norm2, addNorm(add, 'norm3', d)];
      this.built = true;
    }

    call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const [x, memory] = asList(inputs);
        if (!memory) throw new Error('TransformerDecoderBlock needs two inputs: the target and the encoder output.');
        const training = isTraining(kwargs);
        const selfAtt = attend(x, x, this.self!, this.attentionOpts(true, training));
        this.recorder.record(selfAtt.weights, training);
        const h1 = layerNorm(tf.add(x, maybeDropout(selfAtt.output, this.dropout, training)), this.norms[0]);
        const crossAtt = attend(h1, memory, this.cross!, this.attentionOpts(false, training));
        this.crossRecorder.record(crossAtt.weights, training);
        const h2 = layerNorm(tf.add(h1, maybeDropout(crossAtt.output, this.dropout, training)), this.norms[1]);
        return layerNorm(tf.add(h2, this.feedForward(h2, training)), this.norms[2]);
      });
    }

    lastCrossAttention(): Tensor | null {
      return this.crossRecorder.take();
    }

    dispose() {
      this.crossRecorder.dispose();
      return super.dispose();
    }
  }

  return { PositionalEncoding, MultiHeadAttention, TransformerEncoderBlock, TransformerDecoderBlock };
}
