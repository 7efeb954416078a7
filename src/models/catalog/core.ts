import { ACTIVATIONS, type Activation } from '../spec';
import { fail, formatShape, ok, type LayerDef, type Shape, type TF } from './layerDef';

/** Map our activation names to TF.js layer activation identifiers. */
const TF_ACTIVATION: Record<Activation, string> = {
  linear: 'linear',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  relu: 'relu',
  leakyRelu: 'leakyRelu', // the class name registered in training/custom.ts
  elu: 'elu',
  gelu: 'gelu',
  swish: 'swish',
  softmax: 'softmax',
};

export function tfActivation(a: Activation): string {
  return TF_ACTIVATION[a];
}

export type InputParams = { shape: number[] };
export type DenseParams = { units: number; activation: Activation; useBias: boolean };
export type ActivationParams = { activation: Activation };
export type DropoutParams = { rate: number };

export const Input: LayerDef<InputParams, 'Input'> = {
  type: 'Input',
  family: 'core',
  params: [{ name: 'shape', kind: 'shape', default: [2], min: 1, max: 4096 }],
  arity: [0, 0],
  inferShape(_inputs, params) {
    const shape = params.shape;
    if (!Array.isArray(shape) || shape.length === 0 || shape.some((d) => !Number.isInteger(d) || d < 1)) {
      return fail('err.input.shape');
    }
    return ok([...shape]);
  },
  paramCount: () => 0,
  build(tf: TF, params, name) {
    // The functional API takes tf.input(), not a layer; the builder special-cases Input and never
    // calls this. Kept so every catalog entry has the same shape.
    return tf.layers.inputLayer({ inputShape: params.shape, name });
  },
};

export const Dense: LayerDef<DenseParams, 'Dense'> = {
  type: 'Dense',
  family: 'core',
  params: [
    { name: 'units', kind: 'int', default: 4, min: 1, max: 1024 },
    { name: 'activation', kind: 'enum', default: 'tanh', options: ACTIVATIONS },
    { name: 'useBias', kind: 'bool', default: true },
  ],
  arity: [1, 1],
  inferShape(inputs, params) {
    const [x] = inputs;
    if (x.length === 0) return fail('err.dense.scalar');
    const last = x[x.length - 1];
    if (last === null) return fail('err.dense.unknownLast', { shape: formatShape(x) });
    return ok([...x.slice(0, -1), params.units]);
  },
  paramCount(inputs, params) {
    const x: Shape = inputs[0] ?? [];
    const fanIn = (x[x.length - 1] as number) ?? 0;
    const units = params.units;
    return fanIn * units + (params.useBias === false ? 0 : units);
  },
  build(tf, params, name) {
    return tf.layers.dense({
      units: params.units,
      activation: tfActivation(params.activation) as never,
      useBias: params.useBias !== false,
      name,
    });
  },
};

export const ActivationLayer: LayerDef<ActivationParams, 'Activation'> = {
  type: 'Activation',
  family: 'core',
  params: [{ name: 'activation', kind: 'enum', default: 'relu', options: ACTIVATIONS }],
  arity: [1, 1],
  inferShape: (inputs) => ok([...inputs[0]]),
  paramCount: () => 0,
  build(tf, params, name) {
    return tf.layers.activation({ activation: tfActivation(params.activation) as never, name });
  },
};

export const Dropout: LayerDef<DropoutParams, 'Dropout'> = {
  type: 'Dropout',
  family: 'core',
  params: [{ name: 'rate', kind: 'float', default: 0.1, min: 0, max: 0.95 }],
  arity: [1, 1],
  inferShape: (inputs) => ok([...inputs[0]]),
  paramCount: () => 0,
  build(tf, params, name) {
    return tf.layers.dropout({ rate: params.rate, name });
  },
};

/** Layer types of this family, registered in index.ts. */
export const LAYERS = [Input, Dense, ActivationLayer, Dropout] as const;
