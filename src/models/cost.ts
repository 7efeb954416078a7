import type { Analysis } from './analysis';
import type { LayerParamsByType, LayerType, Shape } from './catalog';
import type { RnnCell } from './catalog/recurrent';
import { typedNode, type TypedNodeOf } from './params';
import type { LayerNode, NetworkSpec } from './spec';

/**
 * Rough compute cost of one forward pass, for the editor's totals bar. Counted in multiply-adds
 * (MACs) per example — the batch dimension is left out, as everywhere in the spec.
 *
 * Approximations (good to the leading term, which is what a learner compares):
 * - Dense: fanIn · units, times every leading dimension (a Dense on [T, F] runs T times).
 * - Conv2D: H' · W' · k² · Cin · filters (output positions × one kernel each).
 * - SimpleRNN / LSTM / GRU: gates · (F · units + units · units) per time step, × T, with 1, 4 and
 *   3 gates; Bidirectional counts its cell twice.
 * - MultiHeadAttention: the Q, K, V and output projections, plus T · S · h · k · 2 for the scores
 *   and the weighted sum. Transformer blocks add their feed-forward (2 · T · D · ff) and, for the
 *   decoder, a second (cross-)attention.
 * - Everything else counts 0: pooling, normalization, activations, dropout, merges and embedding
 *   lookups are element-wise or table look-ups, small next to the layers above. Biases are not
 *   counted.
 * - A dimension of unknown size (a `?` sequence length) counts as 1, and nodes whose shape could
 *   not be inferred count 0. Parameters are read checked, with defaults (as analyze() reads them).
 */

const prod = (dims: Shape) => dims.reduce<number>((p, d) => p * (d ?? 1), 1);

const GATES: Record<RnnCell, number> = { SimpleRNN: 1, LSTM: 4, GRU: 3 };

function attentionMacs(q: Shape, kv: Shape, numHeads: number, keyDim: number): number {
  const T = q.length >= 2 ? prod(q.slice(0, -1)) : 1;
  const S = kv.length >= 2 ? prod(kv.slice(0, -1)) : 1;
  const D = q[q.length - 1] ?? 1;
  const Dkv = kv[kv.length - 1] ?? 1;
  const hk = numHeads * keyDim;
  const projections = T * D * hk + 2 * S * Dkv * hk + T * hk * D;
  return projections + T * S * numHeads * keyDim * 2;
}

/** Multiply-adds of one layer type from its parameters, its input shapes (at least one) and its output shape. */
type Macs<K extends LayerType> = (p: LayerParamsByType[K], inputs: Shape[], out: Shape) => number;

/** The cost of every layer type: a catalog entry without one does not compile. */
export type CostTable = { readonly [K in LayerType]: Macs<K> };

const free = () => 0;

function recurrentMacs(cell: RnnCell, units: number, x: Shape, directions: number): number {
  if (x.length !== 2) return 0;
  const perStep = GATES[cell] * ((x[1] ?? 0) * units + units * units);
  return (x[0] ?? 1) * perStep * directions;
}

function blockMacs(p: { numHeads: number; keyDim: number; ffDim: number }, x: Shape): number {
  const T = x.length >= 2 ? prod(x.slice(0, -1)) : 1;
  const D = x[x.length - 1] ?? 1;
  return attentionMacs(x, x, p.numHeads, p.keyDim) + 2 * T * D * p.ffDim;
}

