/**
 * Sum over every axis but the last (bias gradients), and the element-wise kernels around the
 * convolutions and Dense layers: Relu, Step (ReLU's gradient), Tanh, Sigmoid, and Add/Sub/Multiply
 * where one operand repeats along the other. Same formulas and order as the originals, so
 * bit-identical; reluBits and binaryAdd also serve _FusedMatMul (matmul.ts).
 */
import type { TensorInfo } from '@tensorflow/tfjs';
import { f32, isTrailingBroadcast, sameShape } from './shared';
import type { CpuBackend, KernelArgs, TF } from './shared';

// ---------------------------------------------------------------------------------------------
// Sum over every axis but the last (bias gradients: [b,h,w,c] → [c], [b,n] → [n])

/**
 * The original transposes the reduced axes innermost first, which for a bias gradient costs more
 * than the sum. Same order of additions per channel, in doubles, so bit-identical.
 */
export function sumKernel(tf: TF, { inputs, attrs = {} }: KernelArgs, backend: CpuBackend): TensorInfo | null {
  const { x } = inputs;
  if (!x || x.shape.length < 2) return null;
  const xv = f32(backend, x);
  if (!xv) return null;
  const rank = x.shape.length;
  const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape);
  const sorted = [...new Set(axes)].sort((a, b) => a - b);
  if (sorted.length !== rank - 1 || sorted.some((a, i) => a !== i)) return null;
  const ch = x.shape[rank - 1];
  if (ch === 0 || xv.length === 0) return null;
  const rows = xv.length / ch;
  const acc = new Float64Array(ch);
  for (let r = 0, base = 0; r < rows; r++, base += ch) {
    for (let d = 0; d < ch; d++) acc[d] += xv[base + d];
  }
  const out = new Float32Array(acc);
  const shape = attrs.keepDims ? [...x.shape.slice(0, rank - 1).map(() => 1), ch] : [ch];
  return backend.makeTensorInfo(shape, 'float32', out);
}

// ---------------------------------------------------------------------------------------------
// Element-wise kernels around the convolutions (bias add, ReLU and its gradient, tanh, …)

/**
 * The originals call the operation through one closure shared by every unary/binary kernel (a
 * megamorphic call V8 cannot inline) and, for binary ops, index with `i % length`: ~10 ns per
 * element, 2 ms per ReLU over a [20,28,28,8] activation. Same formulas here, so bit-identical.
 */
export function unaryKernel(op: 'Relu' | 'Step' | 'Tanh' | 'Sigmoid') {
  return (_tf: TF, { inputs, attrs = {} }: KernelArgs, backend: CpuBackend): TensorInfo | null => {
    const { x } = inputs;
    const xv = f32(backend, x);
    if (!x || !xv) return null;
    const n = xv.length;
    const y = new Float32Array(n);
    if (op === 'Relu') reluBits(xv, y);
    else if (op === 'Step') stepBits(xv, y, Number(attrs.alpha ?? 0));
    else if (op === 'Tanh') {
      for (let i = 0; i < n; i++) y[i] = Math.tanh(xv[i]);
    } else {
      for (let i = 0; i < n; i++) y[i] = 1 / (1 + Math.exp(-xv[i]));
    }
    return backend.makeTensorInfo(x.shape, 'float32', y);
  };
}

/**
 * ReLU = Math.max(0, v) on the float32 bits, without branches: the sign comparisons of a ternary
 * mispredict on about half the elements of a pre-activation, which made it ~6× slower. Zeroes
 * the word when the sign bit is set (−0 and −∞ included) unless it is a NaN, which stays NaN.
 */
export function reluBits(x: Float32Array, y: Float32Array): void {
  const xb = new Int32Array(x.buffer, x.byteOffset, x.length);
  const yb = new Int32Array(y.buffer, y.byteOffset, y.length);
  for (let i = 0; i < xb.length; i++) {
    const b = xb[i];
    // (b >> 31): all ones when negative; ((|b| − (∞ + 1)) >> 31): all ones unless NaN.
    yb[i] = b & ~((b >> 31) & (((b & 0x7fffffff) - 0x7f800001) >> 31));
  }
}

/** Step: NaN → NaN, v > 0 → 1, else alpha (as float32), picked from a table by bit tests. */
function stepBits(x: Float32Array, y: Float32Array, alpha: number): void {
  const xb = new Int32Array(x.buffer, x.byteOffset, x.length);
  const table = Float32Array.of(alpha, 1, NaN, NaN);
  for (let i = 0; i < xb.length; i++) {
    const b = xb[i];
    const abs = b & 0x7fffffff;
    const nan = (0x7f800000 - abs) >>> 31; // 1 when NaN
    const nonZero = (abs | -abs) >>> 31; // 1 unless ±0
    const positive = (1 - (b >>> 31)) & nonZero & (1 - nan);
    y[i] = table[positive | (nan << 1)];
  }
}

/**
 * Float32 a ⊕ b where one operand has the broadcast shape and the other's values repeat along it
 * (same shapes, scalars, per-channel biases); anything else goes to the original.
 */
