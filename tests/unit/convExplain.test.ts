import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../src/data/rng';
import {
  activationOutput,
  axisGeometry,
  channelPlane,
  convOutputSize,
  explainConv,
  explainPool,
  explainRelu,
  LEAKY_SLOPE,
  mapValue,
  outputCells,
  padBefore,
  scanCell,
  scanIndex,
  windowGeometry,
  type ConvKernel,
  type ValueGrid,
  type Padding,
} from '../../src/labs/images/convExplain';
import { LEAKY_ALPHA } from '../../src/training/custom';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** 4×4×1 map holding 1..16 row by row. */
const ramp4: ValueGrid = { height: 4, width: 4, channels: 1, values: Float32Array.from({ length: 16 }, (_, i) => i + 1) };

/** A 3×3 kernel for one input and one output channel. */
const kernel3 = (w: number[]): ConvKernel => ({ kh: 3, kw: 3, inChannels: 1, outChannels: 1, values: Float32Array.from(w) });
const ones3 = kernel3(new Array(9).fill(1));

describe('window geometry (TensorFlow rule)', () => {
  it('sizes the output', () => {
    expect(convOutputSize(4, 3, 1, 'valid')).toBe(2);
    expect(convOutputSize(4, 3, 2, 'valid')).toBe(1);
    expect(convOutputSize(4, 3, 1, 'same')).toBe(4);
    expect(convOutputSize(4, 3, 2, 'same')).toBe(2);
    expect(convOutputSize(28, 5, 2, 'valid')).toBe(12);
    expect(convOutputSize(28, 3, 3, 'same')).toBe(10);
    expect(convOutputSize(2, 3, 1, 'valid')).toBe(0);
  });

  it('pads like TF: the odd zero goes after (bottom/right)', () => {
    expect(axisGeometry(4, 3, 1, 'same')).toEqual({ out: 4, before: 1, after: 1 });
    // out 2: (2−1)·2 + 3 − 4 = 1 zero in all, none before.
    expect(axisGeometry(4, 3, 2, 'same')).toEqual({ out: 2, before: 0, after: 1 });
    expect(axisGeometry(5, 4, 1, 'same')).toEqual({ out: 5, before: 1, after: 2 });
    expect(axisGeometry(28, 2, 2, 'same')).toEqual({ out: 14, before: 0, after: 0 });
    expect(axisGeometry(5, 3, 1, 'valid')).toEqual({ out: 3, before: 0, after: 0 });
    expect(padBefore(7, 5, 1, 'same')).toBe(2);
    expect(windowGeometry(4, 5, [3, 3], [2, 1], 'same')).toEqual({ outHeight: 2, outWidth: 5, top: 0, bottom: 1, left: 1, right: 1 });
  });

  it('lists output cells in scan order and converts both ways', () => {
    const cells = outputCells(2, 3);
    expect(cells).toEqual([
      { y: 0, x: 0 },
      { y: 0, x: 1 },
      { y: 0, x: 2 },
      { y: 1, x: 0 },
      { y: 1, x: 1 },
      { y: 1, x: 2 },
    ]);
    cells.forEach((c, i) => {
      expect(scanCell(i, 3)).toEqual(c);
      expect(scanIndex(c.y, c.x, 3)).toBe(i);
    });
  });
});

