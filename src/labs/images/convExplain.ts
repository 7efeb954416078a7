import type { Padding } from '../../models/catalog/convolution';

/**
 * One output cell of a Conv2D, MaxPool2D, AvgPool2D or ReLU layer worked out by hand, for the
 * convolution explainer. Pure arithmetic on plain typed arrays — no TF.js — so the view can run it
 * on every scrub step, and the tests can hold it to the real TF.js layers cell by cell.
 *
 * Layout: NHWC for ONE example, as TF.js hands back `layer.apply(x).data()` without the batch axis:
 * value (y, x, c) sits at `(y · width + x) · channels + c`. Kernels are in TF.js's
 * `[kh, kw, inChannels, outChannels]` layout. Padding follows TensorFlow's rule exactly (an odd
 * total puts the extra row/column after, at the bottom/right), so the cells marked as padding are
 * the ones TF really pads.
 */

export type { Padding };

/**
 * A feature map of one example as the explainer reads it: `height × width × channels` values,
 * row-major (h, w, c). The wire type `FeatureMap` (training/protocol) carries the same data with a
 * shape array; ImageLab converts one into the other.
 */
export interface ValueGrid {
  height: number;
  width: number;
  channels: number;
  values: Float32Array;
}

/** Conv2D weights in TF.js layout: `kh × kw × inChannels × outChannels`, row-major. */
export interface ConvKernel {
  kh: number;
  kw: number;
  inChannels: number;
  outChannels: number;
  values: Float32Array;
}

/** How a sliding window covers one axis. */
export interface AxisGeometry {
  /** Output length. */
  out: number;
  /** Zeros added before (top or left). */
  before: number;
  /** Zeros added after (bottom or right); TF puts the odd one here. */
  after: number;
}

/** Output length along one axis, as TensorFlow computes it (0 when a 'valid' window does not fit). */
export function convOutputSize(inSize: number, kernel: number, stride: number, padding: Padding): number {
  if (inSize <= 0 || kernel <= 0 || stride <= 0) return 0;
  if (padding === 'same') return Math.ceil(inSize / stride);
  return inSize < kernel ? 0 : Math.ceil((inSize - kernel + 1) / stride);
}

/**
 * Output length and padding along one axis. 'same': `padTotal = max((out − 1)·stride + k − in, 0)`,
 * `before = floor(padTotal / 2)`; 'valid': no padding.
 */
export function axisGeometry(inSize: number, kernel: number, stride: number, padding: Padding): AxisGeometry {
  const out = convOutputSize(inSize, kernel, stride, padding);
  if (padding === 'valid' || out === 0) return { out, before: 0, after: 0 };
  const total = Math.max((out - 1) * stride + kernel - inSize, 0);
  const before = Math.floor(total / 2);
  return { out, before, after: total - before };
}

/** Zeros TensorFlow adds on top / left (the only side that shifts the window). */
export function padBefore(inSize: number, kernel: number, stride: number, padding: Padding): number {
  return axisGeometry(inSize, kernel, stride, padding).before;
}

