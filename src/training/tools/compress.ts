import type * as tfjs from '@tensorflow/tfjs';
import {
  applyMask,
  compressValues,
  encodeWeights,
  isKernel,
  magnitudeMasks,
  quantizeInt8,
  zerosIn,
  type CompressMethod,
  type WeightTensor,
} from '../../models/compression';
import { writeModelWeights } from '../modelWeights';
import type { ModelRuntime } from '../runtime';
import type { ToolContext } from './context';
import type { CompressLayer, CompressMeasure, CompressRequest, CompressResult } from './compressTypes';
import type { StepHook } from './stepHooks';
import { testAccuracy } from './testAccuracy';

/**
 * The `compress` tool: int8 (per channel) or float16 quantization, or magnitude pruning with a short
 * fine-tune, applied to the learner's trained weights, measured before and after (test accuracy on
 * the whole test split, bytes of the serialized weights, inference time). The original weights are
 * kept (a step hook without step changes, so a reset or loaded weights drop it) and every method
 * starts from them, so the table compares each method with the same original; "restore" writes
 * them back. Training on after a compression makes the compressed weights the next original.
 *
 * Quantized weights run as dequantized float32 (TF.js has no int8 kernels): the accuracy is the
 * quantized model's, the time barely changes; a pruned network runs dense, so its time does not
 * change either. Only the bytes are smaller.
 */

const ORIGINAL = 'compress.original';
const MASKS = 'compress.masks';
/** Kernel values sent back for the histograms, at most (before and after each). */
export const HISTOGRAM_VALUES = 1_000_000;
/** Fine-tune steps per block between yields. */
const TUNE_BLOCK = 5;

interface Original extends StepHook {
  tensors: WeightTensor[];
  measure: CompressMeasure | null;
  tried: Map<string, CompressMeasure>;
  /** The step the compressed weights were left at: training past it makes them the next original. */
  stepAfter: number;
}

const isOriginal = (h: StepHook | undefined): h is Original => !!h && 'tensors' in h && 'tried' in h;

/** The model's weights (every tensor, the model's order) as plain arrays. */
async function readWeights(rt: ModelRuntime): Promise<WeightTensor[]> {
  return (await rt.exportWeights()).tensors;
}

/** Test loss and accuracy (the testAccuracy tool's measure) and the bytes of `tensors` stored as `method`. */
async function measure(ctx: ToolContext, tensors: WeightTensor[], method: CompressMethod, examples: number | undefined, from: number, to: number): Promise<CompressMeasure> {
  const sub: ToolContext = { ...ctx, progress: (d, t) => ctx.progress(Math.round(1000 * (from + ((to - from) * d) / Math.max(1, t))), 1000) };
  const r = await testAccuracy(sub, { tool: 'testAccuracy', examples });
  return { method, accuracy: r.accuracy, loss: r.loss, bytes: encodeWeights(tensors, method).payload.length, msPerExample: r.msPerExample };
}

/** The pruning masks held after every step (fine-tune, and any training after): pruned weights stay 0. */
function maskHook(tf: typeof tfjs, rt: ModelRuntime, masks: (Uint8Array | null)[]): StepHook {
  const held: [tfjs.Variable, tfjs.Tensor][] = [];
  rt.built.model.weights.forEach((w, i) => {
    const m = masks[i];
    if (m) held.push([w.read() as tfjs.Variable, tf.tensor(Float32Array.from(m), w.shape as number[])]);
  });
  return {
    afterStep: () => held.forEach(([v, m]) => v.assign(tf.mul(v, m))),
    dispose: () => held.forEach(([, m]) => m.dispose()),
  };
}

const keyOf = (m: CompressMeasure) => (m.method === 'prune' ? `prune:${m.sparsity}:${m.scope}` : m.method);

export async function compress(ctx: ToolContext, req: CompressRequest): Promise<CompressResult> {
  const { tf, rt } = ctx;
  const kept = rt.stepHook(ORIGINAL);
  let original: Original;
  if (isOriginal(kept) && kept.stepAfter === rt.step) original = kept;
  else {
    // First compression, or trained since the last: the weights now are the original.
    rt.setStepHook(MASKS, null);
    original = { tensors: await readWeights(rt), measure: null, tried: new Map(), stepAfter: rt.step };
    rt.setStepHook(ORIGINAL, original);
  }
  if (!ctx.alive()) throw ctx.changed();
  // Every method starts from the original weights.
  rt.setStepHook(MASKS, null);
  writeModelWeights(tf, rt.built, original.tensors);
  const examples = req.examples;
  original.measure ??= await measure(ctx, original.tensors, 'float32', examples, 0, 0.3);
  if (!ctx.alive()) throw ctx.changed();

  let applied: CompressMeasure | null = null;
  let now = original.tensors;
  let method: CompressMethod = 'float32';
  if (req.action === 'apply') {
    method = req.method;
    if (req.method === 'prune') {
      const sparsity = Math.max(0, Math.min(0.99, req.sparsity ?? 0.8));
      const scope = req.scope ?? 'global';
      const steps = Math.max(0, Math.min(1000, Math.round(req.fineTuneSteps ?? 0)));
      const masks = magnitudeMasks(original.tensors, sparsity, scope);
      writeModelWeights(tf, rt.built, original.tensors.map((t, i) => ({ ...t, values: applyMask(t.values, masks[i]) })));
      rt.setStepHook(MASKS, maskHook(tf, rt, masks));
      for (let done = 0; done < steps; ) {
        const n = Math.min(TUNE_BLOCK, steps - done);
        rt.train(n);
        done += n;
        ctx.progress(Math.round(300 + (400 * done) / steps), 1000);
        await ctx.pause();
        if (!ctx.alive()) throw ctx.changed();
      }
      now = await readWeights(rt);
      applied = { ...(await measure(ctx, now, 'prune', examples, 0.7, 1)), sparsity, scope, fineTuneSteps: steps };
    } else {
      now = original.tensors.map((t) => ({ ...t, values: compressValues(t, req.method) }));
      writeModelWeights(tf, rt.built, now);
      applied = await measure(ctx, now, req.method, examples, 0.3, 1);
    }
    if (!ctx.alive()) throw ctx.changed();
    original.tried.set(keyOf(applied), applied);
  }
  original.stepAfter = rt.step;

  const kernels = original.tensors.map((t, i) => ({ t, i })).filter(({ t }) => isKernel(t.shape));
  let budget = HISTOGRAM_VALUES;
  const layers: CompressLayer[] = kernels.map(({ t, i }) => {
    const after = now[i].values;
    const layer: CompressLayer = { name: t.name, shape: [...t.shape], size: t.values.length, sparsity: zerosIn(after) / Math.max(1, after.length) };
    if (t.values.length <= budget) {
      budget -= t.values.length;
      layer.before = Float32Array.from(t.values);
      layer.after = Float32Array.from(after);
      if (method === 'int8') layer.scales = quantizeInt8(t.values, t.shape).scales;
    }
    return layer;
  });
  const encoded = applied ? encodeWeights(now, method) : null;
  return {
    tool: 'compress',
    action: req.action,
    rows: [original.measure, ...original.tried.values()],
    applied,
    layers,
    file: encoded ? { ...encoded, step: rt.step, examples: rt.examples } : null,
    examples: Math.max(1, Math.min(examples ?? Infinity, rt.data.nTest)),
    step: rt.step,
    weightsChanged: true,
  };
}
