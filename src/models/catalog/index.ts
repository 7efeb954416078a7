import { LAYERS as ATTENTION } from './attention';
import { LAYERS as CONVOLUTION } from './convolution';
import { LAYERS as CORE } from './core';
import { LAYERS as EMBEDDING } from './embedding';
import { LAYERS as MERGE } from './merge';
import { LAYERS as NORMALIZATION } from './normalization';
import { LAYERS as POOLING } from './pooling';
import { LAYERS as RECURRENT } from './recurrent';
import { LAYERS as RESHAPE } from './reshape';
import { LAYERS as SAMPLING } from './sampling';
import type { LayerDef } from './layerDef';

export * from './layerDef';
export { tfActivation } from './core';

/** Every catalog entry, in palette order. A family file's `LAYERS` listed here is all it takes. */
const ALL = [...CORE, ...RESHAPE, ...CONVOLUTION, ...POOLING, ...NORMALIZATION, ...MERGE, ...RECURRENT, ...EMBEDDING, ...ATTENTION, ...SAMPLING] as const;

type AnyEntry = (typeof ALL)[number];

/** Every layer type name, derived from the catalog: adding an entry adds its name here. */
export type LayerType = AnyEntry['type'];

/** The parameter type of every layer type, e.g. `LayerParamsByType['Conv2D']` is `Conv2DParams`. */
export type LayerParamsByType = { [D in AnyEntry as D['type']]: D extends LayerDef<infer P, string> ? P : never };

/** The typed catalog entry of one layer type. */
export type LayerDefOf<K extends LayerType> = LayerDef<LayerParamsByType[K], K>;

/** One entry per layer type, each typed with its own parameters. */
export type TypedCatalog = { readonly [K in LayerType]: LayerDefOf<K> };

const byType = Object.fromEntries(ALL.map((d) => [d.type, d]));

/**
 * The catalog by type name, typed per entry: `TYPED_CATALOG.Conv2D.build(tf, params, id)` wants
 * `Conv2DParams`. (Object.fromEntries forgets the keys; `ALL` above is what this is made of.)
 */
export const TYPED_CATALOG = byType as unknown as TypedCatalog;

/** Every layer type learners can use, by type name (the untyped view, for lookups by a string). */
export const CATALOG: Readonly<Record<string, LayerDef>> = byType;

export function isLayerType(type: string): type is LayerType {
  return Object.prototype.hasOwnProperty.call(CATALOG, type);
}

export function layerDef(type: string): LayerDef | undefined {
  return isLayerType(type) ? CATALOG[type] : undefined;
}

/** Default parameters of a layer type, from its schema. */
export function defaultParams<P extends object>(def: LayerDef<P, string>): P;
export function defaultParams(def: LayerDef): Record<string, LayerDef['params'][number]['default']> {
  return Object.fromEntries(def.params.map((p) => [p.name, Array.isArray(p.default) ? [...p.default] : p.default]));
}
