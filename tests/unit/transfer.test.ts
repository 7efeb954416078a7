import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { convertMnist } from '../../scripts/build-mnist.mjs';
import { parseMnist, type MnistData } from '../../src/data/mnist';
import { shouldPrecache } from '../../scripts/pwa.mjs';
import { analyze } from '../../src/models/analysis';
import { decodeExperiment, encodeExperimentFile } from '../../src/models/codec';
import { exportKeras, exportPyTorch } from '../../src/models/export';
import { applyChange, diffExperiment } from '../../src/models/edits';
import { diffExperiments } from '../../src/models/runDiff';
import type { Experiment, NetworkSpec } from '../../src/models/spec';
import {
  digitCnn,
  featureLayers,
  fewShotShapes,
  fineTuneSetup,
  frozenLayers,
  headOf,
  parameterCounts,
  pretrainExperiment,
  PRETRAINED_PATH,
  withFrozen,
} from '../../src/models/transfer';
import { decodeSavedFile, type SavedWeights } from '../../src/models/weightsFile';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { engineHarness } from './engineHarness';
import { prepareData } from '../../src/training/prepare';
import type { FromEngine } from '../../src/training/protocol';
import { ModelRuntime } from '../../src/training/runtime';
import { fewShotGain, pretrainDigits } from '../../src/training/transfer';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
  vi.stubGlobal('MessageChannel', undefined);
});
afterAll(() => vi.unstubAllGlobals());

const root = join(__dirname, '..', '..');
const sha = (w: SavedWeights) => {
  const h = createHash('sha256');
  for (const t of w.tensors) h.update(new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength));
  return h.digest('hex');
};

/** The digit CNN with a batch normalization after conv1, on 200 shapes (4 classes). */
function shapesExperiment(frozen: string[]): Experiment {
  const base = digitCnn();
  const nodes = base.nodes.flatMap((n) => {
    if (n.id === 'pool1') return [{ id: 'bn1', type: 'BatchNormalization', params: { momentum: 0.9, epsilon: 0.001 }, inputs: ['conv1'] }, { ...n, inputs: ['bn1'] }];
    if (n.id === 'output') return [{ ...n, params: { ...n.params, units: 4 } }];
    return [n];
  });
  const exp = pretrainExperiment();
  return { ...exp, network: withFrozen({ nodes }, frozen), dataset: { ...fewShotShapes(exp.dataset), numPoints: 200, perClass: 0 }, seed: 3 };
}

const valuesOf = (rt: ModelRuntime) => new Map(rt.built.model.weights.map((w) => [w.originalName, Float32Array.from(w.read().dataSync())]));
const moved = (a: Float32Array, b: Float32Array) => a.some((v, i) => v !== b[i]);

