/**
 * Seeded 2-D toy datasets in TensorFlow Playground's square [-6, 6]².
 *
 * circle, xor, gauss, spiral, plane and multiGauss follow TF Playground's geometry and noise
 * semantics (its noise argument is our percent / 100); moons and blobs are our additions. The code is
 * our own. Everything is driven by `createRng(deriveSeed(seed, 'data'))`, never Math.random.
 */
import { numClassesOf, taskOf, type DatasetSpec, type PointDatasetKind, type Task } from './datasetSpec';
import { createRng, deriveSeed, shuffleInPlace, type Rng } from './rng';

/** A generated dataset: raw coordinates plus labels or targets, one entry per point. */
export interface Dataset2D {
  /** n × 2 interleaved raw coordinates (x1, x2). */
  xs: Float32Array;
  /** Binary and multiclass: class index 0..C-1. Regression: target in [-1, 1]. */
  ys: Float32Array;
  task: Task;
  /** 2 for binary, C for multiclass, 1 for regression. */
  numClasses: number;
}

/** Train and test point indices (each sorted ascending, disjoint, together covering 0..n-1). */
export interface Split {
  train: Int32Array;
  test: Int32Array;
}

/** Writes points one after another; generators only decide where points go and what they are. */
interface Sink {
  push(x1: number, x2: number, y: number): void;
}

/**
 * Generator signature: `noise` is a fraction (percent / 100), as TF Playground's generators take it.
 * Binary generators push class 1 where TF Playground labels +1 and class 0 where it labels −1.
 */
type Generator = (rng: Rng, n: number, noise: number, sink: Sink, classes: number) => void;

const uniform = (rng: Rng, a: number, b: number): number => a + (b - a) * rng.next();

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** Points per class for binary sets: half each, class 1 takes the odd one so the total is exact. */
function binaryCounts(n: number): [positives: number, negatives: number] {
  const pos = Math.ceil(n / 2);
  return [pos, n - pos];
}

/**
 * Circle: class 1 inside radius 2.5, class 0 in the ring 3.5–5. Noise is label noise, as in
 * TF Playground: the point stays put, but its label is read at a jittered position.
 */
const circle: Generator = (rng, n, noise, sink) => {
  const radius = 5;
  const [pos, neg] = binaryCounts(n);
  const emit = (rMin: number, rMax: number): void => {
    const r = uniform(rng, rMin, rMax);
    const angle = uniform(rng, 0, 2 * Math.PI);
    const x = r * Math.sin(angle);
    const y = r * Math.cos(angle);
    const nx = uniform(rng, -radius, radius) * noise;
    const ny = uniform(rng, -radius, radius) * noise;
    sink.push(x, y, Math.hypot(x + nx, y + ny) < radius * 0.5 ? 1 : 0);
  };
  for (let i = 0; i < pos; i++) emit(0, radius * 0.5);
  for (let i = 0; i < neg; i++) emit(radius * 0.7, radius);
};

/**
 * XOR: uniform in the four quadrants (|coord| in 0.3–5.3), class 1 where x1·x2 ≥ 0; label noise as
 * for circle. We pick the quadrant per class so the noise-free classes are exactly balanced — the
 * same distribution as TF Playground's, conditioned on a half/half split.
 */
const xor: Generator = (rng, n, noise, sink) => {
  const padding = 0.3;
  const [pos] = binaryCounts(n);
  for (let i = 0; i < n; i++) {
    const sx = rng.next() < 0.5 ? -1 : 1;
    const sy = i < pos ? sx : -sx;
    const x = sx * (uniform(rng, 0, 5) + padding);
    const y = sy * (uniform(rng, 0, 5) + padding);
    const nx = uniform(rng, -5, 5) * noise;
    const ny = uniform(rng, -5, 5) * noise;
    sink.push(x, y, (x + nx) * (y + ny) >= 0 ? 1 : 0);
  }
};

/** Two gaussians at (2, 2) → class 1 and (−2, −2) → class 0; variance grows from 0.5 to 4 with noise. */
const gauss: Generator = (rng, n, noise, sink) => {
  const variance = 0.5 + (noise / 0.5) * 3.5;
  const sd = Math.sqrt(variance);
  const [pos, neg] = binaryCounts(n);
  for (let i = 0; i < pos; i++) sink.push(2 + sd * rng.normal(), 2 + sd * rng.normal(), 1);
  for (let i = 0; i < neg; i++) sink.push(-2 + sd * rng.normal(), -2 + sd * rng.normal(), 0);
};

