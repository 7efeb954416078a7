import { analyze } from './analysis';
import type { TemplateDef } from './templates';
import { IMAGE_TRAIN_RATIO, trainingFor } from './defaults';
import { isImageDataset, MAX_POINTS, MNIST_COUNT, numClassesOf, taskOf, type Experiment } from './spec';

/**
 * Open a template as the learner's network, with a dataset it can train on: 2-D templates keep a
 * point dataset (with the features their Input takes), image templates get MNIST digits,
 * and the classifier's output is sized to the dataset's classes. Token templates keep the
 * dataset; the app explains that sequence data comes later. Pure: undo takes it back.
 */
export function openTemplate(exp: Experiment, template: TemplateDef): Experiment {
  // The editor lays the template out itself (folded into rows for deep networks).
  const { layout: _layout, ...network } = template.network();
  let dataset = exp.dataset;
  let training = exp.training;
  if (template.inputKind === 'image28' || template.inputKind === 'image32') {
    // Image templates meet real digits first (LeNet-5 was made for them); shapes stay a click away.
    if (!isImageDataset(dataset.kind)) {
      dataset = { ...dataset, kind: 'mnist', numPoints: MNIST_COUNT, trainRatio: IMAGE_TRAIN_RATIO };
      training = { ...training, ...trainingFor(true) };
    }
  } else if (template.inputKind === 'features2d') {
    const input = network.nodes.find((n) => n.type === 'Input');
    const width = (input?.params.shape as number[] | undefined)?.[0] ?? 2;
    if (isImageDataset(dataset.kind)) {
      dataset = { ...dataset, kind: 'circle', numPoints: Math.min(dataset.numPoints, MAX_POINTS) };
      training = { ...training, ...trainingFor(false) };
    }
    if (dataset.features.length !== width) dataset = { ...dataset, features: width === 2 ? ['x1', 'x2'] : dataset.features };
  }
  const task = taskOf(dataset);
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
