/** Which training point the backprop step-through walks through. Pure helpers over the raw points. */

/** The raw index of the first training point, or null when there is none. */
export function firstTrainingPoint(test: Uint8Array): number | null {
  const i = test.indexOf(0);
  return i < 0 ? null : i;
}

/** The chosen point when it is a training point, else the first one. */
export function exampleIndexOf(test: Uint8Array, chosen: number | null): number | null {
  return chosen !== null && test[chosen] === 0 ? chosen : firstTrainingPoint(test);
}

/** The training point nearest (x1, x2), or null when there is none. */
export function nearestTrainingPoint(points: { xs: Float32Array; test: Uint8Array }, x1: number, x2: number): number | null {
  let best: number | null = null;
  let d = Infinity;
  for (let i = 0; i < points.test.length; i++) {
    if (points.test[i] !== 0) continue;
    const e = (points.xs[2 * i] - x1) ** 2 + (points.xs[2 * i + 1] - x2) ** 2;
    if (e < d) {
      d = e;
      best = i;
    }
  }
  return best;
}
