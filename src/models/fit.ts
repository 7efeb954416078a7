import { analyze, type Analysis } from './analysis';
import { formatShape } from './catalog';
import { sequenceMismatch } from './sequenceFit';
import { isImageDataset, isSequenceDataset, numClassesOf, taskOf, type Experiment } from './spec';

/** Why a network cannot train on its Experiment's dataset, as an i18n key naming the node. */
export interface FitProblem {
  nodeId: string;
  key: string;
  vars: Record<string, string | number>;
}

/** The shape of one example the dataset feeds the network's Input. */
export function datasetInputShape(exp: Experiment): number[] {
  if (!isImageDataset(exp.dataset.kind)) return [exp.dataset.features.length];
  // 32×32 is accepted too: the images are then padded, as LeNet-5 took MNIST.
  const shape = exp.network.nodes.find((n) => n.type === 'Input')?.params.shape;
  return Array.isArray(shape) && shape[0] === 32 && shape[1] === 32 && shape[2] === 1 ? [32, 32, 1] : [28, 28, 1];
}

/**
 * Check that the network fits the data: one Input of the dataset's example shape, one output with
 * one unit per class (or one value). Graph errors themselves are the analysis's to report.
 */
export function datasetMismatch(exp: Experiment, analysis: Analysis = analyze(exp.network)): FitProblem | null {
  if (isSequenceDataset(exp.dataset.kind)) return sequenceMismatch(exp, analysis);
  const inputs = exp.network.nodes.filter((n) => n.type === 'Input');
  if (inputs.length !== 1) {
    return { nodeId: inputs[1]?.id ?? exp.network.nodes[0]?.id ?? '', key: 'err.fit.inputs', vars: { count: inputs.length } };
  }
  // Token inputs (an Input feeding an Embedding) need a sequence dataset.
  if (exp.network.nodes.some((n) => n.type === 'Embedding' && n.inputs.includes(inputs[0].id))) {
    return { nodeId: inputs[0].id, key: 'err.fit.sequenceData', vars: {} };
  }
  const want = datasetInputShape(exp);
  const got = inputs[0].params.shape as number[];
  if (!Array.isArray(got) || got.join() !== want.join()) {
    return { nodeId: inputs[0].id, key: 'err.fit.inputShape', vars: { shape: formatShape(got ?? []), want: formatShape(want) } };
  }
  if (analysis.outputs.length !== 1) {
    return { nodeId: analysis.outputs[1] ?? inputs[0].id, key: 'engine.oneOutput', vars: { count: analysis.outputs.length } };
  }
  const outId = analysis.outputs[0];
  const shape = analysis.nodes[outId]?.shape;
  if (!shape) return null; // the graph error is reported on its node
  const task = taskOf(exp.dataset);
  const units = task === 'multiclass' ? numClassesOf(exp.dataset) : 1;
  if (shape.length !== 1) {
    return { nodeId: outId, key: 'err.fit.outputRank', vars: { shape: formatShape(shape), want: units } };
  }
  if (shape[0] !== units) return { nodeId: outId, key: 'err.output.units', vars: { units: shape[0] ?? 0, want: units } };
  return null;
}