export const COST: CostTable = {
  Input: free,
  Dense(p, [x]) {
    const fanIn = x[x.length - 1] ?? 0;
    return prod(x.slice(0, -1)) * fanIn * p.units;
  },
  Activation: free,
  Dropout: free,
  Flatten: free,
  Reshape: free,
  Conv2D(p, [x], out) {
    if (out.length !== 3 || x.length !== 3) return 0;
    const k = p.kernelSize;
    return prod(out.slice(0, 2)) * k * k * (x[2] ?? 1) * p.filters;
  },
  MaxPool2D: free,
  AvgPool2D: free,
  GlobalAveragePooling2D: free,
  BatchNormalization: free,
  LayerNormalization: free,
  Add: free,
  // d multiply-adds per example.
  Dot: (_p, [a]) => prod(a),
  // z = μ + σ·ε: one multiply-add per latent value (and an exp).
  Sampling: (_p, [a]) => prod(a),
  Concatenate: free,
  SimpleRNN: (p, [x]) => recurrentMacs('SimpleRNN', p.units, x, 1),
  LSTM: (p, [x]) => recurrentMacs('LSTM', p.units, x, 1),
  GRU: (p, [x]) => recurrentMacs('GRU', p.units, x, 1),
  Bidirectional: (p, [x]) => recurrentMacs(p.cell, p.units, x, 2),
  Embedding: free,
  PositionalEncoding: free,
  MultiHeadAttention: (p, [x, kv = x]) => attentionMacs(x, kv, p.numHeads, p.keyDim),
  TransformerEncoderBlock: (p, [x]) => blockMacs(p, x),
  TransformerDecoderBlock: (p, [x, memory = x]) => blockMacs(p, x) + attentionMacs(x, memory, p.numHeads, p.keyDim),
};

/** Values per example one layer type keeps for the backward pass during a training step. */
type Held<K extends LayerType> = (p: LayerParamsByType[K], inputs: Shape[], out: Shape) => number;

/** What every layer type keeps for the backward pass: a catalog entry without one does not compile. */
export type HeldTable = { readonly [K in LayerType]: Held<K> };

/** Rows (all dimensions but the last) and width (the last) of a [.., D] shape. */
const rowsOf = (x: Shape) => (x.length >= 2 ? prod(x.slice(0, -1)) : 1);
const widthOf = (x: Shape) => x[x.length - 1] ?? 1;

function attentionHeld(q: Shape, kv: Shape, numHeads: number, keyDim: number): number {
  const T = rowsOf(q);
  const S = rowsOf(kv);
  const hk = numHeads * keyDim;
  // Q, K and V projected (each with its bias added) and split into heads; the scores scaled, masked
  // and soft-maxed; the weighted sum merged back and projected out.
  return 2 * (T + 2 * S) * hk * 2 + 4 * T * S * numHeads + 2 * T * hk + 2 * T * widthOf(q);
}

function recurrentHeld(cell: RnnCell, units: number, x: Shape, directions: number): number {
  if (x.length !== 2) return 0;
  // Per step and gate: the input and recurrent products, their sum, the bias, the split into gates
  // and the gate's nonlinearity; then the cell and hidden state updates (about six tensors of `units`).
  return (x[0] ?? 1) * units * (GATES[cell] * 6 + 6) * directions;
}

function blockHeld(p: { numHeads: number; keyDim: number; ffDim: number }, x: Shape): number {
  const T = rowsOf(x);
  const D = widthOf(x);
  // Attention, two residual sums and layer normalizations (about five tensors of [T, D] each),
  // and the feed-forward's two projections with bias and activation.
  return attentionHeld(x, x, p.numHeads, p.keyDim) + 2 * 6 * T * D + 3 * T * p.ffDim + 2 * T * D;
}

/**
 * Values each layer keeps for the backward pass, per example. TF.js's gradients read the tensors
 * the forward pass made, so a layer keeps each intermediate: a Dense its product, the bias sum and
 * the activation (three tensors of its output); normalization its centred, scaled and shifted
 * values; a recurrent layer every gate at every step; attention its projections and T × S scores
 * per head. Reshapes share their input's memory and count 0. Checked against tf.profile's peak
 * bytes in tests/unit/budgetMemory.test.ts.
 */
