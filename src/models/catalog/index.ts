import { LAYERS as ATTENTION } from './attention';
import { LAYERS as CONVOLUTION } from './convolution';
import { ActivationLayer, Dense, Dropout, Input } from './core';
import { LAYERS as EMBEDDING } from './embedding';
import { LAYERS as MERGE } from './merge';
import { LAYERS as NORMALIZATION } from './normalization';
import { LAYERS as POOLING } from './pooling';
import { LAYERS as RECURRENT } from './recurrent';
import { LAYERS as RESHAPE } from './reshape';
import type { LayerDef } from './layerDef';

export * from './layerDef';
export { tfActivation } from './core';

/** Every layer type learners can use, by type name. */
export const CATALOG: Readonly<Record<string, LayerDef>> = Object.fromEntries(
  [Input, Dense, ActivationLayer, Dropout, ...RESHAPE, ...CONVOLUTION, ...POOLING, ...NORMALIZATION, ...MERGE, ...RECURRENT, ...EMBEDDING, ...ATTENTION].map((d) => [
    d.type,
    d,
  ]),
);

export function layerDef(type: string): LayerDef | undefined {
  return Object.prototype.hasOwnProperty.call(CATALOG, type) ? CATALOG[type] : undefined;
}

/** Default parameters of a layer type, from its schema. */
export function defaultParams(def: LayerDef): Record<string, LayerDef['params'][number]['default']> {
  return Object.fromEntries(def.params.map((p) => [p.name, Array.isArray(p.default) ? [...p.default] : p.default]));
}
