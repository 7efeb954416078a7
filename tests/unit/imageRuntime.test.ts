import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { convertMnist } from '../../scripts/build-mnist.mjs';
import { parseMnist, type MnistData } from '../../src/data/mnist';
import { prepareData } from '../../src/training/prepare';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { openTemplate } from '../../src/models/openTemplate';
import type { Experiment, NetworkSpec } from '../../src/models/spec';
import { templateById } from '../../src/models/templates';
import { Engine } from '../../src/training/engine';
import type { FromEngine, Snapshot } from '../../src/training/protocol';
import { ModelRuntime } from '../../src/training/runtime';
import { ImageLabProbes } from '../../src/training/imageLabProbes';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';

let mnist: MnistData;
beforeAll(async () => {
  await tf.setBackend('cpu');
  // As the engine does on the CPU backend (TF.js's own convolution gradients take seconds a step).
  registerFastCpuKernels(tf);
  const bytes = convertMnist();
  mnist = parseMnist(bytes.slice().buffer);
  vi.stubGlobal('MessageChannel', undefined);
});
afterAll(() => vi.unstubAllGlobals());

/** LeNet-5 on the first `n` MNIST digits. */
function lenetOnMnist(n = 300): Experiment {
  const exp = openTemplate(defaultExperiment(), templateById('lenet5')!);
  return applyChange(exp, { type: 'dataset', patch: { numPoints: n, trainRatio: 0.5 } });
}

describe('MNIST data in the runtime', () => {
  it('opening an image template picks MNIST with all 10,000 digits and 10 outputs', () => {
    const exp = openTemplate(defaultExperiment(), templateById('lenet5')!);
    expect(exp.dataset.kind).toBe('mnist');
    expect(exp.dataset.numPoints).toBe(10_000);
    expect(exp.network.nodes.find((n) => n.id === 'output')!.params.units).toBe(10);
  });

  it('switching MNIST ↔ shapes keeps the CNN and resizes its classifier', () => {
    const exp = lenetOnMnist();
    const shapes = applyChange(exp, { type: 'dataset', patch: { kind: 'shapes' } });
    expect(shapes.network.nodes.map((n) => n.id)).toEqual(exp.network.nodes.map((n) => n.id));
    expect(shapes.network.nodes.find((n) => n.id === 'output')!.params.units).toBe(4);
    const back = applyChange(shapes, { type: 'dataset', patch: { kind: 'mnist' } });
    expect(back.network.nodes.find((n) => n.id === 'output')!.params.units).toBe(10);
  });

  it('prepares the first n digits, padded to 32×32 for LeNet-5, split by the seed', () => {
    const data = prepareData(lenetOnMnist(200), { mnist });
    expect(data.inputShape).toEqual([32, 32, 1]);
    expect(data.nTrain + data.nTest).toBe(200);
    expect(data.numClasses).toBe(10);
    // The 2-pixel border is empty; pixels stay in [0, 1].
    for (let y = 0; y < 32; y++) for (const x of [0, 1, 30, 31]) expect(data.trainX[y * 32 + x]).toBe(0);
    expect(Math.max(...data.trainX.subarray(0, 1024))).toBeLessThanOrEqual(1);
    expect(Math.max(...data.trainX.subarray(0, 1024))).toBeGreaterThan(0.5);
    expect(() => prepareData(lenetOnMnist(200))).toThrow(/not loaded/);
  });
});

