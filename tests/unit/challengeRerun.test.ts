import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { judgeHandIn } from '../../src/lessons/challenge/check';
import type { Facts } from '../../src/lessons/conditions';
import type { Challenge } from '../../src/models/challengeSpec';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { CPU_TOLERANCE, rerunExperiment, type Claim, type Rerun } from '../../src/models/handIn';
import type { Experiment } from '../../src/models/spec';
import { Engine } from '../../src/training/engine';
import type { FromEngine, Snapshot } from '../../src/training/protocol';

beforeAll(async () => {
  await tf.setBackend('cpu');
  vi.stubGlobal('MessageChannel', undefined);
});
afterAll(() => vi.unstubAllGlobals());

/** Train `exp` on a fresh engine until its stop rule stops it; the last snapshot (at that epoch's end). */
async function trainToStop(exp: Experiment): Promise<Snapshot> {
  const messages: FromEngine[] = [];
  const engine = new Engine({ tf, host: 'worker', webgl: false, post: (m) => m.type !== 'idle' && messages.push(m) });
  await engine.handle({ type: 'init', runId: 1, experiment: exp, backend: 'cpu' });
  await engine.handle({ type: 'play', runId: 1 });
  for (let i = 0; i < 400 && !messages.some((m) => m.type === 'stopRule'); i++) await new Promise((r) => setTimeout(r, 25));
  await new Promise((r) => setTimeout(r, 50));
  const last = messages.filter((m): m is Snapshot => m.type === 'snapshot').at(-1)!;
  await engine.handle({ type: 'dispose' });
  return last;
}

const rerunOf = (s: Snapshot): Rerun => ({ step: s.step, epoch: s.epoch, metrics: { trainLoss: s.metrics.trainLoss, testLoss: s.metrics.testLoss, trainAcc: s.metrics.trainAcc, testAcc: s.metrics.testAcc } });

describe('a seeded re-run confirms a hand-in (TF.js CPU, the real engine)', () => {
  const challenge: Challenge = { title: '', goal: 'testLoss < 0.6', constraints: [], maxEpochs: 0 };
  const student = applyChange(defaultExperiment(), { type: 'stopRule', patch: { epochs: 4 } });

  it('the same Experiment trained twice to its stop rule gives identical numbers, so the claim is confirmed', async () => {
    const before = tf.memory().numTensors;
    const first = await trainToStop(student);
    expect(first).toMatchObject({ status: 'paused', epoch: 4 });
    const claim: Claim = { ...rerunOf(first), metAt: null, backend: 'cpu' };
    // The teacher's re-run: the hand-in's Experiment, stopped at the claimed epoch.
    const second = await trainToStop(rerunExperiment({ experiment: student, challenge, claim }));
    expect(rerunOf(second)).toEqual(rerunOf(first));
    // Measured: the difference is exactly 0 on the CPU backend.
    expect(second.metrics.testLoss - first.metrics.testLoss).toBe(0);
    const facts = Object.assign(Object.create(null) as Record<string, unknown>, { testLoss: second.metrics.testLoss, epoch: second.epoch }) as Facts;
    const verdict = judgeHandIn({ ...challenge, goal: `testLoss < ${first.metrics.testLoss + 0.01}` }, claim, rerunOf(second), facts, CPU_TOLERANCE);
    expect(verdict).toEqual({ confirmed: true });
    // An inflated claim is caught by the same re-run.
    const inflated = { ...claim, metrics: { ...claim.metrics, testLoss: claim.metrics.testLoss! / 2 } };
    expect(judgeHandIn(challenge, inflated, rerunOf(second), facts, CPU_TOLERANCE)).toMatchObject({ confirmed: false, mismatches: [{ what: 'testLoss' }] });
    // The engines are disposed: nothing is left behind.
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('a different seed does not reproduce the claim', async () => {
    const first = await trainToStop(student);
    const other = await trainToStop({ ...student, seed: student.seed + 1 });
    const claim: Claim = { ...rerunOf(first), metAt: null, backend: 'cpu' };
    expect(judgeHandIn(challenge, claim, rerunOf(other), Object.create(null) as Facts, CPU_TOLERANCE)).toMatchObject({ confirmed: false });
  }, 60_000);
});
