import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeExperiment } from '../../src/models/codec';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { datasetMismatch } from '../../src/models/fit';
import { bottlenecks, latentExtent, latentGrid, latentSeparation, outputActivation, outputPixels } from '../../src/models/latentSpace';
import { openTemplate } from '../../src/models/openTemplate';
import type { Experiment } from '../../src/models/spec';
import { taskOf } from '../../src/models/spec';
import { autoencoder2d } from '../../src/models/templates/autoencoder';
import { lenet5 } from '../../src/models/templates/convolutional';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { prepareData } from '../../src/training/prepare';
import { ModelRuntime } from '../../src/training/runtime';
import { decode, latent } from '../../src/training/tools/latent';
import { standaloneToolContext } from '../../src/training/tools/standalone';
import { engineHarness, toolAnswer } from './engineHarness';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
  vi.stubGlobal('MessageChannel', undefined);
});
afterAll(() => vi.unstubAllGlobals());

/** The template on 300 generated shapes (fast): 270 train, 30 test. */
function shapesAutoencoder(): Experiment {
  const shapes = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'shapes', numPoints: 300 } });
  return openTemplate(shapes, autoencoder2d);
}

describe('autoencoder: the task, the codec, the data', () => {
  it('the template opens with the image as its target; another image template goes back to labels', () => {
    const ae = shapesAutoencoder();
    expect(ae.dataset.target).toBe('input');
    expect(taskOf(ae.dataset)).toBe('reconstruct');
    expect(datasetMismatch(ae)).toBeNull();
    expect(ae.training.loss).toBe('crossEntropy');
    const back = openTemplate(ae, lenet5);
    expect(back.dataset.target).toBeUndefined();
    expect(taskOf(back.dataset)).toBe('multiclass');
  });

  it('the codec keeps target "input" on images, drops it elsewhere, refuses other values, and old links mean labels', () => {
    const ae = shapesAutoencoder();
    const round = decodeExperiment(JSON.parse(JSON.stringify(ae)));
    expect(round.ok && round.value.dataset.target).toBe('input');
    const onPoints = decodeExperiment({ ...ae, dataset: { ...defaultExperiment().dataset, target: 'input' }, network: defaultExperiment().network });
    expect(onPoints.ok && 'target' in onPoints.value.dataset).toBe(false);
    expect(decodeExperiment({ ...ae, dataset: { ...ae.dataset, target: 'pixels' } }).ok).toBe(false);
    const { target: _t, ...old } = ae.dataset;
    const legacy = decodeExperiment({ ...ae, dataset: old });
    expect(legacy.ok && taskOf(legacy.value.dataset)).toBe('multiclass');
  });

  it('an output that is not one value per pixel is named; between image sets the autoencoder stays; leaving images drops the target', () => {
    const ae = shapesAutoencoder();
    const small = applyChange(ae, { type: 'graph', change: { type: 'setParams', id: 'output', patch: { units: 10 } } });
    expect(datasetMismatch(small)).toMatchObject({ nodeId: 'output', key: 'err.fit.reconstruct', vars: { want: 784 } });
    const digits = applyChange(ae, { type: 'dataset', patch: { kind: 'mnist' } });
    expect(digits.dataset.target).toBe('input');
    expect(digits.network.nodes.find((n) => n.id === 'output')?.params.units).toBe(784);
    const plane = applyChange(ae, { type: 'dataset', patch: { kind: 'circle' } });
    expect(plane.dataset.target).toBeUndefined();
  });

  it('prepared data: each target row is its image, and the test classes are kept for the plane', () => {
    const ae = shapesAutoencoder();
    const data = prepareData(ae);
    expect(data.task).toBe('reconstruct');
    expect(data.targetWidth).toBe(784);
    expect(Array.from(data.trainY.subarray(0, 784 * 3))).toEqual(Array.from(data.trainX.subarray(0, 784 * 3)));
    expect(Array.from(data.testY)).toEqual(Array.from(data.testX));
    expect(data.testLabels?.length).toBe(data.nTest);
    const labelled = prepareData({ ...ae, dataset: { ...ae.dataset, target: 'label' } });
    const classes = Array.from({ length: labelled.nTest }, (_, i) => labelled.testY.subarray(i * 4, i * 4 + 4).indexOf(1));
    expect(Array.from(data.testLabels!)).toEqual(classes);
  });

  it('training lowers the reconstruction loss (binary cross-entropy per pixel) and reports no accuracy', async () => {
    const ae = shapesAutoencoder();
    const rt = new ModelRuntime(tf, ae, prepareData(ae));
    const m0 = await rt.evaluate();
    expect(m0.testAcc).toBeNull();
    expect(m0.trainLoss).toBeCloseTo(Math.log(2), 1);
    rt.train(30);
    const m1 = await rt.evaluate();
    expect(m1.trainLoss).toBeLessThan(m0.trainLoss * 0.8);
    rt.dispose();
  });
});

