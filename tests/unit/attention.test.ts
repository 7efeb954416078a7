import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrossAttentionSource } from '../../src/models/catalog/multiHeadAttention';
import { sinusoidalTable as catalogSinusoidal } from '../../src/models/catalog/positionalEncoding';
import type { NetworkSpec } from '../../src/models/spec';
import { buildModel } from '../../src/training/model';
import { antiDiagonalScore, axisTokens, diagonalScore, displayToken, headSlice, isMasked, isValidAttentionMap, meanEntropy, positionSimilarity, rowEntropy, rowSums, weightAt } from '../../src/charts/attentionScores';
import { attentionMapFromTensor } from '../../src/training/sequenceInspector';
import { buildSequentialTable, fillAttentionPixels, fillDivergingPixels, MASK_LIGHT, MASK_STRIPE, paintAttention, type PixelContext } from '../../src/labs/sequences/paintAttention';
import { cellAt, moveCell } from '../../src/labs/sequences/gridCursor';
import { maxAbs } from '../../src/charts/format';
import { sinusoidalTable } from '../../src/models/catalog/positionalEncoding';
import { type AttentionMap } from '../../src/training/protocol';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterAll(() => {
  tf.disposeVariables();
});

/** A one-head map from a T × S matrix of rows. */
function mapOf(rows: number[][], over: Partial<AttentionMap> = {}): AttentionMap {
  return {
    layerId: 'l',
    kind: 'self',
    causal: false,
    heads: 1,
    rows: rows.length,
    cols: rows[0].length,
    weights: Float32Array.from(rows.flat()),
    ...over,
  };
}

const uniform = (t: number, s: number) => Array.from({ length: t }, () => Array.from({ length: s }, () => 1 / s));
const permutation = (t: number, s: number, at: (row: number) => number) =>
  Array.from({ length: t }, (_, r) => Array.from({ length: s }, (_, c) => (c === at(r) ? 1 : 0)));

describe('sinusoidal positional encoding', () => {
  it('follows PE[pos, 2i] = sin(pos / 10000^(2i/D)) and PE[pos, 2i+1] = cos(…)', () => {
    const T = 12;
    const D = 8;
    const table = sinusoidalTable(T, D);
    expect(table).toHaveLength(T * D);
    for (const [pos, i] of [
      [0, 0],
      [1, 0],
      [3, 1],
      [7, 2],
      [11, 3],
    ]) {
      const angle = pos / Math.pow(10000, (2 * i) / D);
      expect(table[pos * D + 2 * i]).toBeCloseTo(Math.sin(angle), 6);
      expect(table[pos * D + 2 * i + 1]).toBeCloseTo(Math.cos(angle), 6);
    }
    // Position 0 is sin 0 = 0, cos 0 = 1 in every pair; a known value by hand: sin(1) = 0.841471.
    expect(Array.from(table.subarray(0, D))).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
    expect(table[1 * D]).toBeCloseTo(0.841471, 6);
  });

  it('is the very table the PositionalEncoding layer adds', () => {
    expect(sinusoidalTable).toBe(catalogSinusoidal);
  });
});

