// The work of scripts/pretrain-mnist.mjs (run through it: it needs the app's TypeScript modules).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { convertMnist } from './build-mnist.mjs';
import { parseMnist } from '../src/data/mnist';
import { PRETRAIN_SEED, PRETRAIN_STEPS, PRETRAINED_PATH } from '../src/models/transfer';
import { encodeSavedFile, type SavedWeights } from '../src/models/weightsFile';
import { registerFastCpuKernels } from '../src/training/cpuKernels';
import { pretrainDigits } from '../src/training/transfer';

/** Steps of the short check the unit test repeats (tests/unit/transfer.test.ts). */
export const CHECK_STEPS = 40;

/** SHA-256 of every weight's float32 bytes, in the model's order. */
export function weightsHash(w: SavedWeights): string {
  const h = createHash('sha256');
  for (const t of w.tensors) h.update(new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength));
  return h.digest('hex');
}

it.runIf(process.env.GG_PRETRAIN === '1')('pre-trains the digit CNN from its seed and writes it', async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
  const mnist = parseMnist(convertMnist().slice().buffer);
  const t0 = performance.now();
  const pre = await pretrainDigits(tf, mnist, PRETRAIN_STEPS);
  const ms = Math.round(performance.now() - t0);
  expect(pre.testAccuracy).toBeGreaterThanOrEqual(0.95);
  const text = encodeSavedFile(pre.experiment, pre.weights);
  const root = join(__dirname, '..');
  writeFileSync(join(root, 'public', PRETRAINED_PATH), text);
  const check = await pretrainDigits(tf, mnist, CHECK_STEPS);
  const meta = {
    seed: PRETRAIN_SEED,
    steps: PRETRAIN_STEPS,
    testAccuracy: pre.testAccuracy,
    bytes: text.length,
    weightsSha256: weightsHash(pre.weights),
    check: { steps: CHECK_STEPS, weightsSha256: weightsHash(check.weights) },
    trainMs: ms,
  };
  writeFileSync(join(root, 'scripts', 'pretrain-mnist.meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  console.log(meta);
});
