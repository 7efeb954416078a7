import { chain, graph, node, type TemplateDef } from './build';

/** d_model 64, 4 heads of 16: the size the sequence lab's benchmarks use (bench/seq.bench.mjs). */
const D = 64;
const block = { numHeads: 4, keyDim: 16, ffDim: 128, dropout: 0 };

/**
 * Vaswani et al. (2017)'s encoder as a token tagger: two encoder blocks, then a softmax over the
 * vocabulary at every position. On reverse, position i must attend to position T−1−i: the
 * anti-diagonal appears in the attention maps as it learns. Input and vocabulary sizes are set
 * from the dataset when it opens (models/fit.ts).
 */
export const transformerEncoder: TemplateDef = {
  id: 'transformerEncoder',
  family: 'transformer',
  inputKind: 'tokens',
  dataset: { kind: 'reverse' },
  noteKey: 'template.transformerEncoder.note',
  network: () =>
    graph(
      chain([
        ['tokens', 'Input', { shape: [8] }],
        ['embedding', 'Embedding', { inputDim: 14, outputDim: D }],
        ['posenc', 'PositionalEncoding', { encoding: 'sinusoidal', maxLength: 64 }],
        ['encoder1', 'TransformerEncoderBlock', { ...block, causal: false }],
        ['encoder2', 'TransformerEncoderBlock', { ...block, causal: false }],
        ['output', 'Dense', { units: 14, activation: 'softmax', useBias: true }],
      ]),
    ),
};

/**
 * The original encoder–decoder Transformer at toy scale: source and target token rows, two encoder
 * blocks, two decoder blocks attending to them, and a softmax over the vocabulary at every step.
 * Opens on number words → digits, where cross-attention lines digits up with the words that say them.
 */
export const transformerSeq2seq: TemplateDef = {
  id: 'transformerSeq2seq',
  family: 'transformer',
  inputKind: 'sequence',
  dataset: { kind: 'numberWords', sequence: { direction: 'toDigits' } },
  // Four blocks, post-LN: at 0.003 Adam stalled near 30 % token accuracy for ~150 steps (number
  // words, Node); at 0.001 it reached 97 % test token accuracy after 150 steps.
  training: { learningRate: 0.001 },
  noteKey: 'template.transformerSeq2seq.note',
  network: () =>
    graph([
      ...chain([
        ['source', 'Input', { shape: [5] }],
        ['source_embedding', 'Embedding', { inputDim: 42, outputDim: D }],
        ['source_posenc', 'PositionalEncoding', { encoding: 'sinusoidal', maxLength: 64 }],
        ['encoder1', 'TransformerEncoderBlock', { ...block, causal: false }],
        ['encoder2', 'TransformerEncoderBlock', { ...block, causal: false }],
      ]),
      ...chain([
        ['target', 'Input', { shape: [4] }],
        ['target_embedding', 'Embedding', { inputDim: 42, outputDim: D }],
        ['target_posenc', 'PositionalEncoding', { encoding: 'sinusoidal', maxLength: 64 }],
      ]),
      node('decoder1', 'TransformerDecoderBlock', { ...block }, ['target_posenc', 'encoder2']),
      node('decoder2', 'TransformerDecoderBlock', { ...block }, ['decoder1', 'encoder2']),
      node('output', 'Dense', { units: 42, activation: 'softmax', useBias: true }, ['decoder2']),
    ]),
};

/**
 * A tiny GPT: causal encoder blocks (each position sees only itself and earlier ones) predicting the
 * next character of a shipped corpus; the lab generates text from it with temperature and top-k.
 */
export const miniGpt: TemplateDef = {
  id: 'miniGpt',
  family: 'transformer',
  inputKind: 'tokens',
  dataset: { kind: 'charLm', sequence: { length: 32 } },
  noteKey: 'template.miniGpt.note',
  network: () =>
    graph(
      chain([
        ['chars', 'Input', { shape: [32] }],
        ['embedding', 'Embedding', { inputDim: 64, outputDim: D }],
        ['posenc', 'PositionalEncoding', { encoding: 'learned', maxLength: 64 }],
        ['block1', 'TransformerEncoderBlock', { ...block, causal: true }],
        ['block2', 'TransformerEncoderBlock', { ...block, causal: true }],
        ['output', 'Dense', { units: 64, activation: 'softmax', useBias: true }],
      ]),
    ),
};

export const TEMPLATES: TemplateDef[] = [transformerEncoder, transformerSeq2seq, miniGpt];