/** Two interleaved arms out to radius 5 (1.75 turns), class 1 and class 0 half a turn apart; noise jitters positions. */
const spiral: Generator = (rng, n, noise, sink) => {
  const [pos, neg] = binaryCounts(n);
  const arm = (count: number, deltaT: number, cls: number): void => {
    for (let i = 0; i < count; i++) {
      const f = i / count;
      const r = f * 5;
      const t = 1.75 * f * 2 * Math.PI + deltaT;
      sink.push(
        r * Math.sin(t) + uniform(rng, -1, 1) * noise,
        r * Math.cos(t) + uniform(rng, -1, 1) * noise,
        cls,
      );
    }
  };
  arm(pos, 0, 1);
  arm(neg, Math.PI, 0);
};

/** Unit-moons scale: the sklearn-style moons span 3 × 1.5 units, so 3.5 fills ±5.25 × ±2.6. */
const MOONS_SCALE = 3.5;
/** Jitter standard deviation in unit-moon coordinates at 100% noise (so 0.25 at our 50% maximum). */
const MOONS_JITTER = 0.5;

/**
 * Two interleaving half moons (sklearn's make_moons layout, angles drawn at random), centred and
 * scaled into the square. Upper moon → class 1, lower → class 0. Noise is gaussian position jitter.
 */
const moons: Generator = (rng, n, noise, sink) => {
  const [pos, neg] = binaryCounts(n);
  const sd = MOONS_JITTER * noise;
  // Unit moons span x ∈ [−1, 2], y ∈ [−0.5, 1]; shift by that box's centre (0.5, 0.25) before scaling.
  const emit = (ux: number, uy: number, cls: number): void => {
    const jx = sd > 0 ? sd * rng.normal() : 0;
    const jy = sd > 0 ? sd * rng.normal() : 0;
    sink.push((ux + jx - 0.5) * MOONS_SCALE, (uy + jy - 0.25) * MOONS_SCALE, cls);
  };
  for (let i = 0; i < pos; i++) {
    const t = uniform(rng, 0, Math.PI);
    emit(Math.cos(t), Math.sin(t), 1);
  }
  for (let i = 0; i < neg; i++) {
    const t = uniform(rng, 0, Math.PI);
    emit(1 - Math.cos(t), 0.5 - Math.sin(t), 0);
  }
};

/** Radius of the circle the blob centres sit on. */
const BLOB_RADIUS = 3.5;

/**
 * Centres of the `classes` blobs: evenly spaced on a circle of radius 3.5, class 0 at the top
 * (x2 > 0) and the rest clockwise (class 1 to the right, as x2 points up on screen).
 */
export function blobCenters(classes: number): Array<[number, number]> {
  const centres: Array<[number, number]> = [];
  for (let k = 0; k < classes; k++) {
    const angle = Math.PI / 2 - (2 * Math.PI * k) / classes;
    centres.push([BLOB_RADIUS * Math.cos(angle), BLOB_RADIUS * Math.sin(angle)]);
  }
  return centres;
}

/**
 * Multi-class gaussian blobs. Standard deviation grows from 0.6 (noise 0) to 2.1 (noise 50%).
 * Offsets are truncated at 3σ so the noise-free blobs (3σ = 1.8) never cross into a neighbour's
 * half of the plane for up to 5 classes (half the centre spacing is ≥ 2.06 there); the truncation
 * is invisible in practice (about 1% of draws are redrawn).
 */
const blobs: Generator = (rng, n, noise, sink, classes) => {
  const sd = 0.6 + 3 * noise;
  const maxR2 = 9; // (3σ)² in units of σ
  const centres = blobCenters(classes);
  const base = Math.floor(n / classes);
  const extra = n - base * classes;
  for (let k = 0; k < classes; k++) {
    const count = base + (k < extra ? 1 : 0); // remainder goes to the first classes so the total is exact
    const [cx, cy] = centres[k];
    for (let i = 0; i < count; i++) {
      let zx: number;
      let zy: number;
      do {
        zx = rng.normal();
        zy = rng.normal();
      } while (zx * zx + zy * zy > maxR2);
      sink.push(cx + sd * zx, cy + sd * zy, k);
    }
  }
};

/**
 * Regress plane: uniform points, target (x1 + x2) / 10 read at a position jittered by up to
 * ±6·noise. TF Playground leaves this unclamped (up to ±1.2 in the corners); we clamp to [-1, 1]
 * because targets outside the output's tanh range cannot be learnt anyway.
 */
const plane: Generator = (rng, n, noise, sink) => {
  const radius = 6;
  for (let i = 0; i < n; i++) {
    const x = uniform(rng, -radius, radius);
    const y = uniform(rng, -radius, radius);
    const nx = uniform(rng, -radius, radius) * noise;
    const ny = uniform(rng, -radius, radius) * noise;
    sink.push(x, y, clamp((x + nx + y + ny) / 10, -1, 1));
  }
};