export function binaryKernel(op: 'Add' | 'Sub' | 'Multiply' | 'RealDiv') {
  return (tf: TF, { inputs }: KernelArgs, backend: CpuBackend): TensorInfo | null => {
    const { a, b } = inputs;
    const av = f32(backend, a);
    const bv = f32(backend, b);
    if (!a || !b || !av || !bv) return null;
    const outShape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    let size = 1;
    for (const d of outShape) size *= d;
    if (size === 0) return null;
    let aIsBig: boolean;
    let rows = false;
    if (av.length === size && sameShape(outShape, a.shape) && isTrailingBroadcast(b.shape, outShape)) aIsBig = true;
    else if (bv.length === size && sameShape(outShape, b.shape) && isTrailingBroadcast(a.shape, outShape)) aIsBig = false;
    // One value per row of the last axis ([…, n] with […, 1]): layer norm's and softmax's
    // statistics. Measured in the mini GPT: these fell back and cost ~0.45 s of a 1 s step.
    else if (av.length === size && sameShape(outShape, a.shape) && isRowBroadcast(b.shape, outShape)) {
      aIsBig = true;
      rows = true;
    } else if (bv.length === size && sameShape(outShape, b.shape) && isRowBroadcast(a.shape, outShape)) {
      aIsBig = false;
      rows = true;
    } else return null;
    const y = new Float32Array(size);
    const big = aIsBig ? av : bv;
    const small = aIsBig ? bv : av;
    if (rows) binaryRows(op, big, small, y, aIsBig);
    else if (op === 'Add') binaryAdd(big, small, y);
    else if (op === 'Multiply') binaryMul(big, small, y);
    else if (op === 'RealDiv') binaryDiv(big, small, y, aIsBig);
    else if (aIsBig) binarySub(av, bv, y);
    else binaryRSub(bv, av, y);
    return backend.makeTensorInfo(outShape, 'float32', y);
  };
}

/** `small` has the shape of `big` with a last axis of 1 (a leading 1s may be missing, as in broadcasting). */
function isRowBroadcast(small: readonly number[], big: readonly number[]): boolean {
  if (big.length < 2 || small.length < 2 || small[small.length - 1] !== 1) return false;
  const off = big.length - small.length;
  if (off < 0) return false;
  for (let i = 0; i < off; i++) if (big[i] !== 1) return false;
  for (let i = 0; i < small.length - 1; i++) if (small[i] !== big[off + i]) return false;
  return true;
}

/** y = big op small[row] (or small[row] op big when `bigIsA` is false), rows along the last axis. */
function binaryRows(op: 'Add' | 'Sub' | 'Multiply' | 'RealDiv', big: Float32Array, small: Float32Array, y: Float32Array, bigIsA: boolean): void {
  const n = y.length / small.length;
  for (let r = 0, base = 0; r < small.length; r++, base += n) {
    const s = small[r];
    const end = base + n;
    if (op === 'Add') for (let i = base; i < end; i++) y[i] = big[i] + s;
    else if (op === 'Multiply') for (let i = base; i < end; i++) y[i] = big[i] * s;
    else if (op === 'Sub') {
      if (bigIsA) for (let i = base; i < end; i++) y[i] = big[i] - s;
      else for (let i = base; i < end; i++) y[i] = s - big[i];
    } else if (bigIsA) for (let i = base; i < end; i++) y[i] = big[i] / s;
    else for (let i = base; i < end; i++) y[i] = s / big[i];
  }
}

/** y = big / small, or small / big when `bigIsA` is false (small repeating along big). */
function binaryDiv(big: Float32Array, small: Float32Array, y: Float32Array, bigIsA: boolean): void {
  const m = small.length;
  for (let r = 0; r < y.length; r += m) {
    if (bigIsA) for (let j = 0; j < m; j++) y[r + j] = big[r + j] / small[j];
    else for (let j = 0; j < m; j++) y[r + j] = small[j] / big[r + j];
  }
}

// One loop per operation keeps each monomorphic. `big` has y's size; `small` repeats along it.
export function binaryAdd(big: Float32Array, small: Float32Array, y: Float32Array): void {
  const m = small.length;
  if (m === 1) {
    const s = small[0];
    for (let i = 0; i < y.length; i++) y[i] = big[i] + s;
    return;
  }
  for (let r = 0; r < y.length; r += m) {
    for (let j = 0; j < m; j++) y[r + j] = big[r + j] + small[j];
  }
}

function binaryMul(big: Float32Array, small: Float32Array, y: Float32Array): void {
  const m = small.length;
  if (m === 1) {
    const s = small[0];
    for (let i = 0; i < y.length; i++) y[i] = big[i] * s;
    return;
  }
  for (let r = 0; r < y.length; r += m) {
    for (let j = 0; j < m; j++) y[r + j] = big[r + j] * small[j];
  }
}

/** y = big − small. */
function binarySub(big: Float32Array, small: Float32Array, y: Float32Array): void {
  const m = small.length;
  if (m === 1) {
    const s = small[0];
    for (let i = 0; i < y.length; i++) y[i] = big[i] - s;
    return;
  }
  for (let r = 0; r < y.length; r += m) {
    for (let j = 0; j < m; j++) y[r + j] = big[r + j] - small[j];
  }
}

/** y = small − big. */
function binaryRSub(big: Float32Array, small: Float32Array, y: Float32Array): void {
  const m = small.length;
  if (m === 1) {
    const s = small[0];
    for (let i = 0; i < y.length; i++) y[i] = s - big[i];
    return;
  }
  for (let r = 0; r < y.length; r += m) {
    for (let j = 0; j < m; j++) y[r + j] = small[j] - big[r + j];
  }
}
