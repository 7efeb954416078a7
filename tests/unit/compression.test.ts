import { describe, expect, it } from 'vitest';
import {
  decodeWeights,
  dequantizeInt8,
  encodeWeights,
  float16BitsToFloat32,
  float32ToFloat16Bits,
  magnitudeMasks,
  quantizeInt8,
  roundTripFloat16,
  zerosIn,
  type WeightTensor,
} from '../../src/models/compression';
import { packCompressed, unpackCompressed } from '../../src/models/compressionFile';
import { defaultExperiment } from '../../src/models/defaults';
import { createRng } from '../../src/data/rng';

const rng = createRng(7);
const gauss = (n: number, s = 0.1) => Float32Array.from({ length: n }, () => (rng.next() + rng.next() + rng.next() - 1.5) * s);
const f16 = (x: number) => float16BitsToFloat32(float32ToFloat16Bits(x));

describe('float16', () => {
  it('round-trips every one of the 65,536 halves (NaNs stay NaN)', () => {
    for (let h = 0; h < 0x10000; h++) {
      const x = float16BitsToFloat32(h);
      if (Number.isNaN(x)) expect(Number.isNaN(f16(x))).toBe(true);
      else expect(float32ToFloat16Bits(x)).toBe(h);
    }
  });

  it('rounds to nearest, ties to even, at the edges: overflow, subnormals, underflow', () => {
    expect(f16(65504)).toBe(65504); // the largest half
    expect(f16(65519)).toBe(65504); // below the midpoint to 65536
    expect(f16(65520)).toBe(Infinity); // the midpoint: even is 2^16, which is Inf
    expect(f16(-1e6)).toBe(-Infinity);
    expect(f16(2 ** -24)).toBe(2 ** -24); // the smallest subnormal
    expect(f16(2 ** -25)).toBe(0); // half of it: a tie, to even (0)
    expect(f16(2 ** -25 * 1.0001)).toBe(2 ** -24);
    expect(f16(3 * 2 ** -25)).toBe(2 ** -23); // 1.5 steps: a tie, to even (2)
    expect(f16(2 ** -14)).toBe(2 ** -14); // the smallest normal
    expect(f16(2 ** -14 - 2 ** -25)).toBe(2 ** -14); // the largest subnormal + half a step rounds up into the normals
    expect(f16(1 + 2 ** -11)).toBe(1); // tie between 1 and 1 + 2^-10: even is 1
    expect(f16(1 + 3 * 2 ** -11)).toBe(1 + 2 ** -9); // tie: even is 1 + 2·2^-10
    expect(Object.is(f16(-0), -0)).toBe(true);
    expect(Object.is(f16(-1e-10), -0)).toBe(true);
    expect(Number.isNaN(f16(Number.NaN))).toBe(true);
    expect(f16(-Infinity)).toBe(-Infinity);
  });

  it('gives the nearest half of random float32 values (checked against its neighbours)', () => {
    for (let i = 0; i < 20000; i++) {
      const x = Math.fround((rng.next() - 0.5) * 2 ** Math.floor(rng.next() * 40 - 28));
      const h = float32ToFloat16Bits(x);
      const y = float16BitsToFloat32(h);
      // The neighbours one step further from and nearer to zero (none below zero's).
      const sign = h & 0x8000;
      const mag = h & 0x7fff;
      const up = float16BitsToFloat32(sign | Math.min(0x7c00, mag + 1));
      const down = float16BitsToFloat32(sign | Math.max(0, mag - 1));
      expect(Math.abs(y - x)).toBeLessThanOrEqual(Math.abs(up - x));
      expect(Math.abs(y - x)).toBeLessThanOrEqual(Math.abs(down - x));
    }
  });
});

