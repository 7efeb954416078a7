/**
 * MaxPool, AvgPool and their gradients over NHWC Float32Arrays. Same float64 operations in the
 * same order as the originals (including their choice of max position and their disagreeing
 * divisors at padded borders), so bit-identical.
 */
import type { TensorInfo } from '@tensorflow/tfjs';
import { f32, isRank4, poolInfo, sameShape } from './shared';
import type { Conv2DInfo, CpuBackend, KernelArgs, TF } from './shared';

export function poolKernel(tf: TF, { inputs, attrs = {} }: KernelArgs, backend: CpuBackend, type: 'max' | 'avg'): TensorInfo | null {
  const { x } = inputs;
  if (!isRank4(x)) return null;
  const xv = f32(backend, x);
  if (!xv) return null;
  const info = poolInfo(tf, x.shape, attrs, attrs.dimRoundingMode);
  if (!info) return null;
  // The original returns an identity (same data) for a 1×1 window that keeps the shape.
  if (info.filterHeight === 1 && info.filterWidth === 1 && sameShape(info.inShape, info.outShape)) return null;
  const y = type === 'max' ? maxPoolForward(xv, info) : avgPoolForward(xv, info);
  return backend.makeTensorInfo(info.outShape, 'float32', y);
}

function maxPoolForward(x: Float32Array, c: Conv2DInfo): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels: ch, outHeight, outWidth } = c;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = c;
  const pt = c.padInfo.top;
  const pl = c.padInfo.left;
  const y = new Float32Array(batchSize * outHeight * outWidth * ch).fill(Number.NEGATIVE_INFINITY);
  const xRow = inWidth * ch;
  const xBatch = inHeight * xRow;
  let yo = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const r0 = Math.max(0, oy * sh - pt);
      const r1 = Math.min(inHeight, oy * sh - pt + fh);
      for (let ox = 0; ox < outWidth; ox++, yo += ch) {
        const c0 = Math.max(0, ox * sw - pl);
        const c1 = Math.min(inWidth, ox * sw - pl + fw);
        for (let r = r0; r < r1; r++) {
          let xi = b * xBatch + r * xRow + c0 * ch;
          for (let cc = c0; cc < c1; cc++, xi += ch) {
            for (let d = 0; d < ch; d++) {
              const v = x[xi + d];
              if (v > y[yo + d]) y[yo + d] = v;
            }
          }
        }
      }
    }
  }
  return y;
}

function avgPoolForward(x: Float32Array, c: Conv2DInfo): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels: ch, outHeight, outWidth } = c;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = c;
  const pt = c.padInfo.top;
  const pl = c.padInfo.left;
  const y = new Float32Array(batchSize * outHeight * outWidth * ch);
  const acc = new Float64Array(ch);
  const xRow = inWidth * ch;
  const xBatch = inHeight * xRow;
  let yo = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const r0 = Math.max(0, oy * sh - pt);
      const r1 = Math.min(inHeight, oy * sh - pt + fh);
      for (let ox = 0; ox < outWidth; ox++, yo += ch) {
        const c0 = Math.max(0, ox * sw - pl);
        const c1 = Math.min(inWidth, ox * sw - pl + fw);
        acc.fill(0);
        for (let r = r0; r < r1; r++) {
          let xi = b * xBatch + r * xRow + c0 * ch;
          for (let cc = c0; cc < c1; cc++, xi += ch) {
            for (let d = 0; d < ch; d++) acc[d] += x[xi + d];
          }
        }
        // As the original: the mean over the window's non-padding pixels.
        const count = Math.max(0, r1 - r0) * Math.max(0, c1 - c0);
        for (let d = 0; d < ch; d++) y[yo + d] = acc[d] / count;
      }
    }
  }
  return y;
}

export function maxPoolGradKernel(tf: TF, { inputs, attrs = {} }: KernelArgs, backend: CpuBackend): TensorInfo | null {
  const { dy, input } = inputs;
  if (!isRank4(dy) || !isRank4(input)) return null;
  const dyv = f32(backend, dy);
  const xv = f32(backend, input);
  if (!dyv || !xv) return null;
  const info = poolInfo(tf, input.shape, attrs, attrs.dimRoundingMode);
  if (!info || !sameShape(dy.shape, info.outShape)) return null;
  return backend.makeTensorInfo(input.shape, 'float32', maxPoolBackward(xv, dyv, info));
}