describe('frozen layers in the runtime', () => {
  it('frozen layers (and a frozen batch norm’s statistics) do not change over steps while the others do; the tensor count stays flat', () => {
    const exp = shapesExperiment(['conv1', 'bn1', 'conv2']);
    const rt = new ModelRuntime(tf, exp, prepareData(exp));
    rt.dynamics.enabled = false;
    const before = valuesOf(rt);
    rt.train(2);
    const n0 = tf.memory().numTensors;
    rt.train(6);
    expect(tf.memory().numTensors).toBe(n0);
    const after = valuesOf(rt);
    for (const name of ['conv1/kernel', 'conv1/bias', 'conv2/kernel', 'conv2/bias', 'bn1/gamma', 'bn1/beta', 'bn1/moving_mean', 'bn1/moving_variance']) {
      expect(moved(before.get(name)!, after.get(name)!), name).toBe(false);
    }
    for (const name of ['fc1/kernel', 'fc1/bias', 'output/kernel', 'output/bias']) expect(moved(before.get(name)!, after.get(name)!), name).toBe(true);
    expect(rt.trainableVariables).toHaveLength(4);
    rt.dispose();
  });

  it('a thawed batch norm trains its scale and its statistics move', () => {
    const exp = shapesExperiment([]);
    const rt = new ModelRuntime(tf, exp, prepareData(exp));
    rt.dynamics.enabled = false;
    const before = valuesOf(rt);
    rt.train(3);
    const after = valuesOf(rt);
    for (const name of ['conv1/kernel', 'bn1/gamma', 'bn1/moving_mean']) expect(moved(before.get(name)!, after.get(name)!), name).toBe(true);
    rt.dispose();
  });

  it('freezing and thawing live keeps the weights, and a measured (dynamics) step honours the flags too', async () => {
    const exp = shapesExperiment([]);
    const rt = new ModelRuntime(tf, exp, prepareData(exp));
    rt.dynamics.costRatio = 0;
    rt.train(2);
    const trained = valuesOf(rt);
    rt.setFrozen(withFrozen(exp.network, ['conv1', 'conv2', 'fc1']));
    // The weights are the trained ones, not fresh.
    for (const [name, v] of valuesOf(rt)) expect(moved(trained.get(name)!, v), name).toBe(false);
    await rt.dynamics.read();
    rt.train(1);
    // That step was measured: frozen layers report no update.
    const probe = await rt.dynamics.read();
    expect(probe).not.toBeNull();
    const ratio = (id: string) => probe!.layers.find((l) => l.layerId === id)!.updateRatio;
    expect(ratio('conv1')).toBe(0);
    expect(ratio('output')).toBeGreaterThan(0);
    rt.train(2);
    const frozenRun = valuesOf(rt);
    expect(moved(trained.get('conv1/kernel')!, frozenRun.get('conv1/kernel')!)).toBe(false);
    expect(moved(trained.get('fc1/kernel')!, frozenRun.get('fc1/kernel')!)).toBe(false);
    expect(moved(trained.get('output/kernel')!, frozenRun.get('output/kernel')!)).toBe(true);
    rt.setFrozen(exp.network);
    rt.train(2);
    expect(moved(frozenRun.get('conv1/kernel')!, valuesOf(rt).get('conv1/kernel')!)).toBe(true);
    rt.dispose();
  });

  it('every layer frozen: steps pass and nothing moves', () => {
    const exp = shapesExperiment(['conv1', 'bn1', 'conv2', 'fc1', 'output']);
    const rt = new ModelRuntime(tf, exp, prepareData(exp));
    const before = valuesOf(rt);
    rt.train(3);
    expect(rt.step).toBe(3);
    for (const [name, v] of valuesOf(rt)) expect(moved(before.get(name)!, v), name).toBe(false);
    rt.dispose();
  });

  it('the engine takes a frozen flag live: no rebuild (same origin, the step count goes on), the layer stops changing', async () => {
    const { messages, send } = engineHarness();
    const exp = shapesExperiment([]);
    await send({ type: 'init', runId: 1, experiment: exp, backend: 'cpu' });
    await send({ type: 'step', runId: 1, steps: 3 });
    const snaps = () => messages.filter((m): m is Extract<FromEngine, { type: 'snapshot' }> => m.type === 'snapshot');
    const before = snaps().at(-1)!;
    const frozen = applyChange(exp, { type: 'graph', change: { type: 'setTrainable', ids: ['conv1', 'conv2'], trainable: false } });
    await send({ type: 'update', runId: 1, experiment: frozen });
    await send({ type: 'saveWeights', runId: 1, requestId: 1 });
    await send({ type: 'step', runId: 1, steps: 3 });
    await send({ type: 'saveWeights', runId: 1, requestId: 2 });
    const after = snaps().at(-1)!;
    expect(after.origin).toBe(before.origin);
    expect(after.step).toBe(6);
    const saved = messages.filter((m): m is Extract<FromEngine, { type: 'weights' }> => m.type === 'weights');
    const [w1, w2] = [saved[0].weights!, saved[1].weights!];
    const byName = (w: SavedWeights, name: string) => w.tensors.find((t) => t.name === name)!.values;
    expect(moved(byName(w1, 'conv1/kernel'), byName(w2, 'conv1/kernel'))).toBe(false);
    expect(moved(byName(w1, 'conv2/kernel'), byName(w2, 'conv2/kernel'))).toBe(false);
    expect(moved(byName(w1, 'output/kernel'), byName(w2, 'output/kernel'))).toBe(true);
    await send({ type: 'dispose' });
  });
});

