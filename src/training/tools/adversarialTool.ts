import { padImages } from '../prepare';
import { attack, pgdDefaults, type AttackSettings } from './adversarial';
import { ToolUnsupported, type ToolContext } from './context';
import { ADVERSARIAL_LIMITS } from '../../models/adversarialTraining';
import {
  ROBUSTNESS_EPS,
  ROBUSTNESS_MAX_EPS_POINTS,
  ROBUSTNESS_MAX_EXAMPLES,
  type AdversarialRequest,
  type AdversarialResult,
  type RobustnessRequest,
  type RobustnessResult,
} from './adversarialTypes';
import { correctOf, scoreOf } from '../objective';

/** Rows per attacked batch: a PGD step is a forward and a backward pass over it. */
const BATCH = 100;
const MAX_STEPS = 50;

const clampEps = (eps: number) => (Number.isFinite(eps) ? Math.min(ADVERSARIAL_LIMITS.eps[1], Math.max(0, eps)) : 0);

/** Attacks need an image classifier: pixels in [0, 1] and classes to be wrong about. */
function requireImageClassifier(ctx: ToolContext): void {
  if (ctx.rt.lab !== 'images') throw new ToolUnsupported('adv.onlyImages');
  if (ctx.rt.outputSpec.task !== 'multiclass') throw new ToolUnsupported('adv.onlyClassifier');
}

function settings(ctx: ToolContext, method: AdversarialRequest['method'], eps: number, steps?: number): AttackSettings & { steps: number } {
  const s = method === 'pgd' ? pgdDefaults(eps, Math.min(MAX_STEPS, Math.max(1, steps ?? 10))).steps : 1;
  return { method, eps: clampEps(eps), steps: s, seed: ctx.rt.experiment.seed };
}

/** One image attacked: the original, the change, the adversarial image and both predictions. */
export async function adversarialTool(ctx: ToolContext, req: AdversarialRequest): Promise<AdversarialResult> {
  requireImageClassifier(ctx);
  const { tf, rt } = ctx;
  const shape = rt.data.inputShape;
  const f = rt.data.numFeatures;
  let pixels: Float32Array | null = null;
  let label = -1;
  if (req.source.kind === 'drawing') {
    const src = req.source.pixels;
    const side = Math.round(Math.sqrt(src.length));
    const img = side === shape[0] ? src : side < shape[0] ? padImages(src, side, shape[0]) : null;
    if (img && img.length === f) pixels = Float32Array.from(img, (v) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0));
  }
  if (!pixels) {
    const index = req.source.kind === 'test' ? Math.min(Math.max(0, Math.floor(req.source.index) || 0), rt.data.nTest - 1) : 0;
    pixels = Float32Array.from(rt.testExample(index));
    const w = rt.data.targetWidth;
    const row = rt.data.testY.subarray(index * w, (index + 1) * w);
    label = row.indexOf(Math.max(...row));
  }
  const a = settings(ctx, req.method, req.eps, req.steps);
  const numClasses = rt.data.targetWidth;
  const out = tf.tidy(() => {
    const x = tf.tensor(pixels, [1, ...shape]);
    const before = scoreOf(tf, rt.predict(x), rt.outputSpec);
    // A drawing has no label: push away from what the network sees in it now.
    const y = label >= 0 ? tf.oneHot([label], numClasses).toFloat() : tf.oneHot(tf.argMax(before, -1), numClasses).toFloat();
    const adv = attack(tf, rt, x, y, a);
    const after = scoreOf(tf, rt.predict(adv), rt.outputSpec);
    return [adv.reshape([-1]), before.reshape([-1]), after.reshape([-1])];
  });
  const [adv, before, after] = (await Promise.all(out.map((t) => t.data()))) as Float32Array[];
  out.forEach((t) => t.dispose());
  if (!ctx.alive()) throw ctx.changed();
  const perturbation = new Float32Array(f);
  let maxChange = 0;
  for (let i = 0; i < f; i++) {
    perturbation[i] = adv[i] - pixels[i];
    maxChange = Math.max(maxChange, Math.abs(perturbation[i]));
  }
  return {
    tool: 'adversarial',
    method: a.method,
    eps: a.eps,
    steps: a.steps,
    shape: [...shape],
    original: pixels,
    perturbation,
    adversarial: Float32Array.from(adv),
    before: Float32Array.from(before),
    after: Float32Array.from(after),
    label,
    maxChange,
    step: rt.step,
  };
}

/** Accuracy against ε over the first test images, one ε and batch at a time, yielding between. */
export async function robustnessTool(ctx: ToolContext, req: RobustnessRequest): Promise<RobustnessResult> {
  requireImageClassifier(ctx);
  const { tf, rt } = ctx;
  const n = Math.max(1, Math.min(rt.data.nTest, ROBUSTNESS_MAX_EXAMPLES, Math.floor(req.examples ?? 500) || 500));
  const list = (req.eps.length ? req.eps : [...ROBUSTNESS_EPS]).slice(0, ROBUSTNESS_MAX_EPS_POINTS).map(clampEps);
  const epsList = [...new Set(list)].sort((p, q) => p - q);
  const base = settings(ctx, req.method, 0, req.steps);
  const batches = Math.ceil(n / BATCH);
  const points: RobustnessResult['points'] = [];
  for (let e = 0; e < epsList.length; e++) {
    let right = 0;
    for (let b = 0; b < batches; b++) {
      const from = b * BATCH;
      const k = Math.min(BATCH, n - from);
      const c = tf.tidy(() => {
        const x = rt.testInputs(from, k) as ReturnType<typeof tf.tensor>;
        const y = rt.testTargets(from, k);
        return correctOf(tf, rt.predict(attack(tf, rt, x, y, { ...base, eps: epsList[e] })), y, rt.outputSpec);
      });
      right += (await c.data())[0];
      c.dispose();
      ctx.progress(e * batches + b + 1, epsList.length * batches);
      await ctx.pause();
      if (!ctx.alive()) throw ctx.changed();
    }
    points.push({ eps: epsList[e], accuracy: right / n });
  }
  const adv = rt.trainingConfig.adversarial;
  return {
    tool: 'robustness',
    method: base.method,
    steps: base.steps,
    examples: n,
    points,
    trainedWith: adv?.enabled ? { method: adv.method, eps: adv.eps, share: adv.share } : null,
    step: rt.step,
  };
}
