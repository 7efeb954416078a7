import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FAST_CPU_KERNEL_NAMES,
  fastCpuKernelStats,
  isFastCpuKernel,
  registerFastCpuKernels,
  resetFastCpuKernelStats,
  unregisterFastCpuKernels,
} from '../../src/training/cpuKernels';

// Every case runs twice: with TF.js's own 'cpu' kernels and with ours, on the same inputs.

type Pad = 'same' | 'valid' | number;

let originalConv2D: tf.KernelFunc;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  originalConv2D = tf.getKernel('Conv2D', 'cpu').kernelFunc;
});

afterAll(() => {
  unregisterFastCpuKernels(tf);
  resetFastCpuKernelStats();
});

beforeEach(() => {
  unregisterFastCpuKernels(tf);
  resetFastCpuKernelStats();
});

/** mulberry32: reproducible cases. */
function makeRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function int(rng: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

function randomValues(rng: () => number, n: number): Float32Array {
  return Float32Array.from({ length: n }, () => rng() * 2 - 1);
}

/** Values on a coarse grid, so pooling windows have ties. */
function tiedValues(rng: () => number, n: number): Float32Array {
  return Float32Array.from({ length: n }, () => Math.floor(rng() * 4) - 2);
}

function tensor(values: Float32Array, shape: number[]): tf.Tensor {
  return tf.tensor(values, shape, 'float32');
}

function toArrays(out: tf.Tensor | tf.Tensor[]): Float32Array[] {
  const list = Array.isArray(out) ? out : [out];
  return list.map((t) => Float32Array.from(t.dataSync() as Float32Array));
}

/** fn with the original kernels, then with the fast ones; the results as arrays. */
function both(fn: () => tf.Tensor | tf.Tensor[]): { ref: Float32Array[]; got: Float32Array[] } {
  unregisterFastCpuKernels(tf);
  const ref = tf.tidy(() => toArrays(fn()));
  registerFastCpuKernels(tf);
  const got = tf.tidy(() => toArrays(fn()));
  unregisterFastCpuKernels(tf);
  return { ref, got };
}

/** |got − ref| ≤ tol·max(1, |ref|) everywhere; NaN only where ref is NaN. */
function expectClose(got: Float32Array[], ref: Float32Array[], what: string, tol = 1e-4): void {
  expect(got.length, what).toBe(ref.length);
  ref.forEach((r, k) => {
    const g = got[k];
    expect(g.length, `${what} [${k}] length`).toBe(r.length);
    for (let i = 0; i < r.length; i++) {
      const ok = Number.isNaN(r[i]) ? Number.isNaN(g[i]) : Math.abs(g[i] - r[i]) <= tol * Math.max(1, Math.abs(r[i]));
      if (!ok) expect.fail(`${what} [${k}] at ${i}: got ${g[i]}, original ${r[i]}`);
    }
  });
}

/** Bit-identical (NaN = NaN, and −0 = +0). */
function expectSame(got: Float32Array[], ref: Float32Array[], what: string): void {
  expect(got.length, what).toBe(ref.length);
  ref.forEach((r, k) => {
    const g = got[k];
    expect(g.length, `${what} [${k}] length`).toBe(r.length);
    for (let i = 0; i < r.length; i++) {
      const ok = g[i] === r[i] || (Number.isNaN(g[i]) && Number.isNaN(r[i]));
      if (!ok) expect.fail(`${what} [${k}] at ${i}: got ${g[i]}, original ${r[i]}`);
    }
  });
}

/** Output [height, width] as TF.js computes them (a numeric pad uses the filter height for both). */
function convOut(c: { b: number; h: number; w: number; fh: number; fw: number; sh: number; sw: number; pad: Pad }): [number, number] {
  const info = tf.backend_util.computeConv2DInfo([c.b, c.h, c.w, 1], [c.fh, c.fw, 1, 1], [c.sh, c.sw], 1, c.pad);
  return [info.outHeight, info.outWidth];
}

interface ConvCase {
  b: number;
  h: number;
  w: number;
  ci: number;
  co: number;
  fh: number;
  fw: number;
  sh: number;
  sw: number;
  pad: Pad;
}

function convCases(seed: number, count: number): ConvCase[] {
  const rng = makeRng(seed);
  const cases: ConvCase[] = [];
  while (cases.length < count) {
    const pads: Pad[] = ['same', 'valid', 'same', 'valid', 1, 2];
    const c: ConvCase = {
      b: int(rng, 1, 3),
      h: int(rng, 1, 11),
      w: int(rng, 1, 11),
      ci: int(rng, 1, 7),
      co: int(rng, 1, 7),
      fh: int(rng, 1, 5),
      fw: int(rng, 1, 5),
      sh: int(rng, 1, 3),
      sw: int(rng, 1, 3),
      pad: pads[int(rng, 0, pads.length - 1)],
    };
    if (Math.min(...convOut(c)) < 1) continue;
    cases.push(c);
  }
  // The shapes of the networks this exists for.
  cases.push({ b: 2, h: 28, w: 28, ci: 1, co: 8, fh: 5, fw: 5, sh: 1, sw: 1, pad: 'same' });
  cases.push({ b: 2, h: 14, w: 14, ci: 8, co: 16, fh: 5, fw: 5, sh: 1, sw: 1, pad: 'same' });
  cases.push({ b: 2, h: 14, w: 14, ci: 6, co: 16, fh: 5, fw: 5, sh: 1, sw: 1, pad: 'valid' });
  return cases;
}

function label(c: object): string {
  return JSON.stringify(c);
}

describe('registration', () => {
  it('replaces the kernels, is idempotent and restores the originals', () => {
    registerFastCpuKernels(tf);
    const first = tf.getKernel('Conv2D', 'cpu').kernelFunc;
    expect(first).not.toBe(originalConv2D);
    registerFastCpuKernels(tf);
    expect(tf.getKernel('Conv2D', 'cpu').kernelFunc).toBe(first);
    for (const name of FAST_CPU_KERNEL_NAMES) expect(isFastCpuKernel(tf, name), name).toBe(true);
    unregisterFastCpuKernels(tf);
    unregisterFastCpuKernels(tf);
    expect(tf.getKernel('Conv2D', 'cpu').kernelFunc).toBe(originalConv2D);
    for (const name of FAST_CPU_KERNEL_NAMES) expect(isFastCpuKernel(tf, name), name).toBe(false);
  });
});

describe('convolutions match the original kernels', () => {
  const cases = convCases(7, 60);

  it('conv2d forward', () => {
    const rng = makeRng(11);
    for (const c of cases) {
      const x = randomValues(rng, c.b * c.h * c.w * c.ci);
      const w = randomValues(rng, c.fh * c.fw * c.ci * c.co);
      const { ref, got } = both(() =>
        tf.conv2d(tensor(x, [c.b, c.h, c.w, c.ci]) as tf.Tensor4D, tensor(w, [c.fh, c.fw, c.ci, c.co]) as tf.Tensor4D, [c.sh, c.sw], c.pad),
      );
      expectClose(got, ref, label(c));
    }
    expect(fastCpuKernelStats().fallback.Conv2D ?? 0).toBe(0);
  });

  it('conv2d gradients (Conv2DBackpropInput, Conv2DBackpropFilter)', () => {
    const rng = makeRng(12);
    for (const c of cases) {
      const x = randomValues(rng, c.b * c.h * c.w * c.ci);
      const w = randomValues(rng, c.fh * c.fw * c.ci * c.co);
      const [oh, ow] = convOut(c);
      const r = randomValues(rng, c.b * oh * ow * c.co);
      const { ref, got } = both(() => {
        const f = (xt: tf.Tensor, wt: tf.Tensor) =>
          tf.sum(tf.mul(tf.conv2d(xt as tf.Tensor4D, wt as tf.Tensor4D, [c.sh, c.sw], c.pad), tensor(r, [c.b, oh, ow, c.co])));
        return tf.grads(f)([tensor(x, [c.b, c.h, c.w, c.ci]), tensor(w, [c.fh, c.fw, c.ci, c.co])]);
      });
      expectClose(got, ref, label(c));
    }
    const { fast, fallback } = fastCpuKernelStats();
    expect(fast.Conv2DBackpropInput).toBeGreaterThan(0);
    expect(fast.Conv2DBackpropFilter).toBeGreaterThan(0);
    expect(fallback.Conv2DBackpropInput ?? 0).toBe(0);
    expect(fallback.Conv2DBackpropFilter ?? 0).toBe(0);
  });

  it('conv2dTranspose (Conv2DBackpropInput on its own)', () => {
    const rng = makeRng(13);
    for (const c of cases.filter((k) => k.pad !== 1 && k.pad !== 2)) {
      const [oh, ow] = convOut(c);
      const dy = randomValues(rng, c.b * oh * ow * c.co);
      const w = randomValues(rng, c.fh * c.fw * c.ci * c.co);
      const { ref, got } = both(() =>
        tf.conv2dTranspose(
          tensor(dy, [c.b, oh, ow, c.co]) as tf.Tensor4D,
          tensor(w, [c.fh, c.fw, c.ci, c.co]) as tf.Tensor4D,
          [c.b, c.h, c.w, c.ci],
          [c.sh, c.sw],
          c.pad as 'same' | 'valid',
        ),
      );
      expectClose(got, ref, label(c));
    }
  });

  it('fused conv2d forward with bias and relu / linear / no activation', () => {
    const rng = makeRng(14);
    const activations = ['relu', 'linear', undefined] as const;
    cases.forEach((c, i) => {
      const x = randomValues(rng, c.b * c.h * c.w * c.ci);
      const w = randomValues(rng, c.fh * c.fw * c.ci * c.co);
      const bias = randomValues(rng, c.co);
      const activation = activations[i % 3];
      const withBias = i % 4 !== 3;
      const { ref, got } = both(() =>
        tf.fused.conv2d({
          x: tensor(x, [c.b, c.h, c.w, c.ci]) as tf.Tensor4D,
          filter: tensor(w, [c.fh, c.fw, c.ci, c.co]) as tf.Tensor4D,
          strides: [c.sh, c.sw],
          pad: c.pad,
          bias: withBias ? tensor(bias, [c.co]) : undefined,
          activation,
        }),
      );
      expectClose(got, ref, `${label(c)} ${activation} bias=${withBias}`);
    });
    expect(fastCpuKernelStats().fallback.FusedConv2D ?? 0).toBe(0);
  });

  it('fused conv2d gradients (linear: the fused kernel and its gradient; relu: unfused)', () => {
    const rng = makeRng(15);
    for (const [i, c] of cases.entries()) {
      const x = randomValues(rng, c.b * c.h * c.w * c.ci);
      const w = randomValues(rng, c.fh * c.fw * c.ci * c.co);
      const bias = randomValues(rng, c.co);
      const [oh, ow] = convOut(c);
      const r = randomValues(rng, c.b * oh * ow * c.co);
      const activation = i % 2 ? 'relu' : 'linear';
      const { ref, got } = both(() => {
        const f = (xt: tf.Tensor, wt: tf.Tensor, bt: tf.Tensor) =>
          tf.sum(
            tf.mul(
              tf.fused.conv2d({ x: xt as tf.Tensor4D, filter: wt as tf.Tensor4D, strides: [c.sh, c.sw], pad: c.pad, bias: bt, activation }),
              tensor(r, [c.b, oh, ow, c.co]),
            ),
          );
        return tf.grads(f)([tensor(x, [c.b, c.h, c.w, c.ci]), tensor(w, [c.fh, c.fw, c.ci, c.co]), tensor(bias, [c.co])]);
      });
      expectClose(got, ref, `${label(c)} ${activation}`);
    }
  });

  it('falls back to the original for NCHW, dilations, other activations and odd biases', () => {
    const rng = makeRng(16);
    const x = randomValues(rng, 2 * 9 * 8 * 3);
    const w = randomValues(rng, 3 * 3 * 3 * 4);
    const xs = () => tensor(x, [2, 9, 8, 3]) as tf.Tensor4D;
    const ws = () => tensor(w, [3, 3, 3, 4]) as tf.Tensor4D;
    const cases: [string, () => tf.Tensor][] = [
      ['NCHW', () => tf.conv2d(tensor(x, [2, 3, 9, 8]) as tf.Tensor4D, ws(), 1, 'same', 'NCHW')],
      ['dilations', () => tf.conv2d(xs(), ws(), 1, 'same', 'NHWC', 2)],
      ['elu', () => tf.fused.conv2d({ x: xs(), filter: ws(), strides: 1, pad: 'same', activation: 'elu' })],
      ['bias per pixel', () => tf.fused.conv2d({ x: xs(), filter: ws(), strides: 1, pad: 'valid', bias: tf.ones([7, 6, 4]) })],
    ];
    for (const [what, fn] of cases) {
      const { ref, got } = both(fn);
      expectClose(got, ref, what);
    }
    const { fallback } = fastCpuKernelStats();
    expect(fallback.Conv2D).toBe(2);
    expect(fallback.FusedConv2D).toBe(2);
  });
});

describe('pooling matches the original kernels exactly', () => {
  interface PoolCase {
    b: number;
    h: number;
    w: number;
    c: number;
    ph: number;
    pw: number;
    sh: number;
    sw: number;
    pad: 'same' | 'valid';
  }
  const rng = makeRng(21);
  const cases: PoolCase[] = [];
  while (cases.length < 60) {
    const c: PoolCase = {
      b: int(rng, 1, 3),
      h: int(rng, 1, 12),
      w: int(rng, 1, 12),
      c: int(rng, 1, 7),
      ph: int(rng, 1, 3),
      pw: int(rng, 1, 3),
      sh: int(rng, 1, 3),
      sw: int(rng, 1, 3),
      pad: rng() < 0.5 ? 'same' : 'valid',
    };
    if (c.ph === 1 && c.pw === 1 && rng() < 0.7) continue; // mostly 2–3, some 1×N and 1×1
    if (Math.min(...convOut({ ...c, fh: c.ph, fw: c.pw })) < 1) continue;
    cases.push(c);
  }
  cases.push({ b: 2, h: 28, w: 28, c: 8, ph: 2, pw: 2, sh: 2, sw: 2, pad: 'valid' });
  cases.push({ b: 2, h: 14, w: 14, c: 16, ph: 3, pw: 3, sh: 3, sw: 3, pad: 'valid' });

  for (const type of ['max', 'avg'] as const) {
    it(`${type}Pool forward and gradient`, () => {
      const data = makeRng(type === 'max' ? 22 : 23);
      for (const [i, c] of cases.entries()) {
        const n = c.b * c.h * c.w * c.c;
        const x = i % 2 ? tiedValues(data, n) : randomValues(data, n);
        const [oh, ow] = convOut({ ...c, fh: c.ph, fw: c.pw });
        const r = randomValues(data, c.b * oh * ow * c.c);
        const pool = (t: tf.Tensor) =>
          type === 'max'
            ? tf.maxPool(t as tf.Tensor4D, [c.ph, c.pw], [c.sh, c.sw], c.pad)
            : tf.avgPool(t as tf.Tensor4D, [c.ph, c.pw], [c.sh, c.sw], c.pad);
        const { ref, got } = both(() => {
          const xt = tensor(x, [c.b, c.h, c.w, c.c]);
          const y = pool(xt);
          const dx = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(pool(t), tensor(r, [c.b, oh, ow, c.c]))))(xt);
          return [y, dx];
        });
        expectSame(got, ref, label(c));
      }
      const { fast, fallback } = fastCpuKernelStats();
      const fwd = type === 'max' ? 'MaxPool' : 'AvgPool';
      const grad = type === 'max' ? 'MaxPoolGrad' : 'AvgPoolGrad';
      expect(fast[fwd]).toBeGreaterThan(0);
      expect(fast[grad]).toBeGreaterThan(0);
      // Only a 1×1 window that keeps the shape (an identity) goes to the original.
      const identities = cases.filter((c) => c.ph === 1 && c.pw === 1 && c.sh === 1 && c.sw === 1).length;
      expect(fallback[fwd] ?? 0).toBe(identities);
      expect(fallback[grad] ?? 0).toBe(0);
    });
  }

  it('maxPool with NaN, ±Infinity and all-equal windows', () => {
    const values = Float32Array.from([
      NaN, 1, 2, NaN, -Infinity, -Infinity, -Infinity, -Infinity, 3, 3, 3, 3, Infinity, NaN, 0, -0,
      NaN, NaN, NaN, NaN, 5, 5, -1, 5, -2, -2, -2, -2, 7, 1, 7, 7,
    ]);
    for (const pad of ['same', 'valid'] as const) {
      for (const s of [1, 2]) {
        const { ref, got } = both(() => {
          const x = tensor(values, [1, 4, 4, 2]);
          const y = tf.maxPool(x as tf.Tensor4D, 2, s, pad);
          const dx = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, 2, s, pad), tf.onesLike(y))))(x);
          return [y, dx];
        });
        expectSame(got, ref, `${pad} stride ${s}`);
      }
    }
  });

  it('int32 pooling goes to the original', () => {
    const { ref, got } = both(() => tf.maxPool(tf.tensor4d([1, 5, 3, 2, 8, 1, 0, 4, 6], [1, 3, 3, 1], 'int32'), 2, 1, 'valid'));
    expectSame(got, ref, 'int32');
    expect(fastCpuKernelStats().fallback.MaxPool).toBe(1);
  });
});