describe('int8 per channel', () => {
  it('every weight comes back within half a quantization step of itself', () => {
    const shape = [5, 5, 6, 16];
    const w = gauss(5 * 5 * 6 * 16);
    w[17] = 0.9; // one large weight in channel 1: its own channel's step is coarse, the others' not
    const q = quantizeInt8(w, shape);
    const back = dequantizeInt8(q);
    expect(q.scales).toHaveLength(16);
    let worst = 0;
    for (let i = 0; i < w.length; i++) {
      const step = q.scales[i % 16];
      expect(q.q[i]).toBeGreaterThanOrEqual(-127);
      expect(q.q[i]).toBeLessThanOrEqual(127);
      worst = Math.max(worst, Math.abs(back[i] - w[i]) / step);
    }
    expect(worst).toBeLessThanOrEqual(0.5 + 1e-5);
    expect(worst).toBeGreaterThan(0.45); // the bound is met, not beaten by a trivial encoding
    expect(q.scales[1]).toBeCloseTo(0.9 / 127, 7);
    expect(q.scales[0]).toBeLessThan(q.scales[1] / 2);
  });

  it('an all-zero channel has scale 0 and stays 0', () => {
    const w = Float32Array.from([0.5, 0, -0.25, 0]);
    const q = quantizeInt8(w, [2, 2]);
    expect(Array.from(q.scales)).toEqual([Math.fround(0.5 / 127), 0]);
    expect(Array.from(dequantizeInt8(q))[1]).toBe(0);
    expect(Array.from(q.q)).toEqual([127, 0, -64, 0]);
  });
});

describe('magnitude pruning', () => {
  const tensors: WeightTensor[] = [
    { name: 'c/kernel', shape: [3, 3, 1, 4], values: gauss(36) },
    { name: 'c/bias', shape: [4], values: gauss(4, 0.001) },
    { name: 'd/kernel', shape: [36, 10], values: gauss(360, 0.3) },
    { name: 'd/bias', shape: [10], values: gauss(10, 0.001) },
  ];

  it('per layer: exactly round(s·n) of each kernel, the smallest |w|; biases untouched', () => {
    for (const s of [0, 0.3, 0.5, 0.8, 0.95]) {
      const masks = magnitudeMasks(tensors, s, 'perLayer');
      expect(masks[1]).toBeNull();
      expect(masks[3]).toBeNull();
      for (const i of [0, 2]) {
        const m = masks[i]!;
        const pruned = m.reduce((a, v) => a + (v ? 0 : 1), 0);
        expect(pruned).toBe(Math.round(s * tensors[i].values.length));
        // Every pruned |w| ≤ every kept |w|.
        const abs = Array.from(tensors[i].values, Math.abs);
        const maxPruned = Math.max(-1, ...abs.filter((_, j) => !m[j]));
        const minKept = Math.min(Infinity, ...abs.filter((_, j) => m[j]));
        expect(maxPruned).toBeLessThanOrEqual(minKept);
      }
    }
  });

  it('global: exactly round(s·n) over all kernels together, so layers end up pruned unevenly', () => {
    const masks = magnitudeMasks(tensors, 0.8, 'global');
    const pruned = [masks[0]!, masks[2]!].map((m) => m.reduce((a, v) => a + (v ? 0 : 1), 0));
    expect(pruned[0] + pruned[1]).toBe(Math.round(0.8 * 396));
    // The first kernel's weights are 3× smaller: it loses a larger share.
    expect(pruned[0] / 36).toBeGreaterThan(pruned[1] / 360);
  });

  it('breaks ties by position, the same every time, and still prunes exactly k', () => {
    const ties: WeightTensor[] = [
      { name: 'a', shape: [2, 3], values: Float32Array.from([1, -1, 1, 1, 2, 1]) },
      { name: 'b', shape: [3, 1], values: Float32Array.from([-1, 1, 3]) },
    ];
    const m = magnitudeMasks(ties, 0.7, 'global'); // k = round(6.3) = 6 of the 7 ones: the last one, in b, stays
    expect(Array.from(m[0]!)).toEqual([0, 0, 0, 0, 1, 0]);
    expect(Array.from(m[1]!)).toEqual([0, 1, 1]);
    expect(magnitudeMasks(ties, 0.7, 'global')).toEqual(m);
  });
});