describe('explainConv, worked by hand', () => {
  it('valid, stride 1: the top-left 3×3 block of 1..16 sums to 54', () => {
    const e = explainConv(ramp4, ones3, null, [1, 1], 'valid', { y: 0, x: 0, filter: 0 });
    expect(e.window.map((t) => t.input)).toEqual([1, 2, 3, 5, 6, 7, 9, 10, 11]);
    expect(e.window.every((t) => !t.padded)).toBe(true);
    expect(e.sum).toBe(54);
    expect(e.output).toBe(54);
    const last = explainConv(ramp4, ones3, Float32Array.of(0.5), [1, 1], 'valid', { y: 1, x: 1, filter: 0 });
    expect(last.sum).toBe(6 + 7 + 8 + 10 + 11 + 12 + 14 + 15 + 16);
    expect(last.bias).toBe(0.5);
    expect(last.output).toBe(99.5);
  });

  it('same, stride 1: the corner window hangs one row and column into the zero padding', () => {
    const e = explainConv(ramp4, ones3, null, [1, 1], 'same', { y: 0, x: 0, filter: 0 });
    expect(e.originY).toBe(-1);
    expect(e.originX).toBe(-1);
    expect(e.window.filter((t) => t.padded).length).toBe(5);
    expect(e.window.filter((t) => t.padded).every((t) => t.input === 0 && t.product === 0)).toBe(true);
    expect(e.window.map((t) => [t.iy, t.ix])).toEqual([
      [-1, -1], [-1, 0], [-1, 1],
      [0, -1], [0, 0], [0, 1],
      [1, -1], [1, 0], [1, 1],
    ]);
    expect(e.sum).toBe(1 + 2 + 5 + 6);
    const corner = explainConv(ramp4, ones3, null, [1, 1], 'same', { y: 3, x: 3, filter: 0 });
    expect(corner.sum).toBe(11 + 12 + 15 + 16);
  });

  it('same, stride 2: no zeros on top/left, one row and column below/right', () => {
    const first = explainConv(ramp4, ones3, null, [2, 2], 'same', { y: 0, x: 0, filter: 0 });
    expect(first.window.some((t) => t.padded)).toBe(false);
    expect(first.sum).toBe(54);
    const e = explainConv(ramp4, ones3, null, [2, 2], 'same', { y: 1, x: 1, filter: 0 });
    expect([e.originY, e.originX]).toEqual([2, 2]);
    expect(e.window.filter((t) => t.padded).map((t) => [t.iy, t.ix])).toEqual([[2, 4], [3, 4], [4, 2], [4, 3], [4, 4]]);
    expect(e.sum).toBe(11 + 12 + 15 + 16);
  });

  it('valid, stride 2: one output from the top-left window', () => {
    expect(convOutputSize(4, 3, 2, 'valid')).toBe(1);
    expect(explainConv(ramp4, ones3, null, [2, 2], 'valid', { y: 0, x: 0, filter: 0 }).sum).toBe(54);
  });

  it('multiplies each tap by its own weight (not a flipped kernel)', () => {
    // Weight 1 at (0, 2) only: picks the input at the window's top-right, as cross-correlation does.
    const e = explainConv(ramp4, kernel3([0, 0, 1, 0, 0, 0, 0, 0, 0]), null, [1, 1], 'valid', { y: 1, x: 0, filter: 0 });
    expect(e.output).toBe(7);
    expect(e.window[2]).toMatchObject({ ky: 0, kx: 2, iy: 1, ix: 2, input: 7, weight: 1, product: 7 });
    // A centre-only kernel with 'same' padding copies the input.
    const id = kernel3([0, 0, 0, 0, 1, 0, 0, 0, 0]);
    for (const { y, x } of outputCells(4, 4)) {
      expect(explainConv(ramp4, id, null, [1, 1], 'same', { y, x, filter: 0 }).output).toBe(mapValue(ramp4, y, x, 0));
    }
  });

  it('reads the TF.js [kh, kw, cin, cout] layout and sums channel by channel', () => {
    // 1×1 input with 2 channels (3, 5); 1×1 kernel, 2 filters: w[c][f] = [[1, 10], [100, 1000]].
    const input: ValueGrid = { height: 1, width: 1, channels: 2, values: Float32Array.of(3, 5) };
    const k: ConvKernel = { kh: 1, kw: 1, inChannels: 2, outChannels: 2, values: Float32Array.of(1, 10, 100, 1000) };
    const f0 = explainConv(input, k, Float32Array.of(0.25, -1), [1, 1], 'valid', { y: 0, x: 0, filter: 0 });
    expect(f0.channelSums).toEqual([3, 500]);
    expect(f0.output).toBe(503.25);
    const f1 = explainConv(input, k, Float32Array.of(0.25, -1), [1, 1], 'valid', { y: 0, x: 0, filter: 1 });
    expect(f1.channelSums).toEqual([30, 5000]);
    expect(f1.output).toBe(5029);
    expect(f1.window.map((t) => t.c)).toEqual([0, 1]);
  });

  it('refuses a kernel built for another channel count', () => {
    expect(() => explainConv(ramp4, { ...ones3, inChannels: 2 }, null, [1, 1], 'valid', { y: 0, x: 0, filter: 0 })).toThrow(/channels/);
  });
});

