/**
 * Model compression's maths (issue 16), pure TS, no TF.js: per-channel symmetric int8
 * quantization, float16 with round-to-nearest-even, magnitude pruning to an exact sparsity, and
 * the compact binary the compressed weights are measured and exported in (compressionFile.ts wraps
 * it into a file). The engine's `compress` tool (training/tools/compress.ts) applies these to the
 * learner's weights; the team's bench can call them on any weights.
 *
 * What is compressed: kernels, i.e. weights of rank ≥ 2 (Dense and Conv kernels, embeddings,
 * recurrent and attention matrices). Biases and normalization parameters (rank 1: gamma, beta,
 * moving statistics) are never pruned and stay float32 under int8 (as in int8 inference, where they
 * are kept at higher precision); float16 converts every tensor.
 */

/** A weight tensor as the model holds it (the model's order, its name and shape). */
export interface WeightTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** Kernels (rank ≥ 2) are pruned and int8-quantized; rank-1 tensors (biases, normalization) are not. */
export const isKernel = (shape: readonly number[]): boolean => shape.length >= 2;

// ---------------------------------------------------------------------------------------------
// float16

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * The IEEE 754 binary16 bits nearest to `x` (rounded to nearest, ties to even; subnormals kept;
 * beyond the largest finite half, ±Infinity; NaN stays NaN). `x` is first taken as float32.
 */
export function float32ToFloat16Bits(x: number): number {
  f32[0] = x;
  const bits = u32[0];
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  const mant = bits & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0); // Inf or NaN
  const e = exp - 127 + 15; // the half's biased exponent
  if (e >= 0x1f) return sign | 0x7c00; // too large: Inf
  if (e <= 0) {
    // Subnormal half (or zero): shift the mantissa with its implicit 1 into 10 bits, rounding.
    if (e < -10) return sign; // below half the smallest subnormal: ±0
    const m = mant | 0x800000;
    const shift = 14 - e; // 24-bit significand → (10 + e − 1)-bit field
    const half = 1 << (shift - 1);
    const rest = m & ((1 << shift) - 1);
    let h = m >>> shift;
    if (rest > half || (rest === half && h & 1)) h++;
    return sign | h; // a carry into bit 10 makes it the smallest normal, which is right
  }
  let h = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && h & 1)) h++; // a carry may round up to Inf: right too
  return sign | h;
}

/** The value of binary16 bits `h`, exactly (every half is a float32). */
export function float16BitsToFloat32(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? Number.NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** Every value through float16 and back. */
export function roundTripFloat16(values: Float32Array): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float16BitsToFloat32(float32ToFloat16Bits(values[i]));
  return out;
}

// ---------------------------------------------------------------------------------------------
// int8, per channel

/** A kernel quantized per output channel (its last axis): w ≈ q · scale[channel]. */
export interface Int8Tensor {
  q: Int8Array;
  /** float32 scales, one per channel: max |w| of the channel / 127 (0 for an all-zero channel). */
  scales: Float32Array;
}

/**
 * Symmetric int8 quantization along the last axis: scale = max|w|/127 per channel (held as
 * float32, as the file keeps it), q = round(w / scale) in −127…127. Every weight comes back within
 * half a step (scale / 2) of itself.
 */
export function quantizeInt8(values: Float32Array, shape: readonly number[]): Int8Tensor {
  const channels = shape[shape.length - 1] ?? 1;
  const scales = new Float32Array(channels);
  for (let i = 0; i < values.length; i++) {
    const c = i % channels;
    const a = Math.abs(values[i]);
    if (a > scales[c]) scales[c] = a;
  }
  for (let c = 0; c < channels; c++) scales[c] = Math.fround(scales[c] / 127);
  const q = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const s = scales[i % channels];
    q[i] = s === 0 ? 0 : Math.max(-127, Math.min(127, Math.round(values[i] / s)));
  }
  return { q, scales };
}

/** The float32 weights an int8 tensor stands for (what the app runs: TF.js has no int8 kernels). */
export function dequantizeInt8({ q, scales }: Int8Tensor): Float32Array {
  const channels = scales.length;
  const out = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) out[i] = q[i] * scales[i % channels];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Magnitude pruning

export type PruneScope = 'global' | 'perLayer';