describe('element-wise kernels match the original kernels exactly', () => {
  it('Add / Sub / Multiply / RealDiv with equal shapes, scalars, trailing and per-row broadcasts', () => {
    const rng = makeRng(31);
    const pairs: [number[], number[]][] = [
      [[3, 4, 5, 6], [3, 4, 5, 6]],
      [[3, 4, 5, 6], [6]],
      [[6], [3, 4, 5, 6]],
      [[3, 4, 5, 6], []],
      [[], [3, 4, 5, 6]],
      [[1, 6], [7, 6]],
      [[7, 6], [1, 1, 6]],
      [[4, 1, 6], [4, 5, 6]], // a middle broadcast: original
      [[5, 1], [5, 6]], // one value per row (layer norm, softmax)
      [[3, 4, 5, 6], [3, 4, 5, 1]],
      [[1, 5, 6], [5, 1]],
      [[2, 5, 1], [5, 6]], // a row broadcast the other way round: original
      [[1], [1]],
    ];
    for (const [sa, sb] of pairs) {
      const a = randomValues(rng, sa.reduce((p, d) => p * d, 1));
      const b = randomValues(rng, sb.reduce((p, d) => p * d, 1));
      for (const op of [tf.add, tf.sub, tf.mul, tf.div]) {
        const { ref, got } = both(() => op(tensor(a, sa), tensor(b, sb)));
        expectSame(got, ref, `${op.name} ${JSON.stringify([sa, sb])}`);
      }
    }
    const { ref, got } = both(() => tf.add(tf.tensor([1, 2, 3], [3], 'int32'), tf.tensor([4, 5, 6], [3], 'int32')));
    expectSame(got, ref, 'int32 add');
  });

  it('Relu / Step / Tanh / Sigmoid, special values included', () => {
    const rng = makeRng(32);
    // Negative and signalling NaNs, subnormals and the largest floats, by their bits.
    const bits = Int32Array.of(0xffc00000 | 0, 0x7fc00001, 0xff800001 | 0, 0x80000001 | 0, 0x00000001, 0x7f7fffff, 0xff7fffff | 0);
    const special = [NaN, Infinity, -Infinity, 0, -0, 1e-30, -1e-30, ...new Float32Array(bits.buffer)];
    const x = Float32Array.from([...randomValues(rng, 200).map((v) => v * 10), ...special]);
    const { ref, got } = both(() => {
      const t = tensor(x, [x.length]);
      return [tf.relu(t), tf.step(t), tf.step(t, 0.3), tf.step(t, -1.7), tf.tanh(t), tf.sigmoid(t)];
    });
    expectSame(got, ref, 'unary');
  });

  it('Sum over every axis but the last; other reductions go to the original', () => {
    const rng = makeRng(33);
    const x = randomValues(rng, 3 * 5 * 4 * 6);
    const { ref, got } = both(() => {
      const t = tensor(x, [3, 5, 4, 6]);
      return [
        tf.sum(t, [0, 1, 2]),
        tf.sum(t, [2, 0, 1], true),
        tf.sum(tf.reshape(t, [60, 6]), 0),
        tf.sum(t, [1, 2]),
        tf.sum(t, -1),
        tf.sum(t),
      ];
    });
    expectSame(got, ref, 'sum');
    const { fast, fallback } = fastCpuKernelStats();
    expect(fast.Sum).toBe(3);
    expect(fallback.Sum).toBe(3);
  });
});

