import { fail, formatShape, ok, type LayerDef, type Params } from './layerDef';

const num = (p: Params, k: string) => p[k] as number;

/** Turns each token id of a sequence `[T]` into a learned vector: `[T, outputDim]`. */
export const Embedding: LayerDef = {
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
    return ok([x[0], num(params, 'outputDim')]);
  },
  // One vector of outputDim numbers per token id.
  paramCount: (_inputs, params) => num(params, 'inputDim') * num(params, 'outputDim'),
  build(tf, params, name) {
    return tf.layers.embedding({ inputDim: num(params, 'inputDim'), outputDim: num(params, 'outputDim'), name });
  },
};

/** Layer types of this file, registered in index.ts. */
export const LAYERS: LayerDef[] = [Embedding];
