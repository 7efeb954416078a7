import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/models/analysis';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange, diffExperiment, type SpecChange } from '../../src/models/edits';
import {
  freshLayerId,
  MAX_HIDDEN_LAYERS,
  MAX_UNITS,
  readPlayground,
  writePlayground,
  type PlaygroundNetwork,
} from '../../src/models/playground';
import { FEATURE_IDS, type Experiment, type FeatureId } from '../../src/models/spec';
import { datasetMismatch } from '../../src/models/fit';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const apply = (exp: Experiment, ...changes: SpecChange[]) => changes.reduce(applyChange, exp);
const pg = (exp: Experiment) => readPlayground(exp.network)!;
const inputShape = (exp: Experiment) => exp.network.nodes.find((n) => n.type === 'Input')!.params.shape;

describe('dataset changes', () => {
  it('switching to blobs makes a softmax output with one unit per class and cross-entropy', () => {
    const exp = apply(defaultExperiment(), { type: 'dataset', patch: { kind: 'blobs' } });
    expect(exp.dataset.kind).toBe('blobs');
    expect(pg(exp).output).toEqual({ id: 'output', units: 3, activation: 'softmax' });
    expect(exp.training.loss).toBe('crossEntropy');
    expect(datasetMismatch(exp)).toBeNull();
    expect(analyze(exp.network).errors).toEqual([]);
  });

  it('changing the number of classes resizes the output', () => {
    const exp = apply(defaultExperiment(), { type: 'dataset', patch: { kind: 'blobs' } }, { type: 'dataset', patch: { classes: 5 } });
    expect(pg(exp).output.units).toBe(5);
    expect(exp.training.loss).toBe('crossEntropy');
  });

  it('going back to circle gives one tanh unit and mse', () => {
    const exp = apply(defaultExperiment(), { type: 'dataset', patch: { kind: 'blobs', classes: 4 } }, { type: 'dataset', patch: { kind: 'circle' } });
    expect(pg(exp).output).toEqual({ id: 'output', units: 1, activation: 'tanh' });
    expect(exp.training.loss).toBe('mse');
    expect(datasetMismatch(exp)).toBeNull();
  });

  it('regression keeps a valid output activation and uses mse', () => {
    let exp = apply(defaultExperiment(), { type: 'setOutputActivation', activation: 'sigmoid' });
    expect(pg(exp).output.activation).toBe('sigmoid');
    exp = apply(exp, { type: 'dataset', patch: { kind: 'plane' } });
    expect(pg(exp).output).toEqual({ id: 'output', units: 1, activation: 'linear' });
    expect(exp.training.loss).toBe('mse');
  });

  it('keeps a learner-picked loss when the task does not change', () => {
    let exp = apply(defaultExperiment(), { type: 'training', patch: { loss: 'crossEntropy' } });
    exp = apply(exp, { type: 'dataset', patch: { kind: 'xor' } });
    expect(exp.training.loss).toBe('crossEntropy');
    exp = apply(exp, { type: 'dataset', patch: { noise: 20 } });
    expect(exp.training.loss).toBe('crossEntropy');
  });

  it('clamps dataset numbers into their ranges', () => {
    const exp = apply(defaultExperiment(), { type: 'dataset', patch: { numPoints: 5, noise: 80, trainRatio: 1, classes: 9.4 } });
    expect(exp.dataset).toMatchObject({ numPoints: 20, noise: 50, trainRatio: 0.9, classes: 5 });
    const low = apply(defaultExperiment(), { type: 'dataset', patch: { numPoints: 99999, noise: -3, trainRatio: 0, classes: 1 } });
    expect(low.dataset).toMatchObject({ numPoints: 2000, noise: 0, trainRatio: 0.1, classes: 3 });
    expect(apply(defaultExperiment(), { type: 'dataset', patch: { numPoints: 333.6 } }).dataset.numPoints).toBe(334);
  });
});