describe('the trainable flag in the Experiment', () => {
  it('travels through the codec: false kept, true dropped, anything else refused', () => {
    const exp = { ...pretrainExperiment(), network: withFrozen(digitCnn(), ['conv1']) };
    const back = decodeExperiment(JSON.parse(encodeExperimentFile(exp)));
    expect(back.ok && frozenLayers(back.value.network)).toEqual(['conv1']);
    const raw = JSON.parse(encodeExperimentFile(exp));
    raw.network.nodes[2].trainable = true;
    const t = decodeExperiment(raw);
    expect(t.ok && 'trainable' in t.value.network.nodes[2]).toBe(false);
    raw.network.nodes[2].trainable = 'no';
    expect(decodeExperiment(raw).ok).toBe(false);
  });

  it('a flag change is not a new model for the engine, and the pinned runs’ legend names it', () => {
    const exp = pretrainExperiment();
    const frozen = applyChange(exp, { type: 'graph', change: { type: 'setTrainable', ids: ['conv1', 'conv2'], trainable: false } });
    expect(diffExperiment(exp, frozen)).toEqual({ data: false, model: false, training: false, frozen: true });
    expect(diffExperiments(exp, frozen)).toContainEqual({ key: 'pin.diff.frozen', vars: { to: 'conv1, conv2' }, keyVars: { from: 'transfer.none' } });
    const few = { ...frozen, dataset: { ...frozen.dataset, perClass: 20 } };
    expect(diffExperiments(frozen, few)).toContainEqual({ key: 'pin.diff.perClass', vars: { to: '20' }, keyVars: { from: 'pin.diff.all' } });
    const py = exportPyTorch(frozen.network, analyze(frozen.network));
    expect(py).toMatch(/model\.conv1\.requires_grad_\(False\)/);
    expect(py).toMatch(/model\.conv2\.requires_grad_\(False\)/);
    expect(py).not.toMatch(/model\.fc1\.requires_grad_/);
    expect(exportKeras(frozen.network, analyze(frozen.network))).toContain('model.get_layer("conv1").trainable = False');
    expect(parameterCounts(frozen.network)).toEqual({ trainable: 25120 + 330, total: 80 + 1168 + 25120 + 330 });
  });
});

