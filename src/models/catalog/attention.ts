import { sequenceLayers } from './customLayers';
import { attentionParamCount } from './multiHeadAttention';
import { fail, formatShape, ok, type LayerDef, type Shape, type ShapeResult } from './layerDef';

/*
 * Attention layers. TF.js has none, so `build` constructs the custom layers of customLayers.ts
 * (made from the `tf` argument; see multiHeadAttention.ts for the maths and how the attention
 * weights of the last inference call are exposed through `lastAttention()`, transformerBlocks.ts
 * for the post-LN block layout).
 */

/** Check that input `index` is a `[T, D]` sequence with a known D. */
function checkSequence(type: string, x: Shape, index = 0): ShapeResult {
  if (x.length !== 2) return fail(index === 0 ? 'err.attention.rank' : 'err.attention.keyRank', { type, shape: formatShape(x) });
  if (x[1] === null) return fail('err.attention.unknownDim', { type, shape: formatShape(x) });
  return ok([...x]);
}

/** Check every input; give the first's shape (the query's), which all these layers keep. */
function checkAll(type: string, inputs: Shape[]): ShapeResult {
  for (let i = 0; i < inputs.length; i++) {
    const r = checkSequence(type, inputs[i], i);
    if (!r.ok) return r;
  }
  return ok([...inputs[0]]);
}

const dim = (x: Shape | undefined) => (x?.[x.length - 1] as number) ?? 0;

const headsParam = { name: 'numHeads', kind: 'int', default: 4, min: 1, max: 16 } as const;
const keyDimParam = { name: 'keyDim', kind: 'int', default: 16, min: 1, max: 256 } as const;
const ffDimParam = { name: 'ffDim', kind: 'int', default: 128, min: 1, max: 4096 } as const;
const blockDropoutParam = { name: 'dropout', kind: 'float', default: 0.1, min: 0, max: 0.5 } as const;

export const POSITIONAL_ENCODINGS = ['sinusoidal', 'learned'] as const;

export type PositionalEncodingParams = { encoding: (typeof POSITIONAL_ENCODINGS)[number]; maxLength: number };
export type MultiHeadAttentionParams = { numHeads: number; keyDim: number; causal: boolean; dropout: number };
export type TransformerEncoderBlockParams = { numHeads: number; keyDim: number; ffDim: number; dropout: number; causal: boolean };
/** The decoder's self-attention is always causal. */
export type TransformerDecoderBlockParams = { numHeads: number; keyDim: number; ffDim: number; dropout: number };

/**
 * Adds position information to a `[T, D]` sequence: the fixed sinusoidal table or a trainable
 * `[maxLength, D]` table. Both refuse sequences longer than maxLength (so switching the encoding
 * never changes which inputs fit).
 */
export const PositionalEncoding: LayerDef<PositionalEncodingParams, 'PositionalEncoding'> = {
  type: 'PositionalEncoding',
  family: 'attention',
  params: [
    { name: 'encoding', kind: 'enum', default: 'sinusoidal', options: POSITIONAL_ENCODINGS },
    { name: 'maxLength', kind: 'int', default: 64, min: 1, max: 1024 },
  ],
  arity: [1, 1],
  inferShape(inputs, params) {
    const r = checkSequence('PositionalEncoding', inputs[0]);
    if (!r.ok) return r;
    const t = inputs[0][0];
    const { maxLength } = params;
    if (t !== null && t > maxLength) return fail('err.attention.tooLong', { length: t, maxLength });
    return r;
  },
  paramCount: (inputs, params) => (params.encoding === 'learned' ? params.maxLength * dim(inputs[0]) : 0),
  build(tf, params, name) {
    return new (sequenceLayers(tf).PositionalEncoding)({
      encoding: params.encoding,
      maxLength: params.maxLength,
      name,
    });
  },
};

/** Self-attention (one input) or cross-attention (query from input 0, key = value from input 1). */
export const MultiHeadAttention: LayerDef<MultiHeadAttentionParams, 'MultiHeadAttention'> = {
  type: 'MultiHeadAttention',
  family: 'attention',
  params: [headsParam, keyDimParam, { name: 'causal', kind: 'bool', default: false }, { name: 'dropout', kind: 'float', default: 0, min: 0, max: 0.5 }],
  arity: [1, 2],
  inferShape: (inputs) => checkAll('MultiHeadAttention', inputs),
  paramCount(inputs, params) {
    const dq = dim(inputs[0]);
    return attentionParamCount(dq, inputs.length > 1 ? dim(inputs[1]) : dq, params.numHeads, params.keyDim);
  },
  build(tf, params, name) {
    return new (sequenceLayers(tf).MultiHeadAttention)({
      numHeads: params.numHeads,
      keyDim: params.keyDim,
      causal: params.causal,
      dropout: params.dropout,
      name,
    });
  },
};

const feedForwardParams = (d: number, ff: number) => d * ff + ff + ff * d + d;
const normParams = (d: number) => 2 * d;

/** Post-LN: `h = LN(x + MHA(x))`, `y = LN(h + FFN(h))`, FFN = Dense(ffDim, relu) → Dense(D). */
export const TransformerEncoderBlock: LayerDef<TransformerEncoderBlockParams, 'TransformerEncoderBlock'> = {
  type: 'TransformerEncoderBlock',
  family: 'attention',
  params: [headsParam, keyDimParam, ffDimParam, blockDropoutParam, { name: 'causal', kind: 'bool', default: false }],
  arity: [1, 1],
  inferShape: (inputs) => checkAll('TransformerEncoderBlock', inputs),
  paramCount(inputs, params) {
    const d = dim(inputs[0]);
    return attentionParamCount(d, d, params.numHeads, params.keyDim) + feedForwardParams(d, params.ffDim) + 2 * normParams(d);
  },
  build(tf, params, name) {
    return new (sequenceLayers(tf).TransformerEncoderBlock)({
      numHeads: params.numHeads,
      keyDim: params.keyDim,
      ffDim: params.ffDim,
      dropout: params.dropout,
      causal: params.causal,
      name,
    });
  },
};

/** Post-LN: causal self-attention, cross-attention on the encoder output (input 1), FFN; each with residual + LN. */
export const TransformerDecoderBlock: LayerDef<TransformerDecoderBlockParams, 'TransformerDecoderBlock'> = {
  type: 'TransformerDecoderBlock',
  family: 'attention',
  params: [headsParam, keyDimParam, ffDimParam, blockDropoutParam],
  arity: [2, 2],
  inferShape: (inputs) => checkAll('TransformerDecoderBlock', inputs),
  paramCount(inputs, params) {
    const [d, dm] = [dim(inputs[0]), dim(inputs[1])];
    const { numHeads: h, keyDim: k } = params;
    return attentionParamCount(d, d, h, k) + attentionParamCount(d, dm, h, k) + feedForwardParams(d, params.ffDim) + 3 * normParams(d);
  },
  build(tf, params, name) {
    return new (sequenceLayers(tf).TransformerDecoderBlock)({
      numHeads: params.numHeads,
      keyDim: params.keyDim,
      ffDim: params.ffDim,
      dropout: params.dropout,
      name,
    });
  },
};

/** Layer types of this family, registered in index.ts. */
export const LAYERS = [PositionalEncoding, MultiHeadAttention, TransformerEncoderBlock, TransformerDecoderBlock] as const;