describe('position similarity', () => {
  const T = 16;
  const D = 16;
  const table = sinusoidalTable(T, D);
  const sim = positionSimilarity(table, T, D);

  it('is the T × T matrix of dot products, symmetric', () => {
    expect(sim).toHaveLength(T * T);
    let dot = 0;
    for (let j = 0; j < D; j++) dot += table[3 * D + j] * table[9 * D + j];
    expect(sim[3 * T + 9]).toBeCloseTo(dot, 5);
    for (let a = 0; a < T; a++) for (let b = 0; b < T; b++) expect(sim[a * T + b]).toBe(sim[b * T + a]);
  });

  it('has its largest value of each row on the diagonal for the sinusoidal table (every norm² is D/2)', () => {
    for (let a = 0; a < T; a++) {
      expect(sim[a * T + a]).toBeCloseTo(D / 2, 4);
      for (let b = 0; b < T; b++) if (b !== a) expect(sim[a * T + b]).toBeLessThan(sim[a * T + a]);
    }
    // Nearby positions are more alike than far ones.
    expect(sim[0 * T + 1]).toBeGreaterThan(sim[0 * T + 8]);
  });

  it('gives cosines on request, and 0 for a zero row', () => {
    const cos = positionSimilarity(table, T, D, { cosine: true });
    for (let a = 0; a < T; a++) expect(cos[a * T + a]).toBeCloseTo(1, 6);
    expect(cos[2 * T + 5]).toBeCloseTo(sim[2 * T + 5] / (D / 2), 5);
    const zero = positionSimilarity(Float32Array.of(0, 0, 1, 0), 2, 2, { cosine: true });
    expect(Array.from(zero)).toEqual([0, 0, 0, 1]);
  });

  it('maxAbs skips non-finite values', () => {
    expect(maxAbs(Float32Array.of(0.5, -2, NaN, Infinity))).toBe(2);
    expect(maxAbs(Float32Array.of(0.5, -2, 3), 2)).toBe(2);
    expect(maxAbs(new Float32Array(0))).toBe(0);
  });
});

