/**
 * How a network meets the ratings dataset (data/ratings.ts): two Inputs of shape [1], the user id
 * (the first Input in node order) and the item id (the second); every Embedding that reads one of
 * them needs a row for each id; one output value, the predicted rating.
 */
import { analyze, type Analysis } from './analysis';
import { formatShape } from './catalog';

/** A problem as fit.ts's FitProblem (the same shape; not imported: fit.ts imports this module). */
interface FitProblem {
  nodeId: string;
  key: string;
  vars: Record<string, string | number>;
}
import type { DatasetSpec, Experiment, NetworkSpec } from './spec';
import { ratingsOptionsOf } from '../data/ratings';

/** The ids of the user and item Inputs, in that order ([] unless there are exactly two Inputs). */
export function ratingInputIds(network: NetworkSpec): string[] {
  const inputs = network.nodes.filter((n) => n.type === 'Input');
  return inputs.length === 2 ? inputs.map((n) => n.id) : [];
}

/** How many ids each Input of the ratings reads: users, then items. */
function idCounts(dataset: Pick<DatasetSpec, 'ratings'>): [number, number] {
  const o = ratingsOptionsOf(dataset);
  return [o.users, o.items];
}

/** Why the network cannot train on the ratings, or null. */
export function ratingsMismatch(exp: Experiment, analysis: Analysis = analyze(exp.network)): FitProblem | null {
  const inputs = exp.network.nodes.filter((n) => n.type === 'Input');
  const bad = inputs.find((n) => !Array.isArray(n.params.shape) || n.params.shape.join() !== '1');
  if (inputs.length !== 2 || bad) {
    return { nodeId: bad?.id ?? inputs[2]?.id ?? inputs[0]?.id ?? exp.network.nodes[0]?.id ?? '', key: 'err.fit.ratingsInputs', vars: { count: inputs.length } };
  }
  const counts = idCounts(exp.dataset);
  for (const n of exp.network.nodes) {
    if (n.type !== 'Embedding') continue;
    const side = inputs.findIndex((i) => n.inputs.includes(i.id));
    if (side < 0) continue;
    const dim = Number(n.params.inputDim ?? 0);
    if (dim < counts[side]) {
      return { nodeId: n.id, key: side === 0 ? 'err.fit.ratingsVocab.user' : 'err.fit.ratingsVocab.item', vars: { max: counts[side] - 1, dim, want: counts[side] } };
    }
  }
  if (analysis.outputs.length !== 1) {
    return { nodeId: analysis.outputs[1] ?? inputs[0].id, key: 'engine.oneOutput', vars: { count: analysis.outputs.length } };
  }
  const outId = analysis.outputs[0];
  const shape = analysis.nodes[outId]?.shape;
  if (!shape) return null;
  if (shape.length !== 1) return { nodeId: outId, key: 'err.fit.outputRank', vars: { shape: formatShape(shape), want: 1 } };
  if (shape[0] !== 1) return { nodeId: outId, key: 'err.output.units', vars: { units: shape[0] ?? 0, want: 1 } };
  return null;
}

/**
 * Size the Embeddings that read the user or item Input for the dataset's users and items. Returns
 * the same object when nothing changes.
 */
export function fitRatingsNetwork(network: NetworkSpec, dataset: Pick<DatasetSpec, 'ratings'>): NetworkSpec {
  const ids = ratingInputIds(network);
  const counts = idCounts(dataset);
  let changed = false;
  const nodes = network.nodes.map((n) => {
    const side = n.type === 'Embedding' ? ids.findIndex((id) => n.inputs.includes(id)) : -1;
    if (side < 0 || n.params.inputDim === counts[side]) return n;
    changed = true;
    return { ...n, params: { ...n.params, inputDim: counts[side] } };
  });
  return changed ? { ...network, nodes } : network;
}
