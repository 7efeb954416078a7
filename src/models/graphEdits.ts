import { defaultParams, layerDef, type LayerError, type Params } from './catalog';
import { idRecord, layerIdError } from './layerId';
import type { LayerNode, NetworkSpec, ParamValue } from './spec';

/**
 * Edits the graph editor makes to a network, as data. `applyGraphChange` is pure (the input spec
 * is never mutated), so the store's undo/redo history is just a list of specs. A change that cannot
 * apply (an unknown node, a refused connection, a full graph) returns the spec unchanged — the same
 * object — so the store records no undo step for it.
 */

export interface Position {
  x: number;
  y: number;
}

/** Most nodes a network may have (the codec rejects more). */
export const MAX_GRAPH_NODES = 300;

/** How far a duplicate or a paste lands from its original. */
export const PASTE_OFFSET: Position = { x: 40, y: 40 };

export type GraphChange =
  | {
      type: 'addNode';
      nodeType: string;
      params?: Params;
      position?: Position;
      /** Use this id when it is free (so the UI can select the new node); otherwise a fresh one. */
      id?: string;
      /** Connect this node → the new one (append after a selected node), in the same undo step. */
      connectFrom?: string;
      /**
       * With `connectFrom`: insert the new node between it and the layers it feeds (they take the
       * new node instead), rather than hanging it off as a branch.
       */
      insert?: boolean;
      /** New positions for other nodes, in the same undo step (an insert makes room downstream). */
      moved?: Record<string, Position>;
      /** Pin positions of other nodes too (the editor passes where they are drawn now). */
      pin?: Record<string, Position>;
    }
  | { type: 'removeNodes'; ids: string[] }
  | { type: 'connect'; source: string; target: string; targetHandleIndex?: number }
  | { type: 'disconnect'; source: string; target: string }
  | { type: 'setParams'; id: string; patch: Params }
  /** Freeze (`trainable: false`) or thaw layers: transfer learning; the weights stay. */
  | { type: 'setTrainable'; ids: string[]; trainable: boolean }
  /** Copies get fresh ids and keep the connections among themselves; `pin` as in addNode. */
  | { type: 'duplicate'; ids: string[]; pin?: Record<string, Position> }
  /** Insert copies of `nodes` (at their `layout` positions plus PASTE_OFFSET); `pin` as in addNode. */
  | { type: 'paste'; nodes: LayerNode[]; layout?: Record<string, Position>; pin?: Record<string, Position> }
  /** Set editor positions; `replace` drops all others (tidy layout writes every node). */
  | { type: 'move'; positions: Record<string, Position>; replace?: boolean }
  /** Give node `id` the name `to` (checked by {@link renameError}), updating every reference. */
  | { type: 'rename'; id: string; to: string };

/** The stem of a type's ids, Keras style: `Conv2D` → `conv2d`, `MultiHeadAttention` → `multi_head_attention`. */
export function idStem(type: string): string {
  const stem = type
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '');
  return (stem || 'layer').slice(0, 48);
}

/** A fresh id for a node of `type`: `dense_1`, `dense_2` …, not in `used`. */
export function freshNodeId(used: ReadonlySet<string>, type: string): string {
  const stem = idStem(type);
  for (let i = 1; ; i++) if (!used.has(`${stem}_${i}`)) return `${stem}_${i}`;
}

const cloneValue = (v: ParamValue): ParamValue => (Array.isArray(v) ? [...v] : v);
const cloneParams = (p: Params): Params => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, cloneValue(v)]));
const cloneNode = (n: LayerNode): LayerNode => ({ ...n, params: cloneParams(n.params), inputs: [...n.inputs] });

/** The spec with a new layout, dropping the field when empty so plain specs stay plain. */
function withLayout(spec: NetworkSpec, nodes: LayerNode[], layout: Record<string, Position> | undefined): NetworkSpec {
  const ids = new Set(nodes.map((n) => n.id));
  const kept = idRecord(layout ? Object.entries(layout).filter(([id]) => ids.has(id)).map(([id, p]) => [id, { x: p.x, y: p.y }] as const) : []);
  const { layout: _old, ...rest } = spec;
  return Object.keys(kept).length ? { ...rest, nodes, layout: kept } : { ...rest, nodes };
}

/** Why node `id` cannot be renamed `to` (the id rule, or a name in use), or null when it can. */
export function renameError(spec: NetworkSpec, id: string, to: string): LayerError | null {
  const rule = layerIdError(to);
  if (rule) return rule;
  if (to !== id && spec.nodes.some((n) => n.id === to)) return { key: 'err.id.taken', vars: { id: to } };
  return null;
}

