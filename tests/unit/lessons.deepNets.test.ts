import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { summarizeDynamics } from '../../src/charts/dynamicsStats';
import { lesson as batchNorm } from '../../src/lessons/content/training/batch-normalization';
import { lesson as vanishing } from '../../src/lessons/content/training/vanishing-gradients';
import type { LessonAction, LessonStep } from '../../src/lessons/format';
import { buildLoad } from '../../src/lessons/load';
import { applyChange } from '../../src/models/edits';
import type { Experiment } from '../../src/models/spec';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { prepareData } from '../../src/training/prepare';
import { ModelRuntime } from '../../src/training/runtime';

/**
 * The two deep-network lessons' setups show their effect (the numbers in their file headers):
 * each lesson's own load and Show me edits, trained in ModelRuntime on the CPU with a fixed seed.
 */
beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
});

function loaded(step: LessonStep): Experiment {
  const r = buildLoad(step.load!);
  if (!r.ok) throw new Error(r.error);
  return r.experiment;
}

/** The Experiment after a step's Show me edits. */
const edited = (exp: Experiment, actions: readonly LessonAction[]) => actions.reduce((e, a) => ('change' in a ? applyChange(e, a.change) : e), exp);

interface Epoch {
  epoch: number;
  ratio: number | null;
  testLoss: number;
  testAcc: number;
}

/** Train `epochs` epochs with a dynamics probe each epoch; the test metrics and first/last gradient ratio per epoch. */
async function trainEpochs(exp: Experiment, epochs: number, onEpoch?: (rt: ModelRuntime) => void): Promise<Epoch[]> {
  const rt = new ModelRuntime(tf, exp, prepareData(exp));
  rt.dynamics.costRatio = 0;
  const perEpoch = Math.ceil((exp.dataset.numPoints * exp.dataset.trainRatio) / exp.training.batchSize);
  const out: Epoch[] = [];
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      rt.train(perEpoch);
      const ratio = summarizeDynamics((await rt.dynamics.read()) ?? undefined).gradNormRatio;
      const m = await rt.evaluate();
      out.push({ epoch, ratio, testLoss: m.testLoss, testAcc: m.testAcc ?? NaN });
      onEpoch?.(rt);
    }
  } finally {
    rt.dispose();
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const show = (name: string, run: Epoch[]) =>
  console.log(`${name}: ${run.map((e) => `ep${e.epoch} ${e.testLoss.toFixed(3)}/${e.testAcc.toFixed(2)}/${e.ratio?.toExponential(1)}`).join(' ')}`);

describe('vanishing-gradients: eight sigmoid layers vanish, ReLU does not', () => {
  it('sigmoid: ratio < 1e-3 and accuracy < 0.6 for 15 epochs; ReLU: ratio > 0.01 and accuracy > 0.9 by epoch 5', async () => {
    const sigmoid = loaded(vanishing.steps[0]);
    const sig = await trainEpochs(sigmoid, 15);
    show('sigmoid ×8', sig);
    expect(median(sig.slice(0, 5).map((e) => e.ratio!))).toBeLessThan(1e-3);
    expect(sig[2].ratio!).toBeLessThan(1e-3); // the check of step 1, at epoch 3
    expect(Math.max(...sig.map((e) => e.testAcc))).toBeLessThan(0.6);
    const reluStep = vanishing.steps.find((s) => s.check?.includes("'relu'"))!;
    const relu = await trainEpochs(edited(sigmoid, reluStep.showMe!), 5);
    show('relu ×8', relu);
    expect(relu[4].testAcc).toBeGreaterThan(0.9);
    expect(median(relu.map((e) => e.ratio!))).toBeGreaterThan(0.01);
  });
});

describe('batch-normalization: the same start, with and without', () => {
  it('without BN the test loss stays ≈ 1; with it, below 0.5 by epoch 10; tensors flat across BN steps', async () => {
    const plain = loaded(batchNorm.steps[0]);
    const bnStep = batchNorm.steps.find((s) => s.check?.startsWith('layer.BatchNormalization'))!;
    const withBn = edited(plain, bnStep.showMe!);
    expect(withBn.network.nodes.filter((n) => n.type === 'BatchNormalization')).toHaveLength(5);
    expect(withBn.seed).toBe(plain.seed);
    const without = await trainEpochs(plain, 15);
    show('sigmoid ×5', without);
    expect(Math.min(...without.map((e) => e.testLoss))).toBeGreaterThan(0.9);
    expect(Math.max(...without.map((e) => e.testAcc))).toBeLessThan(0.6);
    const counts: number[] = [];
    const bn = await trainEpochs(withBn, 10, () => counts.push(tf.memory().numTensors));
    show('sigmoid ×5 + BN', bn);
    expect(bn[9].testLoss).toBeLessThan(0.5);
    expect(bn[9].testLoss).toBeLessThan(without[14].testLoss);
    // From the second epoch on (optimizer and BN state exist), no tensor is left behind.
    expect(new Set(counts.slice(1)).size).toBe(1);
  });
});
