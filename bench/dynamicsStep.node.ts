// What one measured step costs (training/dynamicsProbe.ts) against a plain one, in Node on TF.js's
// CPU backend with the app's kernels: LeNet-5 on MNIST (batch 32, Adam) and the default 2-D network.
// Alternates plain and probed steps (ROUNDS rounds of STEPS each) and prints the medians, plus the
// overhead at one probed step in N. Run: npx vitest run -c bench/vitest.config.ts bench/dynamicsStep.node.ts
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { convertMnist } from '../scripts/build-mnist.mjs';
import { parseMnist, type MnistData } from '../src/data/mnist';
import { defaultExperiment } from '../src/models/defaults';
import { applyChange } from '../src/models/edits';
import { openTemplate } from '../src/models/openTemplate';
import type { Experiment } from '../src/models/spec';
import { templateById } from '../src/models/templates';
import { registerFastCpuKernels } from '../src/training/cpuKernels';
import { prepareData } from '../src/training/prepare';
import { ModelRuntime } from '../src/training/runtime';

const ROUNDS = 7;
const STEPS = Number(process.env.BENCH_STEPS ?? 4);

let mnist: MnistData;
beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
  mnist = parseMnist(convertMnist().slice().buffer);
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function timeSteps(rt: ModelRuntime, probed: boolean): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < STEPS; i++) {
    rt.dynamics.enabled = probed;
    rt.train(1);
    if (probed) await rt.dynamics.read();
  }
  // Wait for the last step's maths (the CPU backend runs synchronously anyway).
  await rt.built.variables[0].data();
  return (performance.now() - t0) / STEPS;
}

async function measure(name: string, exp: Experiment) {
  const rt = new ModelRuntime(tf, exp, prepareData(exp, { mnist }));
  rt.dynamics.costRatio = 0; // every armed step measured: this times the step itself
  await timeSteps(rt, false);
  await timeSteps(rt, true);
  const plain: number[] = [];
  const probed: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    plain.push(await timeSteps(rt, false));
    probed.push(await timeSteps(rt, true));
  }
  rt.dispose();
  const p = median(plain);
  const q = median(probed);
  console.log(`${name}: plain step ${p.toFixed(2)} ms, probed step ${q.toFixed(2)} ms (×${(q / p).toFixed(2)}); at 1 probed step in 10: +${(((q - p) / p / 10) * 100).toFixed(1)} %`);
  return { p, q };
}

it('times plain and probed steps', async () => {
  const lenet = applyChange(openTemplate(defaultExperiment(), templateById('lenet5')!), { type: 'dataset', patch: { numPoints: 2000 } });
  const a = await measure('LeNet-5 (MNIST, batch 32)', lenet);
  const b = await measure('default 2-D network', defaultExperiment());
  expect(a.q).toBeGreaterThan(0);
  expect(b.q).toBeGreaterThan(0);
});