/** The ids of the layers that take `id` as an input, in network order. */
export function consumersOf(spec: NetworkSpec, id: string): string[] {
  return spec.nodes.filter((n) => n.inputs.includes(id)).map((n) => n.id);
}

/** Every layer downstream of `id` (fed by it directly or through others), not `id` itself. */
export function downstreamOf(spec: NetworkSpec, id: string): Set<string> {
  const out = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const at = stack.pop()!;
    for (const c of consumersOf(spec, at)) {
      if (out.has(c)) continue;
      out.add(c);
      stack.push(c);
    }
  }
  return out;
}

/**
 * The connection `source → target` would take the place of: the layer now in that input slot, or
 * null when it adds an input. The editor says so, so a replaced connection is never dropped silently.
 */
export function replacedBy(spec: NetworkSpec, target: string, targetHandleIndex?: number): string | null {
  const dst = spec.nodes.find((n) => n.id === target);
  return dst && targetHandleIndex !== undefined && targetHandleIndex < dst.inputs.length ? dst.inputs[targetHandleIndex] : null;
}

/** True when `from` can already be reached from `to` by following inputs (so to → from would close a loop). */
function dependsOn(spec: NetworkSpec, node: string, ancestor: string): boolean {
  const byId = new Map(spec.nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const stack = [node];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === ancestor) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(byId.get(id)?.inputs ?? []));
  }
  return false;
}

/** How many input handles a node type shows: its arity's maximum, at most 8. */
export function inputSlots(type: string): number {
  const def = layerDef(type);
  return def ? Math.min(def.arity[1], 8) : 1;
}

/**
 * Why source → target can never be a valid connection, as an i18n key plus values, or null when
 * it may be made. Shape problems are not checked here: those show on the node after connecting,
 * because the learner may be about to fix them. `targetHandleIndex` names an input slot; when that
 * slot is taken the connection replaces it, so a full node still accepts it.
 */
export function canConnect(spec: NetworkSpec, source: string, target: string, targetHandleIndex?: number): LayerError | null {
  const src = spec.nodes.find((n) => n.id === source);
  const dst = spec.nodes.find((n) => n.id === target);
  if (!src || !dst) return { key: 'editor.connect.unknown' };
  if (source === target) return { key: 'editor.connect.self' };
  const def = layerDef(dst.type);
  if (dst.type === 'Input' || (def && def.arity[1] === 0)) return { key: 'editor.connect.toInput', vars: { target } };
  if (dst.inputs.includes(source)) return { key: 'editor.connect.duplicate', vars: { source, target } };
  if (dependsOn(spec, source, target)) return { key: 'editor.connect.cycle', vars: { source, target } };
  const replacing = targetHandleIndex !== undefined && targetHandleIndex < dst.inputs.length;
  const max = def ? def.arity[1] : Infinity;
  if (!replacing && dst.inputs.length >= max) return { key: 'editor.connect.full', vars: { target, max } };
  return null;
}