describe('fine-tuning setup and few examples per class', () => {
  const fakeWeights = (net: NetworkSpec): SavedWeights => ({
    step: 5,
    examples: 160,
    tensors: [
      ['conv1/kernel', [3, 3, 1, 8]],
      ['conv1/bias', [8]],
      ['conv2/kernel', [3, 3, 8, 16]],
      ['conv2/bias', [16]],
      ['fc1/kernel', [784, 32]],
      ['fc1/bias', [32]],
      [`${headOf(net)}/kernel`, [32, 10]],
      [`${headOf(net)}/bias`, [10]],
    ].map(([name, shape]) => ({ name: name as string, shape: shape as number[], values: new Float32Array((shape as number[]).reduce((a, b) => a * b, 1)).fill(0.5) })),
  });

  it('replaces the head with fresh seeded weights, keeps every other weight, freezes the features', () => {
    const exp = pretrainExperiment();
    const w = fakeWeights(exp.network);
    const r = fineTuneSetup(exp, w, fewShotShapes(exp.dataset), { freeze: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(frozenLayers(r.experiment.network)).toEqual(['conv1', 'conv2', 'fc1']);
    expect(featureLayers(r.experiment.network)).toEqual(['conv1', 'conv2', 'fc1']);
    expect(r.experiment.network.nodes.find((n) => n.id === 'output')!.params.units).toBe(4);
    expect(r.weights.tensors.slice(0, 6)).toEqual(w.tensors.slice(0, 6));
    expect(r.weights.tensors[6].shape).toEqual([32, 4]);
    expect(r.weights.tensors[6].values.some((v) => v !== 0.5 && v !== 0)).toBe(true);
    expect(Array.from(r.weights.tensors[7].values)).toEqual([0, 0, 0, 0]);
    expect([r.weights.step, r.weights.examples]).toEqual([0, 0]);
    // Seeded: the same head again.
    const again = fineTuneSetup(exp, w, fewShotShapes(exp.dataset), { freeze: true });
    expect(again.ok && again.weights.tensors[6].values).toEqual(r.weights.tensors[6].values);
    // The new Experiment builds and takes the weights.
    const rt = new ModelRuntime(tf, r.experiment, prepareData(r.experiment));
    expect(rt.importWeights(r.weights)).toBe(true);
    expect(rt.data.nTrain).toBe(80);
    expect(rt.data.nTest).toBe(600);
    rt.dispose();
  });

  it('refuses a network without a single Dense output', () => {
    const exp = pretrainExperiment();
    const net = { nodes: exp.network.nodes.filter((n) => n.id !== 'output') };
    const r = fineTuneSetup({ ...exp, network: { nodes: [...net.nodes, { id: 'out', type: 'Activation', params: { activation: 'softmax' }, inputs: ['fc1'] }] } }, fakeWeights(exp.network), fewShotShapes(exp.dataset), { freeze: true });
    expect(r).toEqual({ ok: false, key: 'transfer.err.noHead' });
  });

  it('perClass keeps the first k training examples of each class; the test split stays whole', () => {
    const exp = { ...pretrainExperiment(), dataset: fewShotShapes(pretrainExperiment().dataset, 5) };
    const data = prepareData(exp);
    expect(data.nTrain).toBe(20);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < data.nTrain; i++) counts[data.trainY.subarray(i * 4, i * 4 + 4).indexOf(1)]++;
    expect(counts).toEqual([5, 5, 5, 5]);
    expect(data.nTest).toBe(600);
  });
});

describe('the pre-trained digit network (public/pretrained/mnist-cnn.json)', () => {
  const text = readFileSync(join(root, 'public', PRETRAINED_PATH), 'utf8');
  const meta = JSON.parse(readFileSync(join(root, 'scripts', 'pretrain-mnist.meta.json'), 'utf8'));
  let mnist: MnistData;
  beforeAll(() => {
    mnist = parseMnist(convertMnist().slice().buffer);
  });

  it('is a saved file of the pre-training Experiment with weights that fit it, under 200 KB', () => {
    expect(text.length).toBeLessThan(200_000);
    const file = decodeSavedFile(text);
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    expect(file.value.experiment).toEqual(pretrainExperiment());
    expect(sha(file.value.weights!)).toBe(meta.weightsSha256);
    expect(meta.testAccuracy).toBeGreaterThanOrEqual(0.95);
    // Offline too: the service worker precaches it.
    expect(shouldPrecache(PRETRAINED_PATH)).toBe(true);
  });

  it('is reproduced by its script from its seed: the first 40 steps give the recorded weights bit for bit', async () => {
    const check = await pretrainDigits(tf, mnist, meta.check.steps);
    expect(sha(check.weights)).toBe(meta.check.weightsSha256);
  });

  // The whole run (1,000 steps: ~35 s of CPU, minutes on a busy machine): GG_FULL_PRETRAIN=1.
  it.runIf(process.env.GG_FULL_PRETRAIN === '1')('the whole run reproduces the file byte for byte', async () => {
    const pre = await pretrainDigits(tf, mnist, meta.steps);
    expect(sha(pre.weights)).toBe(meta.weightsSha256);
    expect(pre.testAccuracy).toBe(meta.testAccuracy);
  }, 1_200_000);

  // The bench's strategies.finetune.fewShotGain, measured: GG_MEASURE_TRANSFER=1.
  it.runIf(process.env.GG_MEASURE_TRANSFER === '1')('fine-tuned beats from scratch with 20 shapes per class', async () => {
    const file = decodeSavedFile(text);
    if (!file.ok) throw new Error('bad file');
    const r = await fewShotGain(tf, { experiment: file.value.experiment, weights: file.value.weights! });
    console.log('few-shot transfer', JSON.stringify(r));
    expect(r.gain).toBeGreaterThan(0);
  }, 1_200_000);
});
