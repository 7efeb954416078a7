import type * as tfjs from '@tensorflow/tfjs';
import { analyze } from '../models/analysis';
import { isSamplingLayer } from '../models/catalog/sampling';
import { defOf, typedNode } from '../models/params';
import type { Activation, LayerNode, NetworkSpec } from '../models/spec';
import { LEAKY_ALPHA, registerCustomObjects } from './custom';

type TF = typeof tfjs;
type T = tfjs.Tensor;

/** One step of the fast path: a Dense, an activation or a dropout. */
type ChainOp =
  | { kind: 'dense'; id: string; kernel: tfjs.Variable; bias: tfjs.Variable | null; activation: Activation }
  | { kind: 'activation'; activation: Activation }
  | { kind: 'dropout'; rate: number };

export interface DenseWeights {
  layerId: string;
  kernel: tfjs.Variable;
  bias: tfjs.Variable | null;
}

export interface BuiltModel {
  model: tfjs.LayersModel;
  /** The Dense layers' variables in network order (the ones the optimizer updates). */
  dense: DenseWeights[];
  variables: tfjs.Variable[];
  /** The layer (node id) each of `variables` belongs to, position for position. */
  variableLayers: readonly string[];
  /**
   * Freeze these layers' batch normalization (transfer learning): a frozen BN layer runs in
   * inference mode even while training, so its moving statistics stay (the Keras convention).
   * Which variables the optimizer updates is the runtime's choice (`variableLayers`).
   */
  setFrozen(ids: ReadonlySet<string>): void;
  /**
   * Forward pass. For a chain of Dense/Activation/Dropout it runs raw ops over the model's own
   * variables: for the tiny networks of the 2-D playground the layers API's per-call bookkeeping
   * costs more than the maths (see DESIGN.md). Other graphs go through `model.apply`.
   * With `collect`, also returns every Dense layer's output (after its activation).
   */
  forward(x: T | T[], opts: { training: boolean; seed?: number; collect?: boolean }): { output: T; hidden: T[] };
  /** The Input node ids in the order `forward` and `model.predict` take their tensors. */
  inputIds: readonly string[];
  /** True when `forward` takes the raw-op fast path. */
  fastPath: boolean;
  /** Each node's symbolic output and (except Inputs) its layer, by node id. */
  symbolic: ReadonlyMap<string, tfjs.SymbolicTensor>;
  layers: ReadonlyMap<string, tfjs.layers.Layer>;
  /** Node ids in topological order. */
  order: readonly string[];
  dispose(): void;
}

export class BuildError extends Error {
  constructor(
    readonly key: string,
    readonly vars?: Record<string, string | number>,
  ) {
    super(key);
  }
}

export function activate(tf: TF, x: T, a: Activation): T {
  switch (a) {
    case 'linear':
      return x;
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'tanh':
      return tf.tanh(x);
    case 'relu':
      return tf.relu(x);
    case 'leakyRelu':
      return tf.leakyRelu(x, LEAKY_ALPHA);
    case 'elu':
      return tf.elu(x);
    case 'gelu':
      // The exact (erf) form, as TF.js's 'gelu' layer activation computes it.
      return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.div(x, Math.SQRT2))));
    case 'swish':
      return tf.mul(x, tf.sigmoid(x));
    case 'softmax':
      return tf.softmax(x);
  }
}

/**
 * Build a NetworkSpec into a TF.js functional model with one output. Throws BuildError (an i18n
 * key) when the graph is invalid; callers show it and keep the learner's work.
 */