describe('autoencoder: the latent and decode tools', () => {
  it('finds the 2-unit bottleneck on every path to the output, not one a skip bypasses', () => {
    const ae = shapesAutoencoder();
    expect(bottlenecks(ae.network)).toEqual(['latent']);
    const bypass = { ...ae.network, nodes: [...ae.network.nodes.filter((n) => n.id !== 'output'), { id: 'skip', type: 'Concatenate', params: { axis: -1 }, inputs: ['dec2', 'enc2'] }, { id: 'output', type: 'Dense', params: { units: 784, activation: 'sigmoid', useBias: true }, inputs: ['skip'] }] };
    expect(bottlenecks(bypass)).toEqual([]);
  });

  it('codes and decoded images equal the layers run by hand; tensors stay flat', async () => {
    const ae = shapesAutoencoder();
    const rt = new ModelRuntime(tf, ae, prepareData(ae));
    rt.train(5);
    const ctx = standaloneToolContext(tf, rt);
    await latent(ctx, { tool: 'latent', examples: 10 });
    await decode(ctx, { tool: 'decode', points: [0, 0] });
    const n0 = tf.memory().numTensors;
    const r = await latent(ctx, { tool: 'latent', examples: 10 });
    expect(r.node).toBe('latent');
    expect(r.codes.length).toBe(20);
    expect(r.classes).toBe(4);
    expect(Array.from(r.labels)).toEqual(Array.from(rt.data.testLabels!.subarray(0, 10)));
    // By hand: the Dense chain up to the bottleneck, and from it to the sigmoid output.
    const dense = (id: string) => rt.built.dense.find((d) => d.layerId === id)!;
    const layer = (h: tf.Tensor2D, id: string, act: 'relu' | 'linear' | 'sigmoid') => {
      const z = tf.add(tf.matMul(h, dense(id).kernel), dense(id).bias!) as tf.Tensor2D;
      return act === 'relu' ? tf.relu(z) : act === 'sigmoid' ? tf.sigmoid(z) : z;
    };
    const want = tf.tidy(() => {
      const x = tf.tensor2d(rt.data.testX.subarray(0, 7840), [10, 784]);
      return layer(layer(layer(x, 'enc1', 'relu'), 'enc2', 'relu'), 'latent', 'linear').dataSync();
    });
    r.codes.forEach((v, i) => expect(v).toBeCloseTo(want[i], 4));
    const pts = [r.codes[0], r.codes[1], 3, -2];
    const d = await decode(ctx, { tool: 'decode', points: pts });
    expect(d.side).toBe(28);
    expect(d.images.length).toBe(2 * 784);
    const byHand = tf.tidy(() => layer(layer(layer(tf.tensor2d(pts, [2, 2]), 'dec1', 'relu'), 'dec2', 'relu'), 'output', 'sigmoid').dataSync());
    d.images.forEach((v, i) => expect(v).toBeCloseTo(byHand[i], 5));
    // The first point is test image 0's code: decoding it is that image's reconstruction.
    const recon = tf.tidy(() => rt.predict(rt.testInputs(0, 1)).dataSync());
    for (let i = 0; i < 784; i += 37) expect(d.images[i]).toBeCloseTo(recon[i], 4);
    expect(tf.memory().numTensors).toBe(n0);
    await expect(decode(ctx, { tool: 'decode', points: [Number.NaN, 1] })).rejects.toMatchObject({ key: 'latent.err.badPoints' });
    rt.dispose();
  });

  it('through the engine: answers latent and decode, refuses a classifier and a network without a 2-D layer, tensors flat', async () => {
    const h = engineHarness();
    const ae = shapesAutoencoder();
    await h.send({ type: 'init', runId: 1, experiment: ae, backend: 'cpu' });
    await h.send({ type: 'step', runId: 1, steps: 3 });
    await h.send({ type: 'tool', runId: 1, requestId: 1, request: { tool: 'latent', examples: 30 } });
    const a = await toolAnswer(h.messages, 1);
    expect(a.error).toBeUndefined();
    const n0 = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      await h.send({ type: 'tool', runId: 1, requestId: 10 + i, request: { tool: 'decode', points: [i, -i] } });
      expect((await toolAnswer(h.messages, 10 + i)).result).toMatchObject({ tool: 'decode', side: 28 });
    }
    await h.send({ type: 'tool', runId: 1, requestId: 20, request: { tool: 'latent', examples: 30 } });
    await toolAnswer(h.messages, 20);
    expect(tf.memory().numTensors).toBe(n0);
    // Three units at the bottleneck: no plane.
    const wide = applyChange(ae, { type: 'graph', change: { type: 'setParams', id: 'latent', patch: { units: 3 } } });
    await h.send({ type: 'update', runId: 1, experiment: wide });
    await h.send({ type: 'tool', runId: 1, requestId: 30, request: { tool: 'latent' } });
    expect(await toolAnswer(h.messages, 30)).toMatchObject({ result: null, error: 'unsupported', detail: 'latent.err.noBottleneck' });
    await h.send({ type: 'update', runId: 1, experiment: openTemplate(ae, lenet5) });
    await h.send({ type: 'tool', runId: 1, requestId: 31, request: { tool: 'decode', points: [0, 0] } });
    expect(await toolAnswer(h.messages, 31)).toMatchObject({ result: null, error: 'unsupported', detail: 'latent.err.notAutoencoder' });
    await h.send({ type: 'dispose' });
  });
});

