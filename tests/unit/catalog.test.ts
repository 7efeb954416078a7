import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/models/analysis';
import { CATALOG, defaultParams, formatShape, layerDef, tfActivation, type LayerDef, type Shape } from '../../src/models/catalog';
import { ActivationLayer, Dense, Dropout, Input } from '../../src/models/catalog/core';
import { defaultExperiment } from '../../src/models/defaults';
import { writePlayground } from '../../src/models/playground';
import { ACTIVATIONS, type Activation, type LayerNode, type NetworkSpec } from '../../src/models/spec';
import { activate, BuildError, buildModel } from '../../src/training/model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterAll(() => {
  tf.disposeVariables();
});

const shapeOf = (r: ReturnType<typeof Dense.inferShape>) => (r.ok ? r.shape : r.error);

describe('the catalog registry', () => {
  it('lists every layer type of the contract and looks them up by name only', () => {
    for (const type of ['Input', 'Dense', 'Activation', 'Dropout', 'Flatten', 'Reshape', 'Conv2D', 'MaxPool2D', 'AvgPool2D', 'GlobalAveragePooling2D', 'BatchNormalization', 'LayerNormalization', 'Add', 'Concatenate', 'Embedding']) {
      expect(CATALOG[type]?.type).toBe(type);
    }
    expect(layerDef('Dense')).toBe(Dense);
    expect(layerDef('Activation')).toBe(ActivationLayer);
    expect(layerDef('Conv3D')).toBeUndefined();
    // Inherited Object properties are not layer types.
    expect(layerDef('toString')).toBeUndefined();
    expect(layerDef('__proto__')).toBeUndefined();
  });

  it('gives schema defaults, with fresh copies of array defaults', () => {
    expect(defaultParams(Dense)).toEqual({ units: 4, activation: 'tanh', useBias: true });
    expect(defaultParams(Dropout)).toEqual({ rate: 0.1 });
    expect(defaultParams(ActivationLayer)).toEqual({ activation: 'relu' });
    const a = defaultParams(Input);
    expect(a).toEqual({ shape: [2] });
    (a.shape as number[]).push(9);
    expect(defaultParams(Input)).toEqual({ shape: [2] });
  });

  it('formats shapes for people', () => {
    expect(formatShape([])).toBe('scalar');
    expect(formatShape([14, 14, 6])).toBe('14×14×6');
    expect(formatShape([null, 8])).toBe('?×8');
  });

  it('maps every activation to a TF.js identifier', () => {
    for (const a of ACTIVATIONS) expect(typeof tfActivation(a)).toBe('string');
    expect(tfActivation('relu')).toBe('relu');
    expect(tfActivation('softmax')).toBe('softmax');
  });
});

describe('Input', () => {
  it('passes its shape through as a copy and has no parameters', () => {
    const shape = [7];
    const r = Input.inferShape([], { shape });
    expect(shapeOf(r)).toEqual([7]);
    if (r.ok) expect(r.shape).not.toBe(shape);
    expect(shapeOf(Input.inferShape([], { shape: [28, 28, 1] }))).toEqual([28, 28, 1]);
    expect(Input.paramCount([], { shape: [28, 28, 1] })).toBe(0);
    expect(Input.arity).toEqual([0, 0]);
  });

  it.each([
    ['an empty shape', []],
    ['a zero dimension', [0]],
    ['a negative dimension', [3, -1]],
    ['a fractional dimension', [2.5]],
    ['not an array', 3],
  ])('rejects %s with err.input.shape', (_label, shape) => {
    const r = Input.inferShape([], { shape: shape as number[] });
    expect(r).toEqual({ ok: false, error: { key: 'err.input.shape', vars: undefined } });
  });
});

