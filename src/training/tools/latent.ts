import type * as tfjs from '@tensorflow/tfjs';
import { bottlenecks, latentExtent, latentGrid, latentSeparation } from '../../models/latentSpace';
import type { NetworkSpec } from '../../models/spec';
import type { BuiltModel } from '../model';
import { lossOf, scoreOf, type OutputSpec } from '../objective';
import { ToolUnsupported, type ToolContext } from './context';
import { createRng } from '../../data/rng';
import { klDivergence } from '../../models/catalog/sampling';
import { withDefaults } from '../../models/params';
import {
  DECODE_MAX_POINTS,
  LATENT_MAX_EXAMPLES,
  PRIOR_MAX_SAMPLES,
  PRIOR_RANGE,
  type DecodeRequest,
  type DecodeResult,
  type LatentRequest,
  type LatentResult,
  type PriorSampleRequest,
  type PriorSampleResult,
  type VaeStats,
} from './latentTypes';

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

/** The Sampling node at `node` (a VAE's bottleneck): its μ and log σ² nodes and its β; null for any other layer. */
export function samplingAt(model: LatentModel, node: string): { mean: string; logVar: string; beta: number } | null {
  const n = model.experiment.network.nodes.find((m) => m.id === node);
  if (!n || n.type !== 'Sampling' || n.inputs.length !== 2) return null;
  return { mean: n.inputs[0], logVar: n.inputs[1], beta: Number(withDefaults(n).beta) };
}

/** Per-axis mean and standard deviation of interleaved 2-D codes. */
function codeMoments(codes: Float32Array): { mean: [number, number]; std: [number, number] } {
  const n = Math.max(1, codes.length / 2);
  const mean: [number, number] = [0, 0];
  for (let i = 0; i + 1 < codes.length; i += 2) {
    mean[0] += codes[i] / n;
    mean[1] += codes[i + 1] / n;
  }
  const v = [0, 0];
  for (let i = 0; i + 1 < codes.length; i += 2) {
    v[0] += (codes[i] - mean[0]) ** 2 / n;
    v[1] += (codes[i + 1] - mean[1]) ** 2 / n;
  }
  return { mean, std: [Math.sqrt(v[0]), Math.sqrt(v[1])] };
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
  const sampling = samplingAt(rt, node);
  let lossSum = 0;
  let klSum = 0;
  for (let from = 0; from < n; from += LATENT_CHUNK) {
    const rows = Math.min(LATENT_CHUNK, n - from);
    const [z, loss, kl] = tf.tidy(() => {
      const x = rt.testInputs(from, rows) as T;
      const code = encodeAt(rt, x, node);
      const klOf = sampling ? klDivergence(tf, encodeAt(rt, x, sampling.mean), encodeAt(rt, x, sampling.logVar)) : tf.scalar(0);
      return [code, lossOf(tf, rt.predict(x), rt.testTargets(from, rows), rt.outputSpec), klOf];
    });
    const [zv, lv, kv] = await Promise.all([z.data(), loss.data(), kl.data()]);
    z.dispose();
    loss.dispose();
    kl.dispose();
    codes.set(zv as Float32Array, 2 * from);
    lossSum += lv[0] * rows;
    klSum += kv[0] * rows;
    ctx.progress(from + rows, n);
    await ctx.pause();
    if (!ctx.alive()) throw ctx.changed();
  }
  const labels = Int32Array.from(labelsAll.subarray(0, n));
  const codesExtent = latentExtent(codes);
  let vae: VaeStats | undefined;
  let extent = codesExtent;
  if (sampling) {
    // A VAE's plane shows the prior's square (and any code outside it); its lattice covers the square.
    const R = PRIOR_RANGE;
    vae = { kl: klSum / n, beta: sampling.beta, ...codeMoments(codes), gridExtent: [-R, R, -R, R] };
    extent = [Math.min(-R, codesExtent[0]), Math.max(R, codesExtent[1]), Math.min(-R, codesExtent[2]), Math.max(R, codesExtent[3])];
  }
  let grid: LatentResult['grid'] = null;
  const size = Math.floor(req.grid ?? 0);
  if (size >= 2 && size <= 10) {
    const pts = latentGrid(vae ? vae.gridExtent : extent, size);
    const out = tf.tidy(() => decodeFrom(tf, rt, tf.tensor2d(pts, [size * size, 2]), node));
    const images = Float32Array.from((await out.data()) as Float32Array);
    out.dispose();
    grid = { size, side: Math.round(Math.sqrt(images.length / (size * size))), images };
  }
  return { tool: 'latent', node, candidates, codes, labels, classes: rt.data.numClasses, separation: latentSeparation(codes, labels), loss: lossSum / n, extent, grid, step, ...(vae ? { vae } : {}) };
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

/** `priorSample`: a VAE generating: `count` codes z ~ N(0, I) drawn from `seed`, decoded. */
export async function priorSample(ctx: ToolContext, req: PriorSampleRequest): Promise<PriorSampleResult> {
  const { tf, rt } = ctx;
  const { node } = pickBottleneck(rt, req.node);
  const count = Math.floor(Number(req.count));
  if (!(count >= 1 && count <= PRIOR_MAX_SAMPLES) || !Number.isFinite(Number(req.seed))) throw new ToolUnsupported('latent.err.badPoints');
  const rng = createRng(Number(req.seed));
  const points = Array.from({ length: 2 * count }, () => rng.normal());
  const out = tf.tidy(() => decodeFrom(tf, rt, tf.tensor2d(points, [count, 2]), node));
  const images = Float32Array.from((await out.data()) as Float32Array);
  out.dispose();
  return { tool: 'priorSample', node, points, images, side: Math.round(Math.sqrt(images.length / count)), step: rt.step };
}
