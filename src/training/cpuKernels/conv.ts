/**
 * Conv2D and FusedConv2D (bias, linear/ReLU) forward: a direct convolution over NHWC Float32Arrays
 * with register blocking, also used by the stride-1 input gradient (convBackprop.ts). Sums in
 * doubles in another order than the original, so results differ by float32 rounding only.
 */
import type { TensorInfo } from '@tensorflow/tfjs';
import { convInfo, f32, isRank4, isTrailingBroadcast } from './shared';
import type { Conv2DInfo, CpuBackend, KernelArgs, TF } from './shared';

export function conv2DKernel(tf: TF, { inputs, attrs = {} }: KernelArgs, backend: CpuBackend): TensorInfo | null {
  const { x, filter } = inputs;
  if (!isRank4(x) || !isRank4(filter)) return null;
  const xv = f32(backend, x);
  const wv = f32(backend, filter);
  if (!xv || !wv) return null;
  const info = convInfo(tf, x.shape, filter.shape, attrs);
  if (!info) return null;
  const y = convForward(xv, wv, geom(info), null, false);
  return backend.makeTensorInfo(info.outShape, 'float32', y);
}

export function fusedConv2DKernel(tf: TF, { inputs, attrs = {} }: KernelArgs, backend: CpuBackend): TensorInfo | null {
  const { x, filter, bias } = inputs;
  const activation = attrs.activation ?? 'linear';
  if (activation !== 'linear' && activation !== 'relu') return null;
  if (!isRank4(x) || !isRank4(filter)) return null;
  const xv = f32(backend, x);
  const wv = f32(backend, filter);
  if (!xv || !wv) return null;
  const info = convInfo(tf, x.shape, filter.shape, attrs);
  if (!info) return null;
  let biasPerChannel: Float32Array | null = null;
  if (bias) {
    const bv = f32(backend, bias);
    if (!bv) return null;
    const co = info.outChannels;
    // Per channel or a scalar; a bias that varies over pixels goes to the original.
    if (bias.shape.length > 4 || !isTrailingBroadcast(bias.shape, info.outShape)) return null;
    if (bv.length === co) biasPerChannel = bv;
    else if (bv.length === 1) biasPerChannel = new Float32Array(co).fill(bv[0]);
    else return null;
  }
  const y = convForward(xv, wv, geom(info), biasPerChannel, activation === 'relu');
  return backend.makeTensorInfo(info.outShape, 'float32', y);
}

/** The geometry the forward loops need: a Conv2DInfo's, or the flipped one of an input gradient. */
export interface Geom {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  outC: number;
  fh: number;
  fw: number;
  sh: number;
  sw: number;
  pt: number;
  pl: number;
}

export function geom(c: Conv2DInfo): Geom {
  return {
    batch: c.batchSize,
    inH: c.inHeight,
    inW: c.inWidth,
    inC: c.inChannels,
    outH: c.outHeight,
    outW: c.outWidth,
    outC: c.outChannels,
    fh: c.filterHeight,
    fw: c.filterWidth,
    sh: c.strideHeight,
    sw: c.strideWidth,
    pt: c.padInfo.top,
    pl: c.padInfo.left,
  };
}

/**
 * y[b,oy,ox,co] = Σ x[b, oy·sh−pt+kh, ox·sw−pl+kw, ci] · w[kh,kw,ci,co] (+ bias[co], then ReLU).
 * For one output pixel and one kernel row kh, the valid (kw, ci) taps are one contiguous run in
 * both x and w (w's stride per tap is outC), so the inner loops walk that run. Pixels whose window
 * lies inside the image (all but a border of ~f/2) go two at a time, four output channels at a
 * time: eight sums in locals, six loads per eight multiply-adds. With one or two output channels
 * (the input gradient of a first layer), four pixels at a time instead.
 */
export function convForward(x: Float32Array, w: Float32Array, g: Geom, bias: Float32Array | null, relu: boolean): Float32Array {
  const { batch, outH, outW, outC } = g;
  const y = new Float32Array(batch * outH * outW * outC);
  if (outC <= 2) convForwardNarrow(x, w, g, y);
  else convForwardWide(x, w, g, y);
  if (bias !== null || relu) {
    for (let i = 0; i < y.length; i += outC) {
      for (let o = 0; o < outC; o++) {
        let v = y[i + o];
        if (bias !== null) v += bias[o];
        if (relu) v = Math.max(0, v);
        y[i + o] = v;
      }
    }
  }
  return y;
}

