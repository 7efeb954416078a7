import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMessageKey, translate, type MessageKey } from '../../src/i18n';
import { sequenceLayers } from '../../src/i18n/messages/sequenceLayers.messages';
import { analyze } from '../../src/models/analysis';
import { defaultParams, layerDef, type LayerDef, type Params, type Shape } from '../../src/models/catalog';
import { MultiHeadAttention, PositionalEncoding, TransformerDecoderBlock, TransformerEncoderBlock } from '../../src/models/catalog/attention';
import { isAttentionSource, type CrossAttentionSource } from '../../src/models/catalog/multiHeadAttention';
import { sinusoidalTable } from '../../src/models/catalog/positionalEncoding';
import { Bidirectional, GRU, LSTM, SimpleRNN } from '../../src/models/catalog/recurrent';
import type { LayerNode, NetworkSpec } from '../../src/models/spec';
import { buildModel } from '../../src/training/model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterAll(() => {
  tf.disposeVariables();
});

const SEQUENCE_TYPES = [SimpleRNN, LSTM, GRU, Bidirectional, PositionalEncoding, MultiHeadAttention, TransformerEncoderBlock, TransformerDecoderBlock];

const withDefaults = <P extends object>(def: LayerDef<P, string>, params: Partial<P> = {}): P => ({ ...defaultParams(def), ...params });
const infer = (def: LayerDef, inputs: Shape[], params: Params = {}) => {
  const r = def.inferShape(inputs, withDefaults(def, params));
  return r.ok ? r.shape : r.error;
};

/** Random floats in [-1, 1), deterministic. */
function data(shape: number[], seed = 1): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Array.from({ length: size }, (_, i) => Math.sin((i + 1) * 12.9898 * seed) % 1), shape);
}

/** A batch for an Input node: token ids below inputDim when it feeds an Embedding, else floats. */
function inputData(spec: NetworkSpec, input: LayerNode, batch: number, seed: number): tf.Tensor {
  const shape = [batch, ...(input.params.shape as number[])];
  const embedding = spec.nodes.find((n) => n.type === 'Embedding' && n.inputs.includes(input.id));
  if (!embedding) return data(shape, seed);
  const vocab = (embedding.params.inputDim as number) ?? 32;
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Array.from({ length: size }, (_, i) => (i * 7 + seed) % vocab), shape, 'int32');
}

/** Input node(s) → one layer node; returns the spec. */
function single(type: string, params: Params, inputShapes: number[][]): NetworkSpec {
  const inputs: LayerNode[] = inputShapes.map((shape, i) => ({ id: `in${i}`, type: 'Input', params: { shape }, inputs: [] }));
  return { nodes: [...inputs, { id: 'layer', type, params, inputs: inputs.map((n) => n.id) }] };
}

/** Build the spec; TF.js counts analyze()'s parameters, gives the inferred shape, and predict runs. */
function checkBuilt(spec: NetworkSpec, batch = 2) {
  const analysis = analyze(spec);
  expect(analysis.errors).toEqual([]);
  const out = analysis.outputs[0];
  const before = tf.memory().numTensors;
  const built = buildModel(tf, spec);
  try {
    expect(built.model.countParams()).toBe(analysis.totalParams);
    expect(built.model.outputs[0].shape.slice(1)).toEqual(analysis.nodes[out].shape);
    const xs = spec.nodes.filter((n) => n.type === 'Input').map((n, i) => inputData(spec, n, batch, i + 1));
    const y = built.model.predict(xs.length === 1 ? xs[0] : xs) as tf.Tensor;
    expect(y.shape).toEqual([batch, ...(analysis.nodes[out].shape as number[])]);
    for (const v of y.dataSync()) expect(Number.isFinite(v)).toBe(true);
    tf.dispose([...xs, y]);
  } finally {
    built.dispose();
  }
  expect(tf.memory().numTensors).toBe(before);
  return analysis;
}