/** TF Playground's six signed bumps for "regress gaussian": [cx, cy, sign]. */
const BUMPS: ReadonlyArray<readonly [number, number, number]> = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1],
];

/**
 * The regress-gaussian target at (x1, x2): each bump contributes sign · max(0, 1 − dist/2), and the
 * contribution largest in absolute value wins (so the target is in [-1, 1]).
 */
export function multiGaussTarget(x1: number, x2: number): number {
  let best = 0;
  for (const [cx, cy, sign] of BUMPS) {
    const v = sign * clamp(1 - Math.hypot(x1 - cx, x2 - cy) / 2, 0, 1);
    if (Math.abs(v) > Math.abs(best)) best = v;
  }
  return best;
}

/** Regress gaussian: uniform points, target from `multiGaussTarget` at a jittered position. */
const multiGauss: Generator = (rng, n, noise, sink) => {
  const radius = 6;
  for (let i = 0; i < n; i++) {
    const x = uniform(rng, -radius, radius);
    const y = uniform(rng, -radius, radius);
    const nx = uniform(rng, -radius, radius) * noise;
    const ny = uniform(rng, -radius, radius) * noise;
    sink.push(x, y, multiGaussTarget(x + nx, y + ny));
  }
};

const GENERATORS: Record<PointDatasetKind, Generator> = {
  circle,
  xor,
  gauss,
  spiral,
  moons,
  blobs,
  plane,
  multiGauss,
};

/**
 * Generates `spec.numPoints` points of `spec.kind` deterministically from `seed`
 * (via `deriveSeed(seed, 'data')`, so the split and weights draw from other streams).
 *
 * Binary sets have half the points per class (class 1 gets the odd one) before label noise.
 * The point order is shuffled, so classes are interleaved for drawing and for any consumer that
 * takes a prefix. Noise (0–50 percent) is clamped to that range.
 *
 * @throws RangeError if numPoints is not a non-negative integer or blobs has fewer than 2 classes.
 */
export function generateDataset(spec: Omit<DatasetSpec, 'sequence'>, seed: number): Dataset2D {
  const n = spec.numPoints;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`numPoints must be a non-negative integer, got ${n}`);
  const task = taskOf(spec);
  const numClasses = numClassesOf(spec);
  if (task === 'multiclass' && (!Number.isInteger(numClasses) || numClasses < 2)) {
    throw new RangeError(`blobs needs an integer number of classes ≥ 2, got ${numClasses}`);
  }
  const noise = clamp(Number.isFinite(spec.noise) ? spec.noise : 0, 0, 50) / 100;
  const rng = createRng(deriveSeed(seed, 'data'));

  const rawX = new Float64Array(n * 2);
  const rawY = new Float64Array(n);
  let count = 0;
  const sink: Sink = {
    push(x1, x2, y) {
      rawX[2 * count] = x1;
      rawX[2 * count + 1] = x2;
      rawY[count] = y;
      count++;
    },
  };
  const generator = GENERATORS[spec.kind as PointDatasetKind];
  if (!generator) throw new RangeError(`${spec.kind} is not a 2-D point dataset`);
  generator(rng, n, noise, sink, numClasses);
  if (count !== n) throw new Error(`generator ${spec.kind} produced ${count} points, expected ${n}`);

  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffleInPlace(order, rng);

  const xs = new Float32Array(n * 2);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const j = order[i];
    xs[2 * i] = rawX[2 * j];
    xs[2 * i + 1] = rawX[2 * j + 1];
    ys[i] = rawY[j];
  }
  return { xs, ys, task, numClasses };
}

/**
 * Splits point indices 0..n-1 into train and test with a seeded permutation
 * (`deriveSeed(seed, 'split')`): the first round(n · trainRatio) indices of the permutation train.
 * When n ≥ 2 each side gets at least one point. The split depends only on n and the seed, so
 * changing the noise or the kind keeps the same indices in each side. Both arrays are sorted.
 */
export function splitTrainTest(n: number, trainRatio: number, seed: number): Split {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  shuffleInPlace(perm, createRng(deriveSeed(seed, 'split')));

  const ratio = Number.isFinite(trainRatio) ? clamp(trainRatio, 0, 1) : 0.5;
  let nTrain = Math.round(n * ratio);
  if (n >= 2) nTrain = clamp(nTrain, 1, n - 1);
  else nTrain = n; // a single point can only train

  const train = perm.slice(0, nTrain).sort();
  const test = perm.slice(nTrain).sort();
  return { train, test };
}