/** Output columns [lo, hi) whose window lies entirely inside the image's columns. */
function interiorColumns(g: Geom): [number, number] {
  const lo = Math.min(g.outW, Math.max(0, Math.ceil(g.pl / g.sw)));
  const hi = Math.max(lo, Math.min(g.outW, Math.floor((g.inW - g.fw + g.pl) / g.sw) + 1));
  return [lo, hi];
}

function convForwardWide(x: Float32Array, w: Float32Array, g: Geom, y: Float32Array): void {
  const { batch, inH, inW, inC: ci, outH, outW, outC: co, fh, fw, sh, sw, pt, pl } = g;
  // Output channels padded to a multiple of 4 (zero weights), so every block is four wide.
  const cp = Math.ceil(co / 4) * 4;
  let wp = w;
  if (cp !== co) {
    wp = new Float32Array(fh * fw * ci * cp);
    for (let t = 0; t < fh * fw * ci; t++) {
      for (let o = 0; o < co; o++) wp[t * cp + o] = w[t * co + o];
    }
  }
  const xRow = inW * ci;
  const xBatch = inH * xRow;
  const wRow = fw * ci * cp; // wp stride per kh
  const run = fw * ci; // taps in a kernel row of an interior pixel
  const xPair = sw * ci; // x offset between neighbouring output pixels
  const [oxA, oxB] = interiorColumns(g);
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const iy0 = oy * sh - pt;
      const khStart = iy0 < 0 ? -iy0 : 0;
      const rows = Math.min(fh, inH - iy0) - khStart;
      const xr0 = b * xBatch + (iy0 + khStart) * xRow; // x row of kernel row khStart, column 0
      const wr0 = khStart * wRow;
      const yr = (b * outH + oy) * outW * co;
      convPixels(x, wp, y, g, cp, xr0, wr0, rows, yr, 0, oxA);
      let ox = oxA;
      for (; ox + 2 <= oxB; ox += 2) {
        const xs = xr0 + (ox * sw - pl) * ci;
        const yo = yr + ox * co;
        for (let o = 0; o < cp; o += 4) {
          let a0 = 0, a1 = 0, a2 = 0, a3 = 0; // pixel ox
          let c0 = 0, c1 = 0, c2 = 0, c3 = 0; // pixel ox + 1
          for (let r = 0; r < rows; r++) {
            let xi = xs + r * xRow;
            const xe = xi + run;
            let wi = wr0 + r * wRow + o;
            for (; xi < xe; xi++, wi += cp) {
              const u = x[xi];
              const v = x[xi + xPair];
              const w0 = wp[wi];
              const w1 = wp[wi + 1];
              const w2 = wp[wi + 2];
              const w3 = wp[wi + 3];
              a0 += u * w0;
              a1 += u * w1;
              a2 += u * w2;
              a3 += u * w3;
              c0 += v * w0;
              c1 += v * w1;
              c2 += v * w2;
              c3 += v * w3;
            }
          }
          const p = yo + o;
          const q = p + co;
          if (o + 4 <= co) {
            y[p] = a0;
            y[p + 1] = a1;
            y[p + 2] = a2;
            y[p + 3] = a3;
            y[q] = c0;
            y[q + 1] = c1;
            y[q + 2] = c2;
            y[q + 3] = c3;
          } else {
            const left = co - o;
            y[p] = a0;
            y[q] = c0;
            if (left > 1) {
              y[p + 1] = a1;
              y[q + 1] = c1;
            }
            if (left > 2) {
              y[p + 2] = a2;
              y[q + 2] = c2;
            }
          }
        }
      }
      convPixels(x, wp, y, g, cp, xr0, wr0, rows, yr, ox, outW);
    }
  }
}

/**
 * Output pixels [oxFrom, oxTo) of one output row, one at a time, clipping each window to the
 * image (the border pixels, and an odd one left by the pairs). wp has cp ≥ outC columns.
 */
