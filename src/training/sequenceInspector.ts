import type * as tfjs from '@tensorflow/tfjs';
import type { PreparedData } from './prepare';
import { PAD } from '../data/sequences';
import { typedNode } from '../models/params';
import type { AttentionSource, CrossAttentionSource } from '../models/catalog/multiHeadAttention';
import { sinusoidalTable } from '../models/catalog/positionalEncoding';
import { unrollRecurrent, weightsFromList, type RecurrentInput, type RecurrentType } from '../models/recurrentUnroll';
import { gradientNormsThroughTime } from '../models/recurrentBackprop';
import type { NetworkSpec } from '../models/spec';
import type { BuiltModel } from './model';
import type { RecurrentProbe, SeqProbes, AttentionKind, AttentionMap } from './protocol';

type TF = typeof tfjs;

/** Which side of an encoder–decoder a node reads (through its first input): the source or the decoder rows. */
function sideOf(network: NetworkSpec, decoderInput: string | null): (id: string) => 'source' | 'decoder' {
  const byId = new Map(network.nodes.map((n) => [n.id, n]));
  const memo = new Map<string, 'source' | 'decoder'>();
  const side = (id: string): 'source' | 'decoder' => {
    const known = memo.get(id);
    if (known) return known;
    memo.set(id, 'source'); // a cycle (invalid graph) reads as the source
    const node = byId.get(id);
    const s = !node ? 'source' : node.type === 'Input' ? (id === decoderInput ? 'decoder' : 'source') : side(node.inputs[0] ?? '');
    memo.set(id, s);
    return s;
  };
  return side;
}

interface AttentionLayer {
  id: string;
  layer: tfjs.layers.Layer & AttentionSource;
  type: string;
  causal: boolean;
  query: 'source' | 'decoder';
  key: 'source' | 'decoder';
}

/**
 * Looks inside a sequence network for one probe example: attention weights of every attention
 * layer and head, positional-encoding tables, recurrent layers unrolled over time (states, gates
 * and the gradient norm flowing back), and the output. Like ImageInspector it runs a second
 * functional model over the same layers, in inference mode, so attention layers record the
 * probe's weights (the custom layers keep those of their last inference call).
 */
export class SequenceInspector {
  private readonly model: tfjs.LayersModel;
  private readonly attention: AttentionLayer[] = [];
  private readonly positional: { id: string; layer: tfjs.layers.Layer; learned: boolean; side: 'source' | 'decoder'; dim: number }[] = [];
  private readonly recurrent: { id: string; layer: tfjs.layers.Layer; cell: RecurrentType; bidirectional: boolean; params: RecurrentInput['params']; inputIndex: number | 'source' | 'decoder' }[] = [];

  constructor(
    private readonly tf: TF,
    built: BuiltModel,
    network: NetworkSpec,
    private readonly data: PreparedData,
  ) {
    const decoderInput = data.seq?.decoderInput ?? null;
    const side = sideOf(network, decoderInput);
    const byId = new Map(network.nodes.map((n) => [n.id, n]));
    const extra: tfjs.SymbolicTensor[] = [];
    for (const id of built.order) {
      const raw = byId.get(id);
      const node = raw && typedNode(raw);
      const layer = built.layers.get(id);
      if (!node || !layer) continue;
      if (node.type === 'MultiHeadAttention' || node.type === 'TransformerEncoderBlock' || node.type === 'TransformerDecoderBlock') {
        const cross = node.type === 'MultiHeadAttention' && node.inputs.length === 2;
        const causal = node.type === 'TransformerDecoderBlock' || node.params.causal;
        this.attention.push({ id, layer: layer as tfjs.layers.Layer & AttentionSource, type: node.type, causal, query: side(id), key: cross ? side(node.inputs[1]) : side(id) });
      } else if (node.type === 'PositionalEncoding') {
        const shape = built.symbolic.get(id)!.shape;
        this.positional.push({ id, layer, learned: node.params.encoding === 'learned', side: side(id), dim: shape[shape.length - 1] as number });
      } else if (node.type === 'SimpleRNN' || node.type === 'LSTM' || node.type === 'GRU' || node.type === 'Bidirectional') {
        const src = node.inputs[0];
        const srcNode = byId.get(src);
        // An Input feeds the layer directly: its rows are known, no extra output needed.
        const inputIndex = srcNode?.type === 'Input' ? (src === decoderInput ? 'decoder' : 'source') : extra.push(built.symbolic.get(src)!) - 1;
        // The unroll reads units (checked against the weights) and SimpleRNN's activation.
        const params = node.type === 'SimpleRNN' ? { units: node.params.units, activation: node.params.activation } : { units: node.params.units };
        const bidirectional = node.type === 'Bidirectional';
        this.recurrent.push({ id, layer, cell: node.type === 'Bidirectional' ? node.params.cell : node.type, bidirectional, params, inputIndex });
      }
    }
    // Not disposed on its own: it owns no weights, and disposing it would release the shared layers.
    this.model = tf.model({ inputs: built.model.inputs, outputs: [built.model.outputs[0], ...extra] });
  }