describe('UnsortedSegmentSum (an Embedding gradient) matches the original exactly', () => {
  it('sums rows (and blocks) into segments, ids out of range dropped; the gradient of a gather', () => {
    const rng = makeRng(44);
    const x = randomValues(rng, 12 * 5);
    const ids = Int32Array.from({ length: 12 }, () => int(rng, -1, 8));
    const table = randomValues(rng, 30 * 4);
    const gatherIds = Int32Array.from({ length: 2 * 9 }, () => int(rng, 0, 30));
    const { ref, got } = both(() => {
      const t = tensor(x, [12, 5]);
      const dy = tensor(randomValues(makeRng(45), 2 * 9 * 4), [2, 9, 4]);
      const grad = tf.grad((w: tf.Tensor) => tf.sum(tf.mul(tf.gather(w, tf.tensor2d(gatherIds, [2, 9], 'int32')), dy)))(tensor(table, [30, 4]));
      return [
        tf.unsortedSegmentSum(t, tf.tensor1d(ids, 'int32'), 7),
        tf.unsortedSegmentSum(tf.reshape(t, [12, 1, 5]), tf.tensor1d(ids, 'int32'), 9),
        grad,
      ];
    });
    expectSame(got, ref, 'unsortedSegmentSum');
    expect(fastCpuKernelStats().fast.UnsortedSegmentSum).toBeGreaterThanOrEqual(3);
  });
});