/** Padding on the four sides of a 2-D window op, and its output size. */
export interface WindowGeometry {
  outHeight: number;
  outWidth: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** {@link axisGeometry} for both axes of a `kh × kw` window with strides `[sy, sx]`. */
export function windowGeometry(
  inHeight: number,
  inWidth: number,
  window: readonly [number, number],
  stride: readonly [number, number],
  padding: Padding,
): WindowGeometry {
  const v = axisGeometry(inHeight, window[0], stride[0], padding);
  const h = axisGeometry(inWidth, window[1], stride[1], padding);
  return { outHeight: v.out, outWidth: h.out, top: v.before, bottom: v.after, left: h.before, right: h.after };
}

/** An output position of a convolution (`filter` = output channel). */
export interface ConvCell {
  y: number;
  x: number;
  filter: number;
}

/** One kernel tap of a convolution: where it lands on the input and what it contributes. */
export interface ConvTerm {
  ky: number;
  kx: number;
  /** Input channel. */
  c: number;
  /** Input row / column; outside `[0, height)` / `[0, width)` when the tap lands on padding. */
  iy: number;
  ix: number;
  /** True when the tap lands on a zero-padding cell. */
  padded: boolean;
  /** The input value (0 on padding). */
  input: number;
  weight: number;
  /** `input × weight`. */
  product: number;
}

/** The arithmetic behind one convolution output. */
export interface ConvExplanation {
  cell: ConvCell;
  /** Input row / column under the kernel's top-left tap (negative inside the top/left padding). */
  originY: number;
  originX: number;
  /** Every tap, ordered (ky, kx, c) like the kernel's memory. */
  window: ConvTerm[];
  /** Sum of the products of each input channel. */
  channelSums: number[];
  /** Sum of all products. */
  sum: number;
  /** The filter's bias (0 without one). */
  bias: number;
  /** `sum + bias`: the layer's output before its activation. */
  output: number;
}

/**
 * Work out the convolution output at `cell` of `input` (NHWC, one example) with TF.js-layout
 * `kernel`, `bias` (null for `useBias: false`), strides `[sy, sx]` and `padding`. Sums in float64,
 * so the result matches TF's float32 layer to about 1e-6 relative.
 */
export function explainConv(
  input: ValueGrid,
  kernel: ConvKernel,
  bias: Float32Array | null,
  stride: readonly [number, number],
  padding: Padding,
  cell: ConvCell,
): ConvExplanation {
  const { kh, kw, inChannels: cin, outChannels: cout } = kernel;
  if (cin !== input.channels) throw new Error(`explainConv: kernel expects ${cin} input channels, input has ${input.channels}`);
  const g = windowGeometry(input.height, input.width, [kh, kw], stride, padding);
  const originY = cell.y * stride[0] - g.top;
  const originX = cell.x * stride[1] - g.left;
  const window: ConvTerm[] = [];
  const channelSums = new Array<number>(cin).fill(0);
  let sum = 0;
  for (let ky = 0; ky < kh; ky++) {
    const iy = originY + ky;
    for (let kx = 0; kx < kw; kx++) {
      const ix = originX + kx;
      const padded = iy < 0 || iy >= input.height || ix < 0 || ix >= input.width;
      const base = padded ? -1 : (iy * input.width + ix) * cin;
      for (let c = 0; c < cin; c++) {
        const value = padded ? 0 : input.values[base + c];
        const weight = kernel.values[((ky * kw + kx) * cin + c) * cout + cell.filter];
        const product = value * weight;
        channelSums[c] += product;
        sum += product;
        window.push({ ky, kx, c, iy, ix, padded, input: value, weight, product });
      }
    }
  }
  const b = bias ? bias[cell.filter] : 0;
  return { cell, originY, originX, window, channelSums, sum, bias: b, output: sum + b };
}

/** An output position of a pooling or element-wise layer (channel in = channel out). */
export interface ChannelCell {
  y: number;
  x: number;
  channel: number;
}

/** One cell of a pooling window. */
export interface PoolTerm {
  py: number;
  px: number;
  iy: number;
  ix: number;
  /** Padding cells take no part: max ignores them and the average does not count them (as TF). */
  padded: boolean;
  /** The input value; NaN on padding, which has none. */
  value: number;
}

/** The arithmetic behind one pooling output. */
export interface PoolExplanation {
  cell: ChannelCell;
  mode: 'max' | 'avg';
  originY: number;
  originX: number;
  /** The window row by row. */
  window: PoolTerm[];
  /** Number of real (not padded) cells. */
  count: number;
  /** Sum of the real cells (what an average divides). */
  sum: number;
  /** Index into `window` of the largest real value (the first on ties); −1 for avg or none. */
  maxIndex: number;
  output: number;
}

/**
 * Work out the pooling output at `cell`. Matches TF: max pooling ignores padded cells (they are not
 * zeros), and 'same' average pooling divides by the number of real cells, not by the window area.
 */
export function explainPool(
  input: ValueGrid,
  pool: readonly [number, number],
  stride: readonly [number, number],
  padding: Padding,
  mode: 'max' | 'avg',
  cell: ChannelCell,
): PoolExplanation {
  const [ph, pw] = pool;
  const g = windowGeometry(input.height, input.width, pool, stride, padding);
  const originY = cell.y * stride[0] - g.top;
  const originX = cell.x * stride[1] - g.left;
  const window: PoolTerm[] = [];
  let count = 0;
  let sum = 0;
  let maxIndex = -1;
  let max = -Infinity;
  for (let py = 0; py < ph; py++) {
    const iy = originY + py;
    for (let px = 0; px < pw; px++) {
      const ix = originX + px;
      const padded = iy < 0 || iy >= input.height || ix < 0 || ix >= input.width;
      const value = padded ? NaN : input.values[(iy * input.width + ix) * input.channels + cell.channel];
      if (!padded) {
        count++;
        sum += value;
        if (maxIndex < 0 || value > max) {
          max = value;
          maxIndex = window.length;
        }
      }
      window.push({ py, px, iy, ix, padded, value });
    }
  }
  const output = count === 0 ? 0 : mode === 'max' ? max : sum / count;
  return { cell, mode, originY, originX, window, count, sum, maxIndex: mode === 'max' ? maxIndex : -1, output };
}

/** ReLU of one value: `max(0, x)`, and whether the unit is active (x > 0). */
export function explainRelu(value: number): { input: number; output: number; active: boolean } {
  return { input: value, output: value > 0 ? value : 0, active: value > 0 };
}

/** Leaky ReLU's negative slope; keep equal to `LEAKY_ALPHA` in training/custom.ts (a test checks). */
export const LEAKY_SLOPE = 0.2;

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), enough for a 3-digit display of GELU. */
function erf(x: number): number {
  const s = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * The element-wise activations a Conv2D can carry, by the spec's names, so the explainer can show
 * `activation(sum + bias)`. Returns null for softmax (it mixes channels) and unknown names.
 */
export function activationOutput(name: string, x: number): number | null {
  switch (name) {
    case 'linear':
      return x;
    case 'relu':
      return x > 0 ? x : 0;
    case 'sigmoid':
      return sigmoid(x);
    case 'tanh':
      return Math.tanh(x);
    case 'leakyRelu':
      return x > 0 ? x : LEAKY_SLOPE * x;
    case 'elu':
      return x > 0 ? x : Math.expm1(x);
    case 'gelu':
      return 0.5 * x * (1 + erf(x / Math.SQRT2));
    case 'swish':
      return x * sigmoid(x);
    default:
      return null;
  }
}

/** The `index`-th output position in scan order (row by row, left to right). */
export function scanCell(index: number, outWidth: number): { y: number; x: number } {
  const w = Math.max(1, outWidth);
  return { y: Math.floor(index / w), x: index % w };
}

/** The scan-order index of output position (y, x). */
export function scanIndex(y: number, x: number, outWidth: number): number {
  return y * outWidth + x;
}

/** Every output position in scan order, for the play / scrub animation. */
export function outputCells(outHeight: number, outWidth: number): { y: number; x: number }[] {
  const cells: { y: number; x: number }[] = [];
  for (let y = 0; y < outHeight; y++) for (let x = 0; x < outWidth; x++) cells.push({ y, x });
  return cells;
}

/** Value (y, x, c) of a feature map. */
export function mapValue(map: ValueGrid, y: number, x: number, c: number): number {
  return map.values[(y * map.width + x) * map.channels + c];
}

/** One channel of a feature map as its own row-major `height × width` plane. */
export function channelPlane(map: ValueGrid, c: number): Float32Array {
  const n = map.height * map.width;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = map.values[i * map.channels + c];
  return out;
}
