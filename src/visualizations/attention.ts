import { interpolateBlues } from 'd3';
import { sinusoidalTable } from '../models/catalog/customLayers';
import { toRgb } from './colors';

/**
 * Pure data and pixel helpers of the sequence lab's attention and positional-encoding views.
 * Nothing here touches TF.js, the store or the DOM: the engine sends plain typed arrays, these
 * functions read and paint them, and the tests check them in Node.
 */

/** Self-attention (queries and keys from one sequence) or cross-attention (decoder over encoder). */
export type AttentionKind = 'self' | 'cross';

/** The attention weights of one layer for one example, all heads. */
export interface AttentionMap {
  layerId: string;
  kind: AttentionKind;
  /** True when a query cannot see later keys (causal mask): cells with s > t are exactly 0. */
  causal: boolean;
  heads: number;
  /** Query tokens T. */
  rows: number;
  /** Key tokens S. */
  cols: number;
  /** heads × T × S, row-major: weight of query t on key s in head h is `[(h·T + t)·S + s]`. */
  weights: Float32Array;
  /** Labels of this map's axes, when they differ from the grid's defaults (see {@link axisTokens}). */
  queryTokens?: string[];
  keyTokens?: string[];
}

/** Where the attention layer sits; what the engine knows besides the weights. */
export interface AttentionMeta {
  layerId: string;
  kind: AttentionKind;
  causal: boolean;
}

/**
 * Turn the data of a `lastAttention()` tensor (`[batch, heads, T, S]`, as `await w.data()` gives it)
 * into the map of example `sample`. The weights are a view into `data`, not a copy: the engine
 * transfers the buffer and nothing writes to it afterwards.
 * @throws RangeError when the shape is not rank 4, `sample` is out of range or `data` is too short.
 */
export function attentionMapFromTensor(data: Float32Array, shape: readonly number[], meta: AttentionMeta, sample = 0): AttentionMap {
  if (shape.length !== 4) throw new RangeError(`Attention weights must be [batch, heads, T, S], got [${shape.join(', ')}].`);
  const [batch, heads, rows, cols] = shape;
  const size = heads * rows * cols;
  if (!(sample >= 0 && sample < batch) || data.length < batch * size) {
    throw new RangeError(`No example ${sample} in attention weights of shape [${shape.join(', ')}] (${data.length} values).`);
  }
  return { ...meta, heads, rows, cols, weights: data.subarray(sample * size, (sample + 1) * size) };
}

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

/** A cell of a heatmap: row (query or position) and column (key or dimension). */
export interface Cell {
  row: number;
  col: number;
}

const MOVES: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/**
 * The cell a key press moves to in a `rows × cols` heatmap: arrows step (clamped at the edges),
 * Home and End jump to the row's ends; the first press from no cell lands on (0, 0). Null when the
 * key is not one of these, so the caller lets it through.
 */
export function moveCell(key: string, cell: Cell | null, rows: number, cols: number): Cell | null {
  if (rows <= 0 || cols <= 0) return null;
  const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, v));
  const at = cell ? { row: clamp(cell.row, rows), col: clamp(cell.col, cols) } : null;
  if (key === 'Home') return { row: at?.row ?? 0, col: 0 };
  if (key === 'End') return { row: at?.row ?? 0, col: cols - 1 };
  const m = MOVES[key];
  if (!m) return null;
  if (!at) return { row: 0, col: 0 };
  return { row: clamp(at.row + m[0], rows), col: clamp(at.col + m[1], cols) };
}

/**
 * The cell under a pointer at (`x`, `y`) CSS px from the heatmap's top-left corner, for a heatmap
 * drawn `width × height` CSS px; null outside it.
 */
export function cellAt(x: number, y: number, width: number, height: number, rows: number, cols: number): Cell | null {
  if (!(width > 0 && height > 0) || x < 0 || y < 0 || x >= width || y >= height) return null;
  return { row: Math.min(rows - 1, Math.floor((y / height) * rows)), col: Math.min(cols - 1, Math.floor((x / width) * cols)) };
}

// ---------------------------------------------------------------------------------------------
// Positional encoding

/**
 * The sinusoidal positional-encoding table, row-major [T, D]: PE[pos, 2i] = sin(pos / 10000^(2i/D)),
 * PE[pos, 2i+1] = cos(pos / 10000^(2i/D)). The catalog's own, so the view shows what the layer adds.
 */
export { sinusoidalTable };

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

/** The largest finite |value| among the first `count` values (0 when there is none). */
export function maxAbs(values: Float32Array, count = values.length): number {
  let m = 0;
  const n = Math.min(count, values.length);
  for (let i = 0; i < n; i++) {
    const a = Math.abs(values[i]);
    if (a > m && Number.isFinite(a)) m = a;
  }
  return m;
}

// ---------------------------------------------------------------------------------------------
// Pixels

/**
 * A sequential RGBA lookup table over [0, 1] (entry 0 is 0, entry steps−1 is 1), near-white to deep
 * blue: an attention weight is a share of the query's attention, so 0 is "nothing" and no diverging
 * scale applies. Same blue family as the diverging scale's positive end.
 */
