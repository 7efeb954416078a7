import type { TensorInfo } from '@tensorflow/tfjs';
import { f32, type CpuBackend, type KernelArgs, type TF } from './shared';

/**
 * Softmax over the last axis. The original runs five kernels (max, sub, exp, sum, div), each
 * allocating a tensor; attention and the vocabulary output call it every step (~115 ms of a 500 ms
 * mini-GPT step). Same float32 roundings in the same order here: fround(x − max), fround(exp(·)), the
 * row sum in doubles rounded to float32, then fround(e / sum).
 */
export function softmaxKernel(_tf: TF, { inputs, attrs = {} }: KernelArgs, backend: CpuBackend): TensorInfo | null {
  const { logits } = inputs;
  const xv = f32(backend, logits);
  if (!logits || !xv || logits.shape.length === 0) return null;
  const rank = logits.shape.length;
  const dim = Number((attrs as { dim?: number }).dim ?? -1);
  if (dim !== -1 && dim !== rank - 1) return null;
  const n = logits.shape[rank - 1];
  if (n === 0) return null;
  const y = new Float32Array(xv.length);
  const fround = Math.fround;
  for (let base = 0; base < xv.length; base += n) {
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = xv[base + i];
      if (v > max || Number.isNaN(v)) max = v;
      if (Number.isNaN(v)) break;
    }
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const e = fround(Math.exp(fround(xv[base + i] - max)));
      y[base + i] = e;
      sum += e;
    }
    const s = fround(sum);
    for (let i = 0; i < n; i++) y[base + i] = y[base + i] / s;
  }
  return backend.makeTensorInfo([...logits.shape], 'float32', y);
}

/**
 * Transpose of float32 tensors up to rank 6: the original computes each element's coordinates with
 * divisions (indexToLoc); here the input offset follows the output order with per-axis counters.
 * A copy, so exactly the original's values. The attention layers transpose [B, T, h, k] ↔ [B, h, T, k].
 */
export function transposeKernel(_tf: TF, { inputs, attrs = {} }: KernelArgs, backend: CpuBackend): TensorInfo | null {
  const { x } = inputs;
  const xv = f32(backend, x);
  const perm = (attrs as { perm?: number[] }).perm;
  if (!x || !xv || !perm || perm.length !== x.shape.length || x.shape.length > 6 || x.shape.length < 2) return null;
  const rank = x.shape.length;
  const inStrides = new Array<number>(rank);
  for (let i = rank - 1, s = 1; i >= 0; i--) {
    inStrides[i] = s;
    s *= x.shape[i];
  }
  const outShape = perm.map((p) => x.shape[p]);
  const step = perm.map((p) => inStrides[p]);
  const y = new Float32Array(xv.length);
  if (y.length === 0) return backend.makeTensorInfo(outShape, 'float32', y);
  const last = rank - 1;
  const n = outShape[last];
  const s = step[last];
  const counter = new Array<number>(rank).fill(0);
  let offset = 0;
  for (let o = 0; o < y.length; o += n) {
    for (let i = 0, src = offset; i < n; i++, src += s) y[o + i] = xv[src];
    // Advance the counters of the outer axes (the last axis was walked by the loop above).
    for (let ax = last - 1; ax >= 0; ax--) {
      counter[ax]++;
      offset += step[ax];
      if (counter[ax] < outShape[ax]) break;
      offset -= step[ax] * outShape[ax];
      counter[ax] = 0;
    }
  }
  return backend.makeTensorInfo(outShape, 'float32', y);
}

/**
 * SplitV (tf.split): the original slices each part element by element through a TensorBuffer. The
 * LSTM cell splits its gates [batch, 4·units] into four at every time step and in its gradient: 76 ms
 * of a 184 ms step of the LSTM forecaster in Node. Contiguous block copies here, the same values.
 */
export function splitVKernel(tf: TF, { inputs, attrs = {} }: KernelArgs, backend: CpuBackend): TensorInfo[] | null {
  const { x } = inputs;
  const xv = f32(backend, x);
  if (!x || !xv || x.shape.length === 0) return null;
  const { numOrSizeSplits, axis } = attrs as { numOrSizeSplits: number | number[]; axis: number | number[] };
  const ax = tf.util.parseAxisParam(axis, x.shape)[0];
  const sizes = tf.backend_util.prepareSplitSize(x as never, numOrSizeSplits, ax);
  const d = x.shape[ax];
  const outer = x.shape.slice(0, ax).reduce((a, b) => a * b, 1);
  const inner = x.shape.slice(ax + 1).reduce((a, b) => a * b, 1);
  let begin = 0;
  return sizes.map((s) => {
    const y = new Float32Array(outer * s * inner);
    const block = s * inner;
    for (let o = 0; o < outer; o++) {
      const from = (o * d + begin) * inner;
      y.set(xv.subarray(from, from + block), o * block);
    }
    begin += s;
    const shape = [...x.shape];
    shape[ax] = s;
    return backend.makeTensorInfo(shape, 'float32', y);
  });
}
