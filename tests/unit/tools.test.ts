import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultExperiment } from '../../src/models/defaults';
import type { Experiment } from '../../src/models/spec';
import { createAppStore } from '../../src/store/createAppStore';
import { toolStateOf } from '../../src/store/toolsSlice';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { prepareData } from '../../src/training/prepare';
import type { FromEngine, ToEngine } from '../../src/training/protocol';
import { ModelRuntime } from '../../src/training/runtime';
import { toolTransferables } from '../../src/training/tools/types';
import { engineHarness, toolAnswer } from './engineHarness';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
  // As engine.test.ts: yield through setTimeout in Node so waits mean something.
  vi.stubGlobal('MessageChannel', undefined);
});
afterAll(() => vi.unstubAllGlobals());

const harness = engineHarness;
const answer = (messages: FromEngine[], requestId: number) => toolAnswer(messages, requestId, 400);

describe('tools: the engine runs one on the network on request', () => {
  it('testAccuracy measures the whole test split: the same loss and accuracy as the runtime’s own metrics on the playground', async () => {
    const h = harness();
    await h.send({ type: 'init', runId: 1, experiment: defaultExperiment(), backend: 'cpu' });
    await h.send({ type: 'step', runId: 1, steps: 40 });
    const snaps = h.messages.filter((m): m is Extract<FromEngine, { type: 'snapshot' }> => m.type === 'snapshot');
    const last = snaps[snaps.length - 1];
    const n0 = tf.memory().numTensors;
    await h.send({ type: 'tool', runId: 1, requestId: 3, request: { tool: 'testAccuracy' } });
    const reply = await answer(h.messages, 3);
    expect(reply.error).toBeUndefined();
    const r = reply.result!;
    expect(r.tool).toBe('testAccuracy');
    if (r.tool !== 'testAccuracy') return;
    expect(r.step).toBe(40);
    // The playground's metrics already cover every test point: the tool must agree with them.
    expect(r.loss).toBeCloseTo(last.metrics!.testLoss, 5);
    expect(r.accuracy).toBeCloseTo(last.metrics!.testAcc!, 6);
    expect(r.msPerExample).toBeGreaterThan(0);
    expect(h.messages.some((m) => m.type === 'toolProgress' && m.requestId === 3)).toBe(true);
    expect(tf.memory().numTensors).toBe(n0);
    await h.send({ type: 'dispose' });
  });

  it('refuses with notBuilt when no network is built, and with busy while another tool runs', async () => {
    const h = harness();
    const bad: Experiment = { ...defaultExperiment(), network: { nodes: [] } };
    await h.send({ type: 'init', runId: 1, experiment: bad, backend: 'cpu' });
    await h.send({ type: 'tool', runId: 1, requestId: 1, request: { tool: 'testAccuracy' } });
    expect(await answer(h.messages, 1)).toMatchObject({ result: null, error: 'notBuilt', tool: 'testAccuracy' });
    await h.send({ type: 'dispose' });

    const g = harness();
    await g.send({ type: 'init', runId: 1, experiment: defaultExperiment(), backend: 'cpu' });
    await g.send({ type: 'step', runId: 1, steps: 2 });
    void g.send({ type: 'tool', runId: 1, requestId: 2, request: { tool: 'testAccuracy' } });
    void g.send({ type: 'tool', runId: 1, requestId: 3, request: { tool: 'testAccuracy' } });
    expect(await answer(g.messages, 3)).toMatchObject({ result: null, error: 'busy' });
    expect((await answer(g.messages, 2)).result).not.toBeNull();
    await g.send({ type: 'dispose' });
  });
});