describe('explainPool and explainRelu, worked by hand', () => {
  it('2×2 max and average, stride 2, valid', () => {
    const max = outputCells(2, 2).map(({ y, x }) => explainPool(ramp4, [2, 2], [2, 2], 'valid', 'max', { y, x, channel: 0 }).output);
    expect(max).toEqual([6, 8, 14, 16]);
    const avg = outputCells(2, 2).map(({ y, x }) => explainPool(ramp4, [2, 2], [2, 2], 'valid', 'avg', { y, x, channel: 0 }).output);
    expect(avg).toEqual([3.5, 5.5, 11.5, 13.5]);
    const e = explainPool(ramp4, [2, 2], [2, 2], 'valid', 'max', { y: 1, x: 0, channel: 0 });
    expect(e.window.map((t) => t.value)).toEqual([9, 10, 13, 14]);
    expect(e.maxIndex).toBe(3);
  });

  it("'same' average divides by the real cells only; max ignores padding even when all values are negative", () => {
    const e = explainPool(ramp4, [3, 3], [2, 2], 'same', 'avg', { y: 1, x: 1, channel: 0 });
    expect(e.window.length).toBe(9);
    expect(e.count).toBe(4);
    expect(e.sum).toBe(11 + 12 + 15 + 16);
    expect(e.output).toBe(13.5);
    expect(e.maxIndex).toBe(-1);
    expect(e.window.filter((t) => t.padded).every((t) => Number.isNaN(t.value))).toBe(true);

    const negative: ValueGrid = { ...ramp4, values: ramp4.values.map((v) => -v) };
    const m = explainPool(negative, [3, 3], [1, 1], 'same', 'max', { y: 0, x: 0, channel: 0 });
    expect(m.output).toBe(-1); // a zero from padding would have won
    expect(m.window[m.maxIndex]).toMatchObject({ iy: 0, ix: 0, padded: false });
  });

  it('relu and the activations', () => {
    expect(explainRelu(-2)).toEqual({ input: -2, output: 0, active: false });
    expect(explainRelu(1.5)).toEqual({ input: 1.5, output: 1.5, active: true });
    expect(activationOutput('linear', -3)).toBe(-3);
    expect(activationOutput('relu', -3)).toBe(0);
    expect(activationOutput('sigmoid', 0)).toBe(0.5);
    expect(activationOutput('tanh', 0)).toBe(0);
    expect(activationOutput('leakyRelu', -1)).toBeCloseTo(-0.2, 12);
    expect(activationOutput('softmax', 1)).toBeNull();
    expect(LEAKY_SLOPE).toBe(LEAKY_ALPHA);
  });

  it('picks one channel out as a plane', () => {
    const m: ValueGrid = { height: 1, width: 2, channels: 2, values: Float32Array.of(1, 2, 3, 4) };
    expect(Array.from(channelPlane(m, 1))).toEqual([2, 4]);
  });
});

/* ---------- Equality with the real TF.js layers ---------- */

/** Free a layer built outside a model (Layer.dispose refuses layers never called symbolically). */
const disposeWeights = (layer: tf.layers.Layer) => layer.weights.forEach((w) => w.dispose());

const fill = (n: number, rng: Rng, scale = 1) => Float32Array.from({ length: n }, () => rng.normal() * scale);

interface ConvCase {
  h: number;
  w: number;
  cin: number;
  filters: number;
  kh: number;
  kw: number;
  stride: [number, number];
  padding: Padding;
}