describe('attention maps', () => {
  it('scores a perfect reverse map 1 on the anti-diagonal and a uniform map 1/S', () => {
    const S = 6;
    const reverse = mapOf(permutation(S, S, (t) => S - 1 - t));
    expect(antiDiagonalScore(reverse, 0)).toBe(1);
    expect(diagonalScore(reverse, 0)).toBe(0);
    const flat = mapOf(uniform(S, S));
    expect(antiDiagonalScore(flat, 0)).toBeCloseTo(1 / S, 6);
    expect(diagonalScore(flat, 0)).toBeCloseTo(1 / S, 6);
    const copy = mapOf(permutation(S, S, (t) => t));
    expect(diagonalScore(copy, 0)).toBe(1);
    // The score rises as a head moves from uniform towards the reverse pattern.
    const halfway = mapOf(uniform(S, S).map((row, t) => row.map((w, s) => 0.5 * w + (s === S - 1 - t ? 0.5 : 0))));
    expect(antiDiagonalScore(halfway, 0)).toBeCloseTo(0.5 + 0.5 / S, 6);
  });

  it('scores only the queries that have an anti-diagonal key when T ≠ S', () => {
    // Cross-attention of 3 queries over 5 keys: query t → key 4 − t.
    expect(antiDiagonalScore(mapOf(permutation(3, 5, (t) => 4 - t), { kind: 'cross' }), 0)).toBe(1);
    expect(antiDiagonalScore(mapOf(uniform(3, 5), { kind: 'cross' }), 0)).toBeCloseTo(1 / 5, 6);
    // 5 queries over 3 keys: only queries 0…2 have one.
    expect(antiDiagonalScore(mapOf(permutation(5, 3, (t) => Math.max(0, 2 - t)), { kind: 'cross' }), 0)).toBe(1);
  });

  it('masks exactly the future keys of a causal map', () => {
    const causal = mapOf(uniform(3, 3), { causal: true });
    expect(isMasked(causal, 0, 0)).toBe(false);
    expect(isMasked(causal, 0, 1)).toBe(true);
    expect(isMasked(causal, 1, 2)).toBe(true);
    expect(isMasked(causal, 2, 0)).toBe(false);
    expect(isMasked(causal, 2, 2)).toBe(false);
    const open = mapOf(uniform(3, 3));
    for (let t = 0; t < 3; t++) for (let s = 0; s < 3; s++) expect(isMasked(open, t, s)).toBe(false);
  });

  it('slices heads, sums rows and measures entropy', () => {
    const two: AttentionMap = { ...mapOf([[1, 0], [0.5, 0.5]]), heads: 2, weights: Float32Array.of(1, 0, 0.5, 0.5, 0.25, 0.75, 0, 1) };
    expect(Array.from(headSlice(two, 1))).toEqual([0.25, 0.75, 0, 1]);
    expect(headSlice(two, 1).buffer).toBe(two.weights.buffer);
    expect(weightAt(two, 1, 0, 1)).toBe(0.75);
    expect(Array.from(rowSums(two, 0))).toEqual([1, 1]);
    expect(Array.from(rowEntropy(two, 0))).toEqual([0, 1]);
    expect(meanEntropy(two, 0)).toBe(0.5);
    expect(meanEntropy(mapOf(uniform(4, 8)), 0)).toBeCloseTo(3, 6);
    expect(isValidAttentionMap(two)).toBe(true);
    expect(isValidAttentionMap({ ...two, heads: 3 })).toBe(false);
    expect(isValidAttentionMap({ ...two, rows: 0 })).toBe(false);
  });

  it('reads one example out of [batch, heads, T, S] data without copying', () => {
    const data = Float32Array.from({ length: 2 * 2 * 2 * 3 }, (_, i) => i);
    const meta = { layerId: 'mha', kind: 'self' as const, causal: false };
    const map = attentionMapFromTensor(data, [2, 2, 2, 3], meta, 1);
    expect(map).toMatchObject({ ...meta, heads: 2, rows: 2, cols: 3 });
    expect(Array.from(map.weights)).toEqual(Array.from({ length: 12 }, (_, i) => 12 + i));
    expect(map.weights.buffer).toBe(data.buffer);
    expect(() => attentionMapFromTensor(data, [2, 2, 6], meta)).toThrow(RangeError);
    expect(() => attentionMapFromTensor(data, [2, 2, 2, 3], meta, 2)).toThrow(RangeError);
    expect(() => attentionMapFromTensor(data.subarray(0, 20), [2, 2, 2, 3], meta)).toThrow(RangeError);
  });

  it('picks axis labels: cross reads both lists, causal self the queries, open self the keys', () => {
    const src = ['a', 'b', 'c'];
    const tgt = ['<s>', 'c', 'b'];
    expect(axisTokens(mapOf(uniform(3, 3), { kind: 'cross' }), tgt, src)).toEqual({ query: tgt, key: src });
    // A decoder's causal self-attention over the target, an encoder's open one over the source.
    expect(axisTokens(mapOf(uniform(3, 3), { causal: true }), tgt, src)).toEqual({ query: tgt, key: tgt });
    expect(axisTokens(mapOf(uniform(3, 3)), tgt, src)).toEqual({ query: src, key: src });
    // Only one list has the map's length: that one.
    expect(axisTokens(mapOf(uniform(4, 4), { causal: true }), tgt, ['a', 'b', 'c', 'd'])).toEqual({ query: ['a', 'b', 'c', 'd'], key: ['a', 'b', 'c', 'd'] });
    expect(axisTokens(mapOf(uniform(2, 2), { queryTokens: ['x', 'y'] }), tgt, src)).toEqual({ query: ['x', 'y'], key: ['x', 'y'] });
    expect(axisTokens(mapOf(uniform(5, 5)), tgt, src)).toEqual({ query: ['a', 'b', 'c', '4', '5'], key: ['a', 'b', 'c', '4', '5'] });
    expect(displayToken(' ')).toBe('␣');
    expect(displayToken('a\n')).toBe('a↵');
    expect(displayToken('')).toBe('∅');
    expect(displayToken('七')).toBe('七');
  });

  it('moves a keyboard cursor and finds the cell under the pointer', () => {
    expect(moveCell('ArrowDown', null, 3, 4)).toEqual({ row: 0, col: 0 });
    expect(moveCell('ArrowDown', { row: 0, col: 1 }, 3, 4)).toEqual({ row: 1, col: 1 });
    expect(moveCell('ArrowUp', { row: 0, col: 1 }, 3, 4)).toEqual({ row: 0, col: 1 });
    expect(moveCell('ArrowRight', { row: 2, col: 3 }, 3, 4)).toEqual({ row: 2, col: 3 });
    expect(moveCell('End', { row: 2, col: 0 }, 3, 4)).toEqual({ row: 2, col: 3 });
    expect(moveCell('Home', { row: 2, col: 3 }, 3, 4)).toEqual({ row: 2, col: 0 });
    expect(moveCell('a', { row: 2, col: 3 }, 3, 4)).toBeNull();
    expect(cellAt(0, 0, 40, 30, 3, 4)).toEqual({ row: 0, col: 0 });
    expect(cellAt(39.9, 29.9, 40, 30, 3, 4)).toEqual({ row: 2, col: 3 });
    expect(cellAt(15, 12, 40, 30, 3, 4)).toEqual({ row: 1, col: 1 });
    expect(cellAt(40, 5, 40, 30, 3, 4)).toBeNull();
    expect(cellAt(-1, 5, 40, 30, 3, 4)).toBeNull();
  });
});