export function buildSequentialTable(steps = 256): Uint8ClampedArray {
  const n = Math.max(2, Math.floor(steps));
  const table = new Uint8ClampedArray(n * 4);
  for (let k = 0; k < n; k++) {
    // interpolateBlues starts at #f7fbff; the last 5% (navy) is dropped so labels stay readable.
    const [r, g, b] = toRgb(interpolateBlues((0.95 * k) / (n - 1)));
    table.set([r, g, b, 255], k * 4);
  }
  return table;
}

let sharedSequential: Uint8ClampedArray | null = null;

/** The default 256-step sequential table, built once and shared. */
export function sequentialTable(): Uint8ClampedArray {
  if (!sharedSequential) sharedSequential = buildSequentialTable();
  return sharedSequential;
}

/** Colours of a masked (causal) cell: a light grey with darker diagonal stripes. */
export const MASK_LIGHT: readonly [number, number, number] = [236, 239, 242];
export const MASK_STRIPE: readonly [number, number, number] = [184, 191, 199];

/**
 * Write head `h` of `map` as RGBA pixels into `out` (length ≥ S·cellPx × T·cellPx × 4), each weight
 * a `cellPx × cellPx` block: row t at the top, key s to the right. Masked cells are grey, hatched with
 * diagonal stripes when a cell has room for them (cellPx ≥ 3). Non-finite weights paint as 0.
 */
export function fillAttentionPixels(out: Uint8ClampedArray, map: AttentionMap, h: number, cellPx: number, table: Uint8ClampedArray): void {
  const { rows, cols } = map;
  const c = Math.max(1, Math.floor(cellPx));
  const width = cols * c;
  const last = (table.length >> 2) - 1;
  const w = headSlice(map, h);
  const hatch = c >= 3;
  for (let t = 0; t < rows; t++) {
    for (let s = 0; s < cols; s++) {
      const masked = isMasked(map, t, s);
      const v = w[t * cols + s];
      const k = masked ? 0 : Number.isFinite(v) ? Math.round(Math.min(1, Math.max(0, v)) * last) * 4 : 0;
      for (let y = t * c; y < (t + 1) * c; y++) {
        let o = (y * width + s * c) * 4;
        for (let x = s * c; x < (s + 1) * c; x++, o += 4) {
          if (masked) {
            const rgb = hatch && (x + y) % 4 === 0 ? MASK_STRIPE : MASK_LIGHT;
            out[o] = rgb[0];
            out[o + 1] = rgb[1];
            out[o + 2] = rgb[2];
            out[o + 3] = 255;
          } else {
            out[o] = table[k];
            out[o + 1] = table[k + 1];
            out[o + 2] = table[k + 2];
            out[o + 3] = table[k + 3];
          }
        }
      }
    }
  }
}

/**
 * Write `count` values as RGBA pixels with a diverging table over [−1, 1] (`colors.ts`), each value
 * divided by `scale` first; a scale of 0 or a non-finite value paints the middle (zero) colour.
 */
export function fillDivergingPixels(out: Uint8ClampedArray, values: Float32Array, count: number, scale: number, table: Uint8ClampedArray): void {
  const last = (table.length >> 2) - 1;
  const half = last / 2;
  const inv = scale > 0 && Number.isFinite(scale) ? 1 / scale : 0;
  const n = Math.min(count, values.length, out.length >> 2);
  for (let i = 0; i < n; i++) {
    const v = values[i] * inv;
    const k = Number.isFinite(v) ? Math.round((Math.min(1, Math.max(-1, v)) + 1) * half) * 4 : Math.round(half) * 4;
    const o = i * 4;
    out[o] = table[k];
    out[o + 1] = table[k + 1];
    out[o + 2] = table[k + 2];
    out[o + 3] = table[k + 3];
  }
}

/** The 2-D context methods the painters use. */
export type PixelContext = Pick<CanvasRenderingContext2D, 'createImageData' | 'putImageData'>;

const images = new WeakMap<object, ImageData>();

/**
 * A `width × height` ImageData reused per context: the attention grid repaints several times a
 * second, so it allocates nothing once the sizes settle.
 */
export function imageFor(ctx: PixelContext, width: number, height: number): ImageData {
  const cached = images.get(ctx);
  if (cached && cached.width === width && cached.height === height) return cached;
  const image = ctx.createImageData(width, height);
  images.set(ctx, image);
  return image;
}

/** Paint head `h` of `map` into a canvas of S·cellPx × T·cellPx pixels. */
export function paintAttention(ctx: PixelContext, map: AttentionMap, h: number, cellPx: number, table = sequentialTable()): void {
  const c = Math.max(1, Math.floor(cellPx));
  const image = imageFor(ctx, map.cols * c, map.rows * c);
  fillAttentionPixels(image.data, map, h, c, table);
  ctx.putImageData(image, 0, 0);
}
