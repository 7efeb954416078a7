import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMessageKey, LOCALES, translateDynamic } from '../../src/i18n';
import type { Entry } from '../../src/i18n/define';
import { layers as layerMessages } from '../../src/i18n/messages/layers.messages';
import { common } from '../../src/i18n/messages/common.messages';
import { controls } from '../../src/i18n/messages/controls.messages';
import { errors } from '../../src/i18n/messages/errors.messages';
import { charts } from '../../src/i18n/messages/charts.messages';
import { analyze } from '../../src/models/analysis';
import { CATALOG, defaultParams, layerDef, type LayerDef, type Params, type Shape, type ShapeResult } from '../../src/models/catalog';
import { Conv2D, windowOutput } from '../../src/models/catalog/convolution';
import { Embedding } from '../../src/models/catalog/embedding';
import { Add, Concatenate } from '../../src/models/catalog/merge';
import { BatchNormalization, LayerNormalization } from '../../src/models/catalog/normalization';
import { AvgPool2D, GlobalAveragePooling2D, MaxPool2D } from '../../src/models/catalog/pooling';
import { Flatten, Reshape } from '../../src/models/catalog/reshape';
import type { LayerNode, NetworkSpec } from '../../src/models/spec';
import { buildModel } from '../../src/training/model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterAll(() => {
  tf.disposeVariables();
});

const TYPES: LayerDef[] = [
  Flatten,
  Reshape,
  Conv2D,
  MaxPool2D,
  AvgPool2D,
  GlobalAveragePooling2D,
  BatchNormalization,
  LayerNormalization,
  Add,
  Concatenate,
  Embedding,
];

/** Every error this file's layers produced, to check their translations at the end. */
const produced: ShapeResult[] = [];

function infer(def: LayerDef, inputs: Shape[], params: Params = {}): ShapeResult {
  const p = { ...defaultParams(def), ...params } as Params;
  const before = JSON.stringify(inputs);
  const r = def.inferShape(inputs, p);
  expect(JSON.stringify(inputs), 'inferShape must not mutate its inputs').toBe(before);
  if (r.ok) for (const s of inputs) expect(r.shape).not.toBe(s);
  else produced.push(r);
  return r;
}
const shapeOf = (def: LayerDef, inputs: Shape[], params: Params = {}) => {
  const r = infer(def, inputs, params);
  return r.ok ? r.shape : r.error;
};
const count = (def: LayerDef, inputs: Shape[], params: Params = {}) => def.paramCount(inputs, { ...defaultParams(def), ...params } as Params);
const errorKey = (def: LayerDef, inputs: Shape[], params: Params = {}) => {
  const r = infer(def, inputs, params);
  return r.ok ? `ok ${JSON.stringify(r.shape)}` : r.error.key;
};

const input = (id: string, shape: number[]): LayerNode => ({ id, type: 'Input', params: { shape }, inputs: [] });
const node = (id: string, type: string, params: Params, inputs: string[]): LayerNode => ({ id, type, params, inputs });

/** An Input of each given shape, then `layer` fed by all of them. */
function single(type: string, params: Params, ...shapes: number[][]): NetworkSpec {
  const ins = shapes.map((s, i) => input(`in${i}`, s));
  return { nodes: [...ins, node('layer', type, params, ins.map((n) => n.id))] };
}

/**
 * The key check: TF.js builds the graph, counts what analyze() counts, and produces the shape we
 * inferred — statically and when it really runs on a batch.
 */
async function checkBuild(spec: NetworkSpec, fill?: (shape: number[]) => tf.Tensor) {
  const analysis = analyze(spec);
  expect(analysis.errors).toEqual([]);
  const out = analysis.outputs[0];
  const inferred = analysis.nodes[out].shape!;
  const built = buildModel(tf, spec);
  try {
    expect(built.model.countParams()).toBe(analysis.totalParams);
    expect(built.model.outputs[0].shape.slice(1)).toEqual(inferred);
    // Every layer is named after its node, so weights can be found again by layer.
    for (const n of spec.nodes) if (n.type !== 'Input') expect(built.model.getLayer(n.id).name).toBe(n.id);
    const batch = 3;
    const xs = built.model.inputs.map((i) => {
      const shape = [batch, ...(i.shape.slice(1) as number[])];
      return fill ? fill(shape) : tf.randomNormal(shape, 0, 1, 'float32', 7);
    });
    const y = built.model.predict(xs.length === 1 ? xs[0] : xs) as tf.Tensor;
    expect(y.shape).toEqual([batch, ...inferred]);
    const values = await y.data();
    expect(Array.from(values).every(Number.isFinite)).toBe(true);
    tf.dispose([...xs, y]);
    return analysis;
  } finally {
    built.dispose();
  }
}