export const HELD: HeldTable = {
  Input: (_p, _i, out) => prod(out),
  Dense: (p, _i, out) => prod(out) * (p.activation === 'linear' ? 2 : 3),
  Activation: (_p, _i, out) => prod(out),
  Dropout: (_p, _i, out) => 2 * prod(out),
  Flatten: free,
  Reshape: free,
  Conv2D: (p, _i, out) => prod(out) * (p.activation === 'linear' ? 2 : 3),
  MaxPool2D: (_p, _i, out) => prod(out),
  AvgPool2D: (_p, _i, out) => prod(out),
  GlobalAveragePooling2D: (_p, _i, out) => prod(out),
  BatchNormalization: (_p, _i, out) => 4 * prod(out),
  LayerNormalization: (_p, _i, out) => 5 * prod(out),
  Add: (_p, _i, out) => prod(out),
  Dot: (_p, [a]) => prod(a),
  // ε and σ for the backward pass.
  Sampling: (_p, _i, out) => 2 * prod(out),
  Concatenate: (_p, _i, out) => prod(out),
  SimpleRNN: (p, [x]) => recurrentHeld('SimpleRNN', p.units, x, 1),
  LSTM: (p, [x]) => recurrentHeld('LSTM', p.units, x, 1),
  GRU: (p, [x]) => recurrentHeld('GRU', p.units, x, 1),
  Bidirectional: (p, [x]) => recurrentHeld(p.cell, p.units, x, 2),
  Embedding: (_p, _i, out) => prod(out),
  PositionalEncoding: (_p, _i, out) => 2 * prod(out),
  MultiHeadAttention: (p, [x, kv = x]) => attentionHeld(x, kv, p.numHeads, p.keyDim),
  TransformerEncoderBlock: (p, [x]) => blockHeld(p, x),
  TransformerDecoderBlock: (p, [x, memory = x]) => blockHeld(p, x) + attentionHeld(x, memory, p.numHeads, p.keyDim) + 6 * prod(x),
};

function heldOf<K extends LayerType>(node: TypedNodeOf<K>, inputs: Shape[], out: Shape): number {
  return HELD[node.type](node.params, inputs, out);
}

/** Values per example the whole network keeps for its backward pass (see HELD). */
export function estimateHeld(spec: NetworkSpec, analysis: Analysis): number {
  let total = 0;
  for (const node of spec.nodes) {
    const out = analysis.nodes[node.id]?.shape;
    const typed = typedNode(node);
    if (!out || !typed) continue;
    const inputs = node.inputs.map((id) => analysis.nodes[id]?.shape ?? null);
    if (inputs.some((s) => s === null)) continue;
    total += heldOf(typed, inputs.length ? (inputs as Shape[]) : [out], out);
  }
  return total;
}

function macsOf<K extends LayerType>(node: TypedNodeOf<K>, inputs: Shape[], out: Shape): number {
  return COST[node.type](node.params, inputs, out);
}

/** Multiply-adds of one node, given its input shapes and its output shape (0 for an unknown or invalid node). */
export function nodeMacs(node: LayerNode, inputs: Shape[], out: Shape): number {
  const typed = typedNode(node);
  if (!typed || !inputs[0]) return 0;
  return macsOf(typed, inputs, out);
}

/** Estimated multiply-adds per example for the whole network (see the approximations above). */
export function estimateMacs(spec: NetworkSpec, analysis: Analysis): number {
  let total = 0;
  for (const node of spec.nodes) {
    const out = analysis.nodes[node.id]?.shape;
    if (!out) continue;
    const inputs = node.inputs.map((id) => analysis.nodes[id]?.shape ?? null);
    if (inputs.some((s) => s === null)) continue;
    total += nodeMacs(node, inputs as Shape[], out);
  }
  return total;
}

/** Bytes of float32 weights for a parameter count. */
export const weightBytes = (params: number) => params * 4;

/** Human-readable size: 512 B, 1.5 KB, 12.3 MB (binary units, 1 KB = 1024 B). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** Compact count: 950, 12.3K, 4.5M, 1.2G. */
export function formatCount(n: number): string {
  if (n < 1000) return String(Math.round(n));
  const units = ['K', 'M', 'G', 'T'];
  let v = n / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)}${units[i]}`;
}