describe('pixels', () => {
  const table = buildSequentialTable(256);
  const rgbAt = (out: Uint8ClampedArray, width: number, x: number, y: number) => Array.from(out.subarray((y * width + x) * 4, (y * width + x) * 4 + 3));

  it('runs white to deep blue over [0, 1]', () => {
    const [r0, g0, b0] = table.subarray(0, 3);
    const [r1, g1, b1] = table.subarray(255 * 4, 255 * 4 + 3);
    expect(Math.min(r0, g0, b0)).toBeGreaterThan(240);
    expect(b1).toBeGreaterThan(r1 + 60);
    expect(r1 + g1 + b1).toBeLessThan(300);
  });

  it('paints weights as cellPx blocks and hatches masked cells', () => {
    const map = mapOf([[1, 0], [0.5, 0.5]], { causal: true });
    const c = 4;
    const width = 2 * c;
    const out = new Uint8ClampedArray(width * 2 * c * 4);
    fillAttentionPixels(out, map, 0, c, table);
    expect(rgbAt(out, width, 0, 0)).toEqual(Array.from(table.subarray(255 * 4, 255 * 4 + 3)));
    expect(rgbAt(out, width, 3, 3)).toEqual(rgbAt(out, width, 0, 0));
    expect(rgbAt(out, width, 0, c)).toEqual(Array.from(table.subarray(128 * 4, 128 * 4 + 3)));
    // Cell (0, 1) is masked: grey with a darker stripe where (x + y) % 4 = 0.
    const masked = new Set<string>();
    for (let y = 0; y < c; y++) for (let x = c; x < 2 * c; x++) masked.add(rgbAt(out, width, x, y).join());
    expect(masked).toEqual(new Set([MASK_LIGHT.join(), MASK_STRIPE.join()]));
    // One pixel per cell: plain grey, no room for stripes.
    const small = new Uint8ClampedArray(2 * 2 * 4);
    fillAttentionPixels(small, map, 0, 1, table);
    expect(rgbAt(small, 2, 1, 0)).toEqual([...MASK_LIGHT]);
  });

  it('paints diverging values scaled to [−1, 1], the middle for NaN', () => {
    const div = new Uint8ClampedArray(3 * 4);
    for (let k = 0; k < 3; k++) div.set([k * 100, 0, 0, 255], k * 4);
    const out = new Uint8ClampedArray(4 * 4);
    fillDivergingPixels(out, Float32Array.of(-4, 4, 0, NaN), 4, 2, div);
    expect([out[0], out[4], out[8], out[12]]).toEqual([0, 200, 100, 100]);
  });

  it('reuses one ImageData per context', () => {
    let created = 0;
    let put = 0;
    const ctx = {
      createImageData: (w: number, h: number) => {
        created++;
        return { width: w, height: h, data: new Uint8ClampedArray(w * h * 4) };
      },
      putImageData: () => {
        put++;
      },
    } as unknown as PixelContext;
    const map = mapOf(uniform(12, 12));
    for (let i = 0; i < 5; i++) paintAttention(ctx, map, 0, 5);
    expect(created).toBe(1);
    expect(put).toBe(5);
  });
});