function convPixels(
  x: Float32Array,
  wp: Float32Array,
  y: Float32Array,
  g: Geom,
  cp: number,
  xr0: number,
  wr0: number,
  rows: number,
  yr: number,
  oxFrom: number,
  oxTo: number,
): void {
  const { inW, inC: ci, outC: co, fw, sw, pl } = g;
  const xRow = inW * ci;
  const wRow = fw * ci * cp;
  for (let ox = oxFrom; ox < oxTo; ox++) {
    const ix0 = ox * sw - pl;
    const kwStart = ix0 < 0 ? -ix0 : 0;
    const run = (Math.min(fw, inW - ix0) - kwStart) * ci;
    const xs = xr0 + (ix0 + kwStart) * ci;
    const ws = wr0 + kwStart * ci * cp;
    const yo = yr + ox * co;
    for (let o = 0; o < cp; o += 4) {
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      if (run > 0) {
        for (let r = 0; r < rows; r++) {
          let xi = xs + r * xRow;
          const xe = xi + run;
          let wi = ws + r * wRow + o;
          for (; xi < xe; xi++, wi += cp) {
            const u = x[xi];
            a0 += u * wp[wi];
            a1 += u * wp[wi + 1];
            a2 += u * wp[wi + 2];
            a3 += u * wp[wi + 3];
          }
        }
      }
      const p = yo + o;
      const left = co - o;
      y[p] = a0;
      if (left > 1) y[p + 1] = a1;
      if (left > 2) y[p + 2] = a2;
      if (left > 3) y[p + 3] = a3;
    }
  }
}

/** One or two output channels: interior pixels four at a time, one channel at a time. */
function convForwardNarrow(x: Float32Array, w: Float32Array, g: Geom, y: Float32Array): void {
  const { batch, inH, inW, inC: ci, outH, outW, outC: co, fh, fw, sh, sw, pt, pl } = g;
  const xRow = inW * ci;
  const xBatch = inH * xRow;
  const wRow = fw * ci * co;
  const run = fw * ci;
  const xStep = sw * ci;
  const [oxA, oxB] = interiorColumns(g);
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const iy0 = oy * sh - pt;
      const khStart = iy0 < 0 ? -iy0 : 0;
      const rows = Math.min(fh, inH - iy0) - khStart;
      const xr0 = b * xBatch + (iy0 + khStart) * xRow;
      const wr0 = khStart * wRow;
      const yr = (b * outH + oy) * outW * co;
      convPixelsNarrow(x, w, y, g, xr0, wr0, rows, yr, 0, oxA);
      let ox = oxA;
      for (; ox + 4 <= oxB; ox += 4) {
        const xs = xr0 + (ox * sw - pl) * ci;
        for (let o = 0; o < co; o++) {
          let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
          for (let r = 0; r < rows; r++) {
            let xi = xs + r * xRow;
            const xe = xi + run;
            let wi = wr0 + r * wRow + o;
            for (; xi < xe; xi++, wi += co) {
              const wv = w[wi];
              a0 += x[xi] * wv;
              a1 += x[xi + xStep] * wv;
              a2 += x[xi + 2 * xStep] * wv;
              a3 += x[xi + 3 * xStep] * wv;
            }
          }
          const p = yr + ox * co + o;
          y[p] = a0;
          y[p + co] = a1;
          y[p + 2 * co] = a2;
          y[p + 3 * co] = a3;
        }
      }
      convPixelsNarrow(x, w, y, g, xr0, wr0, rows, yr, ox, outW);
    }
  }
}

function convPixelsNarrow(
  x: Float32Array,
  w: Float32Array,
  y: Float32Array,
  g: Geom,
  xr0: number,
  wr0: number,
  rows: number,
  yr: number,
  oxFrom: number,
  oxTo: number,
): void {
  const { inW, inC: ci, outC: co, fw, sw, pl } = g;
  const xRow = inW * ci;
  const wRow = fw * ci * co;
  for (let ox = oxFrom; ox < oxTo; ox++) {
    const ix0 = ox * sw - pl;
    const kwStart = ix0 < 0 ? -ix0 : 0;
    const run = (Math.min(fw, inW - ix0) - kwStart) * ci;
    const xs = xr0 + (ix0 + kwStart) * ci;
    const ws = wr0 + kwStart * ci * co;
    for (let o = 0; o < co; o++) {
      let a = 0;
      if (run > 0) {
        for (let r = 0; r < rows; r++) {
          let xi = xs + r * xRow;
          const xe = xi + run;
          let wi = ws + r * wRow + o;
          for (; xi < xe; xi++, wi += co) a += x[xi] * w[wi];
        }
      }
      y[yr + ox * co + o] = a;
    }
  }
}