describe('toggleFeature', () => {
  it('adds features in canonical order and resizes the Input', () => {
    let exp = apply(defaultExperiment(), { type: 'toggleFeature', feature: 'sinX2' }, { type: 'toggleFeature', feature: 'x1Sq' });
    expect(exp.dataset.features).toEqual(['x1', 'x2', 'x1Sq', 'sinX2']);
    expect(inputShape(exp)).toEqual([4]);
    expect(analyze(exp.network).nodes.h1.params).toBe(4 * 4 + 4);
    exp = apply(exp, { type: 'toggleFeature', feature: 'x1' });
    expect(exp.dataset.features).toEqual(['x2', 'x1Sq', 'sinX2']);
    expect(inputShape(exp)).toEqual([3]);
  });

  it('can enable all seven features, in FEATURE_IDS order', () => {
    const all = [...FEATURE_IDS].reverse().reduce((e, f) => (e.dataset.features.includes(f) ? e : applyChange(e, { type: 'toggleFeature', feature: f })), defaultExperiment());
    expect(all.dataset.features).toEqual([...FEATURE_IDS]);
    expect(inputShape(all)).toEqual([7]);
  });

  it('refuses to remove the last feature', () => {
    const one = apply(defaultExperiment(), { type: 'toggleFeature', feature: 'x1' });
    expect(one.dataset.features).toEqual(['x2']);
    const same = applyChange(one, { type: 'toggleFeature', feature: 'x2' });
    expect(same).toBe(one);
    expect(same.dataset.features).toEqual(['x2']);
    expect(inputShape(same)).toEqual([1]);
  });
});

describe('layer edits', () => {
  it('adds hidden layers up to 8, copying the last activation, with fresh ids', () => {
    let exp = apply(defaultExperiment(), { type: 'setActivation', index: 'all', activation: 'relu' });
    for (let i = 0; i < 10; i++) exp = applyChange(exp, { type: 'addLayer' });
    const net = pg(exp);
    expect(net.hidden).toHaveLength(MAX_HIDDEN_LAYERS);
    expect(MAX_HIDDEN_LAYERS).toBe(8);
    expect(new Set(exp.network.nodes.map((n) => n.id)).size).toBe(exp.network.nodes.length);
    expect(net.hidden[2]).toMatchObject({ units: 2, activation: 'relu', dropout: 0 });
    expect(net.output.id).toBe('output');
    expect(analyze(exp.network).errors).toEqual([]);
  });

  it('adds a tanh layer to a network without hidden layers', () => {
    let exp = apply(defaultExperiment(), { type: 'removeLayer' }, { type: 'removeLayer' });
    expect(pg(exp).hidden).toEqual([]);
    exp = apply(exp, { type: 'addLayer' });
    expect(pg(exp).hidden).toEqual([{ id: 'h1', units: 2, activation: 'tanh', dropout: 0 }]);
  });

  it('removes hidden layers down to none, keeping the output wired to the input', () => {
    let exp = defaultExperiment();
    for (let i = 0; i < 4; i++) exp = applyChange(exp, { type: 'removeLayer' });
    expect(pg(exp).hidden).toEqual([]);
    expect(exp.network.nodes.map((n) => [n.id, n.inputs])).toEqual([
      ['input', []],
      ['output', ['input']],
    ]);
    expect(analyze(exp.network).totalParams).toBe(3);
  });

  it('removing a layer also removes its Dropout node', () => {
    let exp = apply(defaultExperiment(), { type: 'setDropout', index: 1, rate: 0.3 });
    expect(exp.network.nodes.some((n) => n.id === 'h2_dropout')).toBe(true);
    exp = apply(exp, { type: 'removeLayer' });
    expect(exp.network.nodes.map((n) => n.id)).toEqual(['input', 'h1', 'output']);
  });

  it('setUnits clamps to 1..16 and rounds', () => {
    expect(pg(apply(defaultExperiment(), { type: 'setUnits', index: 0, units: 99 })).hidden[0].units).toBe(MAX_UNITS);
    expect(MAX_UNITS).toBe(16);
    expect(pg(apply(defaultExperiment(), { type: 'setUnits', index: 0, units: 0 })).hidden[0].units).toBe(1);
    expect(pg(apply(defaultExperiment(), { type: 'setUnits', index: 1, units: 6.6 })).hidden.map((h) => h.units)).toEqual([4, 7]);
  });

  it('setUnits on a missing layer changes nothing', () => {
    const exp = apply(defaultExperiment(), { type: 'setUnits', index: 5, units: 3 });
    expect(exp).toEqual(defaultExperiment());
  });

  it('setActivation changes one hidden layer or all of them, never the output', () => {
    const one = apply(defaultExperiment(), { type: 'setActivation', index: 1, activation: 'relu' });
    expect(pg(one).hidden.map((h) => h.activation)).toEqual(['tanh', 'relu']);
    const all = apply(defaultExperiment(), { type: 'setActivation', index: 'all', activation: 'gelu' });
    expect(pg(all).hidden.map((h) => h.activation)).toEqual(['gelu', 'gelu']);
    expect(pg(all).output.activation).toBe('tanh');
  });

  it('setDropout inserts a Dropout node after the layer and removes it at 0', () => {
    const on = apply(defaultExperiment(), { type: 'setDropout', index: 0, rate: 0.25 });
    expect(on.network.nodes.map((n) => [n.id, n.type, n.inputs])).toEqual([
      ['input', 'Input', []],
      ['h1', 'Dense', ['input']],
      ['h1_dropout', 'Dropout', ['h1']],
      ['h2', 'Dense', ['h1_dropout']],
      ['output', 'Dense', ['h2']],
    ]);
    expect(on.network.nodes[2].params).toEqual({ rate: 0.25 });
    expect(pg(on).hidden[0].dropout).toBe(0.25);
    expect(pg(apply(on, { type: 'setDropout', index: 0, rate: 5 })).hidden[0].dropout).toBe(0.9);
    const off = apply(on, { type: 'setDropout', index: 0, rate: 0 });
    expect(off.network).toEqual(defaultExperiment().network);
  });

  it('setOutputActivation accepts only activations valid for the task', () => {
    expect(pg(apply(defaultExperiment(), { type: 'setOutputActivation', activation: 'sigmoid' })).output.activation).toBe('sigmoid');
    expect(pg(apply(defaultExperiment(), { type: 'setOutputActivation', activation: 'relu' })).output.activation).toBe('tanh');
    const blobs = apply(defaultExperiment(), { type: 'dataset', patch: { kind: 'blobs' } });
    expect(pg(apply(blobs, { type: 'setOutputActivation', activation: 'tanh' })).output.activation).toBe('softmax');
  });

  it('leaves a non-chain network alone', () => {
    const exp: Experiment = {
      ...defaultExperiment(),
      network: {
        nodes: [
          { id: 'in', type: 'Input', params: { shape: [2] }, inputs: [] },
          { id: 'a', type: 'Dense', params: { units: 3, activation: 'relu' }, inputs: ['in'] },
          { id: 'b', type: 'Dense', params: { units: 1, activation: 'tanh' }, inputs: ['in'] },
        ],
      },
    };
    for (const change of [{ type: 'addLayer' }, { type: 'removeLayer' }, { type: 'setUnits', index: 0, units: 9 }] as SpecChange[]) {
      expect(applyChange(exp, change)).toBe(exp);
    }
  });
});

