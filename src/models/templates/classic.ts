import { chain, graph, type TemplateDef } from './build';

/** Rosenblatt's perceptron: two features straight into one sigmoid unit. */
export const perceptron: TemplateDef = {
  id: 'perceptron',
  family: 'mlp',
  inputKind: 'features2d',
  noteKey: 'template.perceptron.note',
  network: () =>
    graph(
      chain([
        ['input', 'Input', { shape: [2] }],
        ['output', 'Dense', { units: 1, activation: 'sigmoid', useBias: true }],
      ]),
    ),
};

/** A multi-layer perceptron of the backpropagation era: two hidden tanh layers. */
export const mlp: TemplateDef = {
  id: 'mlp',
  family: 'mlp',
  inputKind: 'features2d',
  noteKey: 'template.mlp.note',
  network: () =>
    graph(
      chain([
        ['input', 'Input', { shape: [2] }],
        ['hidden1', 'Dense', { units: 8, activation: 'tanh', useBias: true }],
        ['hidden2', 'Dense', { units: 8, activation: 'tanh', useBias: true }],
        ['output', 'Dense', { units: 1, activation: 'sigmoid', useBias: true }],
      ]),
    ),
};

export const TEMPLATES: TemplateDef[] = [perceptron, mlp];