describe('step hooks', () => {
  const runtime = () => new ModelRuntime(tf, defaultExperiment(), prepareData(defaultExperiment()));

  it('a batch hook changes what the step trains on, an afterStep hook holds after every update, and the tensor count stays flat', () => {
    const rt = runtime();
    const first = rt.built.variables[0];
    const seen: number[] = [];
    rt.setStepHook('zeroFirst', {
      batch: (x) => {
        seen.push(x.shape[0]);
        return tf.zerosLike(x);
      },
      afterStep: () => first.assign(tf.zerosLike(first)),
    });
    rt.train(3);
    const n0 = tf.memory().numTensors;
    rt.train(5);
    expect(tf.memory().numTensors).toBe(n0);
    expect(seen).toHaveLength(8);
    expect(Array.from(first.dataSync()).every((v) => v === 0)).toBe(true);
    // Without the hook the same weights move again.
    rt.setStepHook('zeroFirst', null);
    rt.train(3);
    expect(Array.from(first.dataSync()).some((v) => v !== 0)).toBe(true);
    rt.dispose();
  });

  it('an objective hook replaces the loss; a reset drops hooks unless they survive resets, and disposes them', () => {
    const rt = runtime();
    const before = rt.built.variables.map((v) => Float32Array.from(v.dataSync()));
    const disposed: string[] = [];
    // A zero loss: no gradient, the weights stay.
    rt.setStepHook('zero', { objective: (_o, _y, loss) => tf.mul(loss, 0), dispose: () => disposed.push('zero') });
    rt.setStepHook('kept', { survivesReset: true, dispose: () => disposed.push('kept') });
    rt.train(4);
    rt.built.variables.forEach((v, i) => expect(Array.from(v.dataSync())).toEqual(Array.from(before[i])));
    rt.initWeights();
    expect(disposed).toEqual(['zero']);
    expect(rt.stepHook('zero')).toBeUndefined();
    expect(rt.stepHook('kept')).toBeDefined();
    rt.dispose();
    expect(disposed).toEqual(['zero', 'kept']);
  });
});

describe('tools on the page', () => {
  it('the store keeps each tool’s last answer and progress, and drops an older request’s answer', () => {
    const store = createAppStore();
    const posted: ToEngine[] = [];
    store.setState({ engine: { host: 'worker', post: (m: ToEngine) => posted.push(m), dispose: () => {} } as never });
    const a = store.getState().runTool({ tool: 'testAccuracy' });
    const b = store.getState().runTool({ tool: 'testAccuracy', examples: 50 });
    expect(posted.map((m) => m.type)).toEqual(['tool', 'tool']);
    const s = () => toolStateOf(store.getState(), 'testAccuracy');
    expect(s()).toMatchObject({ status: 'computing', requestId: b });
    store.getState().receive({ type: 'toolProgress', runId: 0, requestId: b, done: 1, total: 4 });
    expect(s().progress).toBe(0.25);
    const result = { tool: 'testAccuracy' as const, examples: 50, loss: 0.5, accuracy: 0.8, msPerExample: 0.1, step: 7 };
    store.getState().receive({ type: 'tool', runId: 0, requestId: a, tool: 'testAccuracy', result: { ...result, accuracy: 0.1 } });
    expect(s().status).toBe('computing');
    store.getState().receive({ type: 'tool', runId: 0, requestId: b, tool: 'testAccuracy', result });
    expect(s()).toMatchObject({ status: 'ready', result: { accuracy: 0.8 } });
    store.getState().runTool({ tool: 'testAccuracy' });
    store.getState().receive({ type: 'tool', runId: 0, requestId: b + 1, tool: 'testAccuracy', result: null, error: 'unsupported', detail: 'tools.x' });
    // A failed request keeps the last result on screen.
    expect(s()).toMatchObject({ status: 'error', error: 'unsupported', detail: 'tools.x', result: { accuracy: 0.8 } });
  });

  it('a result’s whole typed arrays travel as transferables; subarrays of a larger buffer do not', () => {
    const whole = new Float32Array(4);
    const big = new Float32Array(10);
    const found = toolTransferables({ tool: 'x', maps: [{ values: whole }, { values: big.subarray(2, 4) }], same: whole });
    expect([...found]).toEqual([whole.buffer]);
  });
});
