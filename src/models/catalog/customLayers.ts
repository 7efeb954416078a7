/**
 * TF.js layers that TF.js itself lacks, as `tf.layers.Layer` subclasses: positional encoding
 * (positionalEncoding.ts), multi-head attention (multiHeadAttention.ts) and the two Transformer
 * blocks (transformerBlocks.ts), on the shared base class and helpers of sequenceLayerKit.ts.
 *
 * TF.js enters only through the `tf` argument (these files may only `import type` it, like the rest
 * of src/models): the classes are made by `sequenceLayers(tf)` once per TF.js namespace and cached.
 * `registerSequenceLayers(tf)` registers them for serialization (src/training/custom.ts calls it).
 *
 * Conventions shared by all of them:
 * - inputs are `[batch, T, D]` sequences; the output keeps the query's shape `[batch, T, D]`;
 * - a projection is a kernel `[in, out]` plus a bias `[out]`, glorot-uniform / zeros initialised;
 * - dropout only acts when called with `training: true`;
 * - attention layers keep the weights of their last inference call for the views (see
 *   multiHeadAttention.ts).
 */
import type * as tfjs from '@tensorflow/tfjs';
import { attentionKit, type AttentionSource, type CrossAttentionSource, type MultiHeadAttentionConfig } from './multiHeadAttention';
import { positionalEncodingClass, type PositionalEncodingConfig } from './positionalEncoding';
import { layerKit, type TF } from './sequenceLayerKit';
import { transformerBlockClasses, type TransformerBlockConfig } from './transformerBlocks';

export interface SequenceLayerClasses {
  PositionalEncoding: new (config: PositionalEncodingConfig) => tfjs.layers.Layer;
  MultiHeadAttention: new (config: MultiHeadAttentionConfig) => tfjs.layers.Layer & AttentionSource;
  TransformerEncoderBlock: new (config: TransformerBlockConfig) => tfjs.layers.Layer & AttentionSource;
  TransformerDecoderBlock: new (config: TransformerBlockConfig) => tfjs.layers.Layer & CrossAttentionSource;
}

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
  const kit = layerKit(tf);
  const attention = attentionKit(tf, kit);
  const { TransformerEncoderBlock, TransformerDecoderBlock } = transformerBlockClasses(tf, kit, attention);
  return {
    PositionalEncoding: positionalEncodingClass(tf, kit),
    MultiHeadAttention: attention.MultiHeadAttention,
    TransformerEncoderBlock,
    TransformerDecoderBlock,
  };
}
