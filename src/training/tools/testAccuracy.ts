import { correctOf, lossOf } from '../objective';
import { tokenCounts } from '../sequenceInspector';
import type { ToolContext } from './context';
import type { TestAccuracyRequest, TestAccuracyResult } from './testAccuracyTypes';

/** Rows per forward pass: large enough to amortise a pass, small enough for LeNet-5 on the CPU. */
const BATCH = 256;

/**
 * Loss and accuracy on (up to) the whole test split, in inference mode, batch by batch (yielding
 * between batches), with the inference time per example. The runtime's own metrics use a fixed
 * subset of 128 or 256 examples; this is the number a table of before/after compares.
 */
export async function testAccuracy(ctx: ToolContext, req: TestAccuracyRequest): Promise<TestAccuracyResult> {
  const { tf, rt } = ctx;
  const total = Math.max(1, Math.min(req.examples ?? Infinity, rt.data.nTest));
  const spec = rt.outputSpec;
  const tokens = spec.task === 'tokens';
  let lossSum = 0;
  let right = 0;
  let counted = 0;
  let ms = 0;
  for (let from = 0; from < total; from += BATCH) {
    const rows = Math.min(BATCH, total - from);
    const t0 = performance.now();
    const stats = tf.tidy(() => {
      const out = rt.predict(rt.testInputs(from, rows));
      const y = rt.testTargets(from, rows);
      const loss = lossOf(tf, out, y, spec).reshape([1]);
      if (tokens) return tf.concat([loss, tokenCounts(tf, out, y).slice(0, 2)]);
      const correct = spec.task === 'regression' || spec.task === 'reconstruct' ? tf.zeros([1]) : correctOf(tf, out, y, spec).reshape([1]);
      return tf.concat([loss, correct, tf.scalar(rows).reshape([1])]);
    });
    const [loss, ok, n] = await stats.data();
    stats.dispose();
    ms += performance.now() - t0;
    lossSum += loss * rows;
    right += ok;
    counted += n;
    ctx.progress(Math.min(total, from + rows), total);
    await ctx.pause();
    if (!ctx.alive()) throw ctx.changed();
  }
  return {
    tool: 'testAccuracy',
    examples: total,
    loss: lossSum / total,
    accuracy: spec.task === 'regression' || spec.task === 'reconstruct' ? null : right / Math.max(1, counted),
    msPerExample: ms / total,
    step: rt.step,
  };
}