describe('image views', () => {
  it('feature maps, kernels and probabilities for a test image, changing as the network trains', async () => {
    const rt = new ModelRuntime(tf, lenetOnMnist(), prepareData(lenetOnMnist(), { mnist }));
    const views = new ImageLabProbes(tf, rt);
    const before = (await views.probeImages({ kind: 'test', index: 3 }))!;
    expect(before.maps.map((m) => [m.layerId, ...m.shape])).toEqual([
      ['conv1', 28, 28, 6],
      ['pool1', 14, 14, 6],
      ['conv2', 10, 10, 16],
      ['pool2', 5, 5, 16],
    ]);
    expect(before.kernels.map((k) => [k.layerId, ...k.shape])).toEqual([
      ['conv1', 5, 5, 1, 6],
      ['conv2', 5, 5, 6, 16],
    ]);
    expect(before.output.length).toBe(10);
    expect(before.output.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(before.testIndex).toBe(3);
    expect(before.label).toBe(rt.data.testY.subarray(30, 40).indexOf(1));
    // conv1's map is tanh(conv(input) + b): check one cell by hand against the kernel.
    const k = before.kernels[0];
    let sum = k.bias![2];
    for (let ky = 0; ky < 5; ky++) for (let kx = 0; kx < 5; kx++) sum += before.input.values[(10 + ky) * 32 + 12 + kx] * k.kernel[(ky * 5 + kx) * 6 + 2];
    expect(before.maps[0].values[(10 * 28 + 12) * 6 + 2]).toBeCloseTo(Math.tanh(sum), 5);

    rt.train(5);
    const after = (await views.probeImages({ kind: 'test', index: 3 }))!;
    const diff = after.maps[2].values.reduce((acc, v, i) => acc + Math.abs(v - before.maps[2].values[i]), 0);
    expect(diff).toBeGreaterThan(0.01);
    rt.dispose();
  });

  it('a drawing of 28×28 goes through LeNet-5 padded to 32×32', async () => {
    const exp = lenetOnMnist();
    const rt = new ModelRuntime(tf, exp, prepareData(exp, { mnist }));
    const views = new ImageLabProbes(tf, rt);
    const drawing = new Float32Array(784);
    for (let y = 6; y < 22; y++) drawing[y * 28 + 14] = 1; // a "1"
    const probe = (await views.probeImages({ kind: 'drawing', pixels: drawing }))!;
    expect(probe.testIndex).toBe(-1);
    expect(probe.input.shape).toEqual([32, 32, 1]);
    expect(probe.input.values[(6 + 2) * 32 + 16]).toBe(1);
    rt.dispose();
  });

  it('a pass over the test split: confusion matrix, accuracy and mistakes agree with model.predict', async () => {
    const exp = lenetOnMnist(300);
    const rt = new ModelRuntime(tf, exp, prepareData(exp, { mnist }));
    const views = new ImageLabProbes(tf, rt);
    rt.train(20);
    let report = null;
    while (!report) report = await views.advanceTestPass(64);
    expect(report.total).toBe(rt.data.nTest);
    expect(report.confusion.reduce((a, b) => a + b, 0)).toBe(rt.data.nTest);
    let diagonal = 0;
    for (let c = 0; c < 10; c++) diagonal += report.confusion[c * 11];
    expect(report.correct).toBe(diagonal);
    const predicted = tf.tidy(() => (rt.built.model.predict(tf.tensor(rt.data.testX, [rt.data.nTest, 32, 32, 1])) as tf.Tensor).argMax(1).dataSync());
    const labels = Array.from({ length: rt.data.nTest }, (_, i) => rt.data.testY.subarray(i * 10, i * 10 + 10).indexOf(1));
    expect(report.correct).toBe(labels.filter((l, i) => l === predicted[i]).length);
    for (const m of report.mistakes) {
      expect(m.predicted).toBe(predicted[m.index]);
      expect(m.label).toBe(labels[m.index]);
      expect(m.predicted).not.toBe(m.label);
    }
    expect(report.mistakeImages.length).toBe(report.mistakes.length * 32 * 32);
    rt.dispose();
  });

  it('tensors stay flat over steps with augmentation, probes and test passes', async () => {
    let exp = lenetOnMnist(200);
    exp = applyChange(exp, { type: 'augmentation', patch: { shift: 2, rotate: 10, zoom: 0.1, noise: 0.05 } });
    const rt = new ModelRuntime(tf, exp, prepareData(exp, { mnist }));
    const views = new ImageLabProbes(tf, rt);
    rt.train(2);
    await views.probeImages({ kind: 'test', index: 0 });
    await views.advanceTestPass(1000, true);
    await rt.evaluate();
    const start = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) {
      rt.train(2);
      await views.probeImages({ kind: 'test', index: i });
      await views.advanceTestPass(37);
      await rt.evaluate();
    }
    expect(tf.memory().numTensors).toBe(start);
    rt.dispose();
  });
});

