import { ACTIVATIONS, type Activation } from '../spec';
import { fail, formatShape, ok, type LayerDef, type Params, type Shape, type TF } from './layerDef';

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

const num = (p: Params, k: string) => p[k] as number;

export const Input: LayerDef = {
  type: 'Input',
  family: 'core',
  params: [{ name: 'shape', kind: 'shape', default: [2], min: 1, max: 4096 }],
  arity: [0, 0],
  inferShape(_inputs, params) {
    const shape = params.shape as number[];
    if (!Array.isArray(shape) || shape.length === 0 || shape.some((d) => !Number.isInteger(d) || d < 1)) {
      return fail('err.input.shape');
    }
    return ok([...shape]);
  },
  paramCount: () => 0,
  build(tf: TF, params, name) {
    // The functional API takes tf.input(), not a layer; the builder special-cases Input and never
    // calls this. Kept so every catalog entry has the same shape.
    return tf.layers.inputLayer({ inputShape: params.shape as number[], name });
  },
};

export const Dense: LayerDef = {
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
    return ok([...x.slice(0, -1), num(params, 'units')]);
  },
  paramCount(inputs, params) {
    const x: Shape = inputs[0] ?? [];
    const fanIn = (x[x.length - 1] as number) ?? 0;
    const units = num(params, 'units');
    return fanIn * units + (params.useBias === false ? 0 : units);
  },
  build(tf, params, name) {
    return tf.layers.dense({
      units: num(params, 'units'),
      activation: tfActivation(params.activation as Activation) as never,
      useBias: params.useBias !== false,
      name,
    });
  },
};

export const ActivationLayer: LayerDef = {
  type: 'Activation',
  family: 'core',
  params: [{ name: 'activation', kind: 'enum', default: 'relu', options: ACTIVATIONS }],
  arity: [1, 1],
  inferShape: (inputs) => ok([...inputs[0]]),
  paramCount: () => 0,
  build(tf, params, name) {
    return tf.layers.activation({ activation: tfActivation(params.activation as Activation) as never, name });
  },
};

export const Dropout: LayerDef = {
  type: 'Dropout',
  family: 'core',
  params: [{ name: 'rate', kind: 'float', default: 0.1, min: 0, max: 0.95 }],
  arity: [1, 1],
  inferShape: (inputs) => ok([...inputs[0]]),
  paramCount: () => 0,
  build(tf, params, name) {
    return tf.layers.dropout({ rate: num(params, 'rate'), name });
  },
};
