import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultExperiment } from '../../src/models/defaults';
import { decodeWeights } from '../../src/models/compression';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { engineHarness } from './engineHarness';
import type { FromEngine, ToEngine } from '../../src/training/protocol';
import type { CompressResult } from '../../src/training/tools/compressTypes';
import type { SavedWeights } from '../../src/models/weightsFile';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
  vi.stubGlobal('MessageChannel', undefined);
});
afterAll(() => vi.unstubAllGlobals());

const harness = () => {
  const { messages, send, wait } = engineHarness();
  const tool = async (requestId: number, request: Extract<ToEngine, { type: 'tool' }>['request']): Promise<CompressResult> => {
    await send({ type: 'tool', runId: 1, requestId, request });
    const a = await wait((m): m is Extract<FromEngine, { type: 'tool' }> => m.type === 'tool' && m.requestId === requestId);
    expect(a.error).toBeUndefined();
    return a.result as CompressResult;
  };
  const weights = async (requestId: number): Promise<SavedWeights> => {
    await send({ type: 'saveWeights', runId: 1, requestId });
    return (await wait((m): m is Extract<FromEngine, { type: 'weights' }> => m.type === 'weights' && m.requestId === requestId)).weights!;
  };
  return { messages, send, tool, weights };
};

describe('the compress tool on the engine', () => {
  it('int8, float16 and pruning with a fine-tune each start from the original; restore brings it back exactly; tensors flat', async () => {
    const h = harness();
    // The default playground network, trained 60 steps.
    await h.send({ type: 'init', runId: 1, experiment: defaultExperiment(), backend: 'cpu' });
    await h.send({ type: 'step', runId: 1, steps: 60 });
    const original = await h.weights(1);
    const n0 = tf.memory().numTensors;

    const int8 = await h.tool(2, { tool: 'compress', action: 'apply', method: 'int8' });
    expect(int8.weightsChanged).toBe(true);
    expect(int8.rows.map((r) => r.method)).toEqual(['float32', 'int8']);
    const [f32, q8] = int8.rows;
    const values = original.tensors.reduce((a, t) => a + t.values.length, 0);
    expect(f32.bytes).toBe(4 * values);
    const kernels = original.tensors.filter((t) => t.shape.length > 1);
    const kernelValues = kernels.reduce((a, t) => a + t.values.length, 0);
    const channels = kernels.reduce((a, t) => a + t.shape[t.shape.length - 1], 0);
    expect(q8.bytes).toBe(kernelValues + 4 * channels + 4 * (values - kernelValues));
    expect(Math.abs((q8.accuracy ?? 0) - (f32.accuracy ?? 0))).toBeLessThan(0.05);
    // The export decodes to exactly the weights the model now holds (within float32 rounding of q·scale).
    const now = await h.weights(3);
    const decoded = decodeWeights(int8.file!.entries, int8.file!.payload)!;
    decoded.forEach((t, i) => t.values.forEach((v, j) => expect(v).toBeCloseTo(now.tensors[i].values[j], 6)));
    // A snapshot followed the answer.
    expect(h.messages.filter((m) => m.type === 'snapshot').length).toBeGreaterThan(1);

    const f16 = await h.tool(4, { tool: 'compress', action: 'apply', method: 'float16' });
    expect(f16.rows.map((r) => r.method)).toEqual(['float32', 'int8', 'float16']);
    expect(f16.applied!.bytes).toBe(2 * values);
    expect(f16.rows[0]).toEqual(f32); // the original measured once, the same row

    const pruned = await h.tool(5, { tool: 'compress', action: 'apply', method: 'prune', sparsity: 0.8, scope: 'perLayer', fineTuneSteps: 20 });
    expect(pruned.step).toBe(80);
    pruned.layers.forEach((l) => expect(l.sparsity).toBeCloseTo(Math.round(0.8 * l.size) / l.size, 10));
    expect(pruned.applied).toMatchObject({ method: 'prune', sparsity: 0.8, scope: 'perLayer', fineTuneSteps: 20 });
    // The fine-tune moved the kept weights, the masks held the pruned ones at 0.
    const afterTune = await h.weights(6);
    const k = afterTune.tensors.findIndex((t) => t.shape.length > 1);
    const zeros = afterTune.tensors[k].values.filter((v) => v === 0).length;
    expect(zeros).toBe(Math.round(0.8 * afterTune.tensors[k].values.length));
    // Training on keeps them pruned (the hook stays), with the tensor count flat across steps.
    await h.send({ type: 'step', runId: 1, steps: 2 });
    const t1 = tf.memory().numTensors;
    await h.send({ type: 'step', runId: 1, steps: 5 });
    expect(tf.memory().numTensors).toBe(t1);
    expect((await h.weights(7)).tensors[k].values.filter((v) => v === 0).length).toBe(zeros);

    // Trained since: the pruned weights are the next original. Restore goes back to them.
    const restored = await h.tool(8, { tool: 'compress', action: 'restore' });
    expect(restored.applied).toBeNull();
    expect(restored.rows).toHaveLength(1);
    await h.send({ type: 'reset', runId: 1 });
    await h.send({ type: 'step', runId: 1, steps: 60 });
    const base = await h.weights(9);
    await h.tool(10, { tool: 'compress', action: 'apply', method: 'prune', sparsity: 0.5, scope: 'global', fineTuneSteps: 5 });
    const back = await h.tool(11, { tool: 'compress', action: 'restore' });
    expect(back.rows.map((r) => r.method)).toEqual(['float32', 'prune']);
    const again = await h.weights(12);
    again.tensors.forEach((t, i) => expect(Array.from(t.values)).toEqual(Array.from(base.tensors[i].values)));
    // The original copy and the masks are held as plain arrays and freed tensors: nothing left over.
    expect(tf.memory().numTensors).toBe(n0);
    await h.send({ type: 'dispose' });
  });
});