/** Random small configurations, plus the corner cases that matter (odd padding, stride > 1). */
function convCases(rng: Rng, n: number): ConvCase[] {
  const cases: ConvCase[] = [
    { h: 5, w: 5, cin: 2, filters: 2, kh: 3, kw: 3, stride: [1, 1], padding: 'same' },
    { h: 6, w: 7, cin: 3, filters: 4, kh: 4, kw: 4, stride: [2, 2], padding: 'same' },
    { h: 8, w: 8, cin: 1, filters: 3, kh: 5, kw: 5, stride: [2, 2], padding: 'valid' },
    { h: 9, w: 6, cin: 2, filters: 1, kh: 3, kw: 5, stride: [2, 1], padding: 'same' },
  ];
  for (let i = 0; i < n; i++) {
    const kh = 3 + rng.int(3);
    const kw = rng.next() < 0.7 ? kh : 3 + rng.int(3);
    const padding: Padding = rng.next() < 0.5 ? 'same' : 'valid';
    cases.push({
      h: kh + rng.int(6),
      w: kw + rng.int(6),
      cin: 1 + rng.int(3),
      filters: 1 + rng.int(4),
      kh,
      kw,
      stride: [1 + rng.int(2), 1 + rng.int(2)],
      padding,
    });
  }
  return cases;
}

