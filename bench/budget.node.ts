// The budget's time estimate (src/models/budget.ts STEP_TIME: multiply-adds and held values at their rates) against the
// measured time of a training step on TF.js's CPU backend in Node with the app's kernels, for a
// few networks. Each figure is the median of BENCH_RUNS (5) timings of BENCH_STEPS (5) steps
// after two warm-up steps. Run: npx vitest run -c bench/vitest.config.ts bench/budget.node.ts
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { convertMnist } from '../scripts/build-mnist.mjs';
import { parseMnist, type MnistData } from '../src/data/mnist';
import { estimateBudget } from '../src/models/budget';
import { analyze } from '../src/models/analysis';
import { estimateHeld, estimateMacs } from '../src/models/cost';
import { defaultExperiment } from '../src/models/defaults';
import { applyChange } from '../src/models/edits';
import { openTemplate } from '../src/models/openTemplate';
import type { Experiment, LayerNode } from '../src/models/spec';
import { templateById } from '../src/models/templates';
import { registerFastCpuKernels } from '../src/training/cpuKernels';
import { prepareData } from '../src/training/prepare';
import { problemOf } from '../src/training/buildRun';
import { ModelRuntime } from '../src/training/runtime';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const STEPS = Number(process.env.BENCH_STEPS ?? 5);

let mnist: MnistData;
beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
  mnist = parseMnist(convertMnist().slice().buffer);
});

const template = (id: string, ...changes: Parameters<typeof applyChange>[1][]): Experiment => changes.reduce(applyChange, openTemplate(defaultExperiment(), templateById(id)!));
const onDigits = (nodes: LayerNode[], batchSize: number): Experiment => {
  const exp = template('lenet5', { type: 'dataset', patch: { numPoints: 1000 } }, { type: 'training', patch: { batchSize } });
  return { ...exp, network: { nodes } };
};

const CASES: [string, () => Experiment][] = [
  ['LeNet-5, batch 32', () => template('lenet5', { type: 'dataset', patch: { numPoints: 1000 } })],
  ['AlexNet-style, batch 32', () => template('alexnet', { type: 'dataset', patch: { numPoints: 1000 } })],
  ['VGG-style, batch 32', () => template('vgg', { type: 'dataset', patch: { numPoints: 1000 } })],
  ['ResNet-style (batch normalization), batch 32', () => template('resnet', { type: 'dataset', patch: { numPoints: 1000 } })],
  ['DenseNet-style (batch normalization), batch 32', () => template('densenet', { type: 'dataset', patch: { numPoints: 1000 } })],
  [
    'two 5×5 convolutions of 32 filters, batch 16',
    () =>
      onDigits(
        [
          { id: 'input', type: 'Input', params: { shape: [28, 28, 1] }, inputs: [] },
          { id: 'c1', type: 'Conv2D', params: { filters: 32, kernelSize: 5, padding: 'same' }, inputs: ['input'] },
          { id: 'c2', type: 'Conv2D', params: { filters: 32, kernelSize: 5, padding: 'same' }, inputs: ['c1'] },
          { id: 'pool', type: 'MaxPool2D', params: { poolSize: 4 }, inputs: ['c2'] },
          { id: 'flat', type: 'Flatten', params: {}, inputs: ['pool'] },
          { id: 'output', type: 'Dense', params: { units: 10, activation: 'softmax' }, inputs: ['flat'] },
        ],
        16,
      ),
  ],
  [
    'a wide MLP 784-1024-1024-10, batch 64',
    () =>
      onDigits(
        [
          { id: 'input', type: 'Input', params: { shape: [28, 28, 1] }, inputs: [] },
          { id: 'flat', type: 'Flatten', params: {}, inputs: ['input'] },
          { id: 'h1', type: 'Dense', params: { units: 1024, activation: 'relu' }, inputs: ['flat'] },
          { id: 'h2', type: 'Dense', params: { units: 1024, activation: 'relu' }, inputs: ['h1'] },
          { id: 'output', type: 'Dense', params: { units: 10, activation: 'softmax' }, inputs: ['h2'] },
        ],
        64,
      ),
  ],
  ['Transformer encoder on reverse, batch 32', () => template('transformerEncoder')],
  ['mini-GPT on the corpus, batch 32', () => template('miniGpt')],
  ['the 2-D playground default, batch 10', () => defaultExperiment()],
  ['an LSTM forecasting the sine, batch 32', () => template('lstmForecast')],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

it('time per training step: estimated against measured', () => {
  const rows: string[] = [];
  for (const [name, make] of CASES) {
    const exp = make();
    // Heavy networks are measured too (as if the learner confirmed them).
    const problem = problemOf(exp, true);
    if (problem) throw new Error(`${name}: ${problem.key} ${JSON.stringify(problem.vars)}`);
    const rt = new ModelRuntime(tf, exp, prepareData(exp, { mnist }));
    try {
      rt.train(2);
      const times: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        rt.train(STEPS);
        times.push((performance.now() - t0) / STEPS / 1000);
      }
      const measured = median(times);
      const estimated = estimateBudget(exp).stepSeconds;
      const a = analyze(exp.network);
      // The raw terms, for refitting STEP_TIME: multiply-adds per step, held values per step, seconds.
      console.log(`terms ${estimateMacs(exp.network, a) * 3 * exp.training.batchSize} ${estimateHeld(exp.network, a) * exp.training.batchSize} ${measured.toFixed(5)}`);
      console.log(`${name.padEnd(44)} estimated ${estimated.toFixed(3)} s  measured ${measured.toFixed(3)} s  ratio ${(estimated / measured).toFixed(2)}`);
      rows.push(`${name.padEnd(44)} estimated ${estimated.toFixed(3)} s  measured ${measured.toFixed(3)} s  ratio ${(estimated / measured).toFixed(2)}`);
      expect(measured).toBeGreaterThan(0);
    } finally {
      rt.dispose();
    }
  }
  console.log(`\n${rows.join('\n')}`);
});