  /** Everything the sequence views draw for test example `index`. */
  async inspect(index: number, inputs: (rows: number, from: number) => tfjs.Tensor[]): Promise<Omit<SeqProbes, 'free'>> {
    const tf = this.tf;
    const t0 = performance.now();
    const { data } = this;
    const seq = data.seq!;
    const outs = tf.tidy(() => {
      const y = this.model.predict(inputs(1, index));
      return Array.isArray(y) ? y : [y];
    });
    // The attention layers now hold this example's weights.
    const att = this.attention.flatMap((a) => {
      const list: { a: AttentionLayer; kind: 'self' | 'cross'; t: tfjs.Tensor | null }[] = [];
      const cross = a.type === 'MultiHeadAttention' && a.query !== a.key;
      list.push({ a, kind: cross ? 'cross' : 'self', t: a.layer.lastAttention() });
      if (a.type === 'TransformerDecoderBlock') list.push({ a, kind: 'cross', t: (a.layer as unknown as CrossAttentionSource).lastCrossAttention() });
      return list;
    });
    const learned = this.positional.filter((p) => p.learned).map((p) => p.layer.getWeights()[0]);
    const recurrentWeights = this.recurrent.map((r) => r.layer.getWeights());
    const [values, attValues, peValues, rnnValues] = await Promise.all([
      Promise.all(outs.map((o) => o.data() as Promise<Float32Array>)),
      Promise.all(att.map((x) => (x.t ? (x.t.data() as Promise<Float32Array>) : Promise.resolve(null)))),
      Promise.all(learned.map((w) => w.data() as Promise<Float32Array>)),
      Promise.all(recurrentWeights.map((ws) => Promise.all(ws.map((w) => w.data() as Promise<Float32Array>)))),
    ]);
    const attShapes = att.map((x) => x.t?.shape ?? []);
    outs.forEach((o) => o.dispose());
    att.forEach((x) => x.t?.dispose());

    const width = data.numFeatures;
    const steps = data.targetWidth;
    const source = data.testX.slice(index * width, (index + 1) * width);
    const decoder = seq.testDec ? seq.testDec.slice(index * steps, (index + 1) * steps) : null;
    const target = data.testY.slice(index * data.targetWidth, (index + 1) * data.targetWidth);
    const vocab = seq.shape.vocab;
    const tokensOf = (ids: Float32Array) => Array.from(ids, (id) => vocab[id] ?? '?');
    const rowTokens = { source: vocab.length ? tokensOf(source) : Array.from(source, (_, i) => String(i + 1)), decoder: decoder ? tokensOf(decoder) : [] };

    const attention: AttentionMap[] = [];
    att.forEach((x, i) => {
      const v = attValues[i];
      const shape = attShapes[i];
      if (!v || shape.length !== 4) return;
      const [, heads, rows, cols] = shape;
      const query = x.a.query;
      const key = x.kind === 'cross' ? (x.a.type === 'TransformerDecoderBlock' ? 'source' : x.a.key) : x.a.query;
      attention.push({
        layerId: x.a.id,
        kind: x.kind,
        causal: x.kind === 'self' && x.a.causal,
        heads,
        rows,
        cols,
        weights: Float32Array.from(v.subarray(0, heads * rows * cols)),
        queryTokens: rowTokens[query].slice(0, rows),
        keyTokens: rowTokens[key].slice(0, cols),
      });
    });

    let learnedIndex = 0;
    const positional = this.positional.map((p) => {
      const length = p.side === 'decoder' ? steps : width;
      const table = p.learned ? Float32Array.from(peValues[learnedIndex++].subarray(0, length * p.dim)) : sinusoidalTable(length, p.dim);
      return { layerId: p.id, kind: p.learned ? ('learned' as const) : ('sinusoidal' as const), length, dim: p.dim, table, tokens: rowTokens[p.side].slice(0, length) };
    });

    const recurrent: RecurrentProbe[] = [];
    this.recurrent.forEach((r, i) => {
      const ix = r.inputIndex;
      const x = ix === 'source' ? Float32Array.from(source) : ix === 'decoder' ? Float32Array.from(decoder ?? []) : values[1 + ix];
      const tokens = ix === 'decoder' ? rowTokens.decoder : rowTokens.source;
      const weights = rnnValues[i];
      const cellType = r.cell;
      const halves = r.bidirectional ? [weights.slice(0, weights.length / 2), weights.slice(weights.length / 2)] : [weights];
      halves.forEach((list, h) => {
        const input = { type: cellType, params: r.params, x: Float32Array.from(x), weights: weightsFromList(list), goBackwards: h === 1 };
        const unrolled = unrollRecurrent(input);
        recurrent.push({ layerId: r.id, type: cellType, direction: h === 1 ? 'backward' : 'forward', tokens, unrolled, gradNorms: gradientNormsThroughTime(input, undefined, unrolled) });
      });
    });

    return {
      index,
      layout: seq.shape.layout,
      source,
      decoder,
      target,
      output: Float32Array.from(values[0]),
      steps: seq.shape.layout === 'tokens' ? steps : 1,
      tokens: { source: rowTokens.source, decoder: rowTokens.decoder },
      attention,
      positional,
      recurrent,
      ms: performance.now() - t0,
    };
  }
}