describe('Softmax, Transpose and SplitV match the original kernels exactly', () => {
  it('softmax over the last axis (large, equal and infinite logits included) and its gradient', () => {
    const rng = makeRng(46);
    const x = randomValues(rng, 4 * 3 * 7).map((v, i) => (i % 11 === 0 ? v * 80 : i % 13 === 0 ? -Infinity : v));
    const tied = tiedValues(rng, 20);
    const dy = randomValues(rng, 84);
    const { ref, got } = both(() => {
      const t = tensor(x, [4, 3, 7]);
      const g = tf.grad((u: tf.Tensor) => tf.sum(tf.mul(tf.softmax(u), tensor(dy, [4, 3, 7]))))(t);
      return [tf.softmax(t), tf.softmax(tensor(tied, [4, 5])), tf.softmax(tensor(x.slice(0, 7), [7])), g];
    });
    expectSame(got, ref, 'softmax');
    expect(fastCpuKernelStats().fast.Softmax).toBeGreaterThanOrEqual(4);
  });

  it('transposes of rank 2 to 5 with any permutation', () => {
    const rng = makeRng(48);
    const cases: [number[], number[]][] = [
      [[3, 5], [1, 0]],
      [[2, 3, 4], [2, 0, 1]],
      [[2, 3, 4, 5], [0, 2, 1, 3]],
      [[2, 3, 4, 5], [3, 1, 0, 2]],
      [[2, 1, 3, 2, 4], [4, 2, 0, 3, 1]],
      [[4, 6], [0, 1]],
    ];
    for (const [shape, perm] of cases) {
      const x = randomValues(rng, shape.reduce((p, d) => p * d, 1));
      const { ref, got } = both(() => tf.transpose(tensor(x, shape), perm));
      expectSame(got, ref, `transpose ${JSON.stringify([shape, perm])}`);
    }
  });

  it('split into equal and unequal parts along any axis', () => {
    const rng = makeRng(49);
    const x = randomValues(rng, 3 * 8 * 5);
    const { ref, got } = both(() => {
      const t = tensor(x, [3, 8, 5]);
      return [...tf.split(t, 4, 1), ...tf.split(t, [1, 2], 0), ...tf.split(t, [2, -1], -1), ...tf.split(tf.reshape(t, [24, 5]), 5, 1)];
    });
    expectSame(got, ref, 'split');
    expect(fastCpuKernelStats().fast.SplitV).toBeGreaterThanOrEqual(4);
  });
});

