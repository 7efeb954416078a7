import type { LayerError } from './catalog';
import type { LayerNode, NetworkSpec } from './spec';

/**
 * One rule for layer ids (and any other key a learner or a link chooses): a letter, then letters,
 * digits, `_` or `-`, at most 64 characters, and never a name JavaScript objects already carry
 * (`constructor`, `toString`, `__proto__` …).
 *
 * Why this set: TF.js refuses layer names with spaces, non-ASCII letters or a leading underscore
 * (the model then fails to build), and an id that is a property name of `Object.prototype`
 * reads an inherited function out of any plain object keyed by ids (or, for `__proto__`, writes
 * onto the prototype itself), in our code and in the libraries we hand ids to (React Flow, dagre,
 * TF.js). Our own records keyed by ids are prototype-free as well ({@link idRecord}).
 */
export const LAYER_ID_MAX = 64;
const LAYER_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Names every plain object answers to. */
const RESERVED: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'prototype']);

/** Why `id` cannot name a layer, or null when it can. Uniqueness is the caller's to check. */
export function layerIdError(id: string): LayerError | null {
  if (id.length === 0) return { key: 'err.id.empty' };
  if (id.length > LAYER_ID_MAX) return { key: 'err.id.tooLong', vars: { max: LAYER_ID_MAX } };
  if (!LAYER_ID_PATTERN.test(id)) return { key: 'err.id.chars', vars: { id } };
  if (RESERVED.has(id)) return { key: 'err.id.reserved', vars: { id } };
  return null;
}

export const isSafeLayerId = (id: string): boolean => layerIdError(id) === null;

/** A record keyed by ids with no prototype: `constructor` or `__proto__` are just keys there. */
export function idRecord<T>(entries?: Iterable<readonly [string, T]>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (entries) for (const [k, v] of entries) out[k] = v;
  return out;
}

/** An id renamed because it broke the rule. */
export interface LayerRename {
  from: string;
  to: string;
}

/**
 * The id a node gets when its own breaks the rule: its safe characters when they make a free,
 * valid id (`my layer` → `my_layer`, `_conv` → `conv`), else the type's stem numbered
 * (`卷积1` on a Conv2D → `conv2d_1`), never one in `used`.
 */
export function safeIdFor(id: string, stem: string, used: ReadonlySet<string>): string {
  const cleaned = id
    .replace(/\s+/g, '_')
    .replace(/[^A-Za-z0-9_-]/g, '')
    .replace(/^[^A-Za-z]+/, '')
    .slice(0, LAYER_ID_MAX);
  if (cleaned && isSafeLayerId(cleaned) && !used.has(cleaned)) return cleaned;
  // A stem that cannot start an id (an unknown type such as "1x", whose node the codec then
  // rejects) falls back to "layer", so this loop always ends: `used` is finite.
  const base = isSafeLayerId(`${stem}_1`) ? stem : 'layer';
  for (let i = 1; ; i++) {
    const candidate = `${base}_${i}`;
    if (!used.has(candidate)) return candidate;
  }
}

/**
 * Rename every node whose id breaks the rule, and every reference to it (inputs, layout).
 * Links and files made before the rule keep opening this way; `renames` says what changed.
 */
export function withSafeIds(network: NetworkSpec, stemOf: (type: string) => string): { network: NetworkSpec; renames: LayerRename[] } {
  const bad = network.nodes.filter((n) => !isSafeLayerId(n.id));
  if (!bad.length) return { network, renames: [] };
  const used = new Set(network.nodes.filter((n) => isSafeLayerId(n.id)).map((n) => n.id));
  const to = new Map<string, string>();
  for (const n of bad) {
    const id = safeIdFor(n.id, stemOf(n.type), used);
    used.add(id);
    to.set(n.id, id);
  }
  const rename = (id: string) => to.get(id) ?? id;
  const nodes: LayerNode[] = network.nodes.map((n) => ({ ...n, id: rename(n.id), inputs: n.inputs.map(rename) }));
  const layout = network.layout ? idRecord(Object.entries(network.layout).map(([id, p]) => [rename(id), p] as const)) : undefined;
  return { network: { ...network, nodes, ...(layout ? { layout } : {}) }, renames: bad.map((n) => ({ from: n.id, to: to.get(n.id)! })) };
}
