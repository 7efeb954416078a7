import type { Analysis } from '../analysis';
import type { LayerType, Shape } from '../catalog';
import { typedNode, type TypedLayerNode, type TypedNodeOf } from '../params';
import type { LayerNode, NetworkSpec } from '../spec';

const PYTHON_KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from ' +
    'global if import in is lambda nonlocal not or pass raise return try while with yield match case'
  ).split(' '),
);

/**
 * Names a generated script uses itself or that would shadow something it needs: modules, helper
 * classes, `nn.Module` / `keras.Model` attributes a submodule must not replace.
 */
const RESERVED = new Set(
  (
    'self torch nn F math json np keras layers ops tf model inputs outputs x y super print len range list dict ' +
    'input type object int float str bool sum min max Model PositionalEncoding MultiHeadAttention ' +
    'TransformerEncoderBlock TransformerDecoderBlock ActRNN same_avg_pool2d ' +
    'forward training parameters buffers modules children state_dict eval train to cuda cpu apply half double ' +
    'named_parameters named_buffers named_modules register_buffer register_parameter zero_grad requires_grad_ ' +
    'add_module get_submodule extra_repr load_state_dict dump_patches call_super_init summary'
  ).split(' '),
);

/**
 * A Python identifier for every node id, unique within the graph: anything outside `[A-Za-z0-9_]`
 * becomes `_`, a leading digit gets a `n_` prefix, and keywords or reserved names get a `_` suffix.
 */
export function pythonNames(spec: NetworkSpec): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const node of spec.nodes) {
    let base = node.id.replace(/[^A-Za-z0-9_]/g, '_');
    if (base === '' || /^_*$/.test(base)) base = 'node';
    if (/^[0-9]/.test(base)) base = `n_${base}`;
    // Double-underscore names are mangled inside a class body; keep one leading underscore at most.
    base = base.replace(/^_+/, '_');
    if (PYTHON_KEYWORDS.has(base) || RESERVED.has(base)) base = `${base}_`;
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    names.set(node.id, name);
  }
  return names;
}

/** Where a node sits in the script: its names and shapes. */
export interface NodePlace {
  node: LayerNode;
  /** The node's Python name (a local variable and, for layers with weights, an attribute). */
  name: string;
  /** The Python names of the node's inputs, in order. */
  ins: string[];
  inShapes: Shape[];
  outShape: Shape;
}

/**
 * Everything a per-layer translation needs to know about one node of layer type `K`: its checked
 * `type` and `params` (typed, defaults filled in) plus its place in the script.
 */
export type NodeContextOf<K extends LayerType> = TypedNodeOf<K> & NodePlace;

/** A node context of any layer type; switching on `type` narrows `params`. */
export type NodeContext = TypedLayerNode & NodePlace;

/** Walk a valid graph in topological order; throws on an invalid one (exporters need a working graph). */
export function contexts(spec: NetworkSpec, analysis: Analysis): NodeContext[] {
  if (analysis.errors.length) {
    const first = analysis.errors[0];
    throw new Error(`cannot export a graph with errors: ${first.nodeId}: ${first.error.key}`);
  }
  const names = pythonNames(spec);
  const byId = new Map(spec.nodes.map((n) => [n.id, n]));
  return analysis.order.map((id) => {
    const node = byId.get(id)!;
    const shape = analysis.nodes[id]?.shape;
    if (!shape) throw new Error(`cannot export: node ${id} has no shape`);
    const typed = typedNode(node);
    if (!typed) throw new Error(`cannot export: node ${id} has invalid parameters`);
    return {
      ...typed,
      node,
      name: names.get(id)!,
      ins: node.inputs.map((src) => names.get(src)!),
      inShapes: node.inputs.map((src) => analysis.nodes[src]!.shape!),
      outShape: shape,
    };
  });
}

/** A Python literal for a number: floats keep a decimal point so `0` and `0.0` read as meant. */
export function pyNum(v: number, float = false): string {
  if (!float) return String(v);
  return Number.isInteger(v) ? `${v}.0` : String(v);
}

export const pyBool = (v: unknown) => (v === false ? 'False' : 'True');

/** `[28, 28, 1]` → `(28, 28, 1)`, with the trailing comma a one-element tuple needs. */
export function pyTuple(dims: readonly (number | null)[]): string {
  const parts = dims.map((d) => (d === null ? 'None' : String(d)));
  return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
}

/** Input nodes whose values are token ids (they feed an Embedding). */
export function tokenInputs(spec: NetworkSpec): Set<string> {
  const out = new Set<string>();
  for (const n of spec.nodes) if (n.type === 'Embedding') for (const src of n.inputs) out.add(src);
  return out;
}
