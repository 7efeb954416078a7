import { fail, formatShape, ok, type LayerDef, type Shape, type ShapeResult } from './layerDef';

export type BatchNormalizationParams = { momentum: number; epsilon: number };
export type LayerNormalizationParams = { epsilon: number };

/** Both normalizations keep one value per feature of the last axis, so that size must be known. */
function sameShapeWithKnownLast(x: Shape): ShapeResult {
  if (x.length === 0 || x[x.length - 1] === null) return fail('err.norm.unknownLast', { shape: formatShape(x) });
  return ok([...x]);
}

const lastDim = (inputs: Shape[]) => {
  const x = inputs[0] ?? [];
  return (x[x.length - 1] as number | null) ?? 0;
};

export const BatchNormalization: LayerDef<BatchNormalizationParams, 'BatchNormalization'> = {
  type: 'BatchNormalization',
  family: 'normalization',
  params: [
    { name: 'momentum', kind: 'float', default: 0.99, min: 0, max: 0.999 },
    { name: 'epsilon', kind: 'float', default: 0.001, min: 1e-6, max: 0.1 },
  ],
  arity: [1, 1],
  inferShape: (inputs) => sameShapeWithKnownLast(inputs[0]),
  // γ and β are trained; the moving mean and variance are not, but TF.js countParams() counts them.
  paramCount: (inputs) => 4 * lastDim(inputs),
  build(tf, params, name) {
    return tf.layers.batchNormalization({ momentum: params.momentum, epsilon: params.epsilon, name });
  },
};

export const LayerNormalization: LayerDef<LayerNormalizationParams, 'LayerNormalization'> = {
  type: 'LayerNormalization',
  family: 'normalization',
  params: [{ name: 'epsilon', kind: 'float', default: 0.001, min: 1e-6, max: 0.1 }],
  arity: [1, 1],
  inferShape: (inputs) => sameShapeWithKnownLast(inputs[0]),
  // γ and β over the last axis.
  paramCount: (inputs) => 2 * lastDim(inputs),
  build(tf, params, name) {
    return tf.layers.layerNormalization({ epsilon: params.epsilon, name });
  },
};

/** Layer types of this family, registered in index.ts. */
export const LAYERS = [BatchNormalization, LayerNormalization] as const;
