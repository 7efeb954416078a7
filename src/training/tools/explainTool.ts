import { sentimentData, sentimentTokens } from '../../data/sequenceData';
import { PAD } from '../../data/sequences';
import { padImages } from '../prepare';
import { classScorer } from './classScore';
import { ToolUnsupported, type ToolContext } from './context';
import { gradCam, integratedGradients, occlusion, perPixel, saliency, smoothGrad } from './explain';
import type { ExplainRequest, ExplainResult, ExplainSource, TokenAttributionRequest, TokenAttributionResult } from './explainTypes';

/** `v` when it is a finite number, clamped to [lo, hi]; else undefined (the method's default). */
const bounded = (v: unknown, lo: number, hi: number): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : undefined);

/**
 * The knobs a request may set, bounded: a request from a lesson file or link must not make the
 * engine run for minutes (IG at most 512 steps, SmoothGrad 256 copies).
 */
export function explainParams(p: unknown) {
  const o = (p && typeof p === 'object' ? p : {}) as Record<string, unknown>;
  return {
    samples: bounded(o.samples, 1, 256),
    sigma: bounded(o.sigma, 0, 2),
    seed: bounded(o.seed, 0, 2 ** 31),
    steps: bounded(o.steps, 1, 512),
    patch: bounded(o.patch, 1, 64),
    stride: bounded(o.stride, 1, 64),
    fill: bounded(o.fill, -10, 10),
    elementwise: o.elementwise === true,
  };
}

/** The image of `source` as the network takes it (a drawing padded to the input's side), with its index and label. */
function imageOf(ctx: ToolContext, source: ExplainSource | undefined): { pixels: Float32Array; testIndex: number; label: number } {
  const { rt } = ctx;
  const shape = rt.data.inputShape;
  const src = source ?? ctx.probeSource?.() ?? { kind: 'test', index: 0 };
  if (src.kind === 'drawing') {
    const side = shape[0];
    const from = Math.round(Math.sqrt(src.pixels.length));
    const image = from === side ? src.pixels : from < side && from * from === src.pixels.length ? padImages(src.pixels, from, side) : null;
    if (!image || image.length !== rt.data.numFeatures) throw new ToolUnsupported('attr.err.drawingSize');
    return { pixels: Float32Array.from(image), testIndex: -1, label: -1 };
  }
  const n = rt.data.nTest;
  if (n === 0) throw new ToolUnsupported('attr.err.noTest');
  const index = Math.min(Math.max(0, Math.floor(Number.isFinite(src.index) ? src.index : 0)), n - 1);
  const c = rt.data.numClasses;
  const y = rt.data.testY.subarray(index * c, (index + 1) * c);
  return { pixels: Float32Array.from(rt.testExample(index)), testIndex: index, label: y.indexOf(Math.max(...y)) };
}

/**
 * The `explain` tool: an attribution map of the image lab's network for one image and one class
 * (explain.ts), with the prediction. Refused outside the image lab and for networks whose output
 * is not a class.
 */
