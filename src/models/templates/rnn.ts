import { chain, graph, type TemplateDef } from './build';

const VOCAB = 50;
const SEQ_LEN = 16;

/** Input [16] token ids → Embedding → one recurrent layer → a 2-class softmax. */
function recurrentClassifier(id: string, type: string, params: Record<string, string | number | boolean>): TemplateDef {
  return {
    id,
    family: 'rnn',
    inputKind: 'tokens',
    noteKey: `template.${id}.note`,
    network: () =>
      graph(
        chain([
          ['tokens', 'Input', { shape: [SEQ_LEN] }],
          ['embedding', 'Embedding', { inputDim: VOCAB, outputDim: 16 }],
          ['recurrent', type, { ...params }],
          ['output', 'Dense', { units: 2, activation: 'softmax', useBias: true }],
        ]),
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

export const TEMPLATES: TemplateDef[] = [simpleRnn, lstm, gru, biLstm];
