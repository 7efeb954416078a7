import type { GraphChange } from '../../../models/graphEdits';
import type { SpecChange } from '../../../models/edits';
import type { Params } from '../../../models/catalog';

/** Graph-editor edits as lesson SpecChanges (the same data the editor makes). */
const g = (change: GraphChange): SpecChange => ({ type: 'graph', change });

/** lstmForecast's LSTM swapped for another recurrent layer of 32 units (remove, add after the input, connect to the output). */
export function swapForecastCell(type: 'SimpleRNN' | 'GRU', from = 'lstm'): SpecChange[] {
  const id = type === 'SimpleRNN' ? 'rnn' : 'gru';
  const params: Params = type === 'SimpleRNN' ? { units: 32, activation: 'tanh', returnSequences: false } : { units: 32, returnSequences: false };
  return [
    g({ type: 'removeNodes', ids: [from] }),
    g({ type: 'addNode', nodeType: type, id, params, connectFrom: 'series' }),
    g({ type: 'connect', source: id, target: 'output' }),
  ];
}

/** The transformerEncoder template with one encoder block: the block that reverses is then the last one the lab shows. */
export const ONE_BLOCK: SpecChange[] = [g({ type: 'removeNodes', ids: ['encoder2'] }), g({ type: 'connect', source: 'encoder1', target: 'output' })];

/** Remove the PositionalEncoding node and reconnect the embedding to the first block. */
export const NO_POSITIONS: SpecChange[] = [g({ type: 'removeNodes', ids: ['posenc'] }), g({ type: 'connect', source: 'embedding', target: 'encoder1' })];

/** Put a sinusoidal PositionalEncoding back between the embedding and the first block. */
export const ADD_POSITIONS: SpecChange[] = [
  g({ type: 'disconnect', source: 'embedding', target: 'encoder1' }),
  g({ type: 'addNode', nodeType: 'PositionalEncoding', id: 'posenc', params: { encoding: 'sinusoidal', maxLength: 64 }, connectFrom: 'embedding' }),
  g({ type: 'connect', source: 'posenc', target: 'encoder1' }),
];

/** transformerEncoder's blocks replaced by a recurrent tagger (one output per position): an LSTM, or a bidirectional LSTM. */
export function recurrentTagger(bidirectional: boolean): SpecChange[] {
  const id = bidirectional ? 'bilstm' : 'lstm';
  const add: GraphChange = bidirectional
    ? { type: 'addNode', nodeType: 'Bidirectional', id, params: { cell: 'LSTM', units: 32, returnSequences: true, mergeMode: 'concat' }, connectFrom: 'embedding' }
    : { type: 'addNode', nodeType: 'LSTM', id, params: { units: 32, returnSequences: true }, connectFrom: 'embedding' };
  return [g({ type: 'removeNodes', ids: ['posenc', 'encoder1', 'encoder2'] }), g(add), g({ type: 'connect', source: id, target: 'output' })];
}

/** The tagger's LSTM swapped for a bidirectional one (what the graph editor does: remove, add, connect). */
export const TAGGER_TO_BIDIRECTIONAL: SpecChange[] = [
  g({ type: 'removeNodes', ids: ['lstm'] }),
  g({ type: 'addNode', nodeType: 'Bidirectional', id: 'bilstm', params: { cell: 'LSTM', units: 32, returnSequences: true, mergeMode: 'concat' }, connectFrom: 'embedding' }),
  g({ type: 'connect', source: 'bilstm', target: 'output' }),
];
