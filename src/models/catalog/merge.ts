import { fail, formatShape, ok, type LayerDef, type NoParams, type Shape } from './layerDef';

export type ConcatenateParams = { axis: number };

/** Two dimensions that may be the same at run time: equal, or either of any size. */
const compatible = (a: number | null, b: number | null) => a === null || b === null || a === b;

export const Add: LayerDef<NoParams, 'Add'> = {
  type: 'Add',
  family: 'merge',
  params: [],
  arity: [2, 8],
  inferShape(inputs) {
    for (let i = 0; i < inputs.length; i++) {
      for (let j = i + 1; j < inputs.length; j++) {
        const [a, b] = [inputs[i], inputs[j]];
        if (a.length !== b.length || a.some((d, k) => !compatible(d, b[k]))) {
          return fail('err.add.shapes', { a: formatShape(a), b: formatShape(b) });
        }
      }
    }
    // Where one input knows a size, the sum has that size.
    const shape: Shape = inputs[0].map((_, k) => inputs.map((s) => s[k]).find((d) => d !== null) ?? null);
    return ok(shape);
  },
  paramCount: () => 0,
  build(tf, _params, name) {
    return tf.layers.add({ name });
  },
};

export const Concatenate: LayerDef<ConcatenateParams, 'Concatenate'> = {
  type: 'Concatenate',
  family: 'merge',
  params: [{ name: 'axis', kind: 'int', default: -1, min: -4, max: -1 }],
  arity: [2, 8],
  inferShape(inputs, params) {
    const axis = params.axis;
    const first = inputs[0];
    const rank = first.length;
    for (const s of inputs) {
      if (s.length !== rank) return fail('err.concat.rank', { a: formatShape(first), b: formatShape(s) });
    }
    const at = rank + axis;
    if (at < 0) return fail('err.concat.axis', { axis, rank, shape: formatShape(first) });
    // Every other dimension must match exactly: TF.js's Concatenate compares shapes as they are,
    // so a size-any dimension (?) only matches another one.
    for (const s of inputs) {
      const k = s.findIndex((d, i) => i !== at && d !== first[i]);
      if (k >= 0) {
        return fail('err.concat.shapes', {
          a: formatShape(first),
          b: formatShape(s),
          axis: at + 1,
          dim: k + 1,
          x: first[k] ?? '?',
          y: s[k] ?? '?',
        });
      }
    }
    const shape: Shape = [...first];
    shape[at] = inputs.some((s) => s[at] === null) ? null : inputs.reduce((sum, s) => sum + (s[at] as number), 0);
    return ok(shape);
  },
  paramCount: () => 0,
  build(tf, params, name) {
    const axis = params.axis;
    const layer = tf.layers.concatenate({ axis, name });
    if (axis !== -1) {
      // TF.js 4.22's Concatenate gets static shapes right for any negative axis, but at run time
      // (K.concatenate) turns every negative axis into the last one. Resolve the axis to its
      // positive index (counting the batch) once the input rank is known, before TF.js uses it;
      // the saved config then carries that positive axis too.
      const build = layer.build.bind(layer);
      layer.build = (inputShape) => {
        const first = (inputShape as (number | null)[][])[0];
        if (Array.isArray(first)) (layer as unknown as { axis: number }).axis = first.length + axis;
        build(inputShape);
      };
    }
    return layer;
  },
};

/**
 * The dot product of two vectors `[d]` → `[1]`, per example: a user's embedding against an item's
 * (matrix factorisation). Vectors only, as Keras's `Dot(axes=-1)` on `(batch, d)` inputs; flatten an
 * Embedding's `[1, d]` first.
 */
export const Dot: LayerDef<NoParams, 'Dot'> = {
  type: 'Dot',
  family: 'merge',
  params: [],
  arity: [2, 2],
  inferShape(inputs) {
    const [a, b] = inputs;
    if (a.length !== 1 || b.length !== 1) return fail('err.dot.rank', { a: formatShape(a), b: formatShape(b) });
    if (!compatible(a[0], b[0])) return fail('err.dot.shapes', { a: formatShape(a), b: formatShape(b) });
    return ok([1]);
  },
  paramCount: () => 0,
  build(tf, _params, name) {
    return tf.layers.dot({ axes: -1, name });
  },
};

/** Layer types of this family, registered in index.ts. */
export const LAYERS = [Add, Concatenate, Dot] as const;
