/**
 * Transfer learning measured in Node or in the page: pure functions over TF.js, an Experiment and
 * its data, so the pre-training script (scripts/pretrain-mnist.mjs), the unit tests and the bench
 * (`strategies.finetune.*`) share them. The edits themselves are models/transfer.ts.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { MnistData } from '../data/mnist';
import { fewShotShapes, fineTuneSetup, pretrainExperiment, PRETRAIN_STEPS, withFrozen, FEW_SHOT_PER_CLASS } from '../models/transfer';
import type { Experiment } from '../models/spec';
import type { SavedWeights } from '../models/weightsFile';
import { correctOf } from './objective';
import { prepareData } from './prepare';
import { ModelRuntime } from './runtime';

type TF = typeof tfjs;

/** Accuracy on the whole test split (inference mode), in batches of 256. */
export async function testSplitAccuracy(tf: TF, rt: ModelRuntime): Promise<number> {
  let right = 0;
  const n = rt.data.nTest;
  for (let from = 0; from < n; from += 256) {
    const rows = Math.min(256, n - from);
    const ok = tf.tidy(() => correctOf(tf, rt.predict(rt.testInputs(from, rows)), rt.testTargets(from, rows), rt.outputSpec));
    right += (await ok.data())[0];
    ok.dispose();
  }
  return right / Math.max(1, n);
}

export interface Pretrained {
  experiment: Experiment;
  weights: SavedWeights;
  /** Accuracy on the 2,000 held-out digits (the test split). */
  testAccuracy: number;
}

/** Train the digit CNN from its seed (models/transfer.ts pretrainExperiment) for `steps` mini-batches. */
export async function pretrainDigits(tf: TF, mnist: MnistData, steps = PRETRAIN_STEPS): Promise<Pretrained> {
  const experiment = pretrainExperiment();
  const rt = new ModelRuntime(tf, experiment, prepareData(experiment, { mnist }));
  try {
    rt.dynamics.enabled = false;
    rt.train(steps);
    return { experiment, weights: await rt.exportWeights(), testAccuracy: await testSplitAccuracy(tf, rt) };
  } finally {
    rt.dispose();
  }
}

export interface FewShotResult {
  /** Test accuracy (600 shapes) after training only the new head on frozen features. */
  frozen: number;
  /** … then after unfreezing every layer and training on. */
  fineTuned: number;
  /** The same network, steps and examples from the seed's random weights. */
  scratch: number;
  /** fineTuned − scratch: the bench's `strategies.finetune.fewShotGain`. */
  gain: number;
}

/**
 * Few-shot transfer: the pre-trained network onto the shapes with `perClass` training examples per
 * class. Frozen features and a new head for `headSteps`, then everything for `allSteps`; against
 * training from scratch for `headSteps + allSteps` on the same examples.
 */
export async function fewShotGain(
  tf: TF,
  pre: Pick<Pretrained, 'experiment' | 'weights'>,
  { headSteps = 100, allSteps = 100, perClass = FEW_SHOT_PER_CLASS } = {},
): Promise<FewShotResult> {
  const setup = fineTuneSetup(pre.experiment, pre.weights, fewShotShapes(pre.experiment.dataset, perClass), { freeze: true });
  if (!setup.ok) throw new Error(setup.key);
  const exp = setup.experiment;
  const data = prepareData(exp);
  const tuned = new ModelRuntime(tf, exp, data);
  const scratchExp = { ...exp, network: withFrozen(exp.network, []) };
  const scratch = new ModelRuntime(tf, scratchExp, data);
  try {
    tuned.dynamics.enabled = false;
    scratch.dynamics.enabled = false;
    if (!tuned.importWeights(setup.weights)) throw new Error('the pre-trained weights do not fit');
    tuned.train(headSteps);
    const frozen = await testSplitAccuracy(tf, tuned);
    tuned.setFrozen(scratchExp.network);
    tuned.train(allSteps);
    const fineTuned = await testSplitAccuracy(tf, tuned);
    scratch.train(headSteps + allSteps);
    const fromScratch = await testSplitAccuracy(tf, scratch);
    return { frozen, fineTuned, scratch: fromScratch, gain: fineTuned - fromScratch };
  } finally {
    tuned.dispose();
    scratch.dispose();
  }
}
