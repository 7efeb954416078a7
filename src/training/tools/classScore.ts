import type * as tfjs from '@tensorflow/tfjs';
import { analyze } from '../../models/analysis';
import type { NetworkSpec } from '../../models/spec';
import type { BuiltModel } from '../model';

type TF = typeof tfjs;
type T = tfjs.Tensor;

/**
 * The network as a function the explanations can differentiate: a forward pass over the built
 * layers (the model's own weights, inference mode) that can stop at a layer or start from a given
 * value of one (Grad-CAM's gradient with respect to a conv layer's output, gradient × input on an
 * Embedding's output), returning **the class scores**: the pre-softmax logits when the output is a
 * softmax (a Dense with softmax, or an Activation softmax after a layer) or a sigmoid unit, the
 * output itself otherwise. Logits, not probabilities: a probability saturates near 1, where its
 * gradient vanishes and the map goes blank, while the logit keeps its slope.
 */
export interface ClassScorer {
  /** `logit` or `output`: what the scores are. */
  kind: 'logit' | 'output';
  /** Class scores `[b, classes]` for inputs (one tensor per Input, batch first). */
  scores(inputs: T[]): T;
  /** Class scores with layer `id`'s output replaced by `value` (its upstream is not computed). */
  scoresFrom(id: string, value: T, inputs: T[]): T;
  /** Layer `id`'s output for the inputs. */
  activation(id: string, inputs: T[]): T;
  /** Probabilities `[b, classes]` from class scores. */
  probabilities(scores: T): T;
  /** Ids of the layers with a spatial (b, h, w, c) output, in order. */
  spatialLayers: string[];
  /** The first Embedding layer's id, or null. */
  embeddingId: string | null;
}

type DenseLike = tfjs.layers.Layer & { kernel: { read(): tfjs.Variable }; bias?: { read(): tfjs.Variable } | null };

/** Build the scorer for a built network (cheap: no tensors held). */
export function classScorer(tf: TF, built: BuiltModel, network: NetworkSpec): ClassScorer {
  const nodes = new Map(network.nodes.map((n) => [n.id, n]));
  const outId = analyze(network).outputs[0];
  const out = nodes.get(outId)!;
  const outParams = out.params as { activation?: string; units?: number };
  // Where the logits are: the output's own input for an Activation softmax/sigmoid; the output
  // Dense without its activation for a Dense softmax/sigmoid; the output itself otherwise.
  let mode: 'dense' | 'input' | 'output' = 'output';
  let sigmoid = false;
  if (outParams.activation === 'softmax' || outParams.activation === 'sigmoid') {
    sigmoid = outParams.activation === 'sigmoid';
    if (out.type === 'Dense') mode = 'dense';
    else if (out.type === 'Activation' && out.inputs.length === 1) mode = 'input';
  }

  const run = (inputs: T[], want: string, replace?: { id: string; value: T }): T => {
    const memo = new Map<string, T>();
    if (replace) memo.set(replace.id, replace.value);
    built.inputIds.forEach((id, i) => memo.set(id, inputs[i]));
    const value = (id: string): T => {
      const known = memo.get(id);
      if (known) return known;
      const node = nodes.get(id);
      const layer = built.layers.get(id);
      if (!node || !layer) throw new Error(`no layer ${id}`);
      const ins = node.inputs.map(value);
      const y = layer.apply(ins.length === 1 ? ins[0] : ins, { training: false }) as T;
      memo.set(id, y);
      return y;
    };
    return value(want);
  };

  const logitsOf = (inputs: T[], replace?: { id: string; value: T }): T => {
    if (mode === 'output' || (replace && replace.id === outId)) return run(inputs, outId, replace);
    if (mode === 'input') return run(inputs, out.inputs[0], replace);
    const layer = built.layers.get(outId) as DenseLike;
    const x = run(inputs, out.inputs[0], replace);
    const kernel = layer.kernel.read();
    const flat = x.rank > 2 ? tf.reshape(x, [-1, x.shape[x.rank - 1] as number]) : x;
    let z = tf.matMul(flat, kernel);
    const bias = layer.bias?.read();
    if (bias) z = tf.add(z, bias);
    return x.rank > 2 ? tf.reshape(z, [...x.shape.slice(0, -1), kernel.shape[1] as number]) : z;
  };
  const toScores = (z: T): T => (sigmoid && z.shape[z.rank - 1] === 1 ? tf.concat([tf.neg(z), z], -1) : z);

  return {
    kind: mode === 'output' ? 'output' : 'logit',
    scores: (inputs) => toScores(logitsOf(inputs)),
    scoresFrom: (id, value, inputs) => toScores(logitsOf(inputs, { id, value })),
    activation: (id, inputs) => run(inputs, id),
    probabilities: (scores) => {
      if (mode === 'output') return outParams.activation === 'softmax' || outParams.activation === 'sigmoid' ? scores : tf.softmax(scores);
      // Sigmoid scores are (−z, z): their softmax is (1 − σ(z), σ(z)).
      return tf.softmax(scores);
    },
    spatialLayers: built.order.filter((id) => built.layers.has(id) && built.symbolic.get(id)!.shape.length === 4),
    embeddingId: built.order.find((id) => nodes.get(id)?.type === 'Embedding') ?? null,
  };
}