describe('training, seed and replace', () => {
  it('clamps training numbers', () => {
    const t = apply(defaultExperiment(), { type: 'training', patch: { learningRate: 50, batchSize: 0, momentum: 2, regularizationRate: -1 } }).training;
    expect(t).toMatchObject({ learningRate: 10, batchSize: 1, momentum: 0.999, regularizationRate: 0 });
    const u = apply(defaultExperiment(), { type: 'training', patch: { learningRate: 0, batchSize: 12.7, optimizer: 'adam' } }).training;
    expect(u).toMatchObject({ learningRate: 1e-6, batchSize: 13, optimizer: 'adam' });
  });

  it('keeps seeds as uint32', () => {
    expect(apply(defaultExperiment(), { type: 'seed', seed: 42 }).seed).toBe(42);
    expect(apply(defaultExperiment(), { type: 'seed', seed: -1 }).seed).toBe(0xffffffff);
    expect(apply(defaultExperiment(), { type: 'seed', seed: 2 ** 32 + 5 }).seed).toBe(5);
  });

  it('replace returns the given experiment', () => {
    const other = apply(defaultExperiment(), { type: 'seed', seed: 7 });
    expect(applyChange(defaultExperiment(), { type: 'replace', experiment: other })).toBe(other);
  });
});

describe('purity', () => {
  const CHANGES: SpecChange[] = [
    { type: 'dataset', patch: { kind: 'blobs', classes: 4 } },
    { type: 'dataset', patch: { kind: 'plane' } },
    { type: 'dataset', patch: { noise: 30, numPoints: 10 } },
    { type: 'toggleFeature', feature: 'x1x2' },
    { type: 'toggleFeature', feature: 'x1' },
    { type: 'training', patch: { learningRate: 0.3, optimizer: 'adam' } },
    { type: 'seed', seed: 99 },
    { type: 'addLayer' },
    { type: 'removeLayer' },
    { type: 'setUnits', index: 0, units: 9 },
    { type: 'setActivation', index: 'all', activation: 'relu' },
    { type: 'setActivation', index: 0, activation: 'elu' },
    { type: 'setDropout', index: 0, rate: 0.2 },
    { type: 'setDropout', index: 1, rate: 0 },
    { type: 'setOutputActivation', activation: 'sigmoid' },
    { type: 'replace', experiment: defaultExperiment() },
  ];

  it.each(CHANGES.map((c) => [c.type, c] as const))('%s never mutates its input', (_t, change) => {
    for (const base of [defaultExperiment(), apply(defaultExperiment(), { type: 'setDropout', index: 0, rate: 0.5 }, { type: 'addLayer' })]) {
      const snapshot = JSON.parse(JSON.stringify(base));
      const frozen = deepFreeze(base);
      const next = applyChange(frozen, change);
      expect(frozen).toEqual(snapshot);
      expect(next).toBeDefined();
    }
  });

  it('a changed network shares no arrays with the input', () => {
    const base = defaultExperiment();
    const next = applyChange(base, { type: 'setUnits', index: 0, units: 8 });
    expect(next.network).not.toBe(base.network);
    next.network.nodes[0].inputs.push('x');
    expect(base.network.nodes[0].inputs).toEqual([]);
  });
});

