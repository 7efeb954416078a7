import { chain, graph, node, type TemplateDef } from './build';
import { DEFAULT_RATINGS } from '../../data/ratings';

const USERS = DEFAULT_RATINGS.users;
const ITEMS = DEFAULT_RATINGS.items;

/**
 * Matrix factorisation as a graph: a user vector and an item vector (Embeddings of dimension 2, so
 * the item map is the vectors themselves), their dot product, plus a user bias and an item bias
 * (Embeddings of size 1), then a Dense of one unit: the overall offset (and a scale).
 * rating ≈ w · (p_u · q_i + b_u + b_i) + b.
 */
export const matrixFactorization: TemplateDef = {
  id: 'matrixFactorization',
  family: 'recommender',
  inputKind: 'ratings',
  training: { learningRate: 0.1, batchSize: 32 },
  noteKey: 'template.matrixFactorization.note',
  network: () =>
    graph([
      node('user', 'Input', { shape: [1] }),
      node('item', 'Input', { shape: [1] }),
      ...chain([
        ['userVec', 'Embedding', { inputDim: USERS, outputDim: 2 }, ['user']],
        ['userFlat', 'Flatten', {}],
      ]),
      ...chain([
        ['itemVec', 'Embedding', { inputDim: ITEMS, outputDim: 2 }, ['item']],
        ['itemFlat', 'Flatten', {}],
      ]),
      node('dot', 'Dot', {}, ['userFlat', 'itemFlat']),
      ...chain([
        ['userBias', 'Embedding', { inputDim: USERS, outputDim: 1 }, ['user']],
        ['userBiasFlat', 'Flatten', {}],
      ]),
      ...chain([
        ['itemBias', 'Embedding', { inputDim: ITEMS, outputDim: 1 }, ['item']],
        ['itemBiasFlat', 'Flatten', {}],
      ]),
      node('sum', 'Add', {}, ['dot', 'userBiasFlat', 'itemBiasFlat']),
      node('rating', 'Dense', { units: 1, activation: 'linear', useBias: true }, ['sum']),
    ]),
};

/** Neural collaborative filtering (He et al. 2017, its MLP part): the two embeddings concatenated, then an MLP. */
export const ncf: TemplateDef = {
  id: 'ncf',
  family: 'recommender',
  inputKind: 'ratings',
  training: { learningRate: 0.1, batchSize: 32 },
  noteKey: 'template.ncf.note',
  network: () =>
    graph([
      node('user', 'Input', { shape: [1] }),
      node('item', 'Input', { shape: [1] }),
      ...chain([
        ['userVec', 'Embedding', { inputDim: USERS, outputDim: 8 }, ['user']],
        ['userFlat', 'Flatten', {}],
      ]),
      ...chain([
        ['itemVec', 'Embedding', { inputDim: ITEMS, outputDim: 8 }, ['item']],
        ['itemFlat', 'Flatten', {}],
      ]),
      ...chain([
        ['concat', 'Concatenate', { axis: -1 }, ['userFlat', 'itemFlat']],
        ['hidden', 'Dense', { units: 16, activation: 'relu', useBias: true }],
        ['rating', 'Dense', { units: 1, activation: 'linear', useBias: true }],
      ]),
    ]),
};

export const TEMPLATES: TemplateDef[] = [matrixFactorization, ncf];