export async function explain(ctx: ToolContext, req: ExplainRequest): Promise<ExplainResult> {
  const { tf, rt } = ctx;
  if (rt.lab !== 'images') throw new ToolUnsupported('attr.err.notImages');
  if (rt.outputSpec.task !== 'multiclass') throw new ToolUnsupported('attr.err.notClasses');
  if (rt.built.inputIds.length !== 1) throw new ToolUnsupported('attr.err.oneInput');
  const scorer = classScorer(tf, rt.built, rt.experiment.network);
  const { pixels, testIndex, label } = imageOf(ctx, req.source);
  const shape = rt.data.inputShape;
  const [height, width, channels = 1] = shape;
  const x = tf.tensor(pixels, [1, ...shape]);
  const score = (v: import('@tensorflow/tfjs').Tensor) => scorer.scores([v]);
  const between = async () => {
    await ctx.pause();
    if (!ctx.alive()) throw ctx.changed();
  };
  try {
    const head = tf.tidy(() => {
      const s = score(x);
      return tf.concat([s.reshape([-1]), scorer.probabilities(s).reshape([-1])]);
    });
    const both = (await head.data()) as Float32Array;
    head.dispose();
    const classes = both.length / 2;
    const scores = both.subarray(0, classes);
    const probabilities = Float32Array.from(both.subarray(classes));
    const predicted = probabilities.indexOf(Math.max(...probabilities));
    const cls = req.classIndex !== undefined && Number.isInteger(req.classIndex) && req.classIndex >= 0 && req.classIndex < classes ? req.classIndex : predicted;
    const p = explainParams(req.params);
    let layerId: string | null = null;
    let baselineScore: number | null = null;
    let attributionSum: number | null = null;
    const t0 = performance.now();
    let map: import('@tensorflow/tfjs').Tensor;
    switch (req.method) {
      case 'saliency': {
        const g = saliency(tf, score, x, cls);
        map = perPixel(tf, g);
        g.dispose();
        break;
      }
      case 'smoothGrad': {
        const g = await smoothGrad(tf, score, x, cls, { samples: p.samples, sigma: p.sigma, seed: p.seed }, between);
        map = perPixel(tf, g);
        g.dispose();
        break;
      }
      case 'integratedGradients': {
        const ig = await integratedGradients(tf, score, x, cls, { steps: p.steps }, between);
        map = perPixel(tf, ig.attributions);
        ig.attributions.dispose();
        baselineScore = ig.baselineScore;
        break;
      }
      case 'gradCam': {
        if (!scorer.spatialLayers.length) throw new ToolUnsupported('attr.err.noConv');
        layerId = req.layerId && scorer.spatialLayers.includes(req.layerId) ? req.layerId : scorer.spatialLayers[scorer.spatialLayers.length - 1];
        const id = layerId;
        map = tf.tidy(() => {
          const a = scorer.activation(id, [x]);
          return gradCam(tf, a, (v) => scorer.scoresFrom(id, v, [x]), cls, height, width, p.elementwise);
        });
        break;
      }
      case 'occlusion': {
        const drop = await occlusion(tf, score, x, cls, { patch: p.patch, stride: p.stride, fill: p.fill }, between);
        map = tf.tensor2d(drop, [height, width]);
        break;
      }
      default:
        throw new ToolUnsupported('attr.err.method');
    }
    const heat = Float32Array.from((await map.data()) as Float32Array);
    map.dispose();
    const ms = performance.now() - t0;
    if (req.method === 'integratedGradients') attributionSum = heat.reduce((a, b) => a + b, 0);
    const image = channels === 1 ? pixels : Float32Array.from({ length: height * width }, (_, i) => pixels[i * channels]);
    return {
      tool: 'explain',
      method: req.method,
      heat,
      height,
      width,
      image,
      testIndex,
      label,
      classIndex: cls,
      predicted,
      probabilities,
      score: scorer.kind,
      scoreValue: scores[cls],
      baselineScore,
      attributionSum,
      layerId,
      layers: scorer.spatialLayers,
      ms,
      step: rt.step,
    };
  } finally {
    x.dispose();
  }
}

/** A sentence as the network's ids: tokens the dataset's way, unknown ones left out, PAD on the left, cut from the front when too long. */
export function sentenceIds(tokens: readonly string[], vocab: ReadonlyMap<string, number>, len: number) {
  const missing: ('unknown' | 'cut' | null)[] = tokens.map((t) => (vocab.has(t) ? null : 'unknown'));
  const known = tokens.map((t, i) => ({ i, id: vocab.get(t) })).filter((k): k is { i: number; id: number } => k.id !== undefined);
  const kept = known.slice(Math.max(0, known.length - len));
  for (const k of known.slice(0, known.length - kept.length)) missing[k.i] = 'cut';
  const ids = new Float32Array(len).fill(PAD);
  kept.forEach((k, j) => (ids[len - kept.length + j] = k.id));
  return { ids, positions: kept.map((k) => k.i), missing, start: len - kept.length };
}

