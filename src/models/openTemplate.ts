import { analyze } from './analysis';
import type { TemplateDef } from './templates';
import { DEFAULT_SEQUENCE, defaultExperiment, IMAGE_TRAIN_RATIO, sequenceDatasetFor, trainingFor } from './defaults';
import { sequenceShape } from '../data/sequenceData';
import { fitSequenceNetwork } from './fit';
import { withRatingsDataset } from './ratingsEdits';
import { fitRatingsNetwork } from './ratingsFit';
import { isImageDataset, isSequenceDataset, MNIST_COUNT, modalityOf, numClassesOf, taskOf, type DatasetSpec, type Experiment } from './spec';

/**
 * The dataset a sequence template opens on: the learner's own when it is a sequence set the
 * template can read (same layout; a decoder for answers longer than the input), else the template's.
 */
function sequenceDatasetOf(current: DatasetSpec, template: TemplateDef): DatasetSpec {
  const want = template.dataset!;
  const wanted: DatasetSpec = {
    ...current,
    kind: want.kind,
    ...(isSequenceDataset(current.kind) ? {} : sequenceDatasetFor(want.kind)),
    sequence: { ...DEFAULT_SEQUENCE, ...(isSequenceDataset(current.kind) ? current.sequence : {}), ...want.sequence },
  };
  if (!isSequenceDataset(current.kind)) return wanted;
  const mine = sequenceShape(current);
  const theirs = sequenceShape(wanted);
  const decoder = template.inputKind === 'sequence';
  const lm = (d: DatasetSpec) => d.kind === 'charLm';
  if (mine.layout !== theirs.layout || lm(current) !== lm(wanted) || (mine.layout === 'tokens' && !decoder && !mine.fitsOneInput) || (decoder && lm(current))) return wanted;
  return current;
}

/**
 * Open a template as the learner's network, with a dataset it can train on: 2-D templates keep a
 * point dataset (with the features their Input takes), image templates get MNIST digits,
 * and the classifier's output is sized to the dataset's classes. Sequence templates open on their
 * own dataset (reverse, number words, the corpus, sentiment, a sine) unless the learner's sequence set
 * suits them, and are resized to it. Pure: undo takes it back.
 */
export function openTemplate(exp: Experiment, template: TemplateDef): Experiment {
  // The editor lays the template out itself (folded into rows for deep networks).
  const { layout: _layout, ...network } = template.network();
  let dataset = exp.dataset;
  let training = exp.training;
  if (template.inputKind === 'ratings') {
    // A recommender opens on the ratings (the learner's own options if already there), Adam, MSE.
    const on = withRatingsDataset(exp, { ...dataset, kind: 'ratings' }, {});
    return { ...on, network: fitRatingsNetwork(network, on.dataset), training: { ...on.training, ...trainingFor('ratings'), ...template.training, loss: 'mse' } };
  }
  if (template.inputKind === 'image28' || template.inputKind === 'image32') {
    // Image templates meet real digits first (LeNet-5 was made for them); shapes stay a click away.
    if (!isImageDataset(dataset.kind)) {
      dataset = { ...dataset, kind: 'mnist', numPoints: MNIST_COUNT, trainRatio: IMAGE_TRAIN_RATIO };
      training = { ...training, ...trainingFor(true) };
    }
  } else if (template.dataset) {
    const wasSequence = isSequenceDataset(dataset.kind);
    dataset = sequenceDatasetOf(dataset, template);
    if (!wasSequence) training = { ...training, ...trainingFor('sequences') };
    training = { ...training, ...template.training };
    const task = taskOf(dataset);
    const loss = task === 'regression' ? 'mse' : 'crossEntropy';
    return { ...exp, network: fitSequenceNetwork(network, dataset), dataset, training: { ...training, loss } };
  } else if (template.inputKind === 'features2d') {
    const input = network.nodes.find((n) => n.type === 'Input');
    const shape = input?.params.shape;
    const width = (Array.isArray(shape) ? shape[0] : undefined) ?? 2;
    // A 2-D template on images or sequences opens on the playground's own data.
    if (modalityOf(dataset.kind) !== 'points') {
      dataset = { ...defaultExperiment().dataset, features: dataset.features };
      training = { ...training, ...trainingFor(false) };
    }
    if (dataset.features.length !== width) dataset = { ...dataset, features: width === 2 ? ['x1', 'x2'] : dataset.features };
    // A learner's table: the template's Input takes the table's encoded inputs.
    if (dataset.kind === 'table' && dataset.table && input) input.params.shape = [dataset.table.width];
  }
  // An autoencoder template learns its input; any other template on images learns the labels.
  if (isImageDataset(dataset.kind)) {
    const { target: _target, ...rest } = dataset;
    dataset = template.reconstructs ? { ...rest, target: 'input' } : rest;
  }
  const task = taskOf(dataset);
  if (task === 'reconstruct') return { ...exp, network, dataset, training: { ...training, ...template.training, loss: 'crossEntropy' } };
  const analysis = analyze(network);
  const outId = analysis.outputs[0];
  if (template.inputKind !== 'tokens' && template.inputKind !== 'sequence') {
    for (const node of network.nodes) {
      if (node.id !== outId || node.type !== 'Dense') continue;
      node.params.units = task === 'multiclass' ? numClassesOf(dataset) : 1;
      if (task === 'binary' && node.params.activation === 'softmax') node.params.activation = 'sigmoid';
    }
  }
  const loss = task === 'regression' ? 'mse' : training.loss === 'mse' && task === 'multiclass' ? 'crossEntropy' : training.loss;
  return { ...exp, network, dataset, training: { ...training, loss } };
}