describe('registration and messages', () => {
  it('registers every sequence type under its name', () => {
    for (const def of SEQUENCE_TYPES) expect(layerDef(def.type)).toBe(def);
    expect(SEQUENCE_TYPES.filter((d) => d.family === 'recurrent').map((d) => d.type)).toEqual(['SimpleRNN', 'LSTM', 'GRU', 'Bidirectional']);
  });

  it('follows the contract defaults', () => {
    expect(defaultParams(SimpleRNN)).toEqual({ units: 16, activation: 'tanh', returnSequences: false });
    expect(defaultParams(LSTM)).toEqual({ units: 16, returnSequences: false });
    expect(defaultParams(GRU)).toEqual({ units: 16, returnSequences: false });
    expect(defaultParams(Bidirectional)).toEqual({ cell: 'LSTM', units: 16, returnSequences: false, mergeMode: 'concat' });
    expect(defaultParams(PositionalEncoding)).toEqual({ encoding: 'sinusoidal', maxLength: 64 });
    expect(defaultParams(MultiHeadAttention)).toEqual({ numHeads: 4, keyDim: 16, causal: false, dropout: 0 });
    expect(defaultParams(TransformerEncoderBlock)).toEqual({ numHeads: 4, keyDim: 16, ffDim: 128, dropout: 0.1, causal: false });
    expect(defaultParams(TransformerDecoderBlock)).toEqual({ numHeads: 4, keyDim: 16, ffDim: 128, dropout: 0.1 });
    expect(MultiHeadAttention.arity).toEqual([1, 2]);
    expect(TransformerDecoderBlock.arity).toEqual([2, 2]);
  });

  it('has a name, a description and a tooltip for every parameter, in both languages', () => {
    for (const def of SEQUENCE_TYPES) {
      const keys = [`layer.${def.type}.name`, `layer.${def.type}.desc`, ...def.params.map((p) => `param.${def.type}.${p.name}`)];
      for (const key of keys) {
        expect(isMessageKey(key), key).toBe(true);
        expect(translate('zh-CN', key as MessageKey)).not.toBe(translate('en', key as MessageKey));
      }
    }
    const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, entry] of Object.entries(sequenceLayers)) expect(placeholders(entry['zh-CN']), key).toEqual(placeholders(entry.en));
  });

  it('fills every placeholder of the errors it produces', () => {
    const errors = [
      LSTM.inferShape([[8]], withDefaults(LSTM)),
      GRU.inferShape([[4, null]], withDefaults(GRU)),
      MultiHeadAttention.inferShape([[4, 8], [5]], withDefaults(MultiHeadAttention)),
      MultiHeadAttention.inferShape([[4, 8, 2]], withDefaults(MultiHeadAttention)),
      PositionalEncoding.inferShape([[100, 8]], withDefaults(PositionalEncoding)),
      PositionalEncoding.inferShape([[10, null]], withDefaults(PositionalEncoding)),
    ];
    for (const r of errors) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      for (const locale of ['en', 'zh-CN'] as const) expect(translate(locale, r.error.key as MessageKey, r.error.vars)).not.toMatch(/\{\w+\}|^err\./);
    }
    const lstm = LSTM.inferShape([[8]], withDefaults(LSTM));
    if (!lstm.ok) {
      expect(translate('en', lstm.error.key as MessageKey, lstm.error.vars)).toBe(
        'LSTM needs a sequence (time steps × features), but it gets 8. Put an Embedding or a Reshape before it.',
      );
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('recurrent shapes and errors', () => {
  it.each([SimpleRNN, LSTM, GRU])('$type gives [T, units] or [units]', (def) => {
    expect(infer(def, [[8, 3]], { units: 5 })).toEqual([5]);
    expect(infer(def, [[8, 3]], { units: 5, returnSequences: true })).toEqual([8, 5]);
    expect(infer(def, [[null, 3]], { units: 7, returnSequences: true })).toEqual([null, 7]);
    expect(infer(def, [[null, 3]], { units: 7 })).toEqual([7]);
    expect(infer(def, [[1, 1]], { units: 1 })).toEqual([1]);
  });

  it.each([SimpleRNN, LSTM, GRU, Bidirectional])('$type refuses inputs that are not [T, F]', (def) => {
    expect(infer(def, [[8]])).toEqual({ key: 'err.rnn.rank', vars: { type: def.type, shape: '8' } });
    expect(infer(def, [[28, 28, 1]])).toEqual({ key: 'err.rnn.rank', vars: { type: def.type, shape: '28×28×1' } });
    expect(infer(def, [[]])).toEqual({ key: 'err.rnn.rank', vars: { type: def.type, shape: 'scalar' } });
    expect(infer(def, [[8, null]])).toEqual({ key: 'err.rnn.unknownFeatures', vars: { type: def.type, shape: '8×?' } });
  });

  it('Bidirectional doubles the size for concat only', () => {
    expect(infer(Bidirectional, [[8, 3]], { units: 5 })).toEqual([10]);
    expect(infer(Bidirectional, [[8, 3]], { units: 5, returnSequences: true })).toEqual([8, 10]);
    expect(infer(Bidirectional, [[null, 3]], { units: 5, returnSequences: true, mergeMode: 'sum' })).toEqual([null, 5]);
    for (const mergeMode of ['sum', 'mul', 'ave']) expect(infer(Bidirectional, [[8, 3]], { units: 5, mergeMode })).toEqual([5]);
  });

  it('counts parameters by hand', () => {
    // SimpleRNN: F·u + u·u + u; LSTM ×4; GRU ×3 (TF.js: resetAfter false, one bias).
    expect(SimpleRNN.paramCount([[8, 3]], withDefaults(SimpleRNN, { units: 5 }))).toBe(3 * 5 + 25 + 5);
    expect(LSTM.paramCount([[8, 3]], withDefaults(LSTM, { units: 5 }))).toBe(4 * 45);
    expect(GRU.paramCount([[8, 3]], withDefaults(GRU, { units: 5 }))).toBe(3 * 45);
    expect(Bidirectional.paramCount([[8, 3]], withDefaults(Bidirectional, { units: 5, cell: 'GRU' }))).toBe(2 * 3 * 45);
  });
});

describe('recurrent layers built by TF.js', () => {
  it.each([
    ['SimpleRNN', { units: 5, activation: 'relu' }, [8, 3]],
    ['SimpleRNN', { units: 4, activation: 'leakyRelu', returnSequences: true }, [6, 2]],
    ['LSTM', { units: 8 }, [8, 1]],
    ['LSTM', { units: 3, returnSequences: true }, [5, 4]],
    ['GRU', { units: 6 }, [7, 3]],
    ['GRU', { units: 2, returnSequences: true }, [4, 5]],
  ] as const)('%s %j on %j', (type, params, shape) => {
    checkBuilt(single(type, params, [[...shape]]));
  });

  it.each(['LSTM', 'GRU', 'SimpleRNN'].flatMap((cell) => ['concat', 'sum', 'mul', 'ave'].map((mergeMode, i) => [cell, mergeMode, i % 2 === 0])))(
    'Bidirectional %s %s (returnSequences %s)',
    (cell, mergeMode, returnSequences) => {
      checkBuilt(single('Bidirectional', { cell, mergeMode, returnSequences, units: 3 }, [[5, 2]]));
    },
  );

  it('GRU: TF.js has no resetAfter, so its count is 3·(F·u + u·u + u)', () => {
    const a = checkBuilt(single('GRU', { units: 4 }, [[6, 3]]));
    expect(a.totalParams).toBe(3 * (3 * 4 + 16 + 4));
  });

  it('stacks: LSTM(returnSequences) → GRU → Dense', () => {
    checkBuilt({
      nodes: [
        { id: 'in', type: 'Input', params: { shape: [6, 2] }, inputs: [] },
        { id: 'a', type: 'LSTM', params: { units: 4, returnSequences: true }, inputs: ['in'] },
        { id: 'b', type: 'GRU', params: { units: 3 }, inputs: ['a'] },
        { id: 'c', type: 'Dense', params: { units: 2, activation: 'softmax' }, inputs: ['b'] },
      ],
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('attention shapes and errors', () => {
  it('PositionalEncoding keeps the shape and checks maxLength', () => {
    expect(infer(PositionalEncoding, [[10, 8]])).toEqual([10, 8]);
    expect(infer(PositionalEncoding, [[null, 8]])).toEqual([null, 8]);
    expect(infer(PositionalEncoding, [[64, 8]])).toEqual([64, 8]);
    expect(infer(PositionalEncoding, [[65, 8]])).toEqual({ key: 'err.attention.tooLong', vars: { length: 65, maxLength: 64 } });
    expect(infer(PositionalEncoding, [[5, 8]], { encoding: 'learned', maxLength: 4 })).toEqual({ key: 'err.attention.tooLong', vars: { length: 5, maxLength: 4 } });
    expect(infer(PositionalEncoding, [[8]])).toEqual({ key: 'err.attention.rank', vars: { type: 'PositionalEncoding', shape: '8' } });
    expect(infer(PositionalEncoding, [[4, null]])).toEqual({ key: 'err.attention.unknownDim', vars: { type: 'PositionalEncoding', shape: '4×?' } });
    expect(PositionalEncoding.paramCount([[10, 8]], withDefaults(PositionalEncoding))).toBe(0);
    expect(PositionalEncoding.paramCount([[10, 8]], withDefaults(PositionalEncoding, { encoding: 'learned', maxLength: 20 }))).toBe(160);
  });

  it('MultiHeadAttention keeps the query shape, for self- and cross-attention', () => {
    expect(infer(MultiHeadAttention, [[6, 8]])).toEqual([6, 8]);
    expect(infer(MultiHeadAttention, [[null, 8]], { causal: true })).toEqual([null, 8]);
    expect(infer(MultiHeadAttention, [[6, 8], [9, 3]])).toEqual([6, 8]);
    expect(infer(MultiHeadAttention, [[null, 8], [null, 3]])).toEqual([null, 8]);
    expect(infer(MultiHeadAttention, [[6, 8, 1]])).toEqual({ key: 'err.attention.rank', vars: { type: 'MultiHeadAttention', shape: '6×8×1' } });
    expect(infer(MultiHeadAttention, [[6, 8], [9]])).toEqual({ key: 'err.attention.keyRank', vars: { type: 'MultiHeadAttention', shape: '9' } });
    expect(infer(MultiHeadAttention, [[6, 8], [9, null]])).toEqual({ key: 'err.attention.unknownDim', vars: { type: 'MultiHeadAttention', shape: '9×?' } });
  });

  it('MultiHeadAttention counts q/k/v and output projections with biases, as Keras', () => {
    const p = withDefaults(MultiHeadAttention, { numHeads: 2, keyDim: 3 });
    // D=8, h·k=6: q, k, v 8·6+6 each; output 6·8+8.
    expect(MultiHeadAttention.paramCount([[5, 8]], p)).toBe(3 * (8 * 6 + 6) + 6 * 8 + 8);
    // Cross: key/value from D'=4.
    expect(MultiHeadAttention.paramCount([[5, 8], [7, 4]], p)).toBe(8 * 6 + 6 + 2 * (4 * 6 + 6) + 6 * 8 + 8);
  });

  it('Transformer blocks keep the target shape', () => {
    expect(infer(TransformerEncoderBlock, [[6, 8]])).toEqual([6, 8]);
    expect(infer(TransformerEncoderBlock, [[null, 8]])).toEqual([null, 8]);
    expect(infer(TransformerEncoderBlock, [[8]])).toEqual({ key: 'err.attention.rank', vars: { type: 'TransformerEncoderBlock', shape: '8' } });
    expect(infer(TransformerDecoderBlock, [[6, 8], [9, 8]])).toEqual([6, 8]);
    expect(infer(TransformerDecoderBlock, [[null, 8], [null, 4]])).toEqual([null, 8]);
    expect(infer(TransformerDecoderBlock, [[6, 8], [9, 8, 1]])).toEqual({ key: 'err.attention.keyRank', vars: { type: 'TransformerDecoderBlock', shape: '9×8×1' } });
    const d = 8;
    const mha = 3 * (d * 4 + 4) + 4 * d + d; // numHeads 2 × keyDim 2
    const ffn = d * 16 + 16 + 16 * d + d;
    const p = { numHeads: 2, keyDim: 2, ffDim: 16 };
    expect(TransformerEncoderBlock.paramCount([[6, d]], withDefaults(TransformerEncoderBlock, p))).toBe(mha + ffn + 4 * d);
    const cross = d * 4 + 4 + 2 * (5 * 4 + 4) + 4 * d + d; // encoder output D' = 5
    expect(TransformerDecoderBlock.paramCount([[6, d], [9, 5]], withDefaults(TransformerDecoderBlock, p))).toBe(mha + cross + ffn + 6 * d);
  });
});

describe('attention layers built by TF.js', () => {
  it.each([
    ['PositionalEncoding', {}, [[6, 8]]],
    ['PositionalEncoding', { encoding: 'learned', maxLength: 10 }, [[6, 8]]],
    ['PositionalEncoding', { encoding: 'sinusoidal', maxLength: 5 }, [[5, 3]]],
    ['MultiHeadAttention', {}, [[6, 8]]],
    ['MultiHeadAttention', { numHeads: 3, keyDim: 2, causal: true, dropout: 0.2 }, [[5, 4]]],
    ['MultiHeadAttention', { numHeads: 2, keyDim: 5 }, [[4, 6], [7, 3]]],
    ['MultiHeadAttention', { numHeads: 1, keyDim: 4, causal: true }, [[4, 6], [7, 3]]],
    ['TransformerEncoderBlock', { numHeads: 2, keyDim: 4, ffDim: 16 }, [[6, 8]]],
    ['TransformerEncoderBlock', { numHeads: 1, keyDim: 3, ffDim: 5, causal: true, dropout: 0 }, [[4, 6]]],
    ['TransformerDecoderBlock', { numHeads: 2, keyDim: 4, ffDim: 16 }, [[5, 8], [7, 8]]],
    ['TransformerDecoderBlock', { numHeads: 2, keyDim: 3, ffDim: 8 }, [[5, 6], [3, 4]]],
  ] as const)('%s %j on %j', (type, params, shapes) => {
    checkBuilt(single(type, params, shapes.map((s) => [...s])));
  });

  it('builds a full encoder–decoder graph', () => {
    checkBuilt({
      nodes: [
        { id: 'src', type: 'Input', params: { shape: [7, 8] }, inputs: [] },
        { id: 'tgt', type: 'Input', params: { shape: [5, 8] }, inputs: [] },
        { id: 'pe1', type: 'PositionalEncoding', params: { encoding: 'learned', maxLength: 16 }, inputs: ['src'] },
        { id: 'pe2', type: 'PositionalEncoding', params: {}, inputs: ['tgt'] },
        { id: 'enc', type: 'TransformerEncoderBlock', params: { numHeads: 2, keyDim: 4, ffDim: 16 }, inputs: ['pe1'] },
        { id: 'dec', type: 'TransformerDecoderBlock', params: { numHeads: 2, keyDim: 4, ffDim: 16 }, inputs: ['pe2', 'enc'] },
        { id: 'out', type: 'Dense', params: { units: 3, activation: 'softmax' }, inputs: ['dec'] },
      ],
    });
  });

  it('runs on Embedding-fed token sequences: Embedding → PositionalEncoding → encoder → Bidirectional LSTM', () => {
    const a = checkBuilt({
      nodes: [
        { id: 'tokens', type: 'Input', params: { shape: [10] }, inputs: [] },
        { id: 'emb', type: 'Embedding', params: { inputDim: 20, outputDim: 8 }, inputs: ['tokens'] },
        { id: 'pe', type: 'PositionalEncoding', params: { maxLength: 16 }, inputs: ['emb'] },
        { id: 'enc', type: 'TransformerEncoderBlock', params: { numHeads: 2, keyDim: 4, ffDim: 16 }, inputs: ['pe'] },
        { id: 'bi', type: 'Bidirectional', params: { units: 3, returnSequences: true }, inputs: ['enc'] },
        { id: 'gru', type: 'GRU', params: { units: 5 }, inputs: ['bi'] },
      ],
    });
    expect(a.nodes.bi.shape).toEqual([10, 6]);
    expect(a.nodes.gru.shape).toEqual([5]);
  });

  it('registers the custom layers for serialization and round-trips a model through JSON', async () => {
    const spec = single('TransformerEncoderBlock', { numHeads: 2, keyDim: 4, ffDim: 16, causal: true }, [[6, 8]]);
    const built = buildModel(tf, spec);
    try {
      const map = tf.serialization.SerializationMap.getMap().classNameMap;
      for (const name of ['PositionalEncoding', 'MultiHeadAttention', 'TransformerEncoderBlock', 'TransformerDecoderBlock']) expect(map[name]).toBeDefined();
      const copy = await tf.models.modelFromJSON({ modelTopology: built.model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
      expect(copy.countParams()).toBe(built.model.countParams());
      const layer = copy.getLayer('layer') as unknown as { getConfig(): Record<string, unknown> };
      expect(layer.getConfig()).toMatchObject({ numHeads: 2, keyDim: 4, ffDim: 16, causal: true, dropout: 0.1 });
      copy.dispose();
    } finally {
      built.dispose();
    }
  });

  it('throws at run time when a sequence is longer than maxLength', () => {
    const built = buildModel(tf, single('PositionalEncoding', { maxLength: 4 }, [[4, 2]]));
    try {
      const x = tf.zeros([1, 5, 2]);
      expect(() => built.model.layers[1].apply(x)).toThrow(/maxLength/);
      x.dispose();
    } finally {
      built.dispose();
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('hand-worked values', () => {
  it('the sinusoidal encoding for D=4, T=3 matches the formula', async () => {
    // PE[pos, 2i] = sin(pos / 10000^(2i/4)), PE[pos, 2i+1] = cos(…): frequencies 1 and 1/100.
    const expected = [
      [0, 1, 0, 1],
      [0.841471, 0.540302, 0.01, 0.99995],
      [0.909297, -0.416147, 0.019999, 0.9998],
    ];
    expect(Math.sin(1)).toBeCloseTo(0.841471, 6);
    expect(Math.cos(1)).toBeCloseTo(0.540302, 6);
    expect(Math.sin(1 / 100)).toBeCloseTo(0.0099998, 6);
    expect(Math.cos(2 / 100)).toBeCloseTo(0.9998, 6);
    const table = sinusoidalTable(3, 4);
    for (let p = 0; p < 3; p++) for (let j = 0; j < 4; j++) expect(table[p * 4 + j]).toBeCloseTo(expected[p][j], 5);

    // The layer adds it to its input: zeros in → the table out; ones in → table + 1.
    const built = buildModel(tf, single('PositionalEncoding', { encoding: 'sinusoidal', maxLength: 8 }, [[3, 4]]));
    try {
      const x = tf.stack([tf.zeros([3, 4]), tf.ones([3, 4])]);
      const y = built.model.predict(x) as tf.Tensor;
      const v = (await y.array()) as number[][][];
      for (let p = 0; p < 3; p++) {
        for (let j = 0; j < 4; j++) {
          expect(v[0][p][j]).toBeCloseTo(expected[p][j], 5);
          expect(v[1][p][j]).toBeCloseTo(expected[p][j] + 1, 5);
        }
      }
      tf.dispose([x, y]);
    } finally {
      built.dispose();
    }
  });

  it('the learned encoding adds its trainable table', async () => {
    const built = buildModel(tf, single('PositionalEncoding', { encoding: 'learned', maxLength: 5 }, [[3, 2]]));
    try {
      const layer = built.model.getLayer('layer');
      expect(layer.trainableWeights.map((w) => w.shape)).toEqual([[5, 2]]);
      layer.setWeights([tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]])]);
      const x = tf.ones([1, 3, 2]);
      const y = built.model.predict(x) as tf.Tensor;
      expect(await y.array()).toEqual([[[2, 3], [4, 5], [6, 7]]]);
      tf.dispose([x, y]);
    } finally {
      built.dispose();
    }
  });

  // 3 tokens of D = 2, one head with keyDim 2, identity q/k/v projections and zero biases:
  // Q = K = V = X, scores = X·Xᵀ/√2.
  const X = [
    [1, 0],
    [0, 1],
    [1, 1],
  ];
  const Wo = [
    [2, 0],
    [1, -1],
  ];
  const bo = [0.5, -0.5];
  const softmax = (row: number[]) => {
    const e = row.map(Math.exp);
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  };

  async function attention(causal: boolean) {
    const built = buildModel(tf, single('MultiHeadAttention', { numHeads: 1, keyDim: 2, causal, dropout: 0.5 }, [[3, 2]]));
    const layer = built.model.getLayer('layer');
    // Weight names are `<layer>/<name>`, plus a `_N` suffix when TF.js has seen the name before.
    const names = layer.weights.map((w) => w.name.split('/').pop()!.replace(/_\d+$/, ''));
    expect(names).toEqual(['query_kernel', 'query_bias', 'key_kernel', 'key_bias', 'value_kernel', 'value_bias', 'output_kernel', 'output_bias']);
    const eye = tf.eye(2);
    const zero = tf.zeros([2]);
    const wo = tf.tensor2d(Wo);
    const b = tf.tensor1d(bo);
    layer.setWeights([eye, zero, eye, zero, eye, zero, wo, b]);
    tf.dispose([eye, zero, wo, b]);
    expect(isAttentionSource(layer)).toBe(true);
    const source = layer as unknown as CrossAttentionSource;
    expect(source.lastAttention()).toBeNull();
    const x = tf.tensor3d([X]);
    // Dropout 0.5 must not act at inference.
    const y = built.model.predict(x) as tf.Tensor;
    const out = ((await y.array()) as number[][][])[0];
    const w = source.lastAttention()!;
    expect(w.shape).toEqual([1, 1, 3, 3]);
    const weights = ((await w.array()) as number[][][][])[0][0];
    tf.dispose([x, y, w]);
    built.dispose();
    return { out, weights };
  }

  const expectedOutput = (weights: number[][]) =>
    weights.map((row) => {
      const ctx = [0, 1].map((j) => row.reduce((s, wt, t) => s + wt * X[t][j], 0)); // weights · V
      return [0, 1].map((o) => ctx[0] * Wo[0][o] + ctx[1] * Wo[1][o] + bo[o]); // · W_o + b_o
    });

  it('multi-head attention: weights = softmax(QKᵀ/√k), output = weights·V·W_o + b_o', async () => {
    const { out, weights } = await attention(false);
    const r = Math.SQRT1_2; // 1/√2
    // X·Xᵀ = [[1,0,1],[0,1,1],[1,1,2]].
    const expected = [softmax([r, 0, r]), softmax([0, r, r]), softmax([r, r, 2 * r])];
    // Row 0 by hand: e^{0.7071} = 2.028115, sum = 5.056230.
    expect(expected[0][0]).toBeCloseTo(0.401117, 5);
    expect(expected[0][1]).toBeCloseTo(0.197776, 5);
    for (let i = 0; i < 3; i++) {
      expect(weights[i].reduce((a, v) => a + v, 0)).toBeCloseTo(1, 6);
      for (let j = 0; j < 3; j++) expect(weights[i][j]).toBeCloseTo(expected[i][j], 5);
    }
    const want = expectedOutput(expected);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) expect(out[i][j]).toBeCloseTo(want[i][j], 5);
  });

  it('causal attention: nothing above the diagonal, the first token sees only itself', async () => {
    const { out, weights } = await attention(true);
    const r = Math.SQRT1_2;
    expect(weights[0]).toEqual([1, 0, 0]);
    expect(weights[1][2]).toBe(0);
    const row1 = softmax([0, r]);
    expect(weights[1][0]).toBeCloseTo(row1[0], 6);
    expect(weights[1][1]).toBeCloseTo(row1[1], 6);
    const row2 = softmax([r, r, 2 * r]);
    for (let j = 0; j < 3; j++) expect(weights[2][j]).toBeCloseTo(row2[j], 6);
    for (const row of weights) expect(row.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 6);
    const want = expectedOutput([[1, 0, 0], [...row1, 0], row2]);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) expect(out[i][j]).toBeCloseTo(want[i][j], 5);
  });

  it('attention weights of the Transformer blocks, with memory released on dispose', () => {
    const spec: NetworkSpec = {
      nodes: [
        { id: 'src', type: 'Input', params: { shape: [4, 6] }, inputs: [] },
        { id: 'tgt', type: 'Input', params: { shape: [3, 6] }, inputs: [] },
        { id: 'enc', type: 'TransformerEncoderBlock', params: { numHeads: 2, keyDim: 3, ffDim: 8 }, inputs: ['src'] },
        { id: 'dec', type: 'TransformerDecoderBlock', params: { numHeads: 2, keyDim: 3, ffDim: 8 }, inputs: ['tgt', 'enc'] },
      ],
    };
    const before = tf.memory().numTensors;
    const built = buildModel(tf, spec);
    const enc = built.model.getLayer('enc') as unknown as CrossAttentionSource;
    const dec = built.model.getLayer('dec') as unknown as CrossAttentionSource;
    const xs = [data([2, 4, 6]), data([2, 3, 6], 2)];
    // Training calls record nothing.
    const t = built.forward(xs as unknown as tf.Tensor, { training: true }).output;
    expect(enc.lastAttention()).toBeNull();
    expect(dec.lastCrossAttention()).toBeNull();
    const y = built.model.predict(xs) as tf.Tensor;
    const [e, s, c] = [enc.lastAttention()!, dec.lastAttention()!, dec.lastCrossAttention()!];
    expect(e.shape).toEqual([2, 2, 4, 4]);
    expect(s.shape).toEqual([2, 2, 3, 3]);
    expect(c.shape).toEqual([2, 2, 3, 4]);
    // The decoder's self-attention is causal.
    const sv = s.arraySync() as number[][][][];
    for (const head of sv.flat()) expect(head[0]).toEqual([1, 0, 0]);
    for (const row of (c.arraySync() as number[][][][]).flat(2)) expect(row.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 5);
    tf.dispose([t, y, e, s, c, ...xs]);
    built.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------------

/** Train a few adam steps on random data; loss finite and no tensors leak across steps. */
function train(spec: NetworkSpec, inputShape: number[], classes: number, x = data([16, ...inputShape], 3)) {
  const built = buildModel(tf, spec);
  try {
    const labels = tf.oneHot(tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % classes), 'int32'), classes);
    const optimizer = tf.train.adam(0.01);
    const step = () =>
      tf.tidy(() => {
        const loss = optimizer.minimize(
          () => {
            const p = built.forward(x, { training: true }).output;
            return tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.log(tf.add(p, 1e-7))), -1))) as tf.Scalar;
          },
          true,
          built.variables,
        )!;
        return loss.dataSync()[0];
      });
    const first = step(); // creates adam's slots
    const before = tf.memory().numTensors;
    let last = first;
    for (let i = 0; i < 20; i++) last = step();
    expect(tf.memory().numTensors).toBe(before);
    expect(Number.isFinite(first)).toBe(true);
    expect(Number.isFinite(last)).toBe(true);
    optimizer.dispose();
    tf.dispose([x, labels]);
    return { first, last };
  } finally {
    built.dispose();
  }
}

describe('training', () => {
  it('an LSTM sequence classifier trains with adam', () => {
    const { first, last } = train(
      {
        nodes: [
          { id: 'in', type: 'Input', params: { shape: [8, 1] }, inputs: [] },
          { id: 'lstm', type: 'LSTM', params: { units: 8 }, inputs: ['in'] },
          { id: 'out', type: 'Dense', params: { units: 2, activation: 'softmax' }, inputs: ['lstm'] },
        ],
      },
      [8, 1],
      2,
    );
    expect(last).toBeLessThan(first);
  });

  it('a tiny Transformer encoder classifier trains with adam (LSTM as the pooling)', () => {
    const { first, last } = train(
      {
        nodes: [
          { id: 'in', type: 'Input', params: { shape: [6, 8] }, inputs: [] },
          { id: 'pe', type: 'PositionalEncoding', params: { encoding: 'learned', maxLength: 8 }, inputs: ['in'] },
          { id: 'enc', type: 'TransformerEncoderBlock', params: { numHeads: 2, keyDim: 4, ffDim: 16, dropout: 0.1 }, inputs: ['pe'] },
          { id: 'pool', type: 'LSTM', params: { units: 4 }, inputs: ['enc'] },
          { id: 'out', type: 'Dense', params: { units: 2, activation: 'softmax' }, inputs: ['pool'] },
        ],
      },
      [6, 8],
      2,
    );
    expect(Number.isFinite(last - first)).toBe(true);
  });

  it('a token classifier trains: Embedding → PositionalEncoding → TransformerEncoderBlock → Flatten → Dense', () => {
    const spec: NetworkSpec = {
      nodes: [
        { id: 'in', type: 'Input', params: { shape: [6] }, inputs: [] },
        { id: 'emb', type: 'Embedding', params: { inputDim: 12, outputDim: 8 }, inputs: ['in'] },
        { id: 'pe', type: 'PositionalEncoding', params: {}, inputs: ['emb'] },
        { id: 'enc', type: 'TransformerEncoderBlock', params: { numHeads: 2, keyDim: 4, ffDim: 16 }, inputs: ['pe'] },
        { id: 'flat', type: 'Flatten', params: {}, inputs: ['enc'] },
        { id: 'out', type: 'Dense', params: { units: 2, activation: 'softmax' }, inputs: ['flat'] },
      ],
    };
    train(spec, [6], 2, inputData(spec, spec.nodes[0], 16, 5));
  });

  it('a Bidirectional GRU and a causal MultiHeadAttention with dropout train too', () => {
    train(
      {
        nodes: [
          { id: 'in', type: 'Input', params: { shape: [5, 3] }, inputs: [] },
          { id: 'bi', type: 'Bidirectional', params: { cell: 'GRU', units: 4, returnSequences: true }, inputs: ['in'] },
          { id: 'mha', type: 'MultiHeadAttention', params: { numHeads: 2, keyDim: 2, causal: true, dropout: 0.2 }, inputs: ['bi'] },
          { id: 'rnn', type: 'SimpleRNN', params: { units: 3 }, inputs: ['mha'] },
          { id: 'out', type: 'Dense', params: { units: 3, activation: 'softmax' }, inputs: ['rnn'] },
        ],
      },
      [5, 3],
      3,
    );
  });
});

describe('training-mode behaviour', () => {
  it('attention dropout acts only in training', async () => {
    const built = buildModel(tf, single('MultiHeadAttention', { numHeads: 2, keyDim: 4, dropout: 0.5 }, [[6, 8]]));
    try {
      const x = data([2, 6, 8]);
      const read = (training: boolean) => {
        const y = built.forward(x, { training }).output;
        const v = Array.from(y.dataSync());
        y.dispose();
        return v;
      };
      const inference = read(false);
      expect(read(false)).toEqual(inference);
      expect(read(true)).not.toEqual(inference);
      x.dispose();
    } finally {
      built.dispose();
    }
  });

  it('every weight of the Transformer blocks gets a finite, non-zero gradient', () => {
    const spec: NetworkSpec = {
      nodes: [
        { id: 'src', type: 'Input', params: { shape: [4, 6] }, inputs: [] },
        { id: 'tgt', type: 'Input', params: { shape: [3, 6] }, inputs: [] },
        { id: 'pe', type: 'PositionalEncoding', params: { encoding: 'learned', maxLength: 4 }, inputs: ['src'] },
        { id: 'enc', type: 'TransformerEncoderBlock', params: { numHeads: 2, keyDim: 3, ffDim: 8, dropout: 0 }, inputs: ['pe'] },
        { id: 'dec', type: 'TransformerDecoderBlock', params: { numHeads: 2, keyDim: 3, ffDim: 8, dropout: 0 }, inputs: ['tgt', 'enc'] },
        { id: 'out', type: 'Dense', params: { units: 2, activation: 'tanh' }, inputs: ['dec'] },
      ],
    };
    const built = buildModel(tf, spec);
    try {
      const xs = [data([2, 4, 6]), data([2, 3, 6], 2)];
      const target = data([2, 3, 2], 3);
      const { value, grads } = tf.variableGrads(
        () => tf.mean(tf.square(tf.sub(built.forward(xs as unknown as tf.Tensor, { training: true }).output, target))) as tf.Scalar,
        built.variables,
      );
      expect(Object.keys(grads).length).toBe(built.variables.length);
      for (const v of built.variables) {
        const g = grads[v.name].dataSync();
        expect(g.every(Number.isFinite), v.name).toBe(true);
        expect(g.some((e) => e !== 0), v.name).toBe(true);
      }
      tf.dispose([value, ...Object.values(grads), ...xs, target]);
    } finally {
      built.dispose();
    }
  });
});
