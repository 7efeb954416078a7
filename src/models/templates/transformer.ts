import { chain, graph, node, type TemplateDef } from './build';

const VOCAB = 50;
const D = 32;
const block = { numHeads: 4, keyDim: 8, ffDim: 64, dropout: 0.1 };

/** Vaswani et al. (2017)'s encoder as a classifier: two encoder blocks, flattened, then softmax. */
export const transformerEncoder: TemplateDef = {
  id: 'transformerEncoder',
  family: 'transformer',
  inputKind: 'tokens',
  noteKey: 'template.transformerEncoder.note',
  network: () =>
    graph(
      chain([
        ['tokens', 'Input', { shape: [16] }],
        ['embedding', 'Embedding', { inputDim: VOCAB, outputDim: D }],
        ['posenc', 'PositionalEncoding', { encoding: 'sinusoidal', maxLength: 64 }],
        ['encoder1', 'TransformerEncoderBlock', { ...block, causal: false }],
        ['encoder2', 'TransformerEncoderBlock', { ...block, causal: false }],
        ['flatten', 'Flatten'],
        ['output', 'Dense', { units: 2, activation: 'softmax', useBias: true }],
      ]),
    ),
};

/**
 * The original encoder–decoder Transformer at toy scale: source and target token rows, one encoder
 * block, one decoder block attending to it, and a softmax over the vocabulary at every step.
 */
export const transformerSeq2seq: TemplateDef = {
  id: 'transformerSeq2seq',
  family: 'transformer',
  inputKind: 'sequence',
  noteKey: 'template.transformerSeq2seq.note',
  network: () =>
    graph([
      ...chain([
        ['source', 'Input', { shape: [12] }],
        ['source_embedding', 'Embedding', { inputDim: VOCAB, outputDim: D }],
        ['source_posenc', 'PositionalEncoding', { encoding: 'sinusoidal', maxLength: 64 }],
        ['encoder', 'TransformerEncoderBlock', { ...block, causal: false }],
      ]),
      ...chain([
        ['target', 'Input', { shape: [12] }],
        ['target_embedding', 'Embedding', { inputDim: VOCAB, outputDim: D }],
        ['target_posenc', 'PositionalEncoding', { encoding: 'sinusoidal', maxLength: 64 }],
      ]),
      node('decoder', 'TransformerDecoderBlock', { ...block }, ['target_posenc', 'encoder']),
      node('output', 'Dense', { units: VOCAB, activation: 'softmax', useBias: true }, ['decoder']),
    ]),
};

export const TEMPLATES: TemplateDef[] = [transformerEncoder, transformerSeq2seq];
