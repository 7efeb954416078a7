/**
 * The convolution's gradients: Conv2DBackpropFilter (a dot product over output pixels per tap and
 * channel pair, the kernel that cost ~1830 ms of a 2200 ms step originally) and
 * Conv2DBackpropInput (a flipped forward convolution at stride 1, a gather otherwise).
 */
import type { TensorInfo } from '@tensorflow/tfjs';
import { convForward, geom } from './conv';
import type { Geom } from './conv';
import { convInfo, f32, isRank4, sameShape } from './shared';
import type { Conv2DInfo, CpuBackend, KernelArgs, TF } from './shared';

export function conv2DBackpropFilterKernel(tf: TF, { inputs, attrs = {} }: KernelArgs, backend: CpuBackend): TensorInfo | null {
  const { x, dy } = inputs;
  if (!isRank4(x) || !isRank4(dy)) return null;
  const filterShape = attrs.filterShape as number[] | undefined;
  if (!filterShape) return null;
  const xv = f32(backend, x);
  const dyv = f32(backend, dy);
  if (!xv || !dyv) return null;
  const info = convInfo(tf, x.shape, filterShape, { ...attrs, dilations: 1 });
  if (!info || !sameShape(dy.shape, info.outShape)) return null;
  const dw = convFilterGrad(xv, dyv, info);
  return backend.makeTensorInfo(info.filterShape, 'float32', dw);
}

/**
 * dW[kh,kw,ci,co] = Σ_{b,oy,ox} x[b, oy·sh−pt+kh, ox·sw−pl+kw, ci] · dy[b,oy,ox,co]: for each tap
 * and input channel, a dot product over output pixels, for two input and four output channels at
 * once (eight accumulators in locals, six loads per eight multiply-adds).
 */
function convFilterGrad(x: Float32Array, dy: Float32Array, c: Conv2DInfo): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth, outChannels: co } = c;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = c;
  const pt = c.padInfo.top;
  const pl = c.padInfo.left;
  const dw = new Float32Array(fh * fw * ci * co);
  const xRow = inWidth * ci;
  const xBatch = inHeight * xRow;
  const xStep = sw * ci; // x stride between neighbouring output columns
  const dyRow = outWidth * co;
  const dyBatch = outHeight * dyRow;
  const co4 = co - (co % 4);
  const ci2 = ci - (ci % 2);
  for (let kh = 0; kh < fh; kh++) {
    // Output rows whose input row oy·sh−pt+kh lies inside the image.
    const oyLo = Math.max(0, Math.ceil((pt - kh) / sh));
    const oyHi = Math.min(outHeight, Math.floor((inHeight - 1 + pt - kh) / sh) + 1);
    if (oyHi <= oyLo) continue;
    for (let kw = 0; kw < fw; kw++) {
      const oxLo = Math.max(0, Math.ceil((pl - kw) / sw));
      const oxHi = Math.min(outWidth, Math.floor((inWidth - 1 + pl - kw) / sw) + 1);
      const n = oxHi - oxLo;
      if (n <= 0) continue;
      const tapOut = (kh * fw + kw) * ci * co;
      // x offset of (b=0, oyLo, oxLo) for this tap, channel 0; dy offset of (0, oyLo, oxLo, 0).
      const xFirst = (oyLo * sh - pt + kh) * xRow + (oxLo * sw - pl + kw) * ci;
      const xRowStep = sh * xRow;
      const dyFirst = oyLo * dyRow + oxLo * co;
      let i = 0;
      for (; i < ci2; i += 2) {
        let o = 0;
        for (; o < co4; o += 4) {
          let p0 = 0, p1 = 0, p2 = 0, p3 = 0; // input channel i
          let q0 = 0, q1 = 0, q2 = 0, q3 = 0; // input channel i + 1
          for (let b = 0; b < batchSize; b++) {
            let xr = b * xBatch + xFirst + i;
            let dr = b * dyBatch + dyFirst + o;
            for (let oy = oyLo; oy < oyHi; oy++, xr += xRowStep, dr += dyRow) {
              let xi = xr;
              let di = dr;
              for (let t = 0; t < n; t++, xi += xStep, di += co) {
                const u = x[xi];
                const v = x[xi + 1];
                const d0 = dy[di];
                const d1 = dy[di + 1];
                const d2 = dy[di + 2];
                const d3 = dy[di + 3];
                p0 += u * d0;
                p1 += u * d1;
                p2 += u * d2;
                p3 += u * d3;
                q0 += v * d0;
                q1 += v * d1;
                q2 += v * d2;
                q3 += v * d3;
              }
            }
          }
          const out = tapOut + i * co + o;
          dw[out] = p0;
          dw[out + 1] = p1;
          dw[out + 2] = p2;
          dw[out + 3] = p3;
          dw[out + co] = q0;
          dw[out + co + 1] = q1;
          dw[out + co + 2] = q2;
          dw[out + co + 3] = q3;
        }
        for (; o < co; o++) {
          let p = 0;
          let q = 0;
          for (let b = 0; b < batchSize; b++) {
            let xr = b * xBatch + xFirst + i;
            let dr = b * dyBatch + dyFirst + o;
            for (let oy = oyLo; oy < oyHi; oy++, xr += xRowStep, dr += dyRow) {
              let xi = xr;
              let di = dr;
              for (let t = 0; t < n; t++, xi += xStep, di += co) {
                const d = dy[di];
                p += x[xi] * d;
                q += x[xi + 1] * d;
              }
            }
          }
          dw[tapOut + i * co + o] = p;
          dw[tapOut + (i + 1) * co + o] = q;
        }
      }
      for (; i < ci; i++) {
        let o = 0;
        for (; o < co4; o += 4) {
          let p0 = 0, p1 = 0, p2 = 0, p3 = 0;
          for (let b = 0; b < batchSize; b++) {
            let xr = b * xBatch + xFirst + i;
            let dr = b * dyBatch + dyFirst + o;
            for (let oy = oyLo; oy < oyHi; oy++, xr += xRowStep, dr += dyRow) {
              let xi = xr;
              let di = dr;
              for (let t = 0; t < n; t++, xi += xStep, di += co) {
                const u = x[xi];
                p0 += u * dy[di];
                p1 += u * dy[di + 1];
                p2 += u * dy[di + 2];
                p3 += u * dy[di + 3];
              }
            }
          }
          const out = tapOut + i * co + o;
          dw[out] = p0;
          dw[out + 1] = p1;
          dw[out + 2] = p2;
          dw[out + 3] = p3;
        }
        for (; o < co; o++) {
          let p = 0;
          for (let b = 0; b < batchSize; b++) {
            let xr = b * xBatch + xFirst + i;
            let dr = b * dyBatch + dyFirst + o;
            for (let oy = oyLo; oy < oyHi; oy++, xr += xRowStep, dr += dyRow) {
              let xi = xr;
              let di = dr;
              for (let t = 0; t < n; t++, xi += xStep, di += co) p += x[xi] * dy[di];
            }
          }
          dw[tapOut + i * co + o] = p;
        }
      }
    }
  }
  return dw;
}

