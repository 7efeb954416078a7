import { PADDINGS, window2d, type Padding } from './convolution';
import { fail, formatShape, ok, type LayerDef, type NoParams, type TF } from './layerDef';

type Pooling2DArgs = Parameters<TF['layers']['maxPooling2d']>[0];

/** MaxPool2D and AvgPool2D; `strides` 0 means "as large as the window" (Keras' default). */
export type Pool2DParams = { poolSize: number; strides: number; padding: Padding };

/** The stride of a pooling window: 0 means "as large as the window". */
export const poolStrides = (p: Pool2DParams) => (p.strides === 0 ? p.poolSize : p.strides);

function pool2d<T extends 'MaxPool2D' | 'AvgPool2D'>(
  type: T,
  make: (tf: TF, args: Pooling2DArgs) => ReturnType<TF['layers']['maxPooling2d' | 'averagePooling2d']>,
): LayerDef<Pool2DParams, T> {
  return {
    type,
    family: 'pooling',
    params: [
      { name: 'poolSize', kind: 'int', default: 2, min: 1, max: 8 },
      { name: 'strides', kind: 'int', default: 0, min: 0, max: 8 },
      { name: 'padding', kind: 'enum', default: 'valid', options: PADDINGS },
    ],
    arity: [1, 1],
    inferShape(inputs, params) {
      const [x] = inputs;
      const r = window2d(x, params.poolSize, poolStrides(params), params.padding, 'pool');
      if (!r.ok) return r.result;
      return ok([r.h, r.w, x[2]]);
    },
    paramCount: () => 0,
    build(tf, params, name) {
      return make(tf, {
        poolSize: params.poolSize,
        strides: poolStrides(params),
        padding: params.padding,
        name,
      });
    },
  };
}

export const MaxPool2D = pool2d('MaxPool2D', (tf, args) => tf.layers.maxPooling2d(args));
export const AvgPool2D = pool2d('AvgPool2D', (tf, args) => tf.layers.averagePooling2d(args));

export const GlobalAveragePooling2D: LayerDef<NoParams, 'GlobalAveragePooling2D'> = {
  type: 'GlobalAveragePooling2D',
  family: 'pooling',
  params: [],
  arity: [1, 1],
  inferShape(inputs) {
    const [x] = inputs;
    if (x.length !== 3) return fail('err.pool.rank', { shape: formatShape(x) });
    return ok([x[2]]);
  },
  paramCount: () => 0,
  build(tf, _params, name) {
    return tf.layers.globalAveragePooling2d({ name });
  },
};

/** Layer types of this family, registered in index.ts. */
export const LAYERS = [MaxPool2D, AvgPool2D, GlobalAveragePooling2D] as const;
