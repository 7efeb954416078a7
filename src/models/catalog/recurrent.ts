import { ACTIVATIONS, type Activation } from '../spec';
import { tfActivation } from './core';
import { fail, formatShape, ok, type LayerDef, type Shape, type ShapeResult, type TF } from './layerDef';

/*
 * Recurrent layers read a sequence `[T, F]` (T may be unknown) and give `[T, units]` with
 * returnSequences, else the last step's `[units]`.
 *
 * Gates: TF.js's LSTM and GRU default to `recurrentActivation: 'hardSigmoid'` (Keras 1); we pass
 * 'sigmoid' as Keras 2+ and PyTorch do, so exported models compute the same.
 *
 * GRU and `resetAfter`: TF.js 4.22's GRUCell does not support `resetAfter: true` (its constructor
 * throws "GRUCell does not support reset_after parameter set to true"), so our GRU is the
 * `resetAfter: false` variant with ONE bias vector of 3·units: 3·(F·u + u·u + u) parameters, which
 * is exactly what TF.js's `countParams()` reports (a unit test holds it). Keras 2+ and PyTorch
 * default to two bias vectors (3·(F·u + u·u + 2u)); exporters must ask for `reset_after=False`.
 */

export const RNN_CELLS = ['LSTM', 'GRU', 'SimpleRNN'] as const;
export type RnnCell = (typeof RNN_CELLS)[number];

/** Gates per cell: a SimpleRNN has one weight set, a GRU three, an LSTM four. */
const GATES: Record<RnnCell, number> = { SimpleRNN: 1, GRU: 3, LSTM: 4 };

export function rnnParamCount(cell: RnnCell, features: number, units: number): number {
  return GATES[cell] * (features * units + units * units + units);
}

/** Check a `[T, F]` input and give `[T, out]` or `[out]`. */
function sequenceShape(type: string, inputs: Shape[], out: number, returnSequences: boolean): ShapeResult {
  const [x] = inputs;
  if (x.length !== 2) return fail('err.rnn.rank', { type, shape: formatShape(x) });
  if (x[1] === null) return fail('err.rnn.unknownFeatures', { type, shape: formatShape(x) });
  return ok(returnSequences ? [x[0], out] : [out]);
}

const features = (inputs: Shape[]) => (inputs[0]?.[1] as number) ?? 0;

function makeCell(tf: TF, cell: RnnCell, units: number, returnSequences: boolean, name: string, activation?: Activation) {
  switch (cell) {
    case 'SimpleRNN':
      return tf.layers.simpleRNN({ units, returnSequences, name, activation: tfActivation(activation ?? 'tanh') as never });
    case 'LSTM':
      return tf.layers.lstm({ units, returnSequences, name, recurrentActivation: 'sigmoid' });
    case 'GRU':
      return tf.layers.gru({ units, returnSequences, name, recurrentActivation: 'sigmoid' }); // resetAfter: false, TF.js's only option
  }
}

export const MERGE_MODES = ['concat', 'sum', 'mul', 'ave'] as const;
export type MergeMode = (typeof MERGE_MODES)[number];

export type SimpleRNNParams = { units: number; activation: Activation; returnSequences: boolean };
/** LSTM and GRU. */
export type GatedRNNParams = { units: number; returnSequences: boolean };
export type BidirectionalParams = { cell: RnnCell; units: number; returnSequences: boolean; mergeMode: MergeMode };

const unitsParam = { name: 'units', kind: 'int', default: 16, min: 1, max: 512 } as const;
const returnSequencesParam = { name: 'returnSequences', kind: 'bool', default: false } as const;

export const SimpleRNN: LayerDef<SimpleRNNParams, 'SimpleRNN'> = {
  type: 'SimpleRNN',
  family: 'recurrent',
  params: [unitsParam, { name: 'activation', kind: 'enum', default: 'tanh', options: ACTIVATIONS }, returnSequencesParam],
  arity: [1, 1],
  inferShape: (inputs, params) => sequenceShape('SimpleRNN', inputs, params.units, params.returnSequences),
  paramCount: (inputs, params) => rnnParamCount('SimpleRNN', features(inputs), params.units),
  build: (tf, params, name) => makeCell(tf, 'SimpleRNN', params.units, params.returnSequences, name, params.activation),
};

function gated<C extends 'LSTM' | 'GRU'>(cell: C): LayerDef<GatedRNNParams, C> {
  return {
    type: cell,
    family: 'recurrent',
    params: [unitsParam, returnSequencesParam],
    arity: [1, 1],
    inferShape: (inputs, params) => sequenceShape(cell, inputs, params.units, params.returnSequences),
    paramCount: (inputs, params) => rnnParamCount(cell, features(inputs), params.units),
    build: (tf, params, name) => makeCell(tf, cell, params.units, params.returnSequences, name),
  };
}

export const LSTM = gated('LSTM');
export const GRU = gated('GRU');

/** One node running a cell forwards and a copy backwards, merging their outputs (SimpleRNN cells use tanh). */
export const Bidirectional: LayerDef<BidirectionalParams, 'Bidirectional'> = {
  type: 'Bidirectional',
  family: 'recurrent',
  params: [
    { name: 'cell', kind: 'enum', default: 'LSTM', options: RNN_CELLS },
    unitsParam,
    returnSequencesParam,
    { name: 'mergeMode', kind: 'enum', default: 'concat', options: MERGE_MODES },
  ],
  arity: [1, 1],
  inferShape(inputs, params) {
    const { units } = params;
    return sequenceShape('Bidirectional', inputs, params.mergeMode === 'concat' ? 2 * units : units, params.returnSequences);
  },
  paramCount: (inputs, params) => 2 * rnnParamCount(params.cell, features(inputs), params.units),
  build(tf, params, name) {
    const layer = makeCell(tf, params.cell, params.units, params.returnSequences, `${name}_cell`);
    return tf.layers.bidirectional({ layer, mergeMode: params.mergeMode, name });
  },
};

/** Layer types of this family, registered in index.ts. */
export const LAYERS = [SimpleRNN, LSTM, GRU, Bidirectional] as const;