describe('weights of the real attention layers', () => {
  /** Deterministic floats in [-1, 1). */
  const data = (shape: number[], seed = 1) => {
    const size = shape.reduce((a, b) => a * b, 1);
    return tf.tensor(Array.from({ length: size }, (_, i) => Math.sin((i + 1) * 12.9898 * seed) % 1), shape);
  };

  /** Every row sums to 1 and every masked entry is exactly 0, in every head. */
  const expectWellFormed = (map: AttentionMap) => {
    expect(isValidAttentionMap(map)).toBe(true);
    for (let h = 0; h < map.heads; h++) {
      for (const sum of rowSums(map, h)) expect(sum).toBeCloseTo(1, 5);
      for (let t = 0; t < map.rows; t++) {
        for (let s = 0; s < map.cols; s++) {
          const w = weightAt(map, h, t, s);
          if (isMasked(map, t, s)) expect(w).toBe(0);
          else expect(w).toBeGreaterThan(0);
        }
      }
    }
  };

  it('a causal MultiHeadAttention gives rows summing to 1 with the future exactly 0', async () => {
    const spec: NetworkSpec = {
      nodes: [
        { id: 'in', type: 'Input', params: { shape: [6, 8] }, inputs: [] },
        { id: 'mha', type: 'MultiHeadAttention', params: { numHeads: 3, keyDim: 4, causal: true, dropout: 0.3 }, inputs: ['in'] },
      ],
    };
    const before = tf.memory().numTensors;
    const built = buildModel(tf, spec);
    const source = built.model.getLayer('mha') as unknown as CrossAttentionSource;
    const x = data([2, 6, 8]);
    const y = built.model.predict(x) as tf.Tensor;
    const w = source.lastAttention()!;
    expect(w.shape).toEqual([2, 3, 6, 6]);
    const weights = (await w.data()) as Float32Array;
    tf.dispose([x, y, w]);
    built.dispose();
    expect(tf.memory().numTensors).toBe(before);

    for (const sample of [0, 1]) {
      const map = attentionMapFromTensor(weights, [2, 3, 6, 6], { layerId: 'mha', kind: 'self', causal: true }, sample);
      expect(map).toMatchObject({ heads: 3, rows: 6, cols: 6 });
      expectWellFormed(map);
      // The first token can only see itself.
      for (let h = 0; h < 3; h++) expect(weightAt(map, h, 0, 0)).toBe(1);
    }
  });

  it("a decoder block's causal self-attention and open cross-attention convert too", async () => {
    const spec: NetworkSpec = {
      nodes: [
        { id: 'src', type: 'Input', params: { shape: [5, 6] }, inputs: [] },
        { id: 'tgt', type: 'Input', params: { shape: [4, 6] }, inputs: [] },
        { id: 'enc', type: 'TransformerEncoderBlock', params: { numHeads: 2, keyDim: 3, ffDim: 8 }, inputs: ['src'] },
        { id: 'dec', type: 'TransformerDecoderBlock', params: { numHeads: 2, keyDim: 3, ffDim: 8 }, inputs: ['tgt', 'enc'] },
      ],
    };
    const built = buildModel(tf, spec);
    const enc = built.model.getLayer('enc') as unknown as CrossAttentionSource;
    const dec = built.model.getLayer('dec') as unknown as CrossAttentionSource;
    const xs = [data([1, 5, 6]), data([1, 4, 6], 2)];
    const y = built.model.predict(xs) as tf.Tensor;
    const tensors = [enc.lastAttention()!, dec.lastAttention()!, dec.lastCrossAttention()!];
    const arrays = (await Promise.all(tensors.map((t) => t.data()))) as Float32Array[];
    const shapes = tensors.map((t) => t.shape);
    tf.dispose([...xs, y, ...tensors]);
    built.dispose();

    const maps = [
      attentionMapFromTensor(arrays[0], shapes[0], { layerId: 'enc', kind: 'self', causal: false }),
      attentionMapFromTensor(arrays[1], shapes[1], { layerId: 'dec', kind: 'self', causal: true }),
      attentionMapFromTensor(arrays[2], shapes[2], { layerId: 'dec', kind: 'cross', causal: false }),
    ];
    expect(maps.map((m) => [m.rows, m.cols])).toEqual([
      [5, 5],
      [4, 4],
      [4, 5],
    ]);
    for (const map of maps) expectWellFormed(map);
  });
});