export function buildModel(tf: TF, spec: NetworkSpec): BuiltModel {
  registerCustomObjects(tf);
  const analysis = analyze(spec);
  if (analysis.errors.length) {
    const first = analysis.errors[0];
    throw new BuildError('engine.invalidGraph', { node: first.nodeId });
  }
  if (analysis.outputs.length !== 1) throw new BuildError('engine.oneOutput', { count: analysis.outputs.length });

  // The analysis passed, so every node checks: typed parameters from here on.
  const checked = (n: LayerNode) => {
    const t = typedNode(n);
    if (!t) throw new Error(`node ${n.id} has invalid parameters`);
    return t;
  };
  const byId = new Map(spec.nodes.map((n) => [n.id, checked(n)]));
  const symbolic = new Map<string, tfjs.SymbolicTensor>();
  const inputs: tfjs.SymbolicTensor[] = [];
  const inputIds: string[] = [];
  const layers = new Map<string, tfjs.layers.Layer>();
  for (const id of analysis.order) {
    const node = byId.get(id)!;
    if (node.type === 'Input') {
      const input = tf.input({ shape: node.params.shape, name: id });
      symbolic.set(id, input);
      inputs.push(input);
      inputIds.push(id);
      continue;
    }
    const layer = defOf(node).build(tf, node.params, id);
    layers.set(id, layer);
    const ins = node.inputs.map((src) => symbolic.get(src)!);
    symbolic.set(id, layer.apply(ins.length === 1 ? ins[0] : ins) as tfjs.SymbolicTensor);
  }
  const model = tf.model({ inputs, outputs: symbolic.get(analysis.outputs[0])! });

  const dense: DenseWeights[] = [];
  const chain: ChainOp[] = [];
  let isChain = inputs.length === 1;
  let prev = inputs.length === 1 ? spec.nodes.find((n) => n.type === 'Input')!.id : '';
  for (const id of analysis.order) {
    const node = byId.get(id)!;
    if (node.type === 'Input') continue;
    if (node.inputs.length !== 1 || node.inputs[0] !== prev) isChain = false;
    prev = id;
    if (node.type === 'Dense') {
      const layer = layers.get(id)! as tfjs.layers.Layer & { kernel: { read(): tfjs.Variable }; bias?: { read(): tfjs.Variable } };
      const kernel = layer.kernel.read();
      const bias = node.params.useBias === false ? null : layer.bias!.read();
      dense.push({ layerId: id, kernel, bias });
      chain.push({ kind: 'dense', id, kernel, bias, activation: node.params.activation });
    } else if (node.type === 'Activation') {
      chain.push({ kind: 'activation', activation: node.params.activation });
    } else if (node.type === 'Dropout') {
      chain.push({ kind: 'dropout', rate: node.params.rate });
    } else {
      isChain = false;
    }
  }
  const variables = model.trainableWeights.map((w) => w.read() as tfjs.Variable);
  const owner = new Map<tfjs.Variable, string>();
  for (const [id, layer] of layers) for (const w of layer.trainableWeights) owner.set(w.read() as tfjs.Variable, id);
  const variableLayers = variables.map((v) => owner.get(v) ?? '');
  // Frozen batch normalization: its call sees `training: false`, so it normalizes with its moving
  // statistics and leaves them be. One wrapper per BN layer, reading the current frozen set.
  let frozen: ReadonlySet<string> = new Set();
  for (const [id, layer] of layers) {
    if (byId.get(id)?.type !== 'BatchNormalization') continue;
    const call = layer.call.bind(layer);
    layer.call = (inputs, kwargs) => call(inputs, frozen.has(id) ? { ...kwargs, training: false } : kwargs);
  }

  // Sampling layers (a VAE): fresh noise every training pass, yet reproducible from the seed.
  const samplers = [...layers.values()].filter(isSamplingLayer);
  const forward: BuiltModel['forward'] = (x, { training, seed = 0, collect = false }) => {
    const hidden: T[] = [];
    samplers.forEach((s, k) => {
      s.seed = (seed * 31 + 977 * (k + 1)) >>> 0;
      s.setKl(null);
    });
    if (!isChain || Array.isArray(x)) {
      const output = model.apply(Array.isArray(x) && x.length === 1 ? x[0] : x, { training }) as T;
      return { output, hidden };
    }
    let h = x;
    chain.forEach((op, i) => {
      if (op.kind === 'dense') {
        // Plain matMul + add: measured ~30 % faster per step on the CPU backend than
        // tf.fused.matMul with a bias (whose gradient does extra reshapes and reductions).
        h = tf.matMul(h, op.kernel);
        if (op.bias) h = tf.add(h, op.bias);
        h = activate(tf, h, op.activation);
        if (collect) hidden.push(h);
      } else if (op.kind === 'activation') {
        h = activate(tf, h, op.activation);
      } else if (training && op.rate > 0) {
        // A different mask every step and layer, yet reproducible from the Experiment's seed.
        h = tf.dropout(h, op.rate, undefined, (seed * 31 + i) >>> 0);
      }
    });
    return { output: h, hidden };
  };

  return {
    model,
    dense,
    variables,
    variableLayers,
    setFrozen: (ids) => {
      frozen = new Set(ids);
    },
    forward,
    fastPath: isChain,
    inputIds,
    symbolic,
    layers,
    order: analysis.order,
    dispose: () => {
      samplers.forEach((s) => s.setKl(null));
      model.dispose();
    },
  };
}