describe('Dense', () => {
  // The untyped view: these cases also feed it parameters without useBias.
  const dense: LayerDef = Dense;
  const cases: { input: Shape; units: number; useBias?: boolean; shape: Shape; params: number }[] = [
    { input: [2], units: 4, shape: [4], params: 2 * 4 + 4 },
    { input: [7], units: 8, shape: [8], params: 7 * 8 + 8 },
    { input: [16], units: 3, useBias: false, shape: [3], params: 48 },
    { input: [1], units: 1, shape: [1], params: 2 },
    { input: [5, 3], units: 6, shape: [5, 6], params: 3 * 6 + 6 },
    { input: [null, 10], units: 2, shape: [null, 2], params: 22 },
  ];

  it.each(cases)('$input → $units units (bias $useBias) gives $shape and $params params', ({ input, units, useBias, shape, params }) => {
    for (const activation of ACTIVATIONS) {
      const p = { units, activation, ...(useBias === undefined ? {} : { useBias }) };
      expect(shapeOf(dense.inferShape([input], p))).toEqual(shape);
      expect(dense.paramCount([input], p)).toBe(params);
    }
  });

  it('useBias false drops exactly `units` parameters', () => {
    const withBias = dense.paramCount([[9]], { units: 5, activation: 'relu', useBias: true });
    const without = dense.paramCount([[9]], { units: 5, activation: 'relu', useBias: false });
    expect(withBias - without).toBe(5);
  });

  it('does not mutate the input shape', () => {
    const input: Shape = [5, 3];
    dense.inferShape([input], { units: 2, activation: 'tanh' });
    expect(input).toEqual([5, 3]);
  });

  it('refuses a scalar input and an input whose last dimension is unknown', () => {
    expect(dense.inferShape([[]], { units: 3, activation: 'tanh' })).toEqual({ ok: false, error: { key: 'err.dense.scalar', vars: undefined } });
    expect(dense.inferShape([[4, null]], { units: 3, activation: 'tanh' })).toEqual({
      ok: false,
      error: { key: 'err.dense.unknownLast', vars: { shape: '4×?' } },
    });
  });
});

describe('Activation and Dropout', () => {
  it.each([[[2]], [[7]], [[5, 3]], [[null, 4]]] as Shape[][])('keep shape %j and add no parameters', (input) => {
    for (const activation of ACTIVATIONS) {
      const r = ActivationLayer.inferShape([input], { activation });
      expect(shapeOf(r)).toEqual(input);
      if (r.ok) expect(r.shape).not.toBe(input);
      expect(ActivationLayer.paramCount([input], { activation })).toBe(0);
    }
    for (const rate of [0, 0.5, 0.95]) {
      expect(shapeOf(Dropout.inferShape([input], { rate }))).toEqual(input);
      expect(Dropout.paramCount([input], { rate })).toBe(0);
    }
  });

  it('take exactly one input', () => {
    expect(ActivationLayer.arity).toEqual([1, 1]);
    expect(Dropout.arity).toEqual([1, 1]);
    expect(Dense.arity).toEqual([1, 1]);
  });
});

// ---------------------------------------------------------------------------------------------

function chain(inputSize: number, layers: { units: number; activation: Activation }[]): NetworkSpec {
  return writePlayground(
    {
      inputId: 'input',
      hidden: layers.slice(0, -1).map((l, i) => ({ id: `h${i + 1}`, units: l.units, activation: l.activation, dropout: 0 })),
      output: { id: 'output', ...layers[layers.length - 1] },
    },
    inputSize,
  );
}

const withActivationAndDropout: NetworkSpec = {
  nodes: [
    { id: 'in', type: 'Input', params: { shape: [3] }, inputs: [] },
    { id: 'd1', type: 'Dense', params: { units: 5, activation: 'linear', useBias: false }, inputs: ['in'] },
    { id: 'act', type: 'Activation', params: { activation: 'elu' }, inputs: ['d1'] },
    { id: 'drop', type: 'Dropout', params: { rate: 0.3 }, inputs: ['act'] },
    { id: 'd2', type: 'Dense', params: { units: 2, activation: 'sigmoid' }, inputs: ['drop'] },
  ],
};

const NETWORKS: [string, NetworkSpec, number][] = [
  ['the default 2-4-2-1 tanh net', defaultExperiment().network, 2 * 4 + 4 + 4 * 2 + 2 + 2 * 1 + 1],
  [
    'a 7-8×6-1 ReLU net',
    chain(7, [...Array.from({ length: 6 }, () => ({ units: 8, activation: 'relu' as const })), { units: 1, activation: 'tanh' }]),
    7 * 8 + 8 + 5 * (8 * 8 + 8) + 8 + 1,
  ],
  ['a 2-16-3 softmax net', chain(2, [{ units: 16, activation: 'relu' }, { units: 3, activation: 'softmax' }]), 2 * 16 + 16 + 16 * 3 + 3],
  ['a net with Activation and Dropout nodes (and no bias)', withActivationAndDropout, 3 * 5 + 5 * 2 + 2],
];

