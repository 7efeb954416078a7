/**
 * How a network meets its dataset: whether the Input and output fit the examples, and for sequence
 * datasets which Input is the decoder's and how to resize a network (Inputs, Embedding
 * vocabularies, the output) for a dataset.
 */
import { analyze, type Analysis } from './analysis';
import { formatShape } from './catalog';
import { sequenceShape, type SequenceShape } from '../data/sequenceData';
import { ratingsMismatch } from './ratingsFit';
import { HAND_CLASSES, inputWidthOf, isImageDataset, isSequenceDataset, numClassesOf, taskOf, type DatasetSpec, type Experiment, type LayerNode, type NetworkSpec, type ParamValue } from './spec';

/** Why a network cannot train on its Experiment's dataset, as an i18n key naming the node. */
export interface FitProblem {
  nodeId: string;
  key: string;
  vars: Record<string, string | number>;
}

/** The shape of one example the dataset feeds the network's Input. */
export function datasetInputShape(exp: Experiment): number[] {
  if (!isImageDataset(exp.dataset.kind)) return [inputWidthOf(exp.dataset)];
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
  if (exp.dataset.kind === 'ratings') return ratingsMismatch(exp, analysis);
  const inputs = exp.network.nodes.filter((n) => n.type === 'Input');
  if (inputs.length !== 1) {
    return { nodeId: inputs[1]?.id ?? exp.network.nodes[0]?.id ?? '', key: 'err.fit.inputs', vars: { count: inputs.length } };
  }
  // Token inputs (an Input feeding an Embedding) need a sequence dataset.
  if (exp.network.nodes.some((n) => n.type === 'Embedding' && n.inputs.includes(inputs[0].id))) {
    return { nodeId: inputs[0].id, key: 'err.fit.sequenceData', vars: {} };
  }
  // Points by hand: a classifier needs a point of each class before it can learn anything.
  if (exp.dataset.kind === 'hand') {
    const hand = exp.dataset.hand ?? [];
    const seen = new Set<number>();
    for (let i = 2; i < hand.length; i += 3) seen.add(hand[i]);
    if (seen.size < HAND_CLASSES) return { nodeId: inputs[0].id, key: 'own.hand.few', vars: {} };
  }
  const want = datasetInputShape(exp);
  const got = inputs[0].params.shape;
  if (!Array.isArray(got) || got.join() !== want.join()) {
    return { nodeId: inputs[0].id, key: 'err.fit.inputShape', vars: { shape: formatShape(Array.isArray(got) ? got : []), want: formatShape(want) } };
  }
  if (analysis.outputs.length !== 1) {
    return { nodeId: analysis.outputs[1] ?? inputs[0].id, key: 'engine.oneOutput', vars: { count: analysis.outputs.length } };
  }
  const outId = analysis.outputs[0];
  const shape = analysis.nodes[outId]?.shape;
  if (!shape) return null; // the graph error is reported on its node
  const task = taskOf(exp.dataset);
  if (task === 'reconstruct') {
    // An autoencoder outputs its input: as many values as the image has pixels, in any shape.
    const pixels = want.reduce((a, b) => a * b, 1);
    const got = shape.reduce<number>((a, b) => a * (b ?? 0), 1);
    return got === pixels ? null : { nodeId: outId, key: 'err.fit.reconstruct', vars: { shape: formatShape(shape), want: pixels } };
  }
  const units = task === 'multiclass' ? numClassesOf(exp.dataset) : 1;
  if (shape.length !== 1) {
    return { nodeId: outId, key: 'err.fit.outputRank', vars: { shape: formatShape(shape), want: units } };
  }
  if (shape[0] !== units) return { nodeId: outId, key: 'err.output.units', vars: { units: shape[0] ?? 0, want: units } };
  return null;
}

// Sequence datasets

/**
 * With two Inputs, the one read by a decoder (its first input, the self-attention side) gets the
 * target shifted right; the other is the source. Without a decoder block the second Input in node
 * order is the decoder's. Null with one Input.
 */
export function decoderInputId(network: NetworkSpec): string | null {
  const inputs = network.nodes.filter((n) => n.type === 'Input');
  if (inputs.length !== 2) return null;
  const byId = new Map(network.nodes.map((n) => [n.id, n]));
  const reaches = (from: string, target: string, seen = new Set<string>()): boolean => {
    if (from === target) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    return (byId.get(from)?.inputs ?? []).some((i) => reaches(i, target, seen));
  };
  const decoder = network.nodes.find((n) => n.type === 'TransformerDecoderBlock' && n.inputs.length > 0);
  if (decoder) {
    const hit = inputs.find((i) => reaches(decoder.inputs[0], i.id) && !reaches(decoder.inputs[1] ?? '', i.id));
    if (hit) return hit.id;
  }
  return inputs[1].id;
}

/** The network's Inputs as [source, decoder | null]. */
export function sequenceInputs(network: NetworkSpec): [LayerNode | undefined, LayerNode | null] {
  const dec = decoderInputId(network);
  const inputs = network.nodes.filter((n) => n.type === 'Input');
  return [inputs.find((i) => i.id !== dec), dec ? inputs.find((i) => i.id === dec)! : null];
}