describe('readPlayground / writePlayground', () => {
  const NET: PlaygroundNetwork = {
    inputId: 'in',
    hidden: [
      { id: 'a', units: 5, activation: 'relu', dropout: 0.2 },
      { id: 'b', units: 3, activation: 'elu', dropout: 0 },
    ],
    output: { id: 'o', units: 1, activation: 'sigmoid' },
  };

  it('round-trips a chain with dropout', () => {
    const spec = writePlayground(NET, 3);
    expect(spec.nodes.map((n) => n.id)).toEqual(['in', 'a', 'a_dropout', 'b', 'o']);
    expect(spec.nodes[0].params).toEqual({ shape: [3] });
    expect(readPlayground(spec)).toEqual(NET);
    expect(writePlayground(readPlayground(spec)!, 3)).toEqual(spec);
  });

  it('reads the default experiment', () => {
    expect(readPlayground(defaultExperiment().network)).toEqual({
      inputId: 'input',
      hidden: [
        { id: 'h1', units: 4, activation: 'tanh', dropout: 0 },
        { id: 'h2', units: 2, activation: 'tanh', dropout: 0 },
      ],
      output: { id: 'output', units: 1, activation: 'tanh' },
    });
  });

  it('returns null for anything that is not a playground chain', () => {
    const base = writePlayground(NET, 2).nodes;
    const cases = {
      'a single node': [base[0]],
      'no Input first': [base[1], base[0], ...base.slice(2)],
      'a branch': [...base, { id: 'z', type: 'Dense', params: { units: 1, activation: 'tanh' }, inputs: ['b'] }],
      'an Activation node': [base[0], { id: 'act', type: 'Activation', params: { activation: 'relu' }, inputs: ['in'] }, { ...base[1], inputs: ['act'] }],
      'Dropout right after the Input': [base[0], { id: 'd', type: 'Dropout', params: { rate: 0.1 }, inputs: ['in'] }, { ...base[1], inputs: ['d'] }],
      'Dropout after the output': [...base, { id: 'last', type: 'Dropout', params: { rate: 0.1 }, inputs: ['o'] }],
      'an out-of-order input': [base[0], base[1], base[2], { ...base[3], inputs: ['a'] }, base[4]],
      'an Input with inputs': [{ ...base[0], inputs: ['o'] }, ...base.slice(1)],
    };
    for (const [label, nodes] of Object.entries(cases)) {
      expect(readPlayground({ nodes }), label).toBeNull();
    }
  });

  it('freshLayerId skips ids in use', () => {
    expect(freshLayerId(defaultExperiment().network)).toBe('h3');
    expect(freshLayerId({ nodes: [] })).toBe('h1');
    expect(freshLayerId({ nodes: [{ id: 'h2', type: 'Input', params: {}, inputs: [] }] })).toBe('h1');
  });

  it('outputMismatch reports an output of the wrong size', () => {
    const base = defaultExperiment();
    const net = pg(base);
    net.output.units = 2;
    const exp = { ...base, network: writePlayground(net, 2) };
    expect(datasetMismatch(exp)).toEqual({ nodeId: 'output', key: 'err.output.units', vars: { units: 2, want: 1 } });
  });
});

