import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeExperiment } from '../../src/models/codec';
import { defaultExperiment, defaultImageNetwork } from '../../src/models/defaults';
import { DEFAULT_DISTILLATION } from '../../src/models/distillation';
import { studentNetwork } from '../../src/models/studentNetwork';
import { applyChange } from '../../src/models/edits';
import { diffExperiments } from '../../src/models/runDiff';
import type { Experiment } from '../../src/models/spec';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { DistillHook, DISTILL_HOOK } from '../../src/training/distill/distillHook';
import { distillationLoss } from '../../src/training/distill/distillLoss';
import { Teacher } from '../../src/training/distill/teacher';
import { engineHarness, toolAnswer } from './engineHarness';
import { buildModel } from '../../src/training/model';
import { readModelWeights } from '../../src/training/modelWeights';
import { prepareData } from '../../src/training/prepare';
import type { FromEngine } from '../../src/training/protocol';
import { ModelRuntime } from '../../src/training/runtime';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
  vi.stubGlobal('MessageChannel', undefined);
});
afterAll(() => vi.unstubAllGlobals());

/** Plain-JS reference: softmax of z / T. */
const softmax = (z: number[], T: number) => {
  const m = Math.max(...z.map((v) => v / T));
  const e = z.map((v) => Math.exp(v / T - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

describe('distillationLoss', () => {
  it('equals α·CE + (1−α)·T²·KL(teacher_T ‖ student_T), worked out by hand in plain JS', () => {
    const s = [
      [2, 0.5, -1],
      [0.1, 0.2, 3],
    ];
    const t = [
      [3, 1, -2],
      [-1, 0, 2],
    ];
    const y = [
      [1, 0, 0],
      [0, 1, 0],
    ];
    const T = 4;
    const alpha = 0.3;
    let ce = 0;
    let kl = 0;
    for (let i = 0; i < 2; i++) {
      const q1 = softmax(s[i], 1);
      ce -= y[i].reduce((a, yi, c) => a + yi * Math.log(q1[c]), 0);
      const p = softmax(t[i], T);
      const q = softmax(s[i], T);
      kl += p.reduce((a, pc, c) => a + pc * Math.log(pc / q[c]), 0);
    }
    const expected = alpha * (ce / 2) + (1 - alpha) * T * T * (kl / 2);
    const n0 = tf.memory().numTensors;
    const loss = tf.tidy(() => distillationLoss(tf, tf.tensor2d(s), tf.tensor2d(t), tf.tensor2d(y), T, alpha).dataSync()[0]);
    expect(loss).toBeCloseTo(expected, 5);
    // By hand (row 1: −log(e²/(e² + e^0.5 + e^−1)) = 0.2413; row 2: −log(e^0.2/(e^0.1 + e^0.2 + e³)) = 2.9096):
    // CE = 1.57546, KL = 0.0102166, so 0.3·1.57546 + 0.7·16·0.0102166 = 0.58706. Without T² it would be 0.48.
    expect(expected).toBeCloseTo(0.58706, 4);
    // α = 1 is plain cross-entropy; the same student as teacher at α = 0 costs nothing.
    const ceOnly = tf.tidy(() => distillationLoss(tf, tf.tensor2d(s), tf.tensor2d(t), tf.tensor2d(y), T, 1).dataSync()[0]);
    expect(ceOnly).toBeCloseTo(ce / 2, 5);
    const self = tf.tidy(() => distillationLoss(tf, tf.tensor2d(s), tf.tensor2d(s), tf.tensor2d(y), T, 0).dataSync()[0]);
    expect(self).toBeCloseTo(0, 6);
    expect(tf.memory().numTensors).toBe(n0);
  });
});

describe('distillation in training', () => {
  const shapes = (numPoints = 120): Experiment => applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'shapes', numPoints } });
  const withStudent = (exp: Experiment, enabled: boolean, alpha = 0.5, temperature = 4): Experiment => ({
    ...exp,
    network: studentNetwork([28, 28, 1], 4, 8),
    training: { ...exp.training, distillation: { enabled, temperature, alpha } },
  });

  it('the pinned-run legend names distillation turned on with its T and α, and T/α changes while on', () => {
    const off = shapes();
    const on = { ...off, training: { ...off.training, distillation: { enabled: true, temperature: 4, alpha: 0.5 } } };
    expect(diffExperiments(off, on)).toEqual([{ key: 'pin.diff.distillOn', vars: { T: 4, alpha: 0.5 } }]);
    expect(diffExperiments(on, off)).toEqual([{ key: 'pin.diff.distillOff' }]);
    const hotter = { ...on, training: { ...on.training, distillation: { enabled: true, temperature: 8, alpha: 0.5 } } };
    expect(diffExperiments(on, hotter)).toEqual([{ key: 'pin.diff.distillSettings', vars: { fromT: 4, toT: 8, fromAlpha: 0.5, toAlpha: 0.5 } }]);
    // Off in both: T and α do nothing, so nothing is said.
    expect(diffExperiments(off, { ...off, training: { ...off.training, distillation: { enabled: false, temperature: 9, alpha: 0.1 } } })).toEqual([]);
  });

  it('old Experiments load with distillation off; values out of range are refused', () => {
    const exp = shapes();
    const { distillation: _drop, ...oldTraining } = exp.training;
    const old = decodeExperiment({ ...exp, training: oldTraining });
    expect(old.ok && old.value.training.distillation).toEqual(DEFAULT_DISTILLATION);
    const bad = decodeExperiment({ ...exp, training: { ...exp.training, distillation: { enabled: true, temperature: 0, alpha: 0.5 } } });
    expect(bad.ok).toBe(false);
  });

  it('the hook replaces the loss, moves the student toward the teacher (α = 0), and holds the tensor count flat', async () => {
    const teacherRt = new ModelRuntime(tf, { ...shapes(), network: defaultImageNetwork(4) }, prepareData(shapes()));
    teacherRt.train(20);
    const tensors = await readModelWeights(teacherRt.built);
    const teacher = Teacher.create(tf, { network: defaultImageNetwork(4), tensors });
    expect(teacher).toBeInstanceOf(Teacher);
    if (!(teacher instanceof Teacher)) return;
    const exp = withStudent(shapes(), true, 0, 4);
    const rt = new ModelRuntime(tf, exp, prepareData(exp));
    rt.setStepHook(DISTILL_HOOK, new DistillHook(tf, rt, teacher, null));
    // KL(teacher_T ‖ student_T) on the first 64 training rows, as the hook's loss with α = 0 measures it.
    const klNow = () =>
      tf.tidy(() => {
        const { inputs, y } = rt.trainRows(64);
        const x = inputs as tf.Tensor;
        const s = tf.log(tf.clipByValue(rt.predict(x), 1e-7, 1));
        return distillationLoss(tf, s, teacher.logits(x, rt.data), y, 4, 0).dataSync()[0];
      });
    const before = klNow();
    rt.train(1);
    const n = tf.memory().numTensors;
    rt.train(30);
    expect(tf.memory().numTensors).toBe(n);
    const after = klNow();
    expect(Number.isFinite(after)).toBe(true);
    expect(after).toBeLessThan(before * 0.7);
    rt.dispose();
    teacher.dispose();
    teacherRt.dispose();
  });

  it('through the engine: a teacher captured, a student built after it, the probe shows soft probabilities, a misfit is named', async () => {
    const { messages, send } = engineHarness();
    const teacherExp = { ...shapes(), network: defaultImageNetwork(4) };
    await send({ type: 'init', runId: 1, experiment: teacherExp, backend: 'cpu' });
    await send({ type: 'step', runId: 1, steps: 15 });
    await send({ type: 'saveWeights', runId: 1, requestId: 1 });
    const saved = messages.find((m): m is Extract<FromEngine, { type: 'weights' }> => m.type === 'weights')!.weights!;
    await send({ type: 'teacher', teacher: { network: teacherExp.network, tensors: saved.tensors } });
    await send({ type: 'update', runId: 1, experiment: withStudent(shapes(), true) });
    await send({ type: 'step', runId: 1, steps: 20 });
    const snaps = messages.filter((m): m is Extract<FromEngine, { type: 'snapshot' }> => m.type === 'snapshot');
    expect(Number.isFinite(snaps[snaps.length - 1].metrics!.trainLoss)).toBe(true);
    const ask = async (requestId: number) => {
      await send({ type: 'tool', runId: 1, requestId, request: { tool: 'distillProbe', index: 3 } });
      return (await toolAnswer(messages, requestId, 200)).result;
    };
    const r = await ask(2);
    expect(r?.tool).toBe('distillProbe');
    if (r?.tool !== 'distillProbe') return;
    expect(r).toMatchObject({ teacher: 'ready', misfit: null });
    expect(r.label).not.toBeNull();
    const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
    expect(sum(r.teacherView!.soft)).toBeCloseTo(1, 5);
    // Softer at T = 4: the top class's probability falls.
    expect(Math.max(...r.teacherView!.soft)).toBeLessThan(Math.max(...r.teacherView!.hard));
    expect(r.teacherAccuracy).toBeGreaterThan(0.25);
    // A 10-class teacher cannot teach a 4-class student: named, and training goes on (plain CE).
    await send({ type: 'teacher', teacher: { network: defaultImageNetwork(10), tensors: saved.tensors } });
    const m = await ask(3);
    expect(m).toMatchObject({ teacher: 'misfit', misfit: 'distill.misfit.weights' });
    const ten = buildModel(tf, defaultImageNetwork(10));
    await send({ type: 'teacher', teacher: { network: defaultImageNetwork(10), tensors: await readModelWeights(ten) } });
    ten.dispose();
    expect(await ask(4)).toMatchObject({ teacher: 'misfit', misfit: 'distill.misfit.classes' });
    const steps = messages.filter((x) => x.type === 'snapshot').length;
    await send({ type: 'step', runId: 1, steps: 3 });
    const later = messages.filter((x): x is Extract<FromEngine, { type: 'snapshot' }> => x.type === 'snapshot');
    expect(later.length).toBeGreaterThan(steps);
    expect(Number.isFinite(later[later.length - 1].metrics!.trainLoss)).toBe(true);
    await send({ type: 'dispose' });
  });
});