/**
 * Each window's gradient goes to the first pixel (row-major within the window) holding its
 * maximum, as TF.js's maxPoolPositions picks it (strictly greater than the running max, from
 * −∞: a window of NaN/−∞ only passes nothing on). Windows are visited in the same (oy, ox) order
 * as the original gathers them, and overlapping contributions are added in doubles, so the result
 * is bit-identical.
 */
function maxPoolBackward(x: Float32Array, dy: Float32Array, c: Conv2DInfo): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels: ch, outHeight, outWidth } = c;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = c;
  const pt = c.padInfo.top;
  const pl = c.padInfo.left;
  const size = batchSize * inHeight * inWidth * ch;
  // Windows that never overlap give each pixel at most one term: write float32 directly.
  const overlap = sh < fh || sw < fw;
  const dx = new Float32Array(size);
  const acc = overlap ? new Float64Array(size) : null;
  const best = new Float64Array(ch);
  const where = new Int32Array(ch);
  const xRow = inWidth * ch;
  const xBatch = inHeight * xRow;
  let yo = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const r0 = Math.max(0, oy * sh - pt);
      const r1 = Math.min(inHeight, oy * sh - pt + fh);
      for (let ox = 0; ox < outWidth; ox++, yo += ch) {
        const c0 = Math.max(0, ox * sw - pl);
        const c1 = Math.min(inWidth, ox * sw - pl + fw);
        best.fill(Number.NEGATIVE_INFINITY);
        where.fill(-1);
        for (let r = r0; r < r1; r++) {
          let xi = b * xBatch + r * xRow + c0 * ch;
          for (let cc = c0; cc < c1; cc++, xi += ch) {
            for (let d = 0; d < ch; d++) {
              const v = x[xi + d];
              if (v > best[d]) {
                best[d] = v;
                where[d] = xi + d;
              }
            }
          }
        }
        if (acc === null) {
          for (let d = 0; d < ch; d++) {
            const at = where[d];
            if (at >= 0) dx[at] = dy[yo + d];
          }
        } else {
          for (let d = 0; d < ch; d++) {
            const at = where[d];
            if (at >= 0) acc[at] += dy[yo + d];
          }
        }
      }
    }
  }
  if (acc !== null) dx.set(acc);
  return dx;
}

export function avgPoolGradKernel(tf: TF, { inputs, attrs = {} }: KernelArgs, backend: CpuBackend): TensorInfo | null {
  const { dy, input } = inputs;
  if (!isRank4(dy) || !isRank4(input)) return null;
  const dyv = f32(backend, dy);
  if (!dyv || input.dtype !== 'float32') return null;
  // The original ignores dimRoundingMode here.
  const info = poolInfo(tf, input.shape, attrs, undefined);
  if (!info || !sameShape(dy.shape, info.outShape)) return null;
  return backend.makeTensorInfo(input.shape, 'float32', avgPoolBackward(dyv, info));
}

/**
 * dx = (Σ of dy over the windows covering the pixel) / (filterHeight·filterWidth), as the
 * original computes it: summed in doubles in (oy, ox) order, then scaled, so bit-identical.
 */
function avgPoolBackward(dy: Float32Array, c: Conv2DInfo): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels: ch, outHeight, outWidth } = c;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = c;
  const pt = c.padInfo.top;
  const pl = c.padInfo.left;
  const size = batchSize * inHeight * inWidth * ch;
  const mult = 1 / (fh * fw);
  const acc = new Float64Array(size);
  const xRow = inWidth * ch;
  const xBatch = inHeight * xRow;
  let yo = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const r0 = Math.max(0, oy * sh - pt);
      const r1 = Math.min(inHeight, oy * sh - pt + fh);
      for (let ox = 0; ox < outWidth; ox++, yo += ch) {
        const c0 = Math.max(0, ox * sw - pl);
        const c1 = Math.min(inWidth, ox * sw - pl + fw);
        for (let r = r0; r < r1; r++) {
          let xi = b * xBatch + r * xRow + c0 * ch;
          for (let cc = c0; cc < c1; cc++, xi += ch) {
            for (let d = 0; d < ch; d++) acc[xi + d] += dy[yo + d];
          }
        }
      }
    }
  }
  const dx = new Float32Array(size);
  for (let i = 0; i < size; i++) dx[i] = acc[i] * mult;
  return dx;
}
