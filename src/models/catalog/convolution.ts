import { ACTIVATIONS, type Activation } from '../spec';
import { tfActivation } from './core';
import { fail, formatShape, ok, type LayerDef, type ShapeResult } from './layerDef';

/** How a sliding window treats the border: 'valid' only where it fits, 'same' pads with zeros. */
export const PADDINGS = ['valid', 'same'] as const;
export type Padding = (typeof PADDINGS)[number];

/**
 * Output length of a sliding window along one axis, exactly as TF.js/Keras `convOutputLength`:
 * `ceil((n − k + 1) / s)` for 'valid', `ceil(n / s)` for 'same'. `null` (any size) stays `null`.
 * Returns 0 when a 'valid' window does not fit.
 */
export function windowOutput(n: number | null, k: number, s: number, padding: Padding): number | null {
  if (n === null) return null;
  if (padding === 'same') return Math.ceil(n / s);
  return n < k ? 0 : Math.ceil((n - k + 1) / s);
}

/**
 * The common shape rule of 2-D windows (convolution and pooling): check that the input is an
 * image `[H, W, C]` and that a 'valid' window fits, then give `[H', W']`.
 */
export function window2d(
  x: (number | null)[],
  k: number,
  s: number,
  padding: Padding,
  prefix: 'conv' | 'pool',
): { ok: true; h: number | null; w: number | null } | { ok: false; result: ShapeResult } {
  if (x.length !== 3) return { ok: false, result: fail(`err.${prefix}.rank`, { shape: formatShape(x) }) };
  const [h, w] = x;
  const oh = windowOutput(h, k, s, padding);
  const ow = windowOutput(w, k, s, padding);
  if (oh === 0 || ow === 0) {
    return { ok: false, result: fail(`err.${prefix}.tooSmall`, { size: `${k}×${k}`, shape: formatShape(x) }) };
  }
  return { ok: true, h: oh, w: ow };
}

export type Conv2DParams = {
  filters: number;
  kernelSize: number;
  strides: number;
  padding: Padding;
  activation: Activation;
  useBias: boolean;
};

export const Conv2D: LayerDef<Conv2DParams, 'Conv2D'> = {
  type: 'Conv2D',
  family: 'convolution',
  params: [
    { name: 'filters', kind: 'int', default: 8, min: 1, max: 512 },
    { name: 'kernelSize', kind: 'int', default: 3, min: 1, max: 11 },
    { name: 'strides', kind: 'int', default: 1, min: 1, max: 4 },
    { name: 'padding', kind: 'enum', default: 'valid', options: PADDINGS },
    { name: 'activation', kind: 'enum', default: 'relu', options: ACTIVATIONS },
    { name: 'useBias', kind: 'bool', default: true },
  ],
  arity: [1, 1],
  inferShape(inputs, params) {
    const [x] = inputs;
    const r = window2d(x, params.kernelSize, params.strides, params.padding, 'conv');
    if (!r.ok) return r.result;
    if (x[2] === null) return fail('err.conv.channels', { shape: formatShape(x) });
    return ok([r.h, r.w, params.filters]);
  },
  paramCount(inputs, params) {
    const channels = (inputs[0]?.[2] as number | null) ?? 0;
    const { kernelSize: k, filters } = params;
    return k * k * channels * filters + (params.useBias === false ? 0 : filters);
  },
  build(tf, params, name) {
    return tf.layers.conv2d({
      filters: params.filters,
      kernelSize: params.kernelSize,
      strides: params.strides,
      padding: params.padding,
      activation: tfActivation(params.activation) as never,
      useBias: params.useBias !== false,
      name,
    });
  },
};

/** Layer types of this family, registered in index.ts. */
export const LAYERS = [Conv2D] as const;