describe('the serialized weights', () => {
  const tensors: WeightTensor[] = [
    { name: 'c/kernel', shape: [5, 5, 1, 6], values: gauss(150) },
    { name: 'c/bias', shape: [6], values: gauss(6) },
    { name: 'd/kernel', shape: [150, 10], values: gauss(1500) },
    { name: 'd/bias', shape: [10], values: gauss(10) },
  ];
  const n = 150 + 6 + 1500 + 10;

  it('float32 takes 4 bytes a value; int8 1 byte a kernel weight + a float32 scale a channel, float32 biases; float16 2 bytes', () => {
    expect(encodeWeights(tensors, 'float32').payload.length).toBe(4 * n);
    expect(encodeWeights(tensors, 'int8').payload.length).toBe(150 + 6 * 4 + 1500 + 10 * 4 + 4 * (6 + 10));
    expect(encodeWeights(tensors, 'float16').payload.length).toBe(2 * n);
  });

  it('decodes what it encoded: float32 exactly, float16 as the halves, int8 as the dequantized weights', () => {
    const same = (a: WeightTensor[], b: Float32Array[]) => a.forEach((t, i) => expect(Array.from(t.values)).toEqual(Array.from(b[i])));
    const e32 = encodeWeights(tensors, 'float32');
    same(decodeWeights(e32.entries, e32.payload)!, tensors.map((t) => t.values));
    const e16 = encodeWeights(tensors, 'float16');
    same(decodeWeights(e16.entries, e16.payload)!, tensors.map((t) => roundTripFloat16(t.values)));
    const e8 = encodeWeights(tensors, 'int8');
    const back = decodeWeights(e8.entries, e8.payload)!;
    same(back, tensors.map((t) => (t.shape.length > 1 ? dequantizeInt8(quantizeInt8(t.values, t.shape)) : t.values)));
  });

  it('a pruned tensor is stored sparse (bitmask + nonzero values) and decodes with its zeros', () => {
    const masks = magnitudeMasks(tensors, 0.8, 'perLayer');
    const pruned = tensors.map((t, i) => ({ ...t, values: masks[i] ? t.values.map((v, j) => (masks[i]![j] ? v : 0)) : t.values }));
    const e = encodeWeights(pruned, 'prune');
    expect(e.entries.map((x) => x.layout)).toEqual(['sparse', 'dense', 'sparse', 'dense']);
    expect(e.entries[2].bytes).toBe(Math.ceil(1500 / 8) + 300 * 4);
    const back = decodeWeights(e.entries, e.payload)!;
    expect(zerosIn(back[2].values)).toBe(1200);
    expect(Array.from(back[2].values)).toEqual(Array.from(pruned[2].values));
    // Pruned, then int8: sparse int8.
    const e8 = encodeWeights(pruned, 'int8');
    expect(e8.entries[2]).toMatchObject({ type: 'i8', layout: 'sparse', bytes: Math.ceil(1500 / 8) + 40 + 300 });
  });

  it('a file reopens with the Experiment and the weights; damaged files are refused with a reason', () => {
    const e = encodeWeights(tensors, 'int8');
    const experiment = defaultExperiment();
    const file = packCompressed({ method: 'int8', step: 12, examples: 120, experiment, tensors: e.entries }, e.payload);
    const opened = unpackCompressed(file);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.method).toBe('int8');
    expect(opened.value.weights.step).toBe(12);
    expect(opened.value.weightBytes).toBe(e.payload.length);
    expect(opened.value.experiment.network).toEqual(experiment.network);
    expect(Array.from(opened.value.weights.tensors[1].values)).toEqual(Array.from(tensors[1].values));
    const key = (b: Uint8Array) => {
      const r = unpackCompressed(b);
      return r.ok ? 'ok' : r.error.key;
    };
    expect(key(new TextEncoder().encode('{"app":"gradient-garden"}'))).toBe('compress.file.notOurs');
    expect(key(file.subarray(0, file.length - 3))).toBe('compress.file.damaged');
    const tampered = file.slice();
    tampered[9] = 0x20; // inside the manifest's JSON
    expect(key(tampered)).not.toBe('ok');
    const bad = packCompressed({ method: 'int8', step: -1, examples: 0, experiment, tensors: e.entries }, e.payload);
    expect(key(bad)).toBe('codec.invalidField');
    const badExp = packCompressed({ method: 'int8', step: 1, examples: 0, experiment: { network: 3 }, tensors: e.entries }, e.payload);
    expect(key(badExp)).not.toBe('ok');
  });
});