describe('registry', () => {
  it('registers every type under its name, in the contract families, with schema defaults', () => {
    for (const def of TYPES) expect(layerDef(def.type)).toBe(def);
    const family = Object.fromEntries(TYPES.map((d) => [d.type, d.family]));
    expect(family).toEqual({
      Flatten: 'reshape',
      Reshape: 'reshape',
      Conv2D: 'convolution',
      MaxPool2D: 'pooling',
      AvgPool2D: 'pooling',
      GlobalAveragePooling2D: 'pooling',
      BatchNormalization: 'normalization',
      LayerNormalization: 'normalization',
      Add: 'merge',
      Concatenate: 'merge',
      Embedding: 'recurrent',
    });
    expect(defaultParams(Flatten)).toEqual({});
    expect(defaultParams(Reshape)).toEqual({ targetShape: [4, 4] });
    expect(defaultParams(Conv2D)).toEqual({ filters: 8, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu', useBias: true });
    expect(defaultParams(MaxPool2D)).toEqual({ poolSize: 2, strides: 0, padding: 'valid' });
    expect(defaultParams(AvgPool2D)).toEqual({ poolSize: 2, strides: 0, padding: 'valid' });
    expect(defaultParams(GlobalAveragePooling2D)).toEqual({});
    expect(defaultParams(BatchNormalization)).toEqual({ momentum: 0.99, epsilon: 0.001 });
    expect(defaultParams(LayerNormalization)).toEqual({ epsilon: 0.001 });
    expect(defaultParams(Add)).toEqual({});
    expect(defaultParams(Concatenate)).toEqual({ axis: -1 });
    expect(defaultParams(Embedding)).toEqual({ inputDim: 32, outputDim: 16 });
  });

  it('has the contract ranges and arities', () => {
    const ranges = (def: LayerDef) =>
      Object.fromEntries(def.params.filter((p) => p.kind === 'int' || p.kind === 'float').map((p) => [p.name, [(p as { min: number }).min, (p as { max: number }).max]]));
    expect(ranges(Conv2D)).toEqual({ filters: [1, 512], kernelSize: [1, 11], strides: [1, 4] });
    expect(ranges(MaxPool2D)).toEqual({ poolSize: [1, 8], strides: [0, 8] });
    expect(ranges(BatchNormalization)).toEqual({ momentum: [0, 0.999], epsilon: [1e-6, 0.1] });
    expect(ranges(LayerNormalization)).toEqual({ epsilon: [1e-6, 0.1] });
    expect(ranges(Concatenate)).toEqual({ axis: [-4, -1] });
    expect(ranges(Embedding)).toEqual({ inputDim: [2, 10000], outputDim: [1, 512] });
    for (const def of TYPES) expect(def.arity).toEqual(def.family === 'merge' ? [2, 8] : [1, 1]);
  });

  it('computes window lengths as TF.js convOutputLength does', () => {
    expect(windowOutput(28, 5, 1, 'valid')).toBe(24);
    expect(windowOutput(7, 3, 2, 'valid')).toBe(3);
    expect(windowOutput(7, 3, 2, 'same')).toBe(4);
    expect(windowOutput(2, 3, 1, 'valid')).toBe(0);
    expect(windowOutput(2, 3, 1, 'same')).toBe(2);
    expect(windowOutput(null, 3, 2, 'valid')).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------

describe('Conv2D', () => {
  const cases: { x: number[]; filters: number; k: number; s: number; padding: 'valid' | 'same'; useBias?: boolean; shape: Shape; params: number }[] = [
    { x: [28, 28, 1], filters: 6, k: 5, s: 1, padding: 'valid', shape: [24, 24, 6], params: 5 * 5 * 1 * 6 + 6 },
    { x: [28, 28, 1], filters: 6, k: 5, s: 1, padding: 'same', shape: [28, 28, 6], params: 156 },
    { x: [7, 7, 3], filters: 4, k: 3, s: 2, padding: 'valid', shape: [3, 3, 4], params: 3 * 3 * 3 * 4 + 4 },
    { x: [7, 7, 3], filters: 4, k: 3, s: 2, padding: 'same', shape: [4, 4, 4], params: 112 },
    { x: [8, 5, 2], filters: 3, k: 1, s: 1, padding: 'valid', useBias: false, shape: [8, 5, 3], params: 2 * 3 },
    { x: [8, 5, 2], filters: 3, k: 1, s: 2, padding: 'same', shape: [4, 3, 3], params: 2 * 3 + 3 },
    { x: [9, 6, 3], filters: 2, k: 4, s: 3, padding: 'valid', shape: [2, 1, 2], params: 4 * 4 * 3 * 2 + 2 },
    { x: [9, 6, 3], filters: 2, k: 4, s: 3, padding: 'same', shape: [3, 2, 2], params: 98 },
    { x: [5, 5, 1], filters: 7, k: 5, s: 1, padding: 'valid', shape: [1, 1, 7], params: 25 * 7 + 7 },
    { x: [2, 2, 3], filters: 2, k: 3, s: 1, padding: 'same', shape: [2, 2, 2], params: 9 * 3 * 2 + 2 },
    { x: [11, 11, 3], filters: 16, k: 3, s: 4, padding: 'same', useBias: false, shape: [3, 3, 16], params: 3 * 3 * 3 * 16 },
  ];

  it.each(cases)('$x, $filters@$k stride $s $padding → $shape, $params params, as TF.js builds it', async ({ x, filters, k, s, padding, useBias, shape, params }) => {
    const p = { filters, kernelSize: k, strides: s, padding, activation: 'tanh', ...(useBias === undefined ? {} : { useBias }) };
    expect(shapeOf(Conv2D, [x], p)).toEqual(shape);
    expect(count(Conv2D, [x], p)).toBe(params);
    await checkBuild(single('Conv2D', p, x));
  });

  it('keeps a size-any height or width as any size', () => {
    expect(shapeOf(Conv2D, [[null, 7, 3]], { kernelSize: 3, strides: 2, filters: 2 })).toEqual([null, 3, 2]);
    expect(shapeOf(Conv2D, [[null, null, 3]], { padding: 'same' })).toEqual([null, null, 8]);
  });

  it('explains an input that is not an image, a kernel that does not fit and unknown channels', () => {
    expect(shapeOf(Conv2D, [[784]])).toEqual({ key: 'err.conv.rank', vars: { shape: '784' } });
    expect(shapeOf(Conv2D, [[28, 28]])).toEqual({ key: 'err.conv.rank', vars: { shape: '28×28' } });
    expect(errorKey(Conv2D, [[2, 2, 2, 2]])).toBe('err.conv.rank');
    expect(shapeOf(Conv2D, [[2, 9, 3]], { kernelSize: 3 })).toEqual({ key: 'err.conv.tooSmall', vars: { size: '3×3', shape: '2×9×3' } });
    expect(errorKey(Conv2D, [[9, 4, 3]], { kernelSize: 5, strides: 2 })).toBe('err.conv.tooSmall');
    expect(errorKey(Conv2D, [[9, 4, 3]], { kernelSize: 5, padding: 'same' })).toBe('ok [9,4,8]');
    expect(shapeOf(Conv2D, [[8, 8, null]])).toEqual({ key: 'err.conv.channels', vars: { shape: '8×8×?' } });
  });

  it('runs every activation through TF.js', async () => {
    for (const activation of ['linear', 'sigmoid', 'relu', 'leakyRelu', 'elu', 'gelu', 'swish', 'softmax']) {
      await checkBuild(single('Conv2D', { filters: 2, kernelSize: 3, activation }, [5, 5, 1]));
    }
  });
});

describe('MaxPool2D and AvgPool2D', () => {
  const cases: { x: number[]; poolSize: number; strides: number; padding: 'valid' | 'same'; shape: Shape }[] = [
    { x: [7, 7, 3], poolSize: 2, strides: 0, padding: 'valid', shape: [3, 3, 3] },
    { x: [7, 7, 3], poolSize: 2, strides: 0, padding: 'same', shape: [4, 4, 3] },
    { x: [7, 7, 3], poolSize: 3, strides: 1, padding: 'valid', shape: [5, 5, 3] },
    { x: [7, 7, 3], poolSize: 3, strides: 2, padding: 'same', shape: [4, 4, 3] },
    { x: [7, 7, 3], poolSize: 1, strides: 0, padding: 'valid', shape: [7, 7, 3] },
    { x: [6, 5, 2], poolSize: 2, strides: 0, padding: 'valid', shape: [3, 2, 2] },
    { x: [5, 9, 4], poolSize: 2, strides: 3, padding: 'valid', shape: [2, 3, 4] },
    { x: [7, 7, 3], poolSize: 8, strides: 0, padding: 'same', shape: [1, 1, 3] },
    { x: [28, 28, 6], poolSize: 2, strides: 2, padding: 'valid', shape: [14, 14, 6] },
  ];

  for (const def of [MaxPool2D, AvgPool2D]) {
    it.each(cases)(`${def.type} $x, pool $poolSize stride $strides $padding → $shape, as TF.js builds it`, async ({ x, poolSize, strides, padding, shape }) => {
      const p = { poolSize, strides, padding };
      expect(shapeOf(def, [x], p)).toEqual(shape);
      expect(count(def, [x], p)).toBe(0);
      await checkBuild(single(def.type, p, x));
    });

    it(`${def.type}: stride 0 means the pool size`, () => {
      expect(shapeOf(def, [[9, 9, 1]], { poolSize: 3, strides: 0 })).toEqual(shapeOf(def, [[9, 9, 1]], { poolSize: 3, strides: 3 }));
    });

    it(`${def.type}: explains a wrong rank and a window that does not fit; keeps any-size dimensions`, () => {
      expect(shapeOf(def, [[16]])).toEqual({ key: 'err.pool.rank', vars: { shape: '16' } });
      expect(errorKey(def, [[4, 4]])).toBe('err.pool.rank');
      expect(shapeOf(def, [[7, 7, 3]], { poolSize: 8 })).toEqual({ key: 'err.pool.tooSmall', vars: { size: '8×8', shape: '7×7×3' } });
      expect(errorKey(def, [[1, 8, 3]])).toBe('err.pool.tooSmall');
      expect(shapeOf(def, [[null, 8, null]])).toEqual([null, 4, null]);
    });
  }
});

describe('GlobalAveragePooling2D', () => {
  it.each([
    [[7, 7, 3], [3]],
    [[1, 1, 16], [16]],
    [[5, 3, 2], [2]],
  ])('%j → %j, as TF.js builds it', async (x, shape) => {
    expect(shapeOf(GlobalAveragePooling2D, [x])).toEqual(shape);
    expect(count(GlobalAveragePooling2D, [x])).toBe(0);
    await checkBuild(single('GlobalAveragePooling2D', {}, x));
  });

  it('needs an image; any-size dimensions pass through', () => {
    expect(shapeOf(GlobalAveragePooling2D, [[10]])).toEqual({ key: 'err.pool.rank', vars: { shape: '10' } });
    expect(errorKey(GlobalAveragePooling2D, [[4, 4]])).toBe('err.pool.rank');
    expect(shapeOf(GlobalAveragePooling2D, [[null, null, 8]])).toEqual([8]);
    expect(shapeOf(GlobalAveragePooling2D, [[4, 4, null]])).toEqual([null]);
  });
});

describe('Flatten and Reshape', () => {
  it.each([
    [[4, 4, 3], [48]],
    [[5, 2], [10]],
    [[1, 1, 1], [1]],
    [[2, 3, 4, 5], [120]],
  ])('Flatten %j → %j, as TF.js builds it', async (x, shape) => {
    expect(shapeOf(Flatten, [x])).toEqual(shape);
    expect(count(Flatten, [x])).toBe(0);
    await checkBuild(single('Flatten', {}, x));
  });

  it('Flatten explains an already flat input and one with any-size dimensions', () => {
    expect(shapeOf(Flatten, [[7]])).toEqual({ key: 'err.flatten.flat', vars: { shape: '7' } });
    expect(shapeOf(Flatten, [[null, 5]])).toEqual({ key: 'err.flatten.unknown', vars: { shape: '?×5' } });
  });

  it.each([
    [[16], [4, 4]],
    [[48], [4, 4, 3]],
    [[4, 4, 3], [48]],
    [[784], [28, 28, 1]],
    [[6, 2], [3, 4]],
    [[5], [5]],
  ])('Reshape %j → %j, as TF.js builds it', async (x, targetShape) => {
    expect(shapeOf(Reshape, [x], { targetShape })).toEqual(targetShape);
    expect(count(Reshape, [x], { targetShape })).toBe(0);
    await checkBuild(single('Reshape', { targetShape }, x));
  });

  it('Reshape copies its target shape', () => {
    const targetShape = [4, 4];
    const r = infer(Reshape, [[16]], { targetShape });
    expect(r.ok && r.shape).not.toBe(targetShape);
  });

  it('Reshape explains a different number of values and an input of unknown size', () => {
    expect(shapeOf(Reshape, [[10]])).toEqual({ key: 'err.reshape.count', vars: { from: '10', n: 10, to: '4×4', m: 16 } });
    expect(shapeOf(Reshape, [[7, 7, 3]], { targetShape: [49] })).toEqual({
      key: 'err.reshape.count',
      vars: { from: '7×7×3', n: 147, to: '49', m: 49 },
    });
    expect(shapeOf(Reshape, [[null, 4]])).toEqual({ key: 'err.reshape.unknown', vars: { shape: '?×4' } });
  });
});

describe('BatchNormalization and LayerNormalization', () => {
  it.each([
    [[8], 8],
    [[5, 8], 8],
    [[4, 4, 3], 3],
    [[6, 6, 16], 16],
  ])('%j keeps its shape; BN counts 4·C and LN 2·C, as TF.js does', async (x, c) => {
    expect(shapeOf(BatchNormalization, [x])).toEqual(x);
    expect(shapeOf(LayerNormalization, [x])).toEqual(x);
    expect(count(BatchNormalization, [x])).toBe(4 * c);
    expect(count(LayerNormalization, [x])).toBe(2 * c);
    await checkBuild(single('BatchNormalization', { momentum: 0.9, epsilon: 1e-5 }, x));
    await checkBuild(single('LayerNormalization', { epsilon: 1e-5 }, x));
  });

  it('needs a known last dimension; others may be of any size', () => {
    for (const def of [BatchNormalization, LayerNormalization]) {
      expect(shapeOf(def, [[4, null]])).toEqual({ key: 'err.norm.unknownLast', vars: { shape: '4×?' } });
      expect(shapeOf(def, [[]])).toEqual({ key: 'err.norm.unknownLast', vars: { shape: 'scalar' } });
      expect(shapeOf(def, [[null, 8]])).toEqual([null, 8]);
    }
  });

  it('BatchNormalization has 2·C trainable and 2·C non-trainable weights in TF.js', () => {
    const built = buildModel(tf, single('BatchNormalization', {}, [4, 4, 3]));
    try {
      expect(built.model.trainableWeights.reduce((s, w) => s + w.read().size, 0)).toBe(6);
      expect(built.model.nonTrainableWeights.reduce((s, w) => s + w.read().size, 0)).toBe(6);
    } finally {
      built.dispose();
    }
  });
});

describe('Add', () => {
  it.each([
    [[[4, 4, 3], [4, 4, 3]], [4, 4, 3]],
    [[[8], [8], [8]], [8]],
    [[[5, 2], [5, 2], [5, 2], [5, 2]], [5, 2]],
  ])('%j → %j, from separate Inputs, as TF.js builds it', async (xs, shape) => {
    expect(shapeOf(Add, xs)).toEqual(shape);
    expect(count(Add, xs)).toBe(0);
    await checkBuild(single('Add', {}, ...xs));
  });

  it('treats any-size dimensions as matching and keeps the known size', () => {
    expect(shapeOf(Add, [[null, 8], [5, 8]])).toEqual([5, 8]);
    expect(shapeOf(Add, [[null, 8], [null, 8]])).toEqual([null, 8]);
  });

  it('explains inputs of different shapes', () => {
    expect(shapeOf(Add, [[14, 14, 6], [7, 7, 16]])).toEqual({ key: 'err.add.shapes', vars: { a: '14×14×6', b: '7×7×16' } });
    expect(shapeOf(Add, [[4], [4], [4, 1]])).toEqual({ key: 'err.add.shapes', vars: { a: '4', b: '4×1' } });
    expect(shapeOf(Add, [[null, 4], [3, 4], [5, 4]])).toEqual({ key: 'err.add.shapes', vars: { a: '3×4', b: '5×4' } });
  });

  it('takes 2 to 8 inputs (the analysis enforces it)', () => {
    const one = analyze(single('Add', {}, [3]));
    expect(one.errors.map((e) => e.error.key)).toEqual(['err.graph.needsInputs']);
    const nine = analyze(single('Add', {}, ...Array.from({ length: 9 }, () => [3])));
    expect(nine.errors.map((e) => e.error.key)).toEqual(['err.graph.tooManyInputs']);
  });
});

describe('Concatenate', () => {
  it.each([
    [[[4, 4, 3], [4, 4, 5]], -1, [4, 4, 8]],
    [[[4, 2, 3], [4, 5, 3]], -2, [4, 7, 3]],
    [[[2, 4, 3], [1, 4, 3]], -3, [3, 4, 3]],
    [[[6], [2], [1]], -1, [9]],
    [[[3, 2], [3, 2]], -2, [6, 2]],
  ])('%j on axis %i → %j, as TF.js builds it', async (xs, axis, shape) => {
    expect(shapeOf(Concatenate, xs, { axis })).toEqual(shape);
    expect(count(Concatenate, xs, { axis })).toBe(0);
    await checkBuild(single('Concatenate', { axis }, ...xs));
  });

  it('joins the values on the chosen axis at run time (TF.js 4.22 would join on the last one)', async () => {
    for (const axis of [-1, -2, -3]) {
      const xs = [[2, 3, 4], [2, 3, 4]];
      const built = buildModel(tf, single('Concatenate', { axis }, ...xs));
      try {
        const a = tf.randomNormal([2, 2, 3, 4], 0, 1, 'float32', 11);
        const b = tf.randomNormal([2, 2, 3, 4], 0, 1, 'float32', 12);
        const y = built.model.predict([a, b]) as tf.Tensor;
        const want = tf.concat([a, b], axis);
        expect(y.shape).toEqual(want.shape);
        expect(Array.from(await y.data())).toEqual(Array.from(await want.data()));
        const config = built.model.getLayer('layer').getConfig();
        expect(config.axis).toBe(axis === -1 ? -1 : 4 + axis);
        tf.dispose([a, b, y, want]);
      } finally {
        built.dispose();
      }
    }
  });

  it('sums to any size when an input is of any size on the axis', () => {
    expect(shapeOf(Concatenate, [[null, 8], [null, 4]])).toEqual([null, 12]);
    expect(shapeOf(Concatenate, [[null, 8], [5, 8]], { axis: -2 })).toEqual([null, 8]);
  });

  it('explains which dimension differs, a missing axis and different ranks', () => {
    expect(shapeOf(Concatenate, [[14, 14, 6], [7, 7, 16]])).toEqual({
      key: 'err.concat.shapes',
      vars: { a: '14×14×6', b: '7×7×16', axis: 3, dim: 1, x: 14, y: 7 },
    });
    expect(shapeOf(Concatenate, [[4, 4, 3], [4, 4, 3], [4, 5, 3]], { axis: -1 })).toEqual({
      key: 'err.concat.shapes',
      vars: { a: '4×4×3', b: '4×5×3', axis: 3, dim: 2, x: 4, y: 5 },
    });
    // TF.js's Concatenate compares shapes as they are, so an any-size dimension only matches another.
    expect(shapeOf(Concatenate, [[null, 8], [5, 4]])).toEqual({
      key: 'err.concat.shapes',
      vars: { a: '?×8', b: '5×4', axis: 2, dim: 1, x: '?', y: 5 },
    });
    expect(shapeOf(Concatenate, [[4, 4, 3], [4, 4, 3]], { axis: -4 })).toEqual({
      key: 'err.concat.axis',
      vars: { axis: -4, rank: 3, shape: '4×4×3' },
    });
    expect(shapeOf(Concatenate, [[12], [3, 4]])).toEqual({ key: 'err.concat.rank', vars: { a: '12', b: '3×4' } });
  });
});

describe('Embedding', () => {
  it.each([
    [[20], {}, [20, 16], 32 * 16],
    [[5], { inputDim: 100, outputDim: 8 }, [5, 8], 800],
    [[1], { inputDim: 2, outputDim: 1 }, [1, 1], 2],
  ] as [number[], Params, Shape, number][])('%j with %j → %j, %i params, as TF.js builds it', async (x, params, shape, n) => {
    expect(shapeOf(Embedding, [x], params)).toEqual(shape);
    expect(count(Embedding, [x], params)).toBe(n);
    const ids = (s: number[]) => tf.randomUniform(s, 0, (params.inputDim as number | undefined) ?? 32, 'int32', 3).cast('float32');
    await checkBuild(single('Embedding', params, x), ids);
  });

  it('keeps an any-length sequence and explains a wrong rank', () => {
    expect(shapeOf(Embedding, [[null]], { outputDim: 8 })).toEqual([null, 8]);
    expect(shapeOf(Embedding, [[4, 4]])).toEqual({ key: 'err.embedding.rank', vars: { shape: '4×4' } });
    expect(errorKey(Embedding, [[]])).toBe('err.embedding.rank');
  });
});

// ---------------------------------------------------------------------------------------------

describe('whole networks', () => {
  it('LeNet-5 has exactly 61,706 parameters, in our analysis and in TF.js', async () => {
    const spec: NetworkSpec = {
      nodes: [
        input('in', [32, 32, 1]),
        node('c1', 'Conv2D', { filters: 6, kernelSize: 5, activation: 'tanh' }, ['in']),
        node('s2', 'AvgPool2D', { poolSize: 2 }, ['c1']),
        node('c3', 'Conv2D', { filters: 16, kernelSize: 5, activation: 'tanh' }, ['s2']),
        node('s4', 'AvgPool2D', { poolSize: 2 }, ['c3']),
        node('flat', 'Flatten', {}, ['s4']),
        node('f5', 'Dense', { units: 120, activation: 'tanh' }, ['flat']),
        node('f6', 'Dense', { units: 84, activation: 'tanh' }, ['f5']),
        node('out', 'Dense', { units: 10, activation: 'softmax' }, ['f6']),
      ],
    };
    const a = await checkBuild(spec);
    expect(a.totalParams).toBe(61_706);
    expect(a.nodes.c1.shape).toEqual([28, 28, 6]);
    expect(a.nodes.s2.shape).toEqual([14, 14, 6]);
    expect(a.nodes.c3.shape).toEqual([10, 10, 16]);
    expect(a.nodes.s4.shape).toEqual([5, 5, 16]);
    expect(a.nodes.flat.shape).toEqual([400]);
    expect(a.nodes.out.shape).toEqual([10]);
  });

  const resnetBlock: NetworkSpec = {
    nodes: [
      input('in', [8, 8, 4]),
      node('conv1', 'Conv2D', { filters: 4, kernelSize: 3, padding: 'same', activation: 'linear' }, ['in']),
      node('bn1', 'BatchNormalization', {}, ['conv1']),
      node('relu1', 'Activation', { activation: 'relu' }, ['bn1']),
      node('conv2', 'Conv2D', { filters: 4, kernelSize: 3, padding: 'same', activation: 'linear' }, ['relu1']),
      node('bn2', 'BatchNormalization', {}, ['conv2']),
      node('add', 'Add', {}, ['bn2', 'in']),
      node('relu2', 'Activation', { activation: 'relu' }, ['add']),
    ],
  };

  it('a small ResNet block analyzes, builds and runs (not on the raw-op fast path)', async () => {
    const a = await checkBuild(resnetBlock);
    expect(a.totalParams).toBe(2 * (3 * 3 * 4 * 4 + 4) + 2 * 4 * 4);
    expect(a.nodes.relu2.shape).toEqual([8, 8, 4]);
    const built = buildModel(tf, resnetBlock);
    try {
      expect(built.fastPath).toBe(false);
      const x = tf.randomNormal([2, 8, 8, 4], 0, 1, 'float32', 1);
      const { output } = built.forward(x, { training: true });
      expect(output.shape).toEqual([2, 8, 8, 4]);
      tf.dispose([x, output]);
    } finally {
      built.dispose();
    }
  });

  it('a ResNet block whose shortcut does not match the shape is explained on the Add', () => {
    const spec: NetworkSpec = {
      nodes: resnetBlock.nodes.map((n) => (n.id === 'conv2' ? { ...n, params: { ...n.params, filters: 8 } } : n)),
    };
    const a = analyze(spec);
    expect(a.errors).toEqual([{ nodeId: 'add', error: { key: 'err.add.shapes', vars: { a: '8×8×8', b: '8×8×4' } } }]);
  });

  it('a DenseNet-style block with Concatenate analyzes, builds and runs', async () => {
    const spec: NetworkSpec = {
      nodes: [
        input('in', [8, 8, 4]),
        node('bn', 'BatchNormalization', {}, ['in']),
        node('act', 'Activation', { activation: 'relu' }, ['bn']),
        node('conv', 'Conv2D', { filters: 6, kernelSize: 3, padding: 'same' }, ['act']),
        node('cat', 'Concatenate', {}, ['in', 'conv']),
        node('conv2', 'Conv2D', { filters: 6, kernelSize: 3, padding: 'same' }, ['cat']),
        node('cat2', 'Concatenate', {}, ['in', 'conv', 'conv2']),
        node('trans', 'Conv2D', { filters: 8, kernelSize: 1 }, ['cat2']),
        node('pool', 'MaxPool2D', {}, ['trans']),
        node('gap', 'GlobalAveragePooling2D', {}, ['pool']),
        node('out', 'Dense', { units: 3, activation: 'softmax' }, ['gap']),
      ],
    };
    const a = await checkBuild(spec);
    expect(a.nodes.cat.shape).toEqual([8, 8, 10]);
    expect(a.nodes.cat2.shape).toEqual([8, 8, 16]);
    expect(a.nodes.pool.shape).toEqual([4, 4, 8]);
    expect(a.totalParams).toBe(4 * 4 + (9 * 4 * 6 + 6) + (9 * 10 * 6 + 6) + (16 * 8 + 8) + (8 * 3 + 3));
  });

  it('a text model (Embedding → Flatten → Dense) and an MLP → Reshape → Conv2D model build', async () => {
    const text: NetworkSpec = {
      nodes: [
        input('tokens', [12]),
        node('emb', 'Embedding', { inputDim: 50, outputDim: 4 }, ['tokens']),
        node('ln', 'LayerNormalization', {}, ['emb']),
        node('flat', 'Flatten', {}, ['ln']),
        node('out', 'Dense', { units: 2, activation: 'softmax' }, ['flat']),
      ],
    };
    const t = await checkBuild(text, (s) => tf.randomUniform(s, 0, 50, 'int32', 5).cast('float32'));
    expect(t.totalParams).toBe(50 * 4 + 2 * 4 + 48 * 2 + 2);
    const image: NetworkSpec = {
      nodes: [
        input('pixels', [64]),
        node('img', 'Reshape', { targetShape: [8, 8, 1] }, ['pixels']),
        node('conv', 'Conv2D', { filters: 3, kernelSize: 3, strides: 2, padding: 'same' }, ['img']),
        node('max', 'MaxPool2D', { poolSize: 3, strides: 1, padding: 'same' }, ['conv']),
        node('flat', 'Flatten', {}, ['max']),
        node('out', 'Dense', { units: 1, activation: 'sigmoid' }, ['flat']),
      ],
    };
    const i = await checkBuild(image);
    expect(i.nodes.max.shape).toEqual([4, 4, 3]);
  });

  it('an error upstream is reported once, at the layer that causes it', () => {
    const spec: NetworkSpec = {
      nodes: [
        input('in', [784]),
        node('conv', 'Conv2D', {}, ['in']),
        node('pool', 'MaxPool2D', {}, ['conv']),
      ],
    };
    expect(analyze(spec).errors).toEqual([{ nodeId: 'conv', error: { key: 'err.conv.rank', vars: { shape: '784' } } }]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('texts', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  const entries = Object.entries(layerMessages) as [string, Entry][];

  it('every type has a name, a description and a tooltip per parameter, in both languages', () => {
    for (const def of TYPES) {
      const keys = [`layer.${def.type}.name`, `layer.${def.type}.desc`, ...def.params.map((p) => `param.${def.type}.${p.name}`)];
      for (const key of keys) {
        expect(isMessageKey(key), key).toBe(true);
        for (const locale of LOCALES) expect(translateDynamic(locale, key).trim().length, `${key} ${locale}`).toBeGreaterThan(0);
      }
    }
  });

  it('uses the same placeholders in both languages, balanced braces, and keys no other area defines', () => {
    const others = new Set([common, controls, errors, charts].flatMap((a) => Object.keys(a)));
    for (const [key, entry] of entries) {
      expect(Object.keys(entry).sort(), key).toEqual([...LOCALES].sort());
      expect(placeholders(entry['zh-CN']), key).toEqual(placeholders(entry.en));
      for (const locale of LOCALES) expect(/[{}]/.test(entry[locale].replace(/\{\w+\}/g, '')), `${key} ${locale}`).toBe(false);
      expect(others.has(key), key).toBe(false);
    }
  });

  it('defines every error these layers produced and fills all of its placeholders', () => {
    const keys = new Set(produced.flatMap((r) => (r.ok ? [] : [r.error.key])));
    expect([...keys].sort()).toEqual(
      [
        'err.add.shapes',
        'err.concat.axis',
        'err.concat.rank',
        'err.concat.shapes',
        'err.conv.channels',
        'err.conv.rank',
        'err.conv.tooSmall',
        'err.embedding.rank',
        'err.flatten.flat',
        'err.flatten.unknown',
        'err.norm.unknownLast',
        'err.pool.rank',
        'err.pool.tooSmall',
        'err.reshape.count',
        'err.reshape.unknown',
      ].sort(),
    );
    for (const r of produced) {
      if (r.ok) continue;
      for (const locale of LOCALES) {
        expect(isMessageKey(r.error.key), r.error.key).toBe(true);
        expect(translateDynamic(locale, r.error.key, r.error.vars), `${r.error.key} ${locale}`).not.toMatch(/\{\w+\}/);
      }
    }
    expect(translateDynamic('en', 'err.reshape.count', { from: '10', n: 10, to: '4×4', m: 16 })).toBe(
      'Reshape cannot turn 10 (10 values) into 4×4 (16 values): the number of values must stay the same.',
    );
    expect(translateDynamic('en', 'err.add.shapes', { a: '14×14×6', b: '7×7×16' })).toBe('Add needs inputs of the same shape: 14×14×6 and 7×7×16');
  });

  it('the catalog holds every type of this file', () => {
    for (const def of TYPES) expect(CATALOG[def.type]).toBe(def);
  });
});
