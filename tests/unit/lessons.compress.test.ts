import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { lesson } from '../../src/lessons/content/strategies/pruning-quantization';
import { buildLoad } from '../../src/lessons/load';
import { applyChange } from '../../src/models/edits';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { prepareData } from '../../src/training/prepare';
import { ModelRuntime } from '../../src/training/runtime';
import { compress } from '../../src/training/tools/compress';
import { standaloneToolContext } from '../../src/training/tools/standalone';
import { compressFacts } from '../../src/lessons/compressFacts';
import { evaluate, parseCondition } from '../../src/lessons/conditions';

/**
 * The pruning and quantization lesson's setup shows what its text says (the numbers in its header):
 * its own load and stop rule trained in ModelRuntime on the CPU, then its Show me's tool requests,
 * with each step's check evaluated on the facts the answers give.
 */
beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
});

describe('lesson pruning-quantization', () => {
  it('int8 and 80 % pruning pass their checks on the trained setup', async () => {
    const load = buildLoad(lesson.steps[0].load!);
    if (!load.ok) throw new Error(load.error);
    let exp = load.experiment;
    for (const a of lesson.steps[0].showMe ?? []) if ('change' in a) exp = applyChange(exp, a.change);
    const epochs = exp.training.stop.epochs;
    const data = prepareData(exp);
    const rt = new ModelRuntime(tf, exp, data);
    rt.train(Math.ceil((epochs * data.nTrain) / exp.training.batchSize));
    const m = await rt.evaluate();
    // Step 1's check on the runtime's own metrics (the 100 test shapes).
    expect(m.testAcc).toBeGreaterThanOrEqual(0.7);
    const ctx = standaloneToolContext(tf, rt);
    const out: Record<string, unknown> = { nTrain: data.nTrain, nTest: data.nTest, epochs, steps: rt.step, testAcc128: m.testAcc };
    for (const [i, step] of lesson.steps.entries()) {
      const tool = step.showMe?.find((a) => 'tool' in a);
      if (!tool || !('tool' in tool) || tool.tool.tool !== 'compress') continue;
      const r = await compress(ctx, tool.tool);
      const facts = compressFacts({ tools: { compress: { status: 'ready', requestId: 1, progress: 1, result: r, error: null, detail: null } } });
      out[`step${i + 1}`] = { ...facts, original: r.rows[0].accuracy, applied: r.applied?.accuracy };
      const parsed = parseCondition(step.check!);
      if (!parsed.ok) throw new Error(parsed.error);
      expect(evaluate(parsed.ast, { ...facts }), `step ${i + 1}: ${step.check}`).toBe(true);
    }
    console.log(JSON.stringify(out, null, 2));
    rt.dispose();
  }, 300_000);
});