describe('the convolution explainer equals the TF.js layer output for the same cell', () => {
  const rng = createRng(20240611);
  const cases = convCases(rng, 24);

  it.each(cases.map((c, i) => [i, c] as const))('conv2d case %i: %o', (_i, c) => {
    const before = tf.memory().numTensors;
    const input: ValueGrid = { height: c.h, width: c.w, channels: c.cin, values: fill(c.h * c.w * c.cin, rng) };
    const kernel: ConvKernel = { kh: c.kh, kw: c.kw, inChannels: c.cin, outChannels: c.filters, values: fill(c.kh * c.kw * c.cin * c.filters, rng, 0.5) };
    const bias = fill(c.filters, rng, 0.3);
    const layer = tf.layers.conv2d({ filters: c.filters, kernelSize: [c.kh, c.kw], strides: c.stride, padding: c.padding, useBias: true });
    const got = tf.tidy(() => {
      const x = tf.tensor4d(input.values, [1, c.h, c.w, c.cin]);
      layer.build(x.shape);
      layer.setWeights([tf.tensor4d(kernel.values, [c.kh, c.kw, c.cin, c.filters]), tf.tensor1d(bias)]);
      const y = layer.apply(x) as tf.Tensor4D;
      return { shape: y.shape, values: y.dataSync().slice() };
    });
    disposeWeights(layer);
    expect(tf.memory().numTensors).toBe(before);

    const g = windowGeometry(c.h, c.w, [c.kh, c.kw], c.stride, c.padding);
    expect(got.shape).toEqual([1, g.outHeight, g.outWidth, c.filters]);
    let checked = 0;
    for (const { y, x } of outputCells(g.outHeight, g.outWidth)) {
      for (let f = 0; f < c.filters; f++) {
        const e = explainConv(input, kernel, bias, c.stride, c.padding, { y, x, filter: f });
        const want = got.values[(y * g.outWidth + x) * c.filters + f];
        expect(Math.abs(e.output - want), `cell (${y}, ${x}, ${f})`).toBeLessThan(1e-4);
        // The parts add up to the whole.
        expect(e.channelSums.reduce((a, b) => a + b, 0) + e.bias).toBeCloseTo(e.output, 9);
        checked++;
      }
    }
    expect(checked).toBe(got.values.length);
  });

  it('includes the activation: activationOutput(relu/tanh/sigmoid/linear) matches conv2d with that activation', () => {
    const input: ValueGrid = { height: 6, width: 6, channels: 2, values: fill(72, rng) };
    const kernel: ConvKernel = { kh: 3, kw: 3, inChannels: 2, outChannels: 3, values: fill(54, rng, 0.5) };
    const bias = fill(3, rng, 0.3);
    for (const activation of ['relu', 'tanh', 'sigmoid', 'linear'] as const) {
      const layer = tf.layers.conv2d({ filters: 3, kernelSize: 3, strides: 1, padding: 'same', activation });
      const values = tf.tidy(() => {
        const x = tf.tensor4d(input.values, [1, 6, 6, 2]);
        layer.build(x.shape);
        layer.setWeights([tf.tensor4d(kernel.values, [3, 3, 2, 3]), tf.tensor1d(bias)]);
        return (layer.apply(x) as tf.Tensor).dataSync().slice();
      });
      disposeWeights(layer);
      for (const { y, x } of outputCells(6, 6)) {
        for (let f = 0; f < 3; f++) {
          const z = explainConv(input, kernel, bias, [1, 1], 'same', { y, x, filter: f }).output;
          expect(Math.abs((activationOutput(activation, z) as number) - values[(y * 6 + x) * 3 + f])).toBeLessThan(1e-4);
        }
      }
    }
  });

  it('activationOutput matches the TF.js ops the runtime uses (elu, leaky ReLU, GELU, swish)', () => {
    const xs = Float32Array.from({ length: 41 }, (_, i) => -4 + i * 0.2);
    const ref = tf.tidy(() => {
      const x = tf.tensor1d(xs);
      return {
        elu: tf.elu(x).dataSync().slice(),
        leakyRelu: tf.leakyRelu(x, LEAKY_ALPHA).dataSync().slice(),
        gelu: tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.div(x, Math.SQRT2)))).dataSync().slice(),
        swish: tf.mul(x, tf.sigmoid(x)).dataSync().slice(),
      };
    });
    for (const [name, want] of Object.entries(ref)) {
      xs.forEach((x, i) => expect(Math.abs((activationOutput(name, x) as number) - want[i]), `${name}(${x})`).toBeLessThan(1e-4));
    }
  });

  const poolCases: { h: number; w: number; c: number; pool: [number, number]; stride: [number, number]; padding: Padding }[] = [
    { h: 4, w: 4, c: 1, pool: [2, 2], stride: [2, 2], padding: 'valid' },
    { h: 5, w: 5, c: 2, pool: [2, 2], stride: [2, 2], padding: 'same' },
    { h: 7, w: 6, c: 3, pool: [3, 3], stride: [2, 2], padding: 'same' },
    { h: 6, w: 7, c: 2, pool: [3, 3], stride: [1, 1], padding: 'same' },
    { h: 9, w: 9, c: 1, pool: [3, 2], stride: [2, 1], padding: 'valid' },
    { h: 8, w: 5, c: 2, pool: [4, 4], stride: [3, 3], padding: 'same' },
  ];

  it.each(poolCases.flatMap((p) => (['max', 'avg'] as const).map((mode) => [mode, p] as const)))('%s pooling %o', (mode, p) => {
    const before = tf.memory().numTensors;
    // Mostly negative values, so a pool that wrongly let padding in as zeros would show.
    const input: ValueGrid = { height: p.h, width: p.w, channels: p.c, values: fill(p.h * p.w * p.c, rng).map((v) => v - 1) };
    const args = { poolSize: p.pool, strides: p.stride, padding: p.padding };
    const layer = mode === 'max' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args);
    const got = tf.tidy(() => {
      const y = layer.apply(tf.tensor4d(input.values, [1, p.h, p.w, p.c])) as tf.Tensor4D;
      return { shape: y.shape, values: y.dataSync().slice() };
    });
    expect(tf.memory().numTensors).toBe(before);
    const g = windowGeometry(p.h, p.w, p.pool, p.stride, p.padding);
    expect(got.shape).toEqual([1, g.outHeight, g.outWidth, p.c]);
    for (const { y, x } of outputCells(g.outHeight, g.outWidth)) {
      for (let c = 0; c < p.c; c++) {
        const e = explainPool(input, p.pool, p.stride, p.padding, mode, { y, x, channel: c });
        expect(Math.abs(e.output - got.values[(y * g.outWidth + x) * p.c + c]), `cell (${y}, ${x}, ${c})`).toBeLessThan(1e-4);
      }
    }
  });

  it('relu equals tf.layers.activation relu cell by cell', () => {
    const input: ValueGrid = { height: 5, width: 5, channels: 2, values: fill(50, rng) };
    const layer = tf.layers.activation({ activation: 'relu' });
    const values = tf.tidy(() => (layer.apply(tf.tensor4d(input.values, [1, 5, 5, 2])) as tf.Tensor).dataSync().slice());
    for (const { y, x } of outputCells(5, 5)) {
      for (let c = 0; c < 2; c++) expect(explainRelu(mapValue(input, y, x, c)).output).toBe(values[(y * 5 + x) * 2 + c]);
    }
  });
});
