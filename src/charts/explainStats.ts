/**
 * Numbers read off an attribution map (the explanations tool): pure, for the view's caption and
 * the lesson facts.
 */

/**
 * The share of the map's total |value| on the image's ink: the pixels that are not black (> 0).
 * Integrated Gradients from a black image gives black pixels exactly nothing ((x − x′) = 0 there),
 * so its share is 1; a plain gradient also marks where ink is missing. Null for an empty map.
 */
export function inkShare(image: ArrayLike<number>, heat: ArrayLike<number>): number | null {
  let on = 0;
  let all = 0;
  const n = Math.min(image.length, heat.length);
  for (let i = 0; i < n; i++) {
    const v = Math.abs(heat[i]);
    if (!Number.isFinite(v)) continue;
    all += v;
    if (image[i] > 0) on += v;
  }
  return all > 0 ? on / all : null;
}

/** The largest |value| of a map (its colour scale's end), 0 when empty or all zero. */
export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i]);
    if (Number.isFinite(v) && v > m) m = v;
  }
  return m;
}

/** Integrated Gradients' completeness gap: |Σ attributions − (score − baseline score)| / |score − baseline score|. */
export function completenessGap(sum: number | null, score: number, baseline: number | null): number | null {
  if (sum === null || baseline === null) return null;
  const d = score - baseline;
  return Math.abs(d) > 0 ? Math.abs(sum - d) / Math.abs(d) : null;
}