describe('batch normalization', () => {
  const bnNet: NetworkSpec = {
    nodes: [
      { id: 'input', type: 'Input', params: { shape: [28, 28, 1] }, inputs: [] },
      { id: 'conv', type: 'Conv2D', params: { filters: 4, kernelSize: 3, strides: 1, padding: 'same', activation: 'linear', useBias: true }, inputs: ['input'] },
      { id: 'bn', type: 'BatchNormalization', params: { momentum: 0.5, epsilon: 0.001 }, inputs: ['conv'] },
      { id: 'flat', type: 'Flatten', params: {}, inputs: ['bn'] },
      { id: 'output', type: 'Dense', params: { units: 4, activation: 'softmax', useBias: true }, inputs: ['flat'] },
    ],
  };

  it('normalizes with batch statistics while training and with moving statistics in the views', async () => {
    let exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'shapes', numPoints: 100 } });
    exp = { ...exp, network: bnNet };
    const rt = new ModelRuntime(tf, exp, prepareData(exp));
    const views = new ImageLabProbes(tf, rt);
    const bn = rt.built.layers.get('bn') as unknown as { movingMean: { read(): tf.Tensor } };
    const mean0 = Array.from(bn.movingMean.read().dataSync());
    expect(mean0.every((v) => v === 0)).toBe(true);
    rt.train(5);
    const mean = Array.from(bn.movingMean.read().dataSync());
    expect(mean.some((v) => v !== 0)).toBe(true); // training steps update the moving mean
    const probe = (await views.probeImages({ kind: 'test', index: 0 }))!;
    const bnMap = probe.maps.find((m) => m.layerId === 'bn')!;
    const [inferenceOut, trainingOut] = tf.tidy(() => {
      const x = tf.tensor(probe.input.values, [1, 28, 28, 1]);
      const sub = tf.model({ inputs: rt.built.model.inputs, outputs: rt.built.symbolic.get('bn')! });
      return [sub.predict(x) as tf.Tensor, sub.apply(x, { training: true }) as tf.Tensor].map((t) => t.dataSync());
    });
    // The view shows the inference-mode output...
    bnMap.values.forEach((v, i) => expect(v).toBeCloseTo(inferenceOut[i], 4));
    // ...which differs from normalizing the single image by its own statistics.
    const gap = bnMap.values.reduce((a, v, i) => a + Math.abs(v - trainingOut[i]), 0);
    expect(gap).toBeGreaterThan(1);
    rt.dispose();
  });
});

/** The image lab's part of a snapshot; fails the test when the snapshot is another lab's. */
function imagesOf(s: Snapshot) {
  expect(s.lab).toBe('images');
  return s.lab === 'images' ? s : { images: null, testReport: null };
}

