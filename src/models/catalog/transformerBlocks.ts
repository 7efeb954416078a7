/**
 * The Transformer encoder and decoder blocks, post-LN as PyTorch's default layers, built on the
 * attention of multiHeadAttention.ts. Both keep their self-attention weights for the views
 * (`lastAttention()`); the decoder also its cross-attention (`lastCrossAttention()`).
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { AttentionKit, AttentionSource, AttentionWeights, CrossAttentionSource } from './multiHeadAttention';
import type { AddWeight, Kwargs, LayerArgs, LayerKit, Projection, Tensor, TF } from './sequenceLayerKit';

/** Layer normalisation's epsilon inside the Transformer blocks (PyTorch's default). */
export const TRANSFORMER_LN_EPSILON = 1e-5;

export interface TransformerBlockConfig extends LayerArgs {
  numHeads: number;
  keyDim: number;
  ffDim: number;
  dropout?: number;
  /** Encoder block only; the decoder's self-attention is always causal. */
  causal?: boolean;
}

interface NormWeights {
  gamma: tfjs.LayerVariable;
  beta: tfjs.LayerVariable;
}

/** The encoder and decoder block classes for this TF.js namespace (customLayers.ts makes and caches them). */
export function transformerBlockClasses(tf: TF, kit: LayerKit, attention: AttentionKit) {
  const { project, maybeDropout, addProjection, lastDim, firstShape, asList, isTraining } = kit;
  const { Recorder, addAttention, attend } = attention;

  const layerNorm = (x: Tensor, n: NormWeights): Tensor => {
    const { mean, variance } = tf.moments(x, -1, true);
    const normed = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, TRANSFORMER_LN_EPSILON)));
    return tf.add(tf.mul(normed, n.gamma.read()), n.beta.read());
  };

  const addNorm = (add: AddWeight, prefix: string, d: number): NormWeights => ({
    gamma: add(`${prefix}_gamma`, [d], 'ones'),
    beta: add(`${prefix}_beta`, [d], 'zeros'),
  });

  abstract class TransformerBlock extends kit.WithWeights {
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

  return { TransformerEncoderBlock, TransformerDecoderBlock };
}
