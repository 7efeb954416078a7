/**
 * Text generation from a language model's output probabilities: temperature and top-k reshaping, an
 * inverse-CDF draw, and the small summaries (most likely next characters, entropy) the UI shows.
 *
 * Pure and TF.js-free: it works on cached softmax rows, so generation can be replayed, explained and
 * tested without a model. Randomness is passed in as a uniform `u` (the caller's `rng.next()`), never
 * Math.random, so a seed reproduces a generated text exactly.
 */

/** Lowest temperature: p^(1/0.05) = p^20 already puts almost all mass on the top entry (near greedy). */
export const MIN_TEMPERATURE = 0.05;
/** Highest temperature: p^(1/5) is close to uniform over the kept entries. */
export const MAX_TEMPERATURE = 5;

/** One-hot on the largest finite entry (lowest index on ties; index 0 if there is none). */
function oneHotArgmax(probs: ArrayLike<number>): Float32Array {
  const out = new Float32Array(probs.length);
  if (probs.length === 0) return out;
  let best = 0;
  let bestP = -Infinity;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (Number.isFinite(p) && p > bestP) {
      best = i;
      bestP = p;
    }
  }
  out[best] = 1;
  return out;
}

/** Orders indices by value, largest first, lower index first on ties (NaN counts as -Infinity). */
function byValueDesc(values: ArrayLike<number>): (a: number, b: number) => number {
  const key = (i: number): number => (Number.isNaN(values[i]) ? -Infinity : values[i]);
  return (a, b) => key(b) - key(a) || a - b;
}

/**
 * Reshapes a probability row (a softmax output, summing to ~1) for sampling: keeps only the `topK`
 * most probable entries (topK ≤ 0 or ≥ length keeps all; on ties at the k-th value exactly k are
 * kept, lowest index first) and raises them to 1/temperature, renormalised to sum to 1; everything
 * else is 0. Low temperatures sharpen the distribution towards the argmax, high ones flatten it.
 *
 * The power is taken in log space (log p / T, minus the max, then exp) so that p^20 of small
 * probabilities does not underflow to an all-zero row. Temperature is clamped to
 * [{@link MIN_TEMPERATURE}, {@link MAX_TEMPERATURE}] (NaN counts as 1). Entries with p = 0 stay 0,
 * and negative entries count as 0. A row that is all zero or holds a non-finite value cannot be
 * trusted, so it becomes a one-hot on the largest finite entry (or index 0).
 */
export function temperatureTopK(probs: ArrayLike<number>, temperature: number, topK: number): Float32Array {
  const n = probs.length;
  const t = Number.isNaN(temperature) ? 1 : Math.min(MAX_TEMPERATURE, Math.max(MIN_TEMPERATURE, temperature));

  let positive: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = probs[i];
    if (!Number.isFinite(p)) return oneHotArgmax(probs);
    if (p > 0) positive.push(i);
  }
  if (positive.length === 0) return oneHotArgmax(probs);

  if (topK > 0 && topK < positive.length) positive = positive.sort(byValueDesc(probs)).slice(0, Math.floor(topK) || 1);

  const logits = positive.map((i) => Math.log(probs[i]) / t);
  let max = -Infinity;
  for (const l of logits) if (l > max) max = l;
  const weights = logits.map((l) => Math.exp(l - max));
  let sum = 0;
  for (const w of weights) sum += w;

  const out = new Float32Array(n);
  positive.forEach((idx, j) => {
    out[idx] = weights[j] / sum;
  });
  return out;
}

/**
 * Draws an index from `dist` by inverse CDF: the first index whose cumulative probability exceeds
 * `u` (a uniform number in [0, 1), e.g. `rng.next()`). The cumulative sum is scaled by the row's
 * total, so a row summing to 0.9999 still covers all of [0, 1). Zero, negative and non-finite entries
 * are never chosen, even when rounding leaves u past the last step; an all-zero row gives 0.
 */
export function sampleIndex(dist: ArrayLike<number>, u: number): number {
  let total = 0;
  let last = -1;
  for (let i = 0; i < dist.length; i++) {
    const p = dist[i];
    if (Number.isFinite(p) && p > 0) {
      total += p;
      last = i;
    }
  }
  if (last < 0) return 0;
  const target = (Number.isFinite(u) ? Math.min(Math.max(u, 0), 1) : 0) * total;
  let cum = 0;
  for (let i = 0; i < last; i++) {
    const p = dist[i];
    if (!(Number.isFinite(p) && p > 0)) continue;
    cum += p;
    if (target < cum) return i;
  }
  return last;
}

/** The `k` most probable entries, largest first (lower index first on ties): the "next character" list. */
export function topEntries(dist: ArrayLike<number>, k: number): { index: number; p: number }[] {
  const count = Math.max(0, Math.min(Math.floor(k), dist.length));
  if (count === 0) return [];
  const order = Array.from({ length: dist.length }, (_, i) => i).sort(byValueDesc(dist));
  return order.slice(0, count).map((index) => ({ index, p: dist[index] }));
}

/**
 * Shannon entropy in bits: 0 for a certain next character, log2(n) for n equally likely ones, so it
 * reads as "how many characters is the model choosing between" (2^H). Only positive finite entries
 * count, renormalised to sum to 1; an empty or all-zero row gives 0.
 */
export function entropyBits(dist: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < dist.length; i++) {
    const p = dist[i];
    if (Number.isFinite(p) && p > 0) total += p;
  }
  if (total <= 0) return 0;
  let h = 0;
  for (let i = 0; i < dist.length; i++) {
    const p = dist[i];
    if (!(Number.isFinite(p) && p > 0)) continue;
    const q = p / total;
    h -= q * Math.log2(q);
  }
  return Math.max(0, h);
}
