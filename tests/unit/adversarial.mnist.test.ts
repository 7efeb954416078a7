/**
 * The numbers of issue 16's adversarial part, measured on MNIST in Node (CPU backend): the image
 * lab's small CNN (conv 8 → pool → conv 16 → pool → dense 10, 12,810 weights) on the first 5,000
 * digits (4,500 train / 500 test), Adam 0.001, batch 32, 600 steps, with and without adversarial
 * training (FGSM, ε = 0.1, half of each batch). The bench keys they stand for (later, in bench/):
 * `strategies.fgsm.eps0_1.accuracy` and `strategies.advTrain.eps0_1.accuracy`.
 *
 * Measured (2026-12-03, this file, 500 test digits):
 *   plain:                ε=0 96.0%, ε=0.05 85.0%, ε=0.1 67.4%, ε=0.2 15.6%; PGD-10 at ε=0.1 24.8%
 *   adversarial training: ε=0 96.2%, ε=0.05 91.4%, ε=0.1 85.2%, ε=0.2 62.8%; PGD-10 at ε=0.1 63.4%
 * Training takes about 1 min plain and 4 min adversarial on one busy CPU core, so it runs only with
 * GG_MEASURE=1 (`GG_MEASURE=1 npx vitest run tests/unit/adversarial.mnist.test.ts`); the fast tests
 * in adversarial.test.ts hold the same behaviour on shapes.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertMnist } from '../../scripts/build-mnist.mjs';
import { parseMnist, type MnistData } from '../../src/data/mnist';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import type { Experiment } from '../../src/models/spec';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { prepareData } from '../../src/training/prepare';
import { ModelRuntime } from '../../src/training/runtime';
import { robustnessCurve } from '../../src/training/tools/adversarial';

let mnist: MnistData;
beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
  mnist = parseMnist(convertMnist().slice().buffer);
});

const STEPS = 600;
const EPS = [0, 0.05, 0.1, 0.2];

function mnistExp(adversarial: boolean): Experiment {
  let e = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'mnist' } });
  e = applyChange(e, { type: 'dataset', patch: { numPoints: 5000 } });
  if (adversarial) e = applyChange(e, { type: 'training', patch: { adversarial: { enabled: true, method: 'fgsm', eps: 0.1, share: 0.5 } } });
  return e;
}

async function measure(adversarial: boolean) {
  const exp = mnistExp(adversarial);
  const rt = new ModelRuntime(tf, exp, prepareData(exp, { mnist }));
  const t0 = performance.now();
  rt.train(STEPS);
  const trainMs = performance.now() - t0;
  const rows = (from: number, k: number) => ({ x: rt.testInputs(from, k) as tf.Tensor, y: rt.testTargets(from, k) });
  const n = rt.data.nTest;
  const fgsm = await robustnessCurve(tf, rt, rows, n, EPS, { method: 'fgsm' });
  const pgd = await robustnessCurve(tf, rt, rows, n, [0.1], { method: 'pgd', steps: 10, seed: 1 });
  rt.dispose();
  return { n, trainMs, fgsm, pgd };
}

let plain: Awaited<ReturnType<typeof measure>>;
let robust: Awaited<ReturnType<typeof measure>>;
afterAll(() => {
  const row = (name: string, m: typeof plain) => `${name}: ${m.fgsm.map((p) => `ε=${p.eps} ${(p.accuracy * 100).toFixed(1)}%`).join(', ')}; PGD-10 ε=0.1 ${(m.pgd[0].accuracy * 100).toFixed(1)}% (${m.n} test digits, training ${(m.trainMs / 1000).toFixed(1)} s)`;
  if (plain && robust) console.log(`[adversarial on MNIST]\n  ${row('plain', plain)}\n  ${row('adversarial training', robust)}`);
});

describe.runIf(process.env.GG_MEASURE === '1')('adversarial training on MNIST (the bench’s strategies.fgsm / strategies.advTrain)', () => {
  it('FGSM at ε = 0.1 hurts a plainly trained CNN; adversarial training raises its accuracy under the same attack', async () => {
    plain = await measure(false);
    robust = await measure(true);
    const at = (m: typeof plain, eps: number) => m.fgsm.find((p) => p.eps === eps)!.accuracy;
    expect(at(plain, 0)).toBeGreaterThan(0.85);
    expect(at(plain, 0.1)).toBeLessThan(at(plain, 0) - 0.1);
    expect(at(robust, 0.1)).toBeGreaterThan(at(plain, 0.1) + 0.05);
    expect(robust.pgd[0].accuracy).toBeGreaterThan(plain.pgd[0].accuracy);
  }, 600_000);
});
