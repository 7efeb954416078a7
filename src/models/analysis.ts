import { layerDef, type LayerError, type Shape } from './catalog';
import { defOf, paramError, typedNode } from './params';
import type { LayerNode, NetworkSpec } from './spec';

export { checkParam, withDefaults } from './params';

/** What the editor knows about one node without running TensorFlow. */
export interface NodeInfo {
  /** Output shape (no batch dimension), when it could be inferred. */
  shape: Shape | null;
  params: number;
  /** Why this node cannot work; absent when fine or when only an upstream node is at fault. */
  error?: LayerError;
}

export interface Analysis {
  nodes: Record<string, NodeInfo>;
  /** Node ids in an order where every node comes after its inputs (cycle members omitted). */
  order: string[];
  /** Nodes nobody consumes: the network's outputs. */
  outputs: string[];
  totalParams: number;
  /** Every node-level problem, in node order. */
  errors: { nodeId: string; error: LayerError }[];
}

/**
 * Infer every node's shape and parameter count, and say what is wrong where.
 * Pure and linear in the graph size, so the editor can run it on every edit.
 */
export function analyze(spec: NetworkSpec): Analysis {
  const byId = new Map<string, LayerNode>();
  // No prototype: a node may be called "__proto__" or "constructor" (ids come from links and files).
  const nodes: Record<string, NodeInfo> = Object.create(null);
  const errors: Analysis['errors'] = [];
  const setError = (id: string, error: LayerError) => {
    nodes[id] = { shape: null, params: 0, error };
    errors.push({ nodeId: id, error });
  };

  for (const node of spec.nodes) {
    if (byId.has(node.id)) {
      errors.push({ nodeId: node.id, error: { key: 'err.graph.duplicateId', vars: { id: node.id } } });
      continue;
    }
    byId.set(node.id, node);
  }

  // Kahn's algorithm: a topological order, and whatever is left over sits on a cycle.
  const indegree = new Map<string, number>();
  const consumers = new Map<string, string[]>();
  for (const node of byId.values()) {
    indegree.set(node.id, 0);
    consumers.set(node.id, []);
  }
  for (const node of byId.values()) {
    for (const src of node.inputs) {
      if (!byId.has(src)) continue;
      indegree.set(node.id, (indegree.get(node.id) ?? 0) + 1);
      consumers.get(src)!.push(node.id);
    }
  }
  const order: string[] = [];
  const queue = [...byId.keys()].filter((id) => indegree.get(id) === 0);
  while (queue.length) {
    const id = queue.shift()!;
    order.push(id);
    for (const c of consumers.get(id)!) {
      const d = indegree.get(c)! - 1;
      indegree.set(c, d);
      if (d === 0) queue.push(c);
    }
  }
  const placed = new Set(order);

  for (const id of order) {
    const node = byId.get(id)!;
    const def = layerDef(node.type);
    if (!def) {
      setError(id, { key: 'err.graph.unknownType', vars: { type: node.type } });
      continue;
    }
    const missing = node.inputs.find((src) => !byId.has(src));
    if (missing !== undefined) {
      setError(id, { key: 'err.graph.missingInput', vars: { input: missing } });
      continue;
    }
    const [min, max] = def.arity;
    if (node.inputs.length < min) {
      setError(id, { key: min === 1 ? 'err.graph.needsInput' : 'err.graph.needsInputs', vars: { min } });
      continue;
    }
    if (node.inputs.length > max) {
      setError(id, { key: max === 0 ? 'err.graph.noInputs' : 'err.graph.tooManyInputs', vars: { max } });
      continue;
    }
    const badParam = paramError(node);
    if (badParam) {
      setError(id, badParam);
      continue;
    }
    const typed = typedNode(node)!;
    const inputShapes = node.inputs.map((src) => nodes[src]?.shape ?? null);
    if (inputShapes.some((s) => s === null)) {
      // An upstream node is already marked; do not pile a second message on this one.
      nodes[id] = { shape: null, params: 0 };
      continue;
    }
    const result = defOf(typed).inferShape(inputShapes as Shape[], typed.params);
    if (!result.ok) {
      setError(id, result.error);
      continue;
    }
    nodes[id] = { shape: result.shape, params: defOf(typed).paramCount(inputShapes as Shape[], typed.params) };
  }

  // Kahn's leftovers are the cycles and everything downstream of them. Only nodes that can reach
  // themselves sit on a loop; the others just wait on one, so they get no message of their own.
  // (Quadratic in the leftovers at worst, and only while a cycle exists.)
  const onCycle = (start: string) => {
    const seen = new Set<string>();
    const stack = [...consumers.get(start)!];
    while (stack.length) {
      const id = stack.pop()!;
      if (id === start) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...consumers.get(id)!);
    }
    return false;
  };
  for (const id of byId.keys()) {
    if (placed.has(id)) continue;
    if (onCycle(id)) setError(id, { key: 'err.graph.cycle' });
    else nodes[id] = { shape: null, params: 0 };
  }

  const outputs = [...byId.values()].filter((n) => consumers.get(n.id)!.length === 0 && n.type !== 'Input').map((n) => n.id);
  if (byId.size > 0 && !spec.nodes.some((n) => n.type === 'Input')) {
    errors.push({ nodeId: spec.nodes[0].id, error: { key: 'err.graph.noInput' } });
  }
  const totalParams = Object.values(nodes).reduce((s, n) => s + n.params, 0);
  // Keep errors in the order nodes appear, so the first listed is the first a learner sees.
  const position = new Map(spec.nodes.map((n, i) => [n.id, i]));
  errors.sort((a, b) => (position.get(a.nodeId) ?? 0) - (position.get(b.nodeId) ?? 0));
  return { nodes, order, outputs, totalParams, errors };
}
