import type { AttentionMap } from '../training/protocol';

/**
 * What the attention and positional-encoding views compute from the engine's plain arrays:
 * head slices, row sums, how diagonal a head is, entropies, axis labels. Pure, tested in Node.
 */
/** True when the map's sizes are positive whole numbers and its weights fill them: views draw nothing otherwise. */
export function isValidAttentionMap(map: AttentionMap): boolean {
  const whole = (n: number) => Number.isInteger(n) && n > 0;
  return whole(map.heads) && whole(map.rows) && whole(map.cols) && map.weights.length >= map.heads * map.rows * map.cols;
}

/** Head `h`'s T × S weights: a view sharing the map's memory (write nothing into it). */
export function headSlice(map: AttentionMap, h: number): Float32Array {
  const size = map.rows * map.cols;
  return map.weights.subarray(h * size, (h + 1) * size);
}

/** The weight of query `t` on key `s` in head `h`. */
export function weightAt(map: AttentionMap, h: number, t: number, s: number): number {
  return map.weights[(h * map.rows + t) * map.cols + s];
}

/** The sum of each query row of head `h` (each is 1 after a softmax: a check, not a view). */
export function rowSums(map: AttentionMap, h: number): Float32Array {
  const w = headSlice(map, h);
  const out = new Float32Array(map.rows);
  for (let t = 0; t < map.rows; t++) {
    let sum = 0;
    for (let s = 0; s < map.cols; s++) sum += w[t * map.cols + s];
    out[t] = sum;
  }
  return out;
}

/** True when the causal mask hides key `s` from query `t` (the key lies in the query's future). */
export function isMasked(map: Pick<AttentionMap, 'causal'>, t: number, s: number): boolean {
  return map.causal && s > t;
}

/**
 * Mean weight on the diagonal s = t over the queries that have one: 1 when every token attends
 * only to itself (the copy task's pattern), 1/S for a uniform map.
 */
export function diagonalScore(map: AttentionMap, h: number): number {
  const n = Math.min(map.rows, map.cols);
  if (n === 0) return 0;
  let sum = 0;
  for (let t = 0; t < n; t++) sum += weightAt(map, h, t, t);
  return sum / n;
}

/**
 * Mean weight on the anti-diagonal s = S − 1 − t over the queries that have one: 1 when query t
 * attends only to key S − 1 − t (what a model that has learned the reverse task does), 1/S for a
 * uniform map. It rises while the model learns, so the lab can show it as a number.
 */
export function antiDiagonalScore(map: AttentionMap, h: number): number {
  const n = Math.min(map.rows, map.cols);
  if (n === 0) return 0;
  let sum = 0;
  for (let t = 0; t < n; t++) sum += weightAt(map, h, t, map.cols - 1 - t);
  return sum / n;
}

/**
 * The entropy of each query row of head `h`, in bits: 0 when the query looks at one key only,
 * log₂(number of visible keys) when it spreads evenly. Zero weights add nothing.
 */
export function rowEntropy(map: AttentionMap, h: number): Float32Array {
  const w = headSlice(map, h);
  const out = new Float32Array(map.rows);
  for (let t = 0; t < map.rows; t++) {
    let e = 0;
    for (let s = 0; s < map.cols; s++) {
      const p = w[t * map.cols + s];
      if (p > 0) e -= p * Math.log2(p);
    }
    out[t] = e;
  }
  return out;
}

/** The mean of {@link rowEntropy}: one "how focused is this head" number, in bits. */
export function meanEntropy(map: AttentionMap, h: number): number {
  const e = rowEntropy(map, h);
  let sum = 0;
  for (const v of e) sum += v;
  return e.length > 0 ? sum / e.length : 0;
}

/**
 * The labels of a map's axes, falling back to the grid's lists. A cross map reads `queryTokens`
 * (target) down and `keyTokens` (source) across. A self map uses one list on both axes: its own
 * labels if it has them; else a causal one (a decoder's, or a language model's) takes
 * `queryTokens` and an open one (an encoder's, over the source) `keyTokens` — unless only the
 * other list has the map's length. Missing labels become positions counted from 1.
 */
export function axisTokens(map: AttentionMap, queryTokens: readonly string[], keyTokens: readonly string[]): { query: string[]; key: string[] } {
  const fit = (list: readonly string[] | undefined, n: number) => Array.from({ length: n }, (_, i) => list?.[i] ?? String(i + 1));
  if (map.kind === 'cross') return { query: fit(map.queryTokens ?? queryTokens, map.rows), key: fit(map.keyTokens ?? keyTokens, map.cols) };
  const [first, second] = map.causal ? [queryTokens, keyTokens] : [keyTokens, queryTokens];
  const list = map.queryTokens ?? map.keyTokens ?? (first.length !== map.rows && second.length === map.rows ? second : first);
  return { query: fit(map.queryTokens ?? list, map.rows), key: fit(map.keyTokens ?? list, map.cols) };
}

/** A token as a label: spaces, line breaks and empty tokens made visible. */
export function displayToken(token: string): string {
  if (token === '') return '∅';
  return token.replace(/ /g, '␣').replace(/\n/g, '↵').replace(/\t/g, '⇥');
}

/**
 * T × T similarity between positions: entry (a, b) is the dot product of rows a and b of the [T, D]
 * `table`, or their cosine when `cosine` is set (a zero row has cosine 0). Symmetric; for the
 * sinusoidal table every row has norm √(D/2), so the diagonal holds the largest value.
 */
export function positionSimilarity(table: Float32Array, length: number, dim: number, opts: { cosine?: boolean } = {}): Float32Array {
  const out = new Float32Array(length * length);
  for (let a = 0; a < length; a++) {
    for (let b = a; b < length; b++) {
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += table[a * dim + j] * table[b * dim + j];
      out[a * length + b] = dot;
      out[b * length + a] = dot;
    }
  }
  if (opts.cosine) {
    const norms = Array.from({ length }, (_, a) => Math.sqrt(out[a * length + a]));
    for (let a = 0; a < length; a++) {
      for (let b = 0; b < length; b++) {
        const d = norms[a] * norms[b];
        out[a * length + b] = d > 0 ? out[a * length + b] / d : 0;
      }
    }
  }
  return out;
}