describe('matrix products match the original kernels exactly', () => {
  it('matMul with transposes, batches and several blocks along the shared axis, and its gradients', () => {
    const rng = makeRng(51);
    const batches: [number[], number[]][] = [[[], []], [[3], [3]], [[1], [4]], [[2], []], [[2, 3], [3]]];
    for (let t = 0; t < 40; t++) {
      const m = int(rng, 1, 9);
      const k = t % 4 === 0 ? int(rng, 49, 130) : int(rng, 1, 20);
      const n = int(rng, 1, 9);
      const ta = rng() < 0.5;
      const tb = rng() < 0.5;
      const [ba, bb] = batches[t % batches.length];
      const sa = [...ba, ...(ta ? [k, m] : [m, k])];
      const sb = [...bb, ...(tb ? [n, k] : [k, n])];
      const av = randomValues(rng, sa.reduce((p, d) => p * d, 1));
      const bv = randomValues(rng, sb.reduce((p, d) => p * d, 1));
      const { ref, got } = both(() => {
        const a = tensor(av, sa);
        const b = tensor(bv, sb);
        const y = tf.matMul(a, b, ta, tb);
        // TF.js's matMul gradient does not reduce broadcast batches: only for equal ones.
        if (JSON.stringify(ba) !== JSON.stringify(bb)) return y;
        return [y, ...tf.grads((x: tf.Tensor, z: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, z, ta, tb))))([a, b])];
      });
      expectSame(got, ref, JSON.stringify({ sa, sb, ta, tb }));
    }
    const { fast, fallback } = fastCpuKernelStats();
    expect(fast.BatchMatMul).toBeGreaterThan(0);
    expect(fallback.BatchMatMul ?? 0).toBeGreaterThan(0); // the [2, 3] × [3] batches
  });

  it('fused matMul with bias and relu / linear; other activations go to the original', () => {
    const rng = makeRng(52);
    for (const activation of ['relu', 'linear', undefined, 'elu'] as const) {
      const a = randomValues(rng, 7 * 60);
      const b = randomValues(rng, 60 * 5);
      const bias = randomValues(rng, 5);
      const { ref, got } = both(() =>
        tf.fused.matMul({ a: tensor(a, [7, 60]), b: tensor(b, [60, 5]), bias: tensor(bias, [5]), activation }),
      );
      expectSame(got, ref, String(activation));
    }
    const { fast, fallback } = fastCpuKernelStats();
    expect(fast._FusedMatMul).toBe(3);
    expect(fallback._FusedMatMul).toBe(1);
  });
});