/** Apply one graph edit. Pure: returns a new spec, or the same object when nothing changes. */
export function applyGraphChange(spec: NetworkSpec, change: GraphChange): NetworkSpec {
  switch (change.type) {
    case 'addNode': {
      const def = layerDef(change.nodeType);
      if (!def || spec.nodes.length >= MAX_GRAPH_NODES) return spec;
      const used = new Set(spec.nodes.map((n) => n.id));
      const id = change.id && !used.has(change.id) ? change.id : freshNodeId(used, change.nodeType);
      const from = change.connectFrom && used.has(change.connectFrom) && def.arity[1] > 0 ? change.connectFrom : undefined;
      const node: LayerNode = {
        id,
        type: change.nodeType,
        params: { ...defaultParams(def), ...cloneParams(change.params ?? {}) },
        inputs: from ? [from] : [],
      };
      const rewired = from && change.insert ? spec.nodes.map((n) => (n.inputs.includes(from) ? { ...n, inputs: n.inputs.map((i) => (i === from ? id : i)) } : n)) : spec.nodes;
      const nodes = [...rewired, node];
      const layout = idRecord<Position>(Object.entries({ ...change.pin, ...spec.layout, ...change.moved }));
      if (change.position) layout[id] = change.position;
      return withLayout(spec, nodes, layout);
    }
    case 'removeNodes': {
      const drop = new Set(change.ids);
      if (!spec.nodes.some((n) => drop.has(n.id))) return spec;
      const nodes = spec.nodes
        .filter((n) => !drop.has(n.id))
        .map((n) => (n.inputs.some((i) => drop.has(i)) ? { ...n, inputs: n.inputs.filter((i) => !drop.has(i)) } : n));
      return withLayout(spec, nodes, spec.layout);
    }
    case 'connect': {
      if (canConnect(spec, change.source, change.target, change.targetHandleIndex)) return spec;
      const nodes = spec.nodes.map((n) => {
        if (n.id !== change.target) return n;
        const inputs = [...n.inputs];
        const i = change.targetHandleIndex;
        if (i !== undefined && i < inputs.length) inputs[i] = change.source;
        else inputs.push(change.source);
        return { ...n, inputs };
      });
      return { ...spec, nodes };
    }
    case 'disconnect': {
      const target = spec.nodes.find((n) => n.id === change.target);
      if (!target || !target.inputs.includes(change.source)) return spec;
      const nodes = spec.nodes.map((n) => (n.id === change.target ? { ...n, inputs: n.inputs.filter((i) => i !== change.source) } : n));
      return { ...spec, nodes };
    }
    case 'setTrainable': {
      const ids = new Set(change.ids);
      const flagged = (n: LayerNode): LayerNode => {
        const { trainable: _, ...rest } = n;
        return change.trainable ? rest : { ...rest, trainable: false };
      };
      const changes = spec.nodes.some((n) => ids.has(n.id) && (n.trainable !== false) !== change.trainable);
      return changes ? { ...spec, nodes: spec.nodes.map((n) => (ids.has(n.id) ? flagged(n) : n)) } : spec;
    }
    case 'setParams': {
      if (!spec.nodes.some((n) => n.id === change.id)) return spec;
      const nodes = spec.nodes.map((n) => (n.id === change.id ? { ...n, params: { ...n.params, ...cloneParams(change.patch) } } : n));
      return { ...spec, nodes };
    }
    case 'duplicate': {
      const pick = new Set(change.ids);
      const originals = spec.nodes.filter((n) => pick.has(n.id));
      if (!originals.length) return spec;
      const known = new Map(Object.entries({ ...change.pin, ...spec.layout }));
      const at = idRecord<Position>();
      for (const n of originals) {
        const p = known.get(n.id);
        if (p) at[n.id] = p;
      }
      return applyGraphChange(spec, { type: 'paste', nodes: originals, layout: at, pin: change.pin });
    }
    case 'paste': {
      if (!change.nodes.length || spec.nodes.length + change.nodes.length > MAX_GRAPH_NODES) return spec;
      if (change.nodes.some((n) => !layerDef(n.type))) return spec;
      const used = new Set(spec.nodes.map((n) => n.id));
      const rename = new Map<string, string>();
      for (const n of change.nodes) {
        const id = freshNodeId(used, n.type);
        used.add(id);
        rename.set(n.id, id);
      }
      // Connections among the pasted nodes follow them; links to nodes outside are dropped.
      const added = change.nodes.map((n) => ({
        ...cloneNode(n),
        id: rename.get(n.id)!,
        inputs: n.inputs.filter((i) => rename.has(i)).map((i) => rename.get(i)!),
      }));
      const layout = idRecord<Position>(Object.entries({ ...change.pin, ...spec.layout }));
      const from = new Map(Object.entries(change.layout ?? {}));
      for (const n of change.nodes) {
        const p = from.get(n.id);
        if (p) layout[rename.get(n.id)!] = { x: p.x + PASTE_OFFSET.x, y: p.y + PASTE_OFFSET.y };
      }
      return withLayout(spec, [...spec.nodes, ...added], layout);
    }
    case 'move': {
      const ids = new Set(spec.nodes.map((n) => n.id));
      const entries = Object.entries(change.positions).filter(([id, p]) => ids.has(id) && Number.isFinite(p.x) && Number.isFinite(p.y));
      if (!entries.length && !change.replace) return spec;
      const base = change.replace ? {} : spec.layout;
      return withLayout(spec, spec.nodes, { ...base, ...Object.fromEntries(entries) });
    }
    case 'rename': {
      const { id, to } = change;
      if (id === to || !spec.nodes.some((n) => n.id === id) || renameError(spec, id, to)) return spec;
      const swap = (x: string) => (x === id ? to : x);
      const nodes = spec.nodes.map((n) => ({ ...n, id: swap(n.id), inputs: n.inputs.map(swap) }));
      const layout = spec.layout ? idRecord(Object.entries(spec.layout).map(([k, p]) => [swap(k), p] as const)) : undefined;
      return withLayout(spec, nodes, layout);
    }
  }
}
