import { fail, formatShape, ok, type LayerDef, type NoParams, type Shape } from './layerDef';

export type ReshapeParams = { targetShape: number[] };

const product = (s: number[]) => s.reduce((a, b) => a * b, 1);
const isKnown = (s: Shape): s is number[] => s.every((d) => d !== null);

export const Flatten: LayerDef<NoParams, 'Flatten'> = {
  type: 'Flatten',
  family: 'reshape',
  params: [],
  arity: [1, 1],
  inferShape(inputs) {
    const [x] = inputs;
    // TF.js refuses to flatten what is already flat (it wants rank ≥ 3 with the batch).
    if (x.length < 2) return fail('err.flatten.flat', { shape: formatShape(x) });
    if (!isKnown(x)) return fail('err.flatten.unknown', { shape: formatShape(x) });
    return ok([product(x)]);
  },
  paramCount: () => 0,
  build(tf, _params, name) {
    return tf.layers.flatten({ name });
  },
};

export const Reshape: LayerDef<ReshapeParams, 'Reshape'> = {
  type: 'Reshape',
  family: 'reshape',
  params: [{ name: 'targetShape', kind: 'shape', default: [4, 4], min: 1, max: 4096 }],
  arity: [1, 1],
  inferShape(inputs, params) {
    const [x] = inputs;
    const to = params.targetShape;
    if (!isKnown(x)) return fail('err.reshape.unknown', { shape: formatShape(x) });
    const n = product(x);
    const m = product(to);
    if (n !== m) return fail('err.reshape.count', { from: formatShape(x), n, to: formatShape(to), m });
    return ok([...to]);
  },
  paramCount: () => 0,
  build(tf, params, name) {
    return tf.layers.reshape({ targetShape: [...params.targetShape], name });
  },
};

/** Layer types of this family, registered in index.ts. */
export const LAYERS = [Flatten, Reshape] as const;
