import { fail, formatShape, ok, type LayerDef } from './layerDef';

export type EmbeddingParams = { inputDim: number; outputDim: number };

/** Turns each token id of a sequence `[T]` into a learned vector: `[T, outputDim]`. */
export const Embedding: LayerDef<EmbeddingParams, 'Embedding'> = {
  type: 'Embedding',
  family: 'recurrent',
  params: [
    { name: 'inputDim', kind: 'int', default: 32, min: 2, max: 10000 },
    { name: 'outputDim', kind: 'int', default: 16, min: 1, max: 512 },
  ],
  arity: [1, 1],
  inferShape(inputs, params) {
    const [x] = inputs;
    if (x.length !== 1) return fail('err.embedding.rank', { shape: formatShape(x) });
    return ok([x[0], params.outputDim]);
  },
  // One vector of outputDim numbers per token id.
  paramCount: (_inputs, params) => params.inputDim * params.outputDim,
  build(tf, params, name) {
    return tf.layers.embedding({ inputDim: params.inputDim, outputDim: params.outputDim, name });
  },
};

/** Layer types of this file, registered in index.ts. */
export const LAYERS = [Embedding] as const;
