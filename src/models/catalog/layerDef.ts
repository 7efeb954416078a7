import type * as tfjs from '@tensorflow/tfjs';
import type { ParamValue } from '../spec';

/** The TF.js namespace, passed into `build` so the catalog never loads TF.js itself. */
export type TF = typeof tfjs;

/** A tensor shape without the batch dimension; `null` is a dimension of any size (a sequence length). */
export type Shape = (number | null)[];

/**
 * A readable reason why a layer cannot work: an i18n key (`err.*`) plus the values it mentions.
 * Messages are keys, not English, so the editor can show them in the learner's language.
 */
export interface LayerError {
  key: string;
  vars?: Record<string, string | number>;
}

export type ShapeResult = { ok: true; shape: Shape } | { ok: false; error: LayerError };

/** One parameter of a layer type: drives validation, defaults and the inspector form. */
export type ParamSchema =
  | { name: string; kind: 'int'; default: number; min: number; max: number }
  | { name: string; kind: 'float'; default: number; min: number; max: number }
  | { name: string; kind: 'enum'; default: string; options: readonly string[] }
  | { name: string; kind: 'bool'; default: boolean }
  | { name: string; kind: 'shape'; default: number[]; min: number; max: number };

export type Params = Record<string, ParamValue>;

export type LayerFamily = 'core' | 'reshape' | 'convolution' | 'pooling' | 'normalization' | 'recurrent' | 'attention' | 'merge';

/** One layer type. Adding a layer type is adding one of these in its own file and listing it in index.ts. */
export interface LayerDef {
  type: string;
  family: LayerFamily;
  params: readonly ParamSchema[];
  /** How many inputs the layer takes: `[min, max]` (Input takes none). */
  arity: readonly [number, number];
  inferShape(inputs: Shape[], params: Params): ShapeResult;
  paramCount(inputs: Shape[], params: Params): number;
  /** Build the TF.js layer. `name` is the node id, so weights can be found again by layer. */
  build(tf: TF, params: Params, name: string): tfjs.layers.Layer;
}

export const ok = (shape: Shape): ShapeResult => ({ ok: true, shape });
export const fail = (key: string, vars?: LayerError['vars']): ShapeResult => ({ ok: false, error: { key, vars } });

/** Format a shape for people: `[14, 14, 6]` → `14×14×6`, any-size dimensions as `?`. */
export function formatShape(shape: Shape): string {
  return shape.length === 0 ? 'scalar' : shape.map((d) => (d === null ? '?' : String(d))).join('×');
}
