import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertMnist } from '../../scripts/build-mnist.mjs';
import { parseMnist, type MnistData } from '../../src/data/mnist';
import { defaultExperiment, defaultImageNetwork } from '../../src/models/defaults';
import { studentNetwork } from '../../src/models/studentNetwork';
import { applyChange } from '../../src/models/edits';
import type { Experiment } from '../../src/models/spec';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { measureDistillGain } from '../../src/training/distill/measureGain';

let mnist: MnistData;
beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
  mnist = parseMnist(convertMnist().slice().buffer);
});

/** MNIST with few training digits, where a teacher's soft targets have the most to add. */
function onMnist(network: Experiment['network'], n: number): Experiment {
  let exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'mnist' } });
  exp = applyChange(exp, { type: 'dataset', patch: { numPoints: n, trainRatio: 0.5 } });
  return { ...exp, network, training: { ...exp.training, optimizer: 'adam', learningRate: 0.003, batchSize: 32 } };
}

/**
 * A measurement (about 2.5 minutes on a shared 2-core machine), so opt-in: GG_MEASURE=1 npx vitest
 * run tests/unit/distillGain.test.ts. Measured 2026-12-03 (T = 4, α = 0.5, Adam 0.003, batch 32,
 * 300 steps each, 500 test digits): teacher CNN 92.2 %, MLP-16 alone 82.4 %, distilled 84.0 %:
 * studentGain +1.6 points.
 */
describe.skipIf(!process.env.GG_MEASURE)('strategies.distill.studentGain', () => {
  it('measures a tiny MLP taught by a CNN against the same MLP trained alone (MNIST, 500 training digits)', async () => {
    const T = Number(process.env.DISTILL_T ?? 4);
    const alpha = Number(process.env.DISTILL_ALPHA ?? 0.5);
    const teacher = onMnist(defaultImageNetwork(10), 1000);
    const student = onMnist(studentNetwork([28, 28, 1], 10, 16), 1000);
    student.training.distillation = { enabled: false, temperature: T, alpha };
    const r = await measureDistillGain(tf, { teacher, student, teacherSteps: 300, studentSteps: 300, sources: { mnist } });
    console.log(`distill T=${T} α=${alpha}`, JSON.stringify(r));
    expect(r.teacherAccuracy).toBeGreaterThan(r.aloneAccuracy);
    expect(Number.isFinite(r.studentGain)).toBe(true);
  }, 300_000);
});
