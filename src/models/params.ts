/**
 * Layer parameters at the boundary: a `LayerNode` comes from JSON (a link, a file, the editor)
 * with untyped `params`. Checking them against the catalog schema is what makes them typed;
 * everything downstream reads parameters through `typedNode` / `paramsOf` instead of casting.
 */
import { isLayerType, layerDef, TYPED_CATALOG, type LayerDefOf, type LayerError, type LayerParamsByType, type LayerType, type ParamSchema, type Params } from './catalog';
import type { LayerNode } from './spec';

/** Check one parameter value against its schema; returns an error or null. */
export function checkParam(schema: ParamSchema, value: unknown): LayerError | null {
  const vars = { param: schema.name };
  switch (schema.kind) {
    case 'int':
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return { key: 'err.param.number', vars };
      if (schema.kind === 'int' && !Number.isInteger(value)) return { key: 'err.param.integer', vars };
      if (value < schema.min || value > schema.max) {
        return { key: 'err.param.range', vars: { ...vars, min: schema.min, max: schema.max } };
      }
      return null;
    }
    case 'enum':
      return typeof value === 'string' && schema.options.includes(value) ? null : { key: 'err.param.option', vars };
    case 'bool':
      return typeof value === 'boolean' ? null : { key: 'err.param.bool', vars };
    case 'shape':
      return Array.isArray(value) &&
        value.length > 0 &&
        value.every((d) => Number.isInteger(d) && d >= schema.min && d <= schema.max)
        ? null
        : { key: 'err.param.shape', vars };
  }
}

/** Parameters with schema defaults filled in for anything missing (untyped; unknown types as they are). */
export function withDefaults(node: LayerNode): Params {
  const def = layerDef(node.type);
  if (!def) return node.params;
  const out: Params = { ...node.params };
  for (const p of def.params) if (!(p.name in out)) out[p.name] = Array.isArray(p.default) ? [...p.default] : p.default;
  return out;
}

/** The first parameter of a node that breaks its schema (after defaults), or null. */
export function paramError(node: LayerNode): LayerError | null {
  const def = layerDef(node.type);
  if (!def) return null;
  const params = withDefaults(node);
  for (const p of def.params) {
    const err = checkParam(p, params[p.name]);
    if (err) return err;
  }
  return null;
}

/** A node of a known layer type whose parameters passed the schema, typed by `type`. */
export interface TypedNodeOf<K extends LayerType> {
  id: string;
  type: K;
  params: LayerParamsByType[K];
  inputs: string[];
}

/** Any checked node: switching on `type` narrows `params` to that type's parameters. */
export type TypedLayerNode = { [K in LayerType]: TypedNodeOf<K> }[LayerType];

/**
 * THE typed accessor: the node with defaults filled in and every parameter checked against the
 * catalog schema, or null for an unknown type or a parameter out of its schema. (The schema is
 * tied to each parameter type by `ParamSchemaFor`, so a node that passes has exactly those types.)
 */
export function typedNode(node: LayerNode): TypedLayerNode | null {
  if (!isLayerType(node.type) || paramError(node)) return null;
  return { id: node.id, type: node.type, params: withDefaults(node), inputs: node.inputs } as TypedLayerNode;
}

/**
 * The checked parameters of a node that must be of layer type `type` (a graph the analysis has
 * passed). Throws when it is another type or its parameters break the schema.
 */
export function paramsOf<K extends LayerType>(node: LayerNode, type: K): LayerParamsByType[K] {
  const typed = node.type === type ? typedNode(node) : null;
  if (!typed) throw new Error(`node ${node.id} is not a valid ${type} (${node.type})`);
  return typed.params as LayerParamsByType[K];
}

/** The typed catalog entry of a checked node, to call with its own `params`. */
export function defOf<K extends LayerType>(node: TypedNodeOf<K>): LayerDefOf<K> {
  return TYPED_CATALOG[node.type];
}
