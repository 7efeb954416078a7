/**
 * Input features computed from a raw point (x1, x2), as TensorFlow Playground offers them, and the
 * probe grid used to paint decision boundaries. Pure functions over Float32Arrays, no TF.js.
 */
import type { FeatureId } from './datasetSpec';

/** Each feature as a function of the raw point. */
export const FEATURE_FUNCS: Record<FeatureId, (x1: number, x2: number) => number> = {
  x1: (x1) => x1,
  x2: (_x1, x2) => x2,
  x1Sq: (x1) => x1 * x1,
  x2Sq: (_x1, x2) => x2 * x2,
  x1x2: (x1, x2) => x1 * x2,
  sinX1: (x1) => Math.sin(x1),
  sinX2: (_x1, x2) => Math.sin(x2),
};

/**
 * Maps interleaved raw points `xs` (n × 2) to an n × features.length row-major feature matrix,
 * columns in the order given. Reuses `out` when passed (it must have exactly that length), which
 * lets the boundary painter featurize its grid every frame without allocating.
 *
 * @throws RangeError if xs has odd length or out has the wrong length.
 */
export function featurize(xs: Float32Array, features: readonly FeatureId[], out?: Float32Array): Float32Array {
  if (xs.length % 2 !== 0) throw new RangeError(`xs must hold (x1, x2) pairs, got length ${xs.length}`);
  const n = xs.length / 2;
  const f = features.length;
  const result = out ?? new Float32Array(n * f);
  if (result.length !== n * f) throw new RangeError(`out must have length ${n * f}, got ${result.length}`);
  // Resolve the functions once rather than looking each up per point.
  const funcs = features.map((id) => FEATURE_FUNCS[id]);
  for (let i = 0; i < n; i++) {
    const x1 = xs[2 * i];
    const x2 = xs[2 * i + 1];
    const row = i * f;
    for (let j = 0; j < f; j++) result[row + j] = funcs[j](x1, x2);
  }
  return result;
}

/**
 * The decision-boundary probe grid: size × size raw points at the centres of the cells that tile
 * [-extent, extent]², interleaved (x1, x2).
 *
 * Orientation matches an image / canvas: point index = row · size + col, where row 0 is the TOP
 * (x2 near +extent, x2 decreasing downwards) and col 0 is the LEFT (x1 near −extent, increasing to
 * the right). So the first point is (−extent + h, extent − h) with h = extent / size, and a model's
 * outputs over the grid can be written straight into ImageData rows.
 */
export function gridPoints(size: number, extent = 6): Float32Array {
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`size must be a non-negative integer, got ${size}`);
  const step = (2 * extent) / size;
  const out = new Float32Array(size * size * 2);
  for (let row = 0; row < size; row++) {
    const x2 = extent - (row + 0.5) * step;
    for (let col = 0; col < size; col++) {
      const k = 2 * (row * size + col);
      out[k] = -extent + (col + 0.5) * step;
      out[k + 1] = x2;
    }
  }
  return out;
}