/**
 * Masks (1 keep, 0 pruned) for magnitude pruning of the kernels among `tensors` (null for the
 * others: biases and normalization are never pruned). Exactly k = round(sparsity · n) weights with
 * the smallest |w| are pruned: n counts every kernel weight (`global`) or each kernel's own
 * (`perLayer`). Ties are broken by position (earlier tensor, then earlier index, goes first), so
 * the same weights always give the same masks.
 */
export function magnitudeMasks(tensors: readonly WeightTensor[], sparsity: number, scope: PruneScope): (Uint8Array | null)[] {
  const s = Math.max(0, Math.min(1, Number.isFinite(sparsity) ? sparsity : 0));
  const masks = tensors.map((t) => (isKernel(t.shape) ? new Uint8Array(t.values.length).fill(1) : null));
  const groups = scope === 'global' ? [tensors.map((_, i) => i).filter((i) => masks[i])] : tensors.map((_, i) => i).filter((i) => masks[i]).map((i) => [i]);
  for (const group of groups) {
    const n = group.reduce((a, i) => a + tensors[i].values.length, 0);
    const k = Math.round(s * n);
    if (k === 0) continue;
    // One flat list of |w| over the group; positions sorted by (|w|, position).
    const abs = new Float32Array(n);
    const owner = new Uint32Array(group.length + 1);
    let at = 0;
    group.forEach((ti, g) => {
      owner[g] = at;
      const v = tensors[ti].values;
      for (let j = 0; j < v.length; j++) abs[at + j] = Math.abs(v[j]);
      at += v.length;
    });
    owner[group.length] = at;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => abs[a] - abs[b] || a - b);
    let g = 0;
    const sorted = Uint32Array.from(order.subarray(0, k)).sort();
    for (const pos of sorted) {
      while (pos >= owner[g + 1]) g++;
      (masks[group[g]] as Uint8Array)[pos - owner[g]] = 0;
    }
  }
  return masks;
}

/** The weights with a mask applied (pruned weights exactly 0). */
export function applyMask(values: Float32Array, mask: Uint8Array | null): Float32Array {
  if (!mask) return values;
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = mask[i] ? values[i] : 0;
  return out;
}

/** How many values are exactly zero (−0 included). */
export function zerosIn(values: Float32Array): number {
  let z = 0;
  for (const v of values) if (v === 0) z++;
  return z;
}

// ---------------------------------------------------------------------------------------------
// The serialized weights

export const COMPRESS_METHODS = ['float32', 'int8', 'float16', 'prune'] as const;
export type CompressMethod = (typeof COMPRESS_METHODS)[number];

/** How one tensor is stored: its value type and dense or sparse (bitmask + the nonzero values). */
export interface EncodedEntry {
  name: string;
  shape: number[];
  type: 'f32' | 'f16' | 'i8';
  layout: 'dense' | 'sparse';
  /** Byte offset and length in the payload. */
  offset: number;
  bytes: number;
}

/** Little-endian payload: per tensor [bitmask][scales (i8)][values]. */
export interface EncodedWeights {
  entries: EncodedEntry[];
  payload: Uint8Array;
}

const WIDTH = { f32: 4, f16: 2, i8: 1 } as const;

/** The value type `method` stores a tensor of `shape` in. */
export function valueTypeOf(method: CompressMethod, shape: readonly number[]): EncodedEntry['type'] {
  if (method === 'float16') return 'f16';
  if (method === 'int8' && isKernel(shape)) return 'i8';
  return 'f32';
}

/**
 * Encode weights as `method` stores them: int8 kernels as int8 + one float32 scale per channel
 * (other tensors float32), float16 as 2 bytes each, float32 (and pruned) as 4. Any tensor with
 * zeros is stored sparse (a bitmask of the nonzero positions + their values) when that is smaller:
 * this is what makes a pruned network smaller. The values are encoded as given: quantize first
 * (what is encoded is what the app runs, exactly).
 */