describe('latent space measures (pure)', () => {
  it('separation is 1 for apart clusters, about chance for mixed codes; extent and grid cover the codes', () => {
    const n = 200;
    const codes = new Float32Array(2 * n);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 4;
      codes[2 * i] = labels[i] * 10 + (i % 7) * 0.1;
      codes[2 * i + 1] = (i % 5) * 0.1;
    }
    expect(latentSeparation(codes, labels)).toBe(1);
    let seed = 7;
    const mixed = Int32Array.from(labels, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) % 4);
    expect(latentSeparation(codes, mixed)).toBeLessThan(0.6);
    const [x0, x1, y0, y1] = latentExtent(codes);
    expect(x0).toBeLessThan(0);
    expect(x1).toBeGreaterThan(30.6);
    expect(y1).toBeGreaterThan(0.4);
    const grid = latentGrid([x0, x1, y0, y1], 8);
    expect(grid.length).toBe(128);
    expect(grid[1]).toBeGreaterThan(grid[grid.length - 1]);
  });

  it('the page reads an output as pixels the way the loss does: sigmoid as is, a sigmoid under cross-entropy, clipped under squared error', () => {
    const v = Float32Array.from([-2, 0, 0.5, 3]);
    expect(outputPixels(v, 'sigmoid', 'crossEntropy')).toBe(v);
    expect(Array.from(outputPixels(v, 'linear', 'crossEntropy'))).toEqual(Array.from(v, (x) => Math.fround(1 / (1 + Math.exp(-x)))));
    expect(Array.from(outputPixels(v, 'linear', 'mse'))).toEqual([0, 0, 0.5, 1]);
    expect(outputActivation(shapesAutoencoder().network)).toBe('sigmoid');
  });
});
