import type { TensorInfo } from '@tensorflow/tfjs';
import { f32, type CpuBackend, type KernelArgs, type TF } from './shared';

/**
 * UnsortedSegmentSum, the gradient of a gather (an Embedding's backward pass): the original builds,
 * for every one of `numSegments` segments, a mask tensor and a masked sum over the whole input —
 * O(numSegments · size) through tensor ops. For the mini GPT on the Chinese poems (626 characters,
 * [1024, 64] gradients) that was 8.0 s of a 9.6 s training step. One pass here: each input row is
 * added to its segment's row, in input order and in doubles, as the original's Sum does per segment
 * (so the same float32 results for finite inputs; a NaN or ±∞ stays in its own segment where the
 * original's 0·∞ spreads NaN to every segment). Ids outside [0, numSegments) are dropped, as there.
 */
export function unsortedSegmentSumKernel(_tf: TF, { inputs, attrs = {} }: KernelArgs, backend: CpuBackend): TensorInfo | null {
  const { x, segmentIds } = inputs;
  const xv = f32(backend, x);
  if (!x || !xv || !segmentIds || segmentIds.dtype !== 'int32') return null;
  const ids = backend.data.get(segmentIds.dataId).values;
  if (!(ids instanceof Int32Array)) return null;
  const numSegments = Number(attrs.numSegments);
  const idRank = segmentIds.shape.length;
  // One id per leading row of x (what gather's gradient passes); the rest of a row is summed as a
  // block. The original mishandles ids of higher rank: those go to it unchanged.
  if (!Number.isInteger(numSegments) || numSegments < 0 || idRank !== 1 || segmentIds.shape[0] !== x.shape[0]) return null;
  const inner = x.shape.slice(idRank).reduce((a, b) => a * b, 1);
  const acc = new Float64Array(numSegments * inner);
  for (let j = 0; j < ids.length; j++) {
    const s = ids[j];
    if (s < 0 || s >= numSegments) continue;
    const from = j * inner;
    const to = s * inner;
    for (let k = 0; k < inner; k++) acc[to + k] += xv[from + k];
  }
  return backend.makeTensorInfo([numSegments, ...x.shape.slice(idRank)], 'float32', new Float32Array(acc));
}
