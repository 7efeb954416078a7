/**
 * Numbers as the views print them. One formatter for every value a learner reads (feature maps,
 * gates, attention weights, explainer cells) so the same number looks the same everywhere.
 */

/**
 * A number for the learner: 3 significant digits (`digits`), trailing zeros dropped, a true minus
 * sign, exponent form only for very large or small magnitudes; NaN reads "–", infinities "∞".
 */
export function formatValue(v: number, digits = 3): string {
  if (Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const r = Number(v.toPrecision(digits));
  const a = Math.abs(r);
  const s = a >= 1e5 || a < 1e-3 ? r.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, 'e') : String(r);
  return s.replace(/-/g, '−');
}

/** The largest finite |value| among the first `count` values (0 when there is none). */
export function maxAbs(values: ArrayLike<number>, count = values.length): number {
  let m = 0;
  const n = Math.min(count, values.length);
  for (let i = 0; i < n; i++) {
    const a = Math.abs(values[i]);
    if (a > m && Number.isFinite(a)) m = a;
  }
  return m;
}