/**
 * Masked token counts for a batch: tokens right (PAD targets excluded), tokens counted, and rows
 * whose every counted token is right. `probs` is `[b, T, V]`, `ids` `[b, T]`.
 */
export function tokenCounts(tf: TF, probs: tfjs.Tensor, ids: tfjs.Tensor): tfjs.Tensor1D {
  return tf.tidy(() => {
    const mask = tf.cast(tf.notEqual(ids, PAD), 'float32');
    const right = tf.mul(tf.cast(tf.equal(tf.argMax(probs, -1), tf.cast(ids, 'int32')), 'float32'), mask);
    const wrongPerRow = tf.sum(tf.sub(mask, right), -1);
    const rowsRight = tf.sum(tf.cast(tf.equal(wrongPerRow, 0), 'float32'));
    return tf.stack([tf.sum(right), tf.sum(mask), rowsRight]) as tfjs.Tensor1D;
  });
}

/** Where the attention layer sits; what the engine knows besides the weights. */
export interface AttentionMeta {
  layerId: string;
  kind: AttentionKind;
  causal: boolean;
}

/**
 * Turn the data of a `lastAttention()` tensor (`[batch, heads, T, S]`, as `await w.data()` gives it)
 * into the map of example `sample`. The weights are a view into `data`, not a copy: the engine
 * transfers the buffer and nothing writes to it afterwards.
 * @throws RangeError when the shape is not rank 4, `sample` is out of range or `data` is too short.
 */
export function attentionMapFromTensor(data: Float32Array, shape: readonly number[], meta: AttentionMeta, sample = 0): AttentionMap {
  if (shape.length !== 4) throw new RangeError(`Attention weights must be [batch, heads, T, S], got [${shape.join(', ')}].`);
  const [batch, heads, rows, cols] = shape;
  const size = heads * rows * cols;
  if (!(sample >= 0 && sample < batch) || data.length < batch * size) {
    throw new RangeError(`No example ${sample} in attention weights of shape [${shape.join(', ')}] (${data.length} values).`);
  }
  return { ...meta, heads, rows, cols, weights: data.subarray(sample * size, (sample + 1) * size) };
}
