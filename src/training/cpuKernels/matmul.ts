/**
 * BatchMatMul and _FusedMatMul (Dense layers and their gradients): the original's blocking along
 * the shared axis and order of additions, so bit-identical, with 2×4 register blocks.
 */
import type { TensorInfo } from '@tensorflow/tfjs';
import { binaryAdd, reluBits } from './elementwise';
import { f32, isTrailingBroadcast } from './shared';
import type { CpuBackend, KernelArgs, TF } from './shared';

export function batchMatMulKernel(tf: TF, { inputs, attrs = {} }: KernelArgs, backend: CpuBackend): TensorInfo | null {
  const { a, b } = inputs;
  if (!a || !b) return null;
  const out = matMul(tf, a, b, !!attrs.transposeA, !!attrs.transposeB, backend);
  return out && backend.makeTensorInfo(out.shape, 'float32', out.values);
}

export function fusedMatMulKernel(tf: TF, { inputs, attrs = {} }: KernelArgs, backend: CpuBackend): TensorInfo | null {
  const { a, b, bias } = inputs;
  const activation = attrs.activation ?? 'linear';
  if (!a || !b || (activation !== 'linear' && activation !== 'relu')) return null;
  const bv = bias ? f32(backend, bias) : null;
  if (bias && !bv) return null;
  const out = matMul(tf, a, b, !!attrs.transposeA, !!attrs.transposeB, backend);
  if (!out) return null;
  // A bias that repeats along the rows (per column, or a scalar); anything else: the original.
  if (bias && (bias.shape.length > out.shape.length || !isTrailingBroadcast(bias.shape, out.shape))) return null;
  const y = out.values;
  // As the original: the product, then + bias (rounded to float32), then the activation.
  if (bv !== null) binaryAdd(y, bv, y);
  if (activation === 'relu') reluBits(y, y);
  return backend.makeTensorInfo(out.shape, 'float32', y);
}

/**
 * The original's result bit for bit (same blocks of `backend.blockSize` along the shared axis,
 * each block summed in a double in the same order and added to the float32 result), but with
 * 2×4 register blocks instead of one sum at a time and no per-element index arithmetic.
 */
function matMul(
  tf: TF,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
  backend: CpuBackend,
): { shape: number[]; values: Float32Array } | null {
  const av = f32(backend, a);
  const bv = f32(backend, b);
  const ra = a.shape.length;
  const rb = b.shape.length;
  if (!av || !bv || ra < 2 || rb < 2) return null;
  const m = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
  const kA = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
  const kB = transposeB ? b.shape[rb - 1] : b.shape[rb - 2];
  const n = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
  if (kA !== kB) return null; // the original throws its error
  const k = kA;
  let outer: number[];
  try {
    outer = tf.backend_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  } catch {
    return null;
  }
  const batchA = av.length / (m * k || 1);
  const batchB = bv.length / (k * n || 1);
  const batch = Math.max(batchA, batchB);
  if (m * n * k === 0 || (batchA !== batch && batchA !== 1) || (batchB !== batch && batchB !== 1)) return null;
  const blockSize = (backend as { blockSize?: number }).blockSize ?? 48;
  // Steps of A[i][k] and B[k][j] in their arrays.
  const aRow = transposeA ? 1 : k;
  const aK = transposeA ? m : 1;
  const bK = transposeB ? 1 : n;
  const bCol = transposeB ? k : 1;
  const c = new Float32Array(batch * m * n);
  for (let bi = 0; bi < batch; bi++) {
    const aOff = (batchA === 1 ? 0 : bi) * m * k;
    const bOff = (batchB === 1 ? 0 : bi) * k * n;
    for (let k0 = 0; k0 < k; k0 += blockSize) {
      matMulBlock(av, aOff, aRow, aK, bv, bOff, bK, bCol, c, bi * m * n, m, n, k0, Math.min(k, k0 + blockSize));
    }
  }
  return { shape: [...outer, m, n], values: c };
}

/** C[cOff + i·n + j] += Σ_{k0 ≤ l < k1} A[aOff + i·aRow + l·aK] · B[bOff + l·bK + j·bCol]. */
function matMulBlock(
  A: Float32Array,
  aOff: number,
  aRow: number,
  aK: number,
  B: Float32Array,
  bOff: number,
  bK: number,
  bCol: number,
  C: Float32Array,
  cOff: number,
  m: number,
  n: number,
  k0: number,
  k1: number,
): void {
  const n4 = n - (n % 4);
  const b2 = 2 * bCol;
  const b3 = 3 * bCol;
  for (let j = 0; j < n4; j += 4) {
    const bj = bOff + k0 * bK + j * bCol;
    let i = 0;
    for (; i + 2 <= m; i += 2) {
      let p = aOff + i * aRow + k0 * aK;
      let q = p + aRow;
      let bi = bj;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      for (let l = k0; l < k1; l++, p += aK, q += aK, bi += bK) {
        const u = A[p];
        const v = A[q];
        const w0 = B[bi];
        const w1 = B[bi + bCol];
        const w2 = B[bi + b2];
        const w3 = B[bi + b3];
        c00 += u * w0;
        c01 += u * w1;
        c02 += u * w2;
        c03 += u * w3;
        c10 += v * w0;
        c11 += v * w1;
        c12 += v * w2;
        c13 += v * w3;
      }
      const o0 = cOff + i * n + j;
      const o1 = o0 + n;
      C[o0] += c00;
      C[o0 + 1] += c01;
      C[o0 + 2] += c02;
      C[o0 + 3] += c03;
      C[o1] += c10;
      C[o1 + 1] += c11;
      C[o1 + 2] += c12;
      C[o1 + 3] += c13;
    }
    if (i < m) {
      let p = aOff + i * aRow + k0 * aK;
      let bi = bj;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      for (let l = k0; l < k1; l++, p += aK, bi += bK) {
        const u = A[p];
        c00 += u * B[bi];
        c01 += u * B[bi + bCol];
        c02 += u * B[bi + b2];
        c03 += u * B[bi + b3];
      }
      const o0 = cOff + i * n + j;
      C[o0] += c00;
      C[o0 + 1] += c01;
      C[o0 + 2] += c02;
      C[o0 + 3] += c03;
    }
  }
  for (let j = n4; j < n; j++) {
    const bj = bOff + k0 * bK + j * bCol;
    let i = 0;
    for (; i + 2 <= m; i += 2) {
      let p = aOff + i * aRow + k0 * aK;
      let q = p + aRow;
      let bi = bj;
      let c0 = 0, c1 = 0;
      for (let l = k0; l < k1; l++, p += aK, q += aK, bi += bK) {
        const w0 = B[bi];
        c0 += A[p] * w0;
        c1 += A[q] * w0;
      }
      C[cOff + i * n + j] += c0;
      C[cOff + (i + 1) * n + j] += c1;
    }
    if (i < m) {
      let p = aOff + i * aRow + k0 * aK;
      let bi = bj;
      let c0 = 0;
      for (let l = k0; l < k1; l++, p += aK, bi += bK) c0 += A[p] * B[bi];
      C[cOff + i * n + j] += c0;
    }
  }
}