export function conv2DBackpropInputKernel(tf: TF, { inputs, attrs = {} }: KernelArgs, backend: CpuBackend): TensorInfo | null {
  const { dy, filter } = inputs;
  if (!isRank4(dy) || !isRank4(filter)) return null;
  const inputShape = attrs.inputShape as number[] | undefined;
  if (!inputShape) return null;
  const dyv = f32(backend, dy);
  const wv = f32(backend, filter);
  if (!dyv || !wv) return null;
  const info = convInfo(tf, inputShape, filter.shape, { ...attrs, dilations: 1 });
  if (!info || !sameShape(dy.shape, info.outShape)) return null;
  const dx = convInputGrad(dyv, wv, info);
  return backend.makeTensorInfo(info.inShape, 'float32', dx);
}

/**
 * With stride 1 the input gradient is a forward convolution of dy with the kernel flipped in space
 * and its channel axes swapped, padded by (f − 1 − pad): oy = iy + pt − kh.
 */
function convInputGradStride1(dy: Float32Array, w: Float32Array, g: Geom): Float32Array {
  const { fh, fw, inC, outC } = g;
  const wt = new Float32Array(w.length);
  for (let kh = 0; kh < fh; kh++) {
    for (let kw = 0; kw < fw; kw++) {
      const src = (kh * fw + kw) * inC * outC;
      const dst = ((fh - 1 - kh) * fw + (fw - 1 - kw)) * outC * inC;
      for (let ci = 0; ci < inC; ci++) {
        for (let co = 0; co < outC; co++) wt[dst + co * inC + ci] = w[src + ci * outC + co];
      }
    }
  }
  const flipped: Geom = {
    batch: g.batch,
    inH: g.outH,
    inW: g.outW,
    inC: outC,
    outH: g.inH,
    outW: g.inW,
    outC: inC,
    fh,
    fw,
    sh: 1,
    sw: 1,
    pt: fh - 1 - g.pt,
    pl: fw - 1 - g.pl,
  };
  return convForward(dy, wt, flipped, null, false);
}