describe('training a small CNN', () => {
  function buildModel(): tf.Sequential {
    const init = (seed: number) => tf.initializers.glorotUniform({ seed });
    return tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [12, 12, 1], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) }),
        tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
        tf.layers.conv2d({ filters: 6, kernelSize: [3, 2], strides: [1, 2], activation: 'tanh', kernelInitializer: init(2) }),
        tf.layers.averagePooling2d({ poolSize: 2, strides: 1, padding: 'same' }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 5, kernelInitializer: init(3) }),
      ],
    });
  }

  /** Losses, final weights, and the tensors alive after each step beyond those before training. */
  function train(steps: number): { losses: number[]; weights: Float32Array[]; tensorsPerStep: number[] } {
    const model = buildModel();
    const opt = tf.train.sgd(0.1);
    const rng = makeRng(41);
    const x = tensor(randomValues(rng, 8 * 12 * 12), [8, 12, 12, 1]);
    const labels = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 0, 1, 2], 'int32'), 5);
    const losses: number[] = [];
    const tensorsPerStep: number[] = [];
    const before = tf.memory().numTensors;
    for (let i = 0; i < steps; i++) {
      // As src/training/runtime.ts does it: minimize inside tidy, read the loss back.
      const loss = tf.tidy(() => {
        const l = opt.minimize(() => tf.losses.softmaxCrossEntropy(labels, model.apply(x, { training: true }) as tf.Tensor), true);
        return l!.dataSync()[0];
      });
      losses.push(loss);
      tensorsPerStep.push(tf.memory().numTensors - before);
    }
    const weights = model.getWeights().map((w) => Float32Array.from(w.dataSync() as Float32Array));
    model.dispose();
    opt.dispose();
    x.dispose();
    labels.dispose();
    return { losses, weights, tensorsPerStep };
  }

  it('gives the same losses and weights with and without the fast kernels, without leaking tensors', () => {
    unregisterFastCpuKernels(tf);
    const ref = train(4);
    registerFastCpuKernels(tf);
    const got = train(4);
    const { fast } = fastCpuKernelStats();
    unregisterFastCpuKernels(tf);
    for (const name of ['Conv2D', 'FusedConv2D', 'Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPool', 'MaxPoolGrad', 'AvgPool', 'AvgPoolGrad']) {
      expect(fast[name], name).toBeGreaterThan(0);
    }
    expect(got.losses[3]).toBeLessThan(got.losses[0]);
    expectClose([Float32Array.from(got.losses)], [Float32Array.from(ref.losses)], 'losses');
    expectClose(got.weights, ref.weights, 'weights');
    // The step's tensors are all released: the count is flat from the first step on.
    expect(new Set(got.tensorsPerStep).size, JSON.stringify(got.tensorsPerStep)).toBe(1);
    expect(got.tensorsPerStep).toEqual(ref.tensorsPerStep);
  });
});