/** Shape of an Input for the dataset: token rows `[len]`, a series `[window, 1]`. */
function inputShapeFor(shape: SequenceShape, decoder: boolean): number[] {
  if (shape.layout === 'forecast') return [shape.inLen, 1];
  return [decoder ? shape.outLen : shape.inLen];
}

/** Output shape the dataset asks for. */
function outputShapeFor(shape: SequenceShape, twoInputs: boolean): number[] {
  if (shape.layout === 'forecast') return [shape.outLen];
  if (shape.layout === 'classify') return [2];
  return [twoInputs ? shape.outLen : shape.inLen, shape.vocab.length];
}

/** Why the network cannot train on the sequence dataset, or null. */
export function sequenceMismatch(exp: Experiment, analysis: Analysis = analyze(exp.network)): FitProblem | null {
  const shape = sequenceShape(exp.dataset);
  const inputs = exp.network.nodes.filter((n) => n.type === 'Input');
  const canDecode = shape.layout === 'tokens' && exp.dataset.kind !== 'charLm';
  if (inputs.length < 1 || inputs.length > (canDecode ? 2 : 1)) {
    return { nodeId: inputs[canDecode ? 2 : 1]?.id ?? exp.network.nodes[0]?.id ?? '', key: canDecode ? 'err.fit.seqInputs' : 'err.fit.inputs', vars: { count: inputs.length } };
  }
  const [source, decoder] = sequenceInputs(exp.network);
  if (shape.layout === 'tokens' && !decoder && !shape.fitsOneInput) {
    return { nodeId: source!.id, key: 'err.fit.needsDecoder', vars: { want: shape.outLen - 1, steps: shape.inLen } };
  }
  for (const [node, isDecoder] of [[source, false], [decoder, true]] as const) {
    if (!node) continue;
    const want = inputShapeFor(shape, isDecoder);
    const got = node.params.shape;
    if (!Array.isArray(got) || got.join() !== want.join()) {
      return { nodeId: node.id, key: 'err.fit.inputShape', vars: { shape: formatShape(Array.isArray(got) ? got : []), want: formatShape(want) } };
    }
  }
  if (shape.vocab.length) {
    for (const n of exp.network.nodes) {
      if (n.type !== 'Embedding' || !inputs.some((i) => n.inputs.includes(i.id))) continue;
      const size = Number(n.params.inputDim ?? 0);
      if (size < shape.vocab.length) return { nodeId: n.id, key: 'err.fit.vocab', vars: { size, want: shape.vocab.length } };
    }
  }
  if (analysis.outputs.length !== 1) {
    return { nodeId: analysis.outputs[1] ?? inputs[0].id, key: 'engine.oneOutput', vars: { count: analysis.outputs.length } };
  }
  const outId = analysis.outputs[0];
  const out = analysis.nodes[outId]?.shape;
  if (!out) return null; // the graph error is reported on its node
  const want = outputShapeFor(shape, decoder !== null);
  if (out.join() !== want.join()) return { nodeId: outId, key: 'err.fit.seqOutput', vars: { shape: formatShape(out), want: formatShape(want) } };
  return null;
}

/**
 * Resize a network for a sequence dataset: its Inputs' shapes, the vocabulary of every Embedding
 * that reads an Input, positional encodings long enough, and the output Dense's units. Layers in
 * between stay as the learner made them. Returns the same object when nothing changes.
 */
export function fitSequenceNetwork(network: NetworkSpec, dataset: Pick<DatasetSpec, 'kind' | 'sequence'>): NetworkSpec {
  const shape = sequenceShape(dataset);
  const [source, decoder] = sequenceInputs(network);
  const inputIds = new Set([source?.id, decoder?.id].filter(Boolean) as string[]);
  const outId = analyze(network).outputs[0];
  const longest = Math.max(shape.inLen, shape.outLen);
  let changed = false;
  const nodes = network.nodes.map((n) => {
    let params = n.params;
    const set = (key: string, value: ParamValue) => {
      if (JSON.stringify(params[key]) === JSON.stringify(value)) return;
      params = { ...params, [key]: value };
      changed = true;
    };
    if (n.type === 'Input' && inputIds.has(n.id)) set('shape', inputShapeFor(shape, n.id === decoder?.id));
    if (n.type === 'Embedding' && shape.vocab.length && n.inputs.some((i) => inputIds.has(i))) set('inputDim', Math.max(2, shape.vocab.length));
    if (n.type === 'PositionalEncoding' && Number(params.maxLength ?? 64) < longest) set('maxLength', longest);
    if (n.id === outId && n.type === 'Dense') {
      const units = shape.layout === 'forecast' ? shape.outLen : shape.layout === 'classify' ? 2 : shape.vocab.length;
      set('units', units);
      // Classes need softmax; a forecast needs values of any size.
      if (shape.layout !== 'forecast') set('activation', 'softmax');
      else if (params.activation === 'softmax' || params.activation === 'sigmoid') set('activation', 'linear');
    }
    return params === n.params ? n : { ...n, params };
  });
  if (!changed && nodes.every((n, i) => n === network.nodes[i])) return network;
  return { ...network, nodes };
}