/**
 * Other strides: dx[b,iy,ix,ci] = Σ_{kh,kw,co} dy[b,oy,ox,co] · w[kh,kw,ci,co] over the taps with
 * oy = (iy+pt−kh)/sh and ox = (ix+pl−kw)/sw whole and in range: a gather, so each dx is written
 * once; the inner loop runs over the contiguous outC axis for four input channels at once.
 */
function convInputGrad(dy: Float32Array, w: Float32Array, c: Conv2DInfo): Float32Array {
  if (c.strideHeight === 1 && c.strideWidth === 1) return convInputGradStride1(dy, w, geom(c));
  const { batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth, outChannels: co } = c;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = c;
  const pt = c.padInfo.top;
  const pl = c.padInfo.left;
  const dx = new Float32Array(batchSize * inHeight * inWidth * ci);
  // For every input row: the (kh, oy) pairs that reach it; likewise columns. Flattened tables.
  const rowN = new Int32Array(inHeight);
  const rowKh = new Int32Array(inHeight * fh);
  const rowOy = new Int32Array(inHeight * fh);
  for (let iy = 0; iy < inHeight; iy++) {
    let n = 0;
    for (let kh = (iy + pt) % sh; kh < fh; kh += sh) {
      const oy = (iy + pt - kh) / sh;
      if (oy < 0) break;
      if (oy >= outHeight) continue;
      rowKh[iy * fh + n] = kh;
      rowOy[iy * fh + n] = oy;
      n++;
    }
    rowN[iy] = n;
  }
  const colN = new Int32Array(inWidth);
  const colKw = new Int32Array(inWidth * fw);
  const colOx = new Int32Array(inWidth * fw);
  for (let ix = 0; ix < inWidth; ix++) {
    let n = 0;
    for (let kw = (ix + pl) % sw; kw < fw; kw += sw) {
      const ox = (ix + pl - kw) / sw;
      if (ox < 0) break;
      if (ox >= outWidth) continue;
      colKw[ix * fw + n] = kw;
      colOx[ix * fw + n] = ox;
      n++;
    }
    colN[ix] = n;
  }
  const dyRow = outWidth * co;
  const dyBatch = outHeight * dyRow;
  const ci4 = ci - (ci % 4);
  const co2 = 2 * co;
  const co3 = 3 * co;
  let xo = 0;
  for (let b = 0; b < batchSize; b++) {
    const dyb = b * dyBatch;
    for (let iy = 0; iy < inHeight; iy++) {
      const nr = rowN[iy];
      const rBase = iy * fh;
      for (let ix = 0; ix < inWidth; ix++, xo += ci) {
        const nc = colN[ix];
        const cBase = ix * fw;
        if (nr === 0 || nc === 0) continue; // stays 0
        let i = 0;
        for (; i < ci4; i += 4) {
          let a0 = 0;
          let a1 = 0;
          let a2 = 0;
          let a3 = 0;
          for (let r = 0; r < nr; r++) {
            const kh = rowKh[rBase + r];
            const dyr = dyb + rowOy[rBase + r] * dyRow;
            for (let s = 0; s < nc; s++) {
              const di = dyr + colOx[cBase + s] * co;
              const wi = ((kh * fw + colKw[cBase + s]) * ci + i) * co;
              for (let o = 0; o < co; o++) {
                const d = dy[di + o];
                const wo = wi + o;
                a0 += d * w[wo];
                a1 += d * w[wo + co];
                a2 += d * w[wo + co2];
                a3 += d * w[wo + co3];
              }
            }
          }
          dx[xo + i] = a0;
          dx[xo + i + 1] = a1;
          dx[xo + i + 2] = a2;
          dx[xo + i + 3] = a3;
        }
        for (; i < ci; i++) {
          let a = 0;
          for (let r = 0; r < nr; r++) {
            const kh = rowKh[rBase + r];
            const dyr = dyb + rowOy[rBase + r] * dyRow;
            for (let s = 0; s < nc; s++) {
              const di = dyr + colOx[cBase + s] * co;
              const wi = ((kh * fw + colKw[cBase + s]) * ci + i) * co;
              for (let o = 0; o < co; o++) a += dy[di + o] * w[wi + o];
            }
          }
          dx[xo + i] = a;
        }
      }
    }
  }
  return dx;
}
