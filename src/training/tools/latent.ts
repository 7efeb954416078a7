import type * as tfjs from '@tensorflow/tfjs';
import { bottlenecks, latentExtent, latentGrid, latentSeparation } from '../../models/latentSpace';
import type { NetworkSpec } from '../../models/spec';
import type { BuiltModel } from '../model';
import { lossOf, scoreOf, type OutputSpec } from '../objective';
import { ToolUnsupported, type ToolContext } from './context';
import { DECODE_MAX_POINTS, LATENT_MAX_EXAMPLES, type DecodeRequest, type DecodeResult, type LatentRequest, type LatentResult } from './latentTypes';

type TF = typeof tfjs;
type T = tfjs.Tensor;

/** Test images encoded per synchronous block (the queue is served between blocks). */
const LATENT_CHUNK = 250;

/** What the latent tools need of a trained autoencoder (a ModelRuntime has it all). */
export interface LatentModel {
  readonly built: BuiltModel;
  readonly experiment: { readonly network: NetworkSpec };
  readonly outputSpec: OutputSpec;
}

/**
 * Run the built layers from `from` (its value given, or the Inputs' when absent) to `to`, in
 * inference mode, over the model's own weights. Pure TF.js maths: call inside `tf.tidy`.
 */
function runLayers(model: LatentModel, start: Map<string, T>, to: string): T {
  const nodes = new Map(model.experiment.network.nodes.map((n) => [n.id, n]));
  const memo = new Map(start);
  const value = (id: string): T => {
    const known = memo.get(id);
    if (known) return known;
    const node = nodes.get(id);
    const layer = model.built.layers.get(id);
    if (!node || !layer) throw new Error(`no layer ${id}`);
    const ins = node.inputs.map(value);
    const y = layer.apply(ins.length === 1 ? ins[0] : ins, { training: false }) as T;
    memo.set(id, y);
    return y;
  };
  return value(to);
}

/** The bottleneck to use: the requested one if it qualifies, else the first that does; refused with a reason. */
export function pickBottleneck(model: LatentModel, requested?: string): { node: string; candidates: string[] } {
  if (model.outputSpec.task !== 'reconstruct') throw new ToolUnsupported('latent.err.notAutoencoder');
  const candidates = bottlenecks(model.experiment.network);
  if (!candidates.length) throw new ToolUnsupported('latent.err.noBottleneck');
  const node = requested && candidates.includes(requested) ? requested : candidates[0];
  return { node, candidates };
}

/** The 2-D codes `[b, 2]` of images `x` at the bottleneck `node` (inside `tf.tidy`). */
export function encodeAt(model: LatentModel, x: T, node: string): T {
  return runLayers(model, new Map([[model.built.inputIds[0], x]]), node);
}

/** The images `[b, pixels]` in [0, 1] the layers after `node` make of the codes `z` `[b, 2]` (inside `tf.tidy`). */
export function decodeFrom(tf: TF, model: LatentModel, z: T, node: string): T {
  // With one output (the engine builds no other), the last layer in order is it.
  const out = runLayers(model, new Map([[node, z]]), model.built.order[model.built.order.length - 1]);
  return scoreOf(tf, out, model.outputSpec);
}

/** `latent`: the first test images' codes and classes, their class separation and reconstruction loss. */
export async function latent(ctx: ToolContext, req: LatentRequest): Promise<LatentResult> {
  const { tf, rt } = ctx;
  const { node, candidates } = pickBottleneck(rt, req.node);
  const labelsAll = rt.data.testLabels;
  if (!labelsAll) throw new ToolUnsupported('latent.err.notAutoencoder');
  const n = Math.max(1, Math.min(Math.floor(req.examples ?? 1000), LATENT_MAX_EXAMPLES, rt.data.nTest));
  const step = rt.step;
  const codes = new Float32Array(2 * n);
  let lossSum = 0;
  for (let from = 0; from < n; from += LATENT_CHUNK) {
    const rows = Math.min(LATENT_CHUNK, n - from);
    const [z, loss] = tf.tidy(() => {
      const x = rt.testInputs(from, rows) as T;
      const code = encodeAt(rt, x, node);
      return [code, lossOf(tf, rt.predict(x), rt.testTargets(from, rows), rt.outputSpec)];
    });
    const [zv, lv] = await Promise.all([z.data(), loss.data()]);
    z.dispose();
    loss.dispose();
    codes.set(zv as Float32Array, 2 * from);
    lossSum += lv[0] * rows;
    ctx.progress(from + rows, n);
    await ctx.pause();
    if (!ctx.alive()) throw ctx.changed();
  }
  const labels = Int32Array.from(labelsAll.subarray(0, n));
  const extent = latentExtent(codes);
  let grid: LatentResult['grid'] = null;
  const size = Math.floor(req.grid ?? 0);
  if (size >= 2 && size <= 10) {
    const pts = latentGrid(extent, size);
    const out = tf.tidy(() => decodeFrom(tf, rt, tf.tensor2d(pts, [size * size, 2]), node));
    const images = Float32Array.from((await out.data()) as Float32Array);
    out.dispose();
    grid = { size, side: Math.round(Math.sqrt(images.length / (size * size))), images };
  }
  return { tool: 'latent', node, candidates, codes, labels, classes: rt.data.numClasses, separation: latentSeparation(codes, labels), loss: lossSum / n, extent, grid, step };
}

/** `decode`: the images the decoder makes of the given points of the latent plane. */
export async function decode(ctx: ToolContext, req: DecodeRequest): Promise<DecodeResult> {
  const { tf, rt } = ctx;
  const { node } = pickBottleneck(rt, req.node);
  const pts = Array.isArray(req.points) ? req.points.slice(0, 2 * DECODE_MAX_POINTS) : [];
  const count = Math.floor(pts.length / 2);
  if (count < 1 || pts.some((v) => typeof v !== 'number' || !Number.isFinite(v))) throw new ToolUnsupported('latent.err.badPoints');
  const out = tf.tidy(() => decodeFrom(tf, rt, tf.tensor2d(pts.slice(0, 2 * count), [count, 2]), node));
  const images = Float32Array.from((await out.data()) as Float32Array);
  out.dispose();
  const pixels = images.length / count;
  return { tool: 'decode', node, points: pts.slice(0, 2 * count), images, side: Math.round(Math.sqrt(pixels)), step: rt.step };
}
