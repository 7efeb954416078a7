import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertMnist } from '../../scripts/build-mnist.mjs';
import { parseMnist, type MnistData } from '../../src/data/mnist';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { openTemplate } from '../../src/models/openTemplate';
import { templateById } from '../../src/models/templates';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { prepareData } from '../../src/training/prepare';
import { ModelRuntime } from '../../src/training/runtime';
import { compress } from '../../src/training/tools/compress';
import { standaloneToolContext } from '../../src/training/tools/standalone';

/**
 * The numbers the bench will report as `strategies.int8.*` and `strategies.prune80.*`, measured on
 * LeNet-5 trained on MNIST in Node (CPU backend). By default a short training (2,000 digits,
 * 1 epoch) keeps the suite quick; GG_COMPRESS_FULL=1 trains the bench's setup (10,000 digits,
 * 3 epochs). Each prints its numbers.
 */
const FULL = process.env.GG_COMPRESS_FULL === '1';
const DIGITS = FULL ? 10_000 : 2_000;
const EPOCHS = FULL ? 3 : 1;

let mnist: MnistData;
beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
  mnist = parseMnist(convertMnist().slice().buffer);
});

describe(`compression of LeNet-5 trained on ${DIGITS} MNIST digits for ${EPOCHS} epoch(s)`, () => {
  it('int8 keeps the accuracy at about a quarter of the bytes; 80 % pruning with a fine-tune keeps most of it', async () => {
    const exp = applyChange(openTemplate(defaultExperiment(), templateById('lenet5')!), { type: 'dataset', patch: { numPoints: DIGITS } });
    const data = prepareData(exp, { mnist });
    const rt = new ModelRuntime(tf, exp, data);
    const t0 = performance.now();
    const steps = Math.ceil((EPOCHS * data.nTrain) / exp.training.batchSize);
    rt.train(steps);
    const trainS = (performance.now() - t0) / 1000;
    const ctx = standaloneToolContext(tf, rt);
    const n0 = tf.memory().numTensors;
    const int8 = await compress(ctx, { tool: 'compress', action: 'apply', method: 'int8' });
    const f16 = await compress(ctx, { tool: 'compress', action: 'apply', method: 'float16' });
    const fineTuneSteps = FULL ? 100 : 50;
    const prune = await compress(ctx, { tool: 'compress', action: 'apply', method: 'prune', sparsity: 0.8, scope: 'global', fineTuneSteps });
    const [orig] = prune.rows;
    const drop = (m: { accuracy: number | null }) => (orig.accuracy ?? 0) - (m.accuracy ?? 0);
    const report = {
      digits: DIGITS,
      trainSteps: steps,
      trainSeconds: +trainS.toFixed(1),
      testExamples: prune.examples,
      float32: { accuracy: orig.accuracy, bytes: orig.bytes, msPerExample: +orig.msPerExample.toFixed(3) },
      'strategies.int8.accuracyDrop': +drop(int8.applied!).toFixed(4),
      'strategies.int8.sizeRatio': +(int8.applied!.bytes / orig.bytes).toFixed(4),
      int8MsPerExample: +int8.applied!.msPerExample.toFixed(3),
      'float16.accuracyDrop': +drop(f16.applied!).toFixed(4),
      'float16.sizeRatio': +(f16.applied!.bytes / orig.bytes).toFixed(4),
      'strategies.prune80.accuracyDrop': +drop(prune.applied!).toFixed(4),
      prune80SizeRatio: +(prune.applied!.bytes / orig.bytes).toFixed(4),
      prune80FineTuneSteps: fineTuneSteps,
      prune80LayerSparsity: prune.layers.map((l) => `${l.name} ${(l.sparsity * 100).toFixed(1)} %`),
    };
    console.log(JSON.stringify(report, null, 2));
    expect(orig.accuracy).toBeGreaterThan(FULL ? 0.95 : 0.8);
    expect(int8.applied!.bytes / orig.bytes).toBeLessThanOrEqual(0.27);
    expect(Math.abs(drop(int8.applied!))).toBeLessThanOrEqual(FULL ? 0.005 : 0.01);
    expect(Math.abs(drop(f16.applied!))).toBeLessThanOrEqual(0.002);
    expect(drop(prune.applied!)).toBeLessThanOrEqual(FULL ? 0.01 : 0.03);
    // Global pruning: 80 % of all kernel weights, exactly.
    const kernels = prune.layers.reduce((a, l) => a + l.size, 0);
    const zeros = prune.layers.reduce((a, l) => a + Math.round(l.sparsity * l.size), 0);
    expect(zeros).toBe(Math.round(0.8 * kernels));
    await compress(ctx, { tool: 'compress', action: 'restore' });
    rt.setStepHook('compress.original', null);
    expect(tf.memory().numTensors).toBe(n0);
    rt.dispose();
  }, 600_000);
});