export function encodeWeights(tensors: readonly WeightTensor[], method: CompressMethod): EncodedWeights {
  const parts: Uint8Array[] = [];
  const entries: EncodedEntry[] = [];
  let offset = 0;
  for (const t of tensors) {
    const type = valueTypeOf(method, t.shape);
    const n = t.values.length;
    const channels = t.shape[t.shape.length - 1] ?? 1;
    const i8 = type === 'i8' ? quantizeInt8(t.values, t.shape) : null;
    const nonzero = i8 ? i8.q.reduce((a, q) => a + (q !== 0 ? 1 : 0), 0) : n - zerosIn(t.values);
    const scaleBytes = i8 ? channels * 4 : 0;
    const dense = scaleBytes + n * WIDTH[type];
    const sparse = Math.ceil(n / 8) + scaleBytes + nonzero * WIDTH[type];
    const layout = sparse < dense ? 'sparse' : 'dense';
    const bytes = new Uint8Array(layout === 'sparse' ? sparse : dense);
    const view = new DataView(bytes.buffer);
    let at = 0;
    const keep = (i: number) => (i8 ? i8.q[i] !== 0 : t.values[i] !== 0);
    if (layout === 'sparse') {
      for (let i = 0; i < n; i++) if (keep(i)) bytes[i >> 3] |= 1 << (i & 7);
      at = Math.ceil(n / 8);
    }
    if (i8) for (let c = 0; c < channels; c++, at += 4) view.setFloat32(at, i8.scales[c], true);
    for (let i = 0; i < n; i++) {
      if (layout === 'sparse' && !keep(i)) continue;
      if (i8) view.setInt8(at++, i8.q[i]);
      else if (type === 'f16') {
        view.setUint16(at, float32ToFloat16Bits(t.values[i]), true);
        at += 2;
      } else {
        view.setFloat32(at, t.values[i], true);
        at += 4;
      }
    }
    entries.push({ name: t.name, shape: [...t.shape], type, layout, offset, bytes: bytes.length });
    parts.push(bytes);
    offset += bytes.length;
  }
  const payload = new Uint8Array(offset);
  let at = 0;
  for (const p of parts) {
    payload.set(p, at);
    at += p.length;
  }
  return { entries, payload };
}

/**
 * Decode a payload back to float32 weights; null when an entry does not fit its bytes (sizes,
 * offsets, bitmask count and values all checked; every value must be finite).
 */
export function decodeWeights(entries: readonly EncodedEntry[], payload: Uint8Array): WeightTensor[] | null {
  const out: WeightTensor[] = [];
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  for (const e of entries) {
    const n = e.shape.reduce((a, b) => a * b, 1);
    if (e.offset < 0 || e.offset + e.bytes > payload.length || !Number.isSafeInteger(n)) return null;
    const channels = e.shape[e.shape.length - 1] ?? 1;
    let at = e.offset;
    let kept = n;
    let mask: Uint8Array | null = null;
    if (e.layout === 'sparse') {
      const m = Math.ceil(n / 8);
      if (m > e.bytes) return null;
      mask = payload.subarray(at, at + m);
      kept = 0;
      for (let i = 0; i < n; i++) if (mask[i >> 3] & (1 << (i & 7))) kept++;
      at += m;
    }
    const scaleBytes = e.type === 'i8' ? channels * 4 : 0;
    if (at - e.offset + scaleBytes + kept * WIDTH[e.type] !== e.bytes) return null;
    const scales = new Float32Array(e.type === 'i8' ? channels : 0);
    for (let c = 0; c < scales.length; c++, at += 4) scales[c] = view.getFloat32(at, true);
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      if (mask && !(mask[i >> 3] & (1 << (i & 7)))) continue;
      if (e.type === 'i8') values[i] = view.getInt8(at++) * scales[i % channels];
      else if (e.type === 'f16') {
        values[i] = float16BitsToFloat32(view.getUint16(at, true));
        at += 2;
      } else {
        values[i] = view.getFloat32(at, true);
        at += 4;
      }
      if (!Number.isFinite(values[i])) return null;
    }
    out.push({ name: e.name, shape: [...e.shape], values });
  }
  return out;
}

/**
 * The weights as `method` leaves them in the model (what the app then runs, as float32): int8
 * kernels quantized and dequantized, every value through float16, or unchanged (float32, prune:
 * pruning writes its masks itself).
 */
export function compressValues(t: WeightTensor, method: CompressMethod): Float32Array {
  if (method === 'float16') return roundTripFloat16(t.values);
  if (method === 'int8' && isKernel(t.shape)) return dequantizeInt8(quantizeInt8(t.values, t.shape));
  return t.values;
}
