import type { LayerParamsByType } from '../catalog';
import { chain, graph, node, type TemplateDef } from './build';

/** Input token ids → Embedding → one recurrent layer → a 2-class softmax; opens on the sentiment sentences. */
function recurrentClassifier<K extends 'SimpleRNN' | 'LSTM' | 'GRU' | 'Bidirectional'>(id: string, type: K, params: LayerParamsByType[K]): TemplateDef {
  return {
    id,
    family: 'rnn',
    inputKind: 'tokens',
    dataset: { kind: 'sentiment' },
    noteKey: `template.${id}.note`,
    network: () =>
      graph(
        [
          ...chain([
            ['tokens', 'Input', { shape: [16] }],
            ['embedding', 'Embedding', { inputDim: 50, outputDim: 16 }],
          ]),
          node('recurrent', type, params, ['embedding']),
          node('output', 'Dense', { units: 2, activation: 'softmax', useBias: true }, ['recurrent']),
        ],
      ),
  };
}

/** Elman's simple recurrent network (1990). */
export const simpleRnn = recurrentClassifier('simpleRnn', 'SimpleRNN', { units: 32, activation: 'tanh', returnSequences: false });
/** Hochreiter & Schmidhuber's LSTM (1997). */
export const lstm = recurrentClassifier('lstm', 'LSTM', { units: 32, returnSequences: false });
/** Cho et al.'s GRU (2014). */
export const gru = recurrentClassifier('gru', 'GRU', { units: 32, returnSequences: false });
/** Schuster & Paliwal's bidirectional RNN (1997) with LSTM cells, as in Graves's work. */
export const biLstm = recurrentClassifier('biLstm', 'Bidirectional', {
  cell: 'LSTM',
  units: 16,
  returnSequences: false,
  mergeMode: 'concat',
});

/** An LSTM forecaster: a window of a noisy sine in, the next steps out (its final state decides them). */
export const lstmForecast: TemplateDef = {
  id: 'lstmForecast',
  family: 'rnn',
  inputKind: 'series',
  dataset: { kind: 'sine' },
  noteKey: 'template.lstmForecast.note',
  network: () =>
    graph(
      chain([
        ['series', 'Input', { shape: [32, 1] }],
        ['lstm', 'LSTM', { units: 32, returnSequences: false }],
        ['output', 'Dense', { units: 8, activation: 'linear', useBias: true }],
      ]),
    ),
};

export const TEMPLATES: TemplateDef[] = [simpleRnn, lstm, gru, biLstm, lstmForecast];