describe('diffExperiment', () => {
  const base = defaultExperiment();

  it('finds nothing between equal experiments', () => {
    expect(diffExperiment(base, defaultExperiment())).toEqual({ data: false, model: false, training: false });
  });

  it('a learning-rate change only reconfigures training', () => {
    expect(diffExperiment(base, apply(base, { type: 'training', patch: { learningRate: 0.1 } }))).toEqual({ data: false, model: false, training: true });
    expect(diffExperiment(base, apply(base, { type: 'training', patch: { optimizer: 'adam', batchSize: 30 } }))).toEqual({
      data: false,
      model: false,
      training: true,
    });
  });

  it('a dataset or seed change rebuilds data and model', () => {
    expect(diffExperiment(base, apply(base, { type: 'dataset', patch: { noise: 10 } }))).toEqual({ data: true, model: true, training: false });
    expect(diffExperiment(base, apply(base, { type: 'seed', seed: 2 }))).toEqual({ data: true, model: true, training: false });
    expect(diffExperiment(base, apply(base, { type: 'toggleFeature', feature: 'x1Sq' }))).toMatchObject({ data: true, model: true });
  });

  it('a network change rebuilds the model but not the data', () => {
    expect(diffExperiment(base, apply(base, { type: 'addLayer' }))).toEqual({ data: false, model: true, training: false });
    expect(diffExperiment(base, apply(base, { type: 'setActivation', index: 0, activation: 'relu' }))).toEqual({ data: false, model: true, training: false });
  });

  it('a task change touches model and training (the loss follows the task)', () => {
    expect(diffExperiment(base, apply(base, { type: 'dataset', patch: { kind: 'blobs' } }))).toEqual({ data: true, model: true, training: true });
  });
});

describe('every FeatureId toggles', () => {
  it.each(FEATURE_IDS.filter((f) => f !== 'x1' && f !== 'x2'))('%s on and off again restores the experiment', (f: FeatureId) => {
    const on = apply(defaultExperiment(), { type: 'toggleFeature', feature: f });
    expect(on.dataset.features).toContain(f);
    expect(inputShape(on)).toEqual([3]);
    expect(apply(on, { type: 'toggleFeature', feature: f })).toEqual(defaultExperiment());
  });
});

describe('image datasets', () => {
  it("MNIST starts with all 10,000 digits; going back to points takes the playground's own size, split and noise", () => {
    const mnist = apply(defaultExperiment(), { type: 'dataset', patch: { kind: 'mnist' } });
    expect(mnist.dataset.numPoints).toBe(10_000);
    expect(mnist.network.nodes.find((n) => n.id === 'output')!.params.units).toBe(10);
    expect(apply(mnist, { type: 'dataset', patch: { numPoints: 20_000 } }).dataset.numPoints).toBe(10_000);
    const points = apply(mnist, { type: 'dataset', patch: { kind: 'xor' } });
    expect(mnist.dataset.trainRatio).toBe(0.9);
    const { numPoints, trainRatio, noise } = defaultExperiment().dataset;
    expect(points.dataset).toMatchObject({ kind: 'xor', numPoints, trainRatio, noise });
    // What the change itself asks for still wins.
    expect(apply(mnist, { type: 'dataset', patch: { kind: 'xor', numPoints: 300 } }).dataset.numPoints).toBe(300);
    // From a sequence task too.
    const seq = apply(apply(defaultExperiment(), { type: 'dataset', patch: { kind: 'sine' } }), { type: 'dataset', patch: { kind: 'spiral' } });
    expect(seq.dataset).toMatchObject({ numPoints, trainRatio, noise });
  });

  it('augmentation settings are clamped into their ranges', () => {
    const exp = apply(defaultExperiment(), { type: 'augmentation', patch: { shift: 9, rotate: -5, zoom: 0.5, noise: 2, flip: true } });
    expect(exp.training.augmentation).toEqual({ shift: 6, rotate: 0, zoom: 0.3, noise: 0.5, flip: true });
    expect(apply(exp, { type: 'augmentation', patch: { flip: false } }).training.augmentation.shift).toBe(6);
  });
});

describe('picking a dataset in the learner language', () => {
  it('a task with a language, picked from another task, opens in the UI language; otherwise nothing changes', async () => {
    const { pickDataset } = await import('../../src/data/datasetSpec');
    const circle = defaultExperiment().dataset;
    expect(pickDataset('charLm', circle, 'zh')).toEqual({ kind: 'charLm', sequence: { ...circle.sequence, language: 'zh' } });
    expect(pickDataset('numberWords', circle, 'zh').sequence?.language).toBe('zh');
    expect(pickDataset('charLm', circle, 'en')).toEqual({ kind: 'charLm' });
    expect(pickDataset('reverse', circle, 'zh')).toEqual({ kind: 'reverse' });
    // Already on that task (the learner may have chosen English data): left alone.
    const lm = apply(defaultExperiment(), { type: 'dataset', patch: { kind: 'charLm' } }).dataset;
    expect(pickDataset('charLm', lm, 'zh')).toEqual({ kind: 'charLm' });
    // Through the edit: the language model opens on the Chinese corpus.
    const zh = apply(defaultExperiment(), { type: 'dataset', patch: pickDataset('charLm', circle, 'zh') });
    expect(zh.dataset).toMatchObject({ kind: 'charLm', sequence: { language: 'zh' } });
  });
});