describe('buildModel', () => {
  it.each(NETWORKS)('%s: TF.js counts the same parameters as analyze()', (_name, spec, expected) => {
    const built = buildModel(tf, spec);
    try {
      expect(analyze(spec).totalParams).toBe(expected);
      expect(built.model.countParams()).toBe(expected);
      expect(built.fastPath).toBe(true);
      expect(built.variables.reduce((s, v) => s + v.size, 0)).toBe(expected);
    } finally {
      built.dispose();
    }
  });

  it('lists the Dense layers in network order with their kernels and biases', () => {
    const built = buildModel(tf, withActivationAndDropout);
    try {
      expect(built.dense.map((d) => d.layerId)).toEqual(['d1', 'd2']);
      expect(built.dense[0].kernel.shape).toEqual([3, 5]);
      expect(built.dense[0].bias).toBeNull();
      expect(built.dense[1].kernel.shape).toEqual([5, 2]);
      expect(built.dense[1].bias?.shape).toEqual([2]);
    } finally {
      built.dispose();
    }
  });

  it('throws a BuildError with an i18n key for an invalid graph and for several outputs', () => {
    const broken: NetworkSpec = { nodes: [...withActivationAndDropout.nodes.slice(0, 1), { id: 'd', type: 'Dense', params: { units: 0 }, inputs: ['in'] }] };
    expect(() => buildModel(tf, broken)).toThrow(BuildError);
    try {
      buildModel(tf, broken);
    } catch (e) {
      expect((e as BuildError).key).toBe('engine.invalidGraph');
      expect((e as BuildError).vars).toEqual({ node: 'd' });
    }
    const twoOutputs: NetworkSpec = {
      nodes: [
        { id: 'in', type: 'Input', params: { shape: [2] }, inputs: [] },
        { id: 'a', type: 'Dense', params: { units: 1, activation: 'tanh' }, inputs: ['in'] },
        { id: 'b', type: 'Dense', params: { units: 1, activation: 'tanh' }, inputs: ['in'] },
      ],
    };
    try {
      buildModel(tf, twoOutputs);
      expect.unreachable('buildModel should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(BuildError);
      expect((e as BuildError).key).toBe('engine.oneOutput');
      expect((e as BuildError).vars).toEqual({ count: 2 });
    }
  });

  it('fills default parameters for a Dense without params', () => {
    const spec: NetworkSpec = {
      nodes: [
        { id: 'in', type: 'Input', params: {}, inputs: [] },
        { id: 'd', type: 'Dense', params: {}, inputs: ['in'] },
      ],
    };
    const built = buildModel(tf, spec);
    try {
      // Input defaults to shape [2], Dense to 4 tanh units with bias.
      expect(built.model.countParams()).toBe(2 * 4 + 4);
      expect(analyze(spec).totalParams).toBe(12);
    } finally {
      built.dispose();
    }
  });
});

describe('the raw-op fast path', () => {
  const x = (shape: number[] = [6, 3]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    return tf.tensor(Array.from({ length: size }, (_, i) => Math.sin(i * 1.7) * 3), shape);
  };

  const single = (activation: Activation, extra: LayerNode[] = []): NetworkSpec => ({
    nodes: [
      { id: 'in', type: 'Input', params: { shape: [3] }, inputs: [] },
      { id: 'd1', type: 'Dense', params: { units: 5, activation }, inputs: ['in'] },
      ...extra,
    ],
  });

  async function compare(spec: NetworkSpec, inputShape?: number[]) {
    const built = buildModel(tf, spec);
    try {
      // Non-trivial biases, so a forgotten bias add would show.
      for (const d of built.dense) if (d.bias) d.bias.assign(tf.linspace(-0.5, 0.5, d.bias.size));
      const input = x(inputShape);
      const fast = built.forward(input, { training: false });
      const slow = built.model.predict(input) as tf.Tensor;
      const [a, b] = [await fast.output.data(), await slow.data()];
      expect(fast.output.shape).toEqual(slow.shape);
      expect(a.length).toBeGreaterThan(0);
      for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 5);
      expect(built.fastPath).toBe(true);
      tf.dispose([input, fast.output, slow]);
    } finally {
      built.dispose();
    }
  }

  it.each(ACTIVATIONS)('matches model.predict for a Dense with %s', async (activation) => {
    await compare(single(activation));
  });

  it.each(ACTIVATIONS)('matches model.predict for an Activation node with %s', async (activation) => {
    await compare(single('linear', [{ id: 'act', type: 'Activation', params: { activation }, inputs: ['d1'] }]));
  });

  it('matches model.predict through Dropout (inference mode) and a bias-free Dense', async () => {
    await compare(withActivationAndDropout);
    await compare(chain(2, [{ units: 16, activation: 'gelu' }, { units: 8, activation: 'leakyRelu' }, { units: 3, activation: 'softmax' }]), [6, 2]);
  });

  it('matches model.predict for a rank-3 input (Dense on the last axis)', async () => {
    const spec: NetworkSpec = {
      nodes: [
        { id: 'in', type: 'Input', params: { shape: [4, 3] }, inputs: [] },
        { id: 'd1', type: 'Dense', params: { units: 5, activation: 'swish' }, inputs: ['in'] },
        { id: 'd2', type: 'Dense', params: { units: 2, activation: 'softmax' }, inputs: ['d1'] },
      ],
    };
    expect(analyze(spec).nodes.d2.shape).toEqual([4, 2]);
    await compare(spec, [6, 4, 3]);
  });

  it('activate() agrees with known values', async () => {
    const v = tf.tensor1d([-2, 0, 3]);
    const get = async (a: Activation) => Array.from(await activate(tf, v, a).data());
    expect(await get('relu')).toEqual([0, 0, 3]);
    const leaky = await get('leakyRelu');
    expect(leaky[0]).toBeCloseTo(-0.4, 6);
    expect(leaky[2]).toBeCloseTo(3, 6);
    expect((await get('linear'))).toEqual([-2, 0, 3]);
    const gelu = await get('gelu');
    expect(gelu[0]).toBeCloseTo(-0.0455003, 5);
    expect(gelu[2]).toBeCloseTo(2.9959502, 5);
    const swish = await get('swish');
    expect(swish[2]).toBeCloseTo(3 / (1 + Math.exp(-3)), 5);
    const soft = await get('softmax');
    expect(soft.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 6);
    v.dispose();
  });

  it('collects every Dense output after its activation', async () => {
    const built = buildModel(tf, defaultExperiment().network);
    try {
      const input = tf.tensor2d([0.5, -1, 2, 0], [2, 2]);
      const { output, hidden } = built.forward(input, { training: false, collect: true });
      expect(hidden.map((h) => h.shape)).toEqual([
        [2, 4],
        [2, 2],
        [2, 1],
      ]);
      expect(Array.from(await hidden[2].data())).toEqual(Array.from(await output.data()));
      for (const h of hidden) for (const v of await h.data()) expect(Math.abs(v)).toBeLessThanOrEqual(1); // tanh
      tf.dispose([input, output, ...hidden]);
    } finally {
      built.dispose();
    }
  });

  it('applies dropout only in training, reproducibly from the seed', async () => {
    const spec = single('linear', [
      { id: 'drop', type: 'Dropout', params: { rate: 0.5 }, inputs: ['d1'] },
      { id: 'out', type: 'Dense', params: { units: 2, activation: 'linear' }, inputs: ['drop'] },
    ]);
    const built = buildModel(tf, spec);
    try {
      const input = tf.ones([64, 3]);
      const read = async (opts: { training: boolean; seed?: number }) => {
        const { output } = built.forward(input, opts);
        const d = Array.from(await output.data());
        output.dispose();
        return d;
      };
      const inference = await read({ training: false });
      expect(await read({ training: false, seed: 9 })).toEqual(inference);
      const a = await read({ training: true, seed: 3 });
      expect(a).not.toEqual(inference);
      expect(await read({ training: true, seed: 3 })).toEqual(a);
      expect(await read({ training: true, seed: 4 })).not.toEqual(a);
      input.dispose();
    } finally {
      built.dispose();
    }
  });
});
