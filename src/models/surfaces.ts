import type { RaceOptimizer } from './optimizers';

/**
 * The loss surfaces of the optimizer race: functions of two parameters with analytic gradients
 * (tests/unit/surfaces.test.ts checks each against finite differences). Each carries the window it
 * is drawn in (3:2, as the map), a start that makes a telling race, and learning rates per
 * optimizer chosen so that each behaves typically there (none diverges from the default start).
 */

export const SURFACE_IDS = ['ravine', 'rosenbrock', 'saddle', 'minima', 'noisy'] as const;
export type SurfaceId = (typeof SURFACE_IDS)[number];
/** The analytic surfaces and the learner's own network's loss slice (models/sliceSurface.ts). */
export type RaceSurfaceId = SurfaceId | 'network';

export interface Surface {
  id: RaceSurfaceId;
  f(x: number, y: number): number;
  /** ∂f/∂x, ∂f/∂y. */
  grad(x: number, y: number): [number, number];
  /** The window shown: x and y ranges, 3:2 like the map. */
  x: [number, number];
  y: [number, number];
  start: [number, number];
  /** Where the minima are (drawn as small crosses); the first is a global minimum. */
  minima: [number, number][];
  /** Standard deviation of the noise added to each gradient component (minibatch-like), 0 for none. */
  noise: number;
  /** The learning rates each optimizer starts with on this surface. */
  lr: Record<RaceOptimizer, number>;
  /** A point marked with a ring (the network slice's current weights), if any. */
  centre?: [number, number];
}

/** A long, narrow valley: an ill-conditioned quadratic (curvatures 0.02 and 4, condition number 200). */
const ravine: Surface = {
  id: 'ravine',
  f: (x, y) => 0.01 * x * x + 2 * y * y,
  grad: (x, y) => [0.02 * x, 4 * y],
  x: [-6, 3],
  y: [-3, 3],
  start: [-5.5, 2],
  minima: [[0, 0]],
  noise: 0,
  lr: { sgd: 0.45, momentum: 0.1, nesterov: 0.1, rmsprop: 0.02, adam: 0.1, adamw: 0.1, adagrad: 0.8 },
};

/** Rosenbrock's banana: a curved, flat-bottomed valley to the minimum at (1, 1). */
const rosenbrock: Surface = {
  id: 'rosenbrock',
  f: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
  grad: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
  x: [-2.25, 2.25],
  y: [-1, 2],
  start: [-1.2, 1],
  minima: [[1, 1]],
  noise: 0,
  lr: { sgd: 0.0015, momentum: 0.0003, nesterov: 0.0003, rmsprop: 0.005, adam: 0.03, adamw: 0.03, adagrad: 0.3 },
};

/** A saddle at the origin between two minima at (0, ±1): f = x²/2 + y⁴/4 − y²/2. */
const saddle: Surface = {
  id: 'saddle',
  f: (x, y) => 0.5 * x * x + 0.25 * y ** 4 - 0.5 * y * y,
  grad: (x, y) => [x, y ** 3 - y],
  x: [-3, 3],
  y: [-2, 2],
  start: [-2.6, 0.001],
  minima: [[0, 1], [0, -1]],
  noise: 0,
  lr: { sgd: 0.1, momentum: 0.02, nesterov: 0.02, rmsprop: 0.02, adam: 0.05, adamw: 0.05, adagrad: 0.5 },
};

/** Himmelblau's function: four minima of equal height (0); where one ends depends on the path. */
const minima: Surface = {
  id: 'minima',
  f: (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
  grad: (x, y) => {
    const a = x * x + y - 11;
    const b = x + y * y - 7;
    return [4 * x * a + 2 * b, 2 * a + 4 * y * b];
  },
  x: [-6, 6],
  y: [-4, 4],
  start: [0.25, -1],
  minima: [[3, 2], [-2.805118, 3.131312], [-3.77931, -3.283186], [3.584428, -1.848126]],
  noise: 0,
  lr: { sgd: 0.01, momentum: 0.002, nesterov: 0.002, rmsprop: 0.05, adam: 0.1, adamw: 0.1, adagrad: 1 },
};

/** A bowl whose gradients are noisy, as a minibatch's are: the surface is smooth, each step's slope is not. */
const noisy: Surface = {
  id: 'noisy',
  f: (x, y) => 0.5 * x * x + y * y,
  grad: (x, y) => [x, 2 * y],
  x: [-3, 3],
  y: [-2, 2],
  start: [-2.6, 1.6],
  minima: [[0, 0]],
  noise: 1,
  lr: { sgd: 0.05, momentum: 0.01, nesterov: 0.01, rmsprop: 0.02, adam: 0.05, adamw: 0.05, adagrad: 0.3 },
};

export const SURFACES: Record<SurfaceId, Surface> = { ravine, rosenbrock, saddle, minima, noisy };

export function isSurfaceId(v: unknown): v is SurfaceId {
  return typeof v === 'string' && (SURFACE_IDS as readonly string[]).includes(v);
}
