/**
 * What the custom sequence layers (positionalEncoding.ts, multiHeadAttention.ts,
 * transformerBlocks.ts) share: the TF.js types they use and `layerKit(tf)`, the base class and
 * tensor helpers built on one TF.js namespace. Like the layers, it only sees TF.js through the
 * `tf` argument (src/models may only `import type` it).
 */
import type * as tfjs from '@tensorflow/tfjs';

/** The TF.js namespace the layers are built on. */
export type TF = typeof tfjs;
export type Tensor = tfjs.Tensor;
/** The base `tf.layers.Layer` constructor arguments (name, trainable, …). */
export type LayerArgs = NonNullable<ConstructorParameters<typeof tfjs.layers.Layer>[0]>;
/** The keyword arguments of `Layer.call` (only `training` is read). */
export type Kwargs = Record<string, unknown>;

/** A projection: kernel `[in, out]` plus bias `[out]`. */
export interface Projection {
  kernel: tfjs.LayerVariable;
  bias: tfjs.LayerVariable;
}

/** Adds one weight to the layer being built. */
export type AddWeight = (name: string, shape: number[], init: 'glorot' | 'zeros' | 'ones') => tfjs.LayerVariable;

/** The shared base class and helpers of the custom layers, closed over one TF.js namespace. */
export type LayerKit = ReturnType<typeof layerKit>;

/** Build the shared base class and helpers for this TF.js namespace (customLayers.ts caches the result). */
export function layerKit(tf: TF) {
  const initializer = (kind: 'glorot' | 'zeros' | 'ones') =>
    kind === 'glorot' ? tf.initializers.glorotUniform({}) : kind === 'zeros' ? tf.initializers.zeros() : tf.initializers.ones();

  /** `x [..., in] · kernel [in, out] + bias`, on the last axis. */
  const project = (x: Tensor, p: Projection): Tensor => {
    const kernel = p.kernel.read();
    const [din, dout] = kernel.shape;
    const flat = tf.matMul(tf.reshape(x, [-1, din]), kernel);
    return tf.reshape(tf.add(flat, p.bias.read()), [...x.shape.slice(0, -1), dout]);
  };

  const maybeDropout = (x: Tensor, rate: number, training: boolean): Tensor => (training && rate > 0 ? tf.dropout(x, rate) : x);

  const addProjection = (add: AddWeight, prefix: string, din: number, dout: number): Projection => ({
    kernel: add(`${prefix}_kernel`, [din, dout], 'glorot'),
    bias: add(`${prefix}_bias`, [dout], 'zeros'),
  });

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

  abstract class WithWeights extends tf.layers.Layer {
    protected adder(): AddWeight {
      return (name, shape, init) => this.addWeight(name, shape, 'float32', initializer(init));
    }
  }

  return { WithWeights, project, maybeDropout, addProjection, lastDim, firstShape, asList, isTraining };
}
