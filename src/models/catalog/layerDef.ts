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

/** Parameters as JSON holds them: untyped, unchecked (a LayerNode's `params`). */
export type Params = Record<string, ParamValue>;

/**
 * The schema of one typed parameter: its name is a key of `P` and its kind fits the value type
 * (a number is 'int' or 'float', a string union is an 'enum' of exactly those options, …). So a
 * catalog entry cannot declare a schema its parameter type does not have; validating against the
 * schema (src/models/params.ts) is what makes untyped JSON parameters a `P`.
 */
type SchemaOf<K extends string, V> = [V] extends [boolean]
  ? { name: K; kind: 'bool'; default: boolean }
  : [V] extends [number]
    ? { name: K; kind: 'int' | 'float'; default: number; min: number; max: number }
    : [V] extends [number[]]
      ? { name: K; kind: 'shape'; default: number[]; min: number; max: number }
      : [V] extends [string]
        ? { name: K; kind: 'enum'; default: V; options: readonly V[] }
        : never;

/** The schemas a parameter type may declare (any ParamSchema for untyped `Params`). */
export type ParamSchemaFor<P> = string extends keyof P
  ? ParamSchema
  : { [K in keyof P & string]: SchemaOf<K, P[K]> & ParamSchema }[keyof P & string];

/** A layer type without parameters. */
export type NoParams = Record<never, never>;

export type LayerFamily = 'core' | 'reshape' | 'convolution' | 'pooling' | 'normalization' | 'recurrent' | 'attention' | 'merge' | 'generative';

/**
 * One layer type: `T` its name, `P` its parameter type (what `inferShape`, `paramCount` and
 * `build` read, already validated and with defaults filled in). Adding a layer type is adding one
 * of these in the file of its family and listing it in that file's `LAYERS` (see README.md).
 * `LayerDef` without arguments is the untyped view the editor uses to look a type up by name.
 */
export interface LayerDef<P extends object = Params, T extends string = string, S extends ParamSchema = ParamSchemaFor<P>> {
  type: T;
  family: LayerFamily;
  /** The schema of every parameter (`S` is worked out from `P`; it is a parameter only so the typed entries stay assignable to the untyped view). */
  params: readonly S[];
  /** How many inputs the layer takes: `[min, max]` (Input takes none). */
  arity: readonly [number, number];
  inferShape(inputs: Shape[], params: P): ShapeResult;
  paramCount(inputs: Shape[], params: P): number;
  /** Build the TF.js layer. `name` is the node id, so weights can be found again by layer. */
  build(tf: TF, params: P, name: string): tfjs.layers.Layer;
}

export const ok = (shape: Shape): ShapeResult => ({ ok: true, shape });
export const fail = (key: string, vars?: LayerError['vars']): ShapeResult => ({ ok: false, error: { key, vars } });

/** Format a shape for people: `[14, 14, 6]` → `14×14×6`, any-size dimensions as `?`. */
export function formatShape(shape: Shape): string {
  return shape.length === 0 ? 'scalar' : shape.map((d) => (d === null ? '?' : String(d))).join('×');
}
