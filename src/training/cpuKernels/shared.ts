/**
 * What the fast 'cpu' kernels share: the types of TF.js's kernel interface and of the part of
 * MathBackendCPU they use, reading a tensor's float32 values, the checks (NHWC, dilation 1,
 * usable geometry from TF.js's own computeConv2DInfo / computePool2DInfo, broadcast shapes) that
 * decide whether a kernel serves a call or passes it to the original, and the per-kernel counts.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { BackendValues, DataId, DataType, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';

export type TF = typeof tfjs;
export type Conv2DInfo = tfjs.backend_util.Conv2DInfo;
type Pad = Parameters<TF['backend_util']['computeConv2DInfo']>[4];
type Rounding = Parameters<TF['backend_util']['computeConv2DInfo']>[5];
type Shape4 = [number, number, number, number];

/** The part of MathBackendCPU the kernels use. */
export interface CpuBackend {
  data: { get(dataId: DataId): { values?: BackendValues } };
  makeTensorInfo(shape: number[], dtype: DataType, values?: BackendValues): TensorInfo;
}

export interface KernelArgs {
  inputs: NamedTensorInfoMap;
  backend: object;
  attrs?: NamedAttrMap;
}

/** A fast kernel: its result, or null to pass the call to the original kernel. */
export type Fast = (tf: TF, args: KernelArgs, backend: CpuBackend) => TensorInfo | TensorInfo[] | null;

/** How many calls each kernel served itself, and how many it passed to the original. */
const served = new Map<string, number>();
const passed = new Map<string, number>();

export function fastCpuKernelStats(): { fast: Record<string, number>; fallback: Record<string, number> } {
  return { fast: Object.fromEntries(served), fallback: Object.fromEntries(passed) };
}

export function resetFastCpuKernelStats(): void {
  served.clear();
  passed.clear();
}

export function countFast(name: string): void {
  served.set(name, (served.get(name) ?? 0) + 1);
}

export function countFallback(name: string): void {
  passed.set(name, (passed.get(name) ?? 0) + 1);
}

// ---------------------------------------------------------------------------------------------
// Reading inputs and checking what the fast kernels handle

export function f32(backend: CpuBackend, t: TensorInfo | undefined): Float32Array | null {
  if (!t || t.dtype !== 'float32') return null;
  const v = backend.data.get(t.dataId).values;
  return v instanceof Float32Array ? v : null;
}

export function isRank4(t: TensorInfo | undefined): t is TensorInfo {
  return !!t && t.shape.length === 4;
}

function isChannelsLast(dataFormat: unknown): boolean {
  return dataFormat === undefined || dataFormat === null || dataFormat === 'NHWC' || dataFormat === 'channelsLast';
}

function dilationsAreOne(d: unknown): boolean {
  if (d === undefined || d === null || d === 1) return true;
  return Array.isArray(d) && d.every((v) => v === 1);
}

/** computeConv2DInfo with the dilation-1/NHWC/positive-size checks, or null to fall back. */
export function convInfo(tf: TF, xShape: number[], filterShape: number[], attrs: NamedAttrMap): Conv2DInfo | null {
  if (!isChannelsLast(attrs.dataFormat) || !dilationsAreOne(attrs.dilations)) return null;
  if (xShape.length !== 4 || filterShape.length !== 4) return null;
  const info = tf.backend_util.computeConv2DInfo(
    xShape as Shape4,
    filterShape as Shape4,
    attrs.strides as number | [number, number],
    1,
    attrs.pad as Pad,
    attrs.dimRoundingMode as Rounding,
    false,
    'channelsLast',
  );
  return convInfoUsable(info) ? info : null;
}

export function poolInfo(tf: TF, xShape: number[], attrs: NamedAttrMap, rounding: unknown): Conv2DInfo | null {
  if (xShape.length !== 4) return null;
  const info = tf.backend_util.computePool2DInfo(
    xShape as Shape4,
    attrs.filterSize as number | [number, number],
    attrs.strides as number | [number, number],
    1,
    attrs.pad as Pad,
    rounding as Rounding,
  );
  return convInfoUsable(info) ? info : null;
}

function convInfoUsable(c: Conv2DInfo): boolean {
  return (
    c.dilationHeight === 1 &&
    c.dilationWidth === 1 &&
    c.outHeight > 0 &&
    c.outWidth > 0 &&
    c.strideHeight > 0 &&
    c.strideWidth > 0 &&
    c.padInfo.top >= 0 &&
    c.padInfo.left >= 0
  );
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Shape without its leading 1s. */
function squeezeLeading(shape: readonly number[]): number[] {
  let i = 0;
  while (i < shape.length && shape[i] === 1) i++;
  return shape.slice(i);
}

/** True when `small` (leading 1s aside) is a suffix of `big`: its values repeat along `big`. */
export function isTrailingBroadcast(small: readonly number[], big: readonly number[]): boolean {
  const s = squeezeLeading(small);
  if (s.length > big.length) return false;
  const off = big.length - s.length;
  return s.every((v, i) => v === big[off + i]);
}