/**
 * The `tokenAttribution` tool, for the sequence lab's sentiment networks: gradient × input on the
 * Embedding layer's output for the class score (the logit), summed over the embedding axis — one
 * value per token; their sum with the padding's is the first-order share of the score.
 */
export async function tokenAttribution(ctx: ToolContext, req: TokenAttributionRequest): Promise<TokenAttributionResult> {
  const { tf, rt } = ctx;
  const kind = rt.experiment.dataset.kind;
  if (rt.lab !== 'sequences' || kind !== 'sentiment') throw new ToolUnsupported('attr.err.notSentiment');
  const scorer = classScorer(tf, rt.built, rt.experiment.network);
  const embeddingId = scorer.embeddingId;
  if (!embeddingId || rt.built.inputIds.length !== 1) throw new ToolUnsupported('attr.err.noEmbedding');
  const language = rt.experiment.dataset.sequence.language;
  const vocab = sentimentData(language).vocab;
  const len = rt.data.inputShape[0];
  let tokens: string[];
  let built: ReturnType<typeof sentenceIds>;
  if (req.source.kind === 'text') {
    tokens = sentimentTokens(req.source.text.slice(0, 500), language);
    if (!tokens.length) throw new ToolUnsupported('attr.err.emptySentence');
    built = sentenceIds(tokens, vocab.index, len);
  } else {
    const n = rt.data.nTest;
    if (n === 0) throw new ToolUnsupported('attr.err.noTest');
    const index = Math.min(Math.max(0, Math.floor(req.source.index)), n - 1);
    const row = rt.testExample(index);
    const ids = Array.from(row).filter((id) => id !== PAD);
    tokens = ids.map((id) => vocab.tokens[id] ?? '?');
    built = sentenceIds(tokens, vocab.index, len);
  }
  const t0 = performance.now();
  const x = tf.tensor2d(built.ids, [1, len]);
  let grads: import('@tensorflow/tfjs').Tensor;
  let scores: Float32Array;
  let probabilities: Float32Array;
  let predicted: number;
  let cls: number;
  try {
    // The class first (read back without blocking), then its gradient.
    const head = tf.tidy(() => {
      const s = scorer.scores([x]);
      return tf.concat([s.reshape([-1]), scorer.probabilities(s).reshape([-1])]);
    });
    const both = (await head.data()) as Float32Array;
    head.dispose();
    const classes = both.length / 2;
    scores = both.slice(0, classes);
    probabilities = Float32Array.from(both.subarray(classes));
    predicted = probabilities.indexOf(Math.max(...probabilities));
    const wanted = req.classIndex;
    cls = wanted !== undefined && Number.isInteger(wanted) && wanted >= 0 && wanted < classes ? wanted : predicted;
    grads = tf.tidy(() => {
      const e = scorer.activation(embeddingId, [x]);
      const g = tf.grad((v: import('@tensorflow/tfjs').Tensor) => tf.sum(tf.gather(scorer.scoresFrom(embeddingId, v, [x]), [cls], 1)))(e);
      return tf.sum(tf.mul(g, e), -1).reshape([-1]);
    });
  } finally {
    x.dispose();
  }
  const perToken = (await grads.data()) as Float32Array;
  grads.dispose();
  if (!ctx.alive()) throw ctx.changed();
  const values: (number | null)[] = tokens.map(() => null);
  built.positions.forEach((pos, j) => (values[pos] = perToken[built.start + j]));
  let padSum = 0;
  for (let i = 0; i < built.start; i++) padSum += perToken[i];
  return {
    tool: 'tokenAttribution',
    tokens,
    values,
    missing: built.missing,
    classIndex: cls,
    predicted,
    probabilities,
    scoreValue: scores[cls],
    padSum,
    ms: performance.now() - t0,
    step: rt.step,
  };
}