describe('Engine with MNIST', () => {
  const waitFor = async (cond: () => boolean, ms = 20_000) => {
    const t0 = Date.now();
    while (!cond()) {
      if (Date.now() - t0 > ms) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('loads with progress, sends sample test images, then views and a test report', async () => {
    const messages: FromEngine[] = [];
    const engine = new Engine({
      tf,
      host: 'worker',
      webgl: false,
      post: (m) => messages.push(m),
      loadMnist: async (progress) => {
        progress(0, 100);
        progress(100, 100);
        return mnist;
      },
    });
    await engine.handle({ type: 'init', runId: 1, experiment: lenetOnMnist(200), backend: 'auto' });
    await engine.handle({ type: 'probeSource', runId: 1, source: { kind: 'test', index: 5 } });
    const types = messages.map((m) => m.type);
    expect(types.slice(0, 4)).toEqual(['ready', 'dataProgress', 'dataProgress', 'dataInfo']);
    const info = messages.find((m) => m.type === 'dataInfo')!;
    expect(info.type === 'dataInfo' && info.samples.length).toBe(24 * 32 * 32);
    const snaps = messages.filter((m): m is Snapshot => m.type === 'snapshot');
    expect(imagesOf(snaps[0]).images?.maps.length).toBe(4);
    expect(imagesOf(snaps[0]).testReport?.total).toBe(100);
    // The probe source message re-probes the test image asked for, without evaluating again.
    expect(imagesOf(snaps[snaps.length - 1]).images?.testIndex).toBe(5);
    expect(snaps[snaps.length - 1].metrics).toEqual(snaps[0].metrics);
    // A burst of probe images (a drawing being drawn) is probed once, for the latest.
    const before = messages.length;
    void engine.handle({ type: 'probeSource', runId: 1, source: { kind: 'test', index: 1 } });
    void engine.handle({ type: 'probeSource', runId: 1, source: { kind: 'test', index: 2 } });
    await engine.handle({ type: 'probeSource', runId: 1, source: { kind: 'test', index: 9 } });
    const burst = messages.slice(before).filter((m): m is Snapshot => m.type === 'snapshot');
    expect(burst.map((m) => imagesOf(m).images?.testIndex)).toEqual([9]);
    await engine.handle({ type: 'play', runId: 1 });
    await waitFor(() => messages.some((m) => m.type === 'snapshot' && m.step > 0 && m.lab === 'images' && !!m.testReport));
    await engine.handle({ type: 'dispose' });
  });

  it('switching to MNIST while training, before the digits arrive, trains once they do (issue 12)', async () => {
    const messages: FromEngine[] = [];
    let arrive: () => void = () => {};
    const engine = new Engine({
      tf,
      host: 'worker',
      webgl: false,
      post: (m) => messages.push(m),
      // A cold cache: the download finishes only when the test says so.
      loadMnist: () => new Promise<MnistData>((resolve) => (arrive = () => resolve(mnist))),
    });
    await engine.handle({ type: 'init', runId: 1, experiment: defaultExperiment(), backend: 'auto' });
    await engine.handle({ type: 'play', runId: 1 });
    await waitFor(() => messages.some((m) => m.type === 'snapshot' && m.step > 0));
    const switched = engine.handle({ type: 'update', runId: 1, experiment: lenetOnMnist(100) });
    await new Promise((r) => setTimeout(r, 50)); // the training loop runs out of runtime meanwhile
    arrive();
    await switched;
    const from = messages.length;
    await waitFor(() => messages.slice(from).some((m) => m.type === 'snapshot' && m.lab === 'images' && m.status === 'running' && m.step > 0), 20_000);
    await engine.handle({ type: 'dispose' });
  });

  it('a failed download reports engine.dataLoad; Reset tries again', async () => {
    const messages: FromEngine[] = [];
    let fail = true;
    const engine = new Engine({
      tf,
      host: 'worker',
      webgl: false,
      post: (m) => messages.push(m),
      loadMnist: async () => {
        if (fail) throw new Error('HTTP 404');
        return mnist;
      },
    });
    await engine.handle({ type: 'init', runId: 1, experiment: lenetOnMnist(100), backend: 'auto' });
    const err = messages.find((m) => m.type === 'error');
    expect(err && err.type === 'error' && [err.key, err.detail]).toEqual(['engine.dataLoad', 'HTTP 404']);
    fail = false;
    await engine.handle({ type: 'reset', runId: 1 });
    // The last report, not the page's heartbeat ('idle') that follows it.
    const last = messages.filter((m) => m.type !== 'idle').at(-1)!;
    expect(last.type === 'snapshot' && last.status).toBe('paused');
    expect(last.type === 'snapshot' && imagesOf(last).images?.maps.length).toBe(4);
    await engine.handle({ type: 'dispose' });
  });
});
