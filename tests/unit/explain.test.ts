import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { convertMnist } from '../../scripts/build-mnist.mjs';
import { parseMnist, type MnistData } from '../../src/data/mnist';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { openTemplate } from '../../src/models/openTemplate';
import type { Experiment } from '../../src/models/spec';
import { templateById } from '../../src/models/templates';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { engineHarness, toolAnswer } from './engineHarness';
import { prepareData } from '../../src/training/prepare';
import type { FromEngine } from '../../src/training/protocol';
import { ModelRuntime } from '../../src/training/runtime';
import { classScorer } from '../../src/training/tools/classScore';
import { ToolChanged, type ToolContext } from '../../src/training/tools/context';
import { inkShare as inkShareOf } from '../../src/charts/explainStats';
import { gradCam, integratedGradients, occlusion, saliency } from '../../src/training/tools/explain';
import { explain, explainParams, sentenceIds, tokenAttribution } from '../../src/training/tools/explainTool';
import type { ExplainMethod, ExplainResult } from '../../src/training/tools/explainTypes';

let mnist: MnistData;
beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
  mnist = parseMnist(convertMnist().slice().buffer);
  vi.stubGlobal('MessageChannel', undefined);
});
afterAll(() => vi.unstubAllGlobals());

const ctxOf = (rt: ModelRuntime): ToolContext => ({
  tf,
  rt,
  progress: () => {},
  pause: async () => {},
  alive: () => true,
  changed: () => new ToolChanged(),
});

/** A template on the first `n` MNIST digits (half to train), trained `steps` steps. */
function trained(template: string | null, steps: number, n = 2000): ModelRuntime {
  let exp: Experiment = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'mnist' } });
  if (template) exp = openTemplate(exp, templateById(template)!);
  exp = applyChange(exp, { type: 'dataset', patch: { numPoints: n, trainRatio: 0.5 } });
  const rt = new ModelRuntime(tf, { ...exp, seed: 1 }, prepareData({ ...exp, seed: 1 }, { mnist }));
  rt.train(steps);
  return rt;
}

/** Share of |heat| on the image's ink (non-black pixels). */
const inkShare = (r: ExplainResult) => inkShareOf(r.image, r.heat)!;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('explanations on LeNet-5 trained on MNIST', () => {
  let rt: ModelRuntime;
  beforeAll(() => {
    rt = trained('lenet5', 150);
  }, 240_000);
  afterAll(() => rt.dispose());

  it('the class scores are the logits: their softmax is the network’s own output', () => {
    const scorer = classScorer(tf, rt.built, rt.experiment.network);
    expect(scorer.kind).toBe('logit');
    const [p, q] = tf.tidy(() => {
      const x = rt.testInputs(0, 8) as tf.Tensor;
      return [tf.softmax(scorer.scores([x])), rt.predict(x)];
    });
    expect(Array.from(p.dataSync()).map((v, i) => Math.abs(v - q.dataSync()[i])).every((d) => d < 1e-5)).toBe(true);
    tf.dispose([p, q]);
  });

  it('saliency equals tf.grad of the logit, taken through the model’s own graph, and finite differences', () => {
    const scorer = classScorer(tf, rt.built, rt.experiment.network);
    const x = tf.tensor(rt.testExample(3), [1, 32, 32, 1]);
    const cls = 5;
    // An independent path: TF.js's own functional model up to fc2, then the output Dense's kernel.
    const fc2 = tf.model({ inputs: rt.built.model.inputs, outputs: rt.built.symbolic.get('fc2')! });
    const out = rt.built.layers.get('output') as unknown as { kernel: { read(): tf.Variable }; bias: { read(): tf.Variable } };
    const logit = (v: tf.Tensor) => tf.sum(tf.gather(tf.add(tf.matMul(fc2.apply(v) as tf.Tensor, out.kernel.read()), out.bias.read()), [cls], 1));
    const mine = saliency(tf, (v) => scorer.scores([v]), x, cls);
    const theirs = tf.grad(logit)(x);
    const a = mine.dataSync();
    const b = theirs.dataSync();
    const scale = Math.max(...Array.from(b, Math.abs));
    expect(scale).toBeGreaterThan(0);
    a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThan(1e-5 * Math.max(1, scale)));
    // Finite differences at the three pixels of largest gradient.
    const top = Array.from(b.keys()).sort((i, j) => Math.abs(b[j]) - Math.abs(b[i])).slice(0, 3);
    const eps = 1e-2;
    for (const i of top) {
      const bump = (d: number) => {
        const px = Float32Array.from(rt.testExample(3));
        px[i] += d;
        return tf.tidy(() => logit(tf.tensor(px, [1, 32, 32, 1])).dataSync()[0]);
      };
      expect((bump(eps) - bump(-eps)) / (2 * eps)).toBeCloseTo(b[i], 2);
    }
    tf.dispose([x, mine, theirs]);
  });

  it('Integrated Gradients is complete: at 64 steps the attributions sum to score − baseline score within 1 %', async () => {
    const scorer = classScorer(tf, rt.built, rt.experiment.network);
    const gaps: number[] = [];
    for (const index of [0, 1, 2, 7]) {
      const x = tf.tensor(rt.testExample(index), [1, 32, 32, 1]);
      const cls = tf.tidy(() => tf.argMax(scorer.scores([x]), 1).dataSync()[0]);
      const ig = await integratedGradients(tf, (v) => scorer.scores([v]), x, cls, { steps: 64 });
      const sum = tf.sum(ig.attributions).dataSync()[0];
      const diff = ig.score - ig.baselineScore;
      gaps.push(Math.abs(sum - diff) / Math.abs(diff));
      expect(Math.abs(sum - diff)).toBeLessThanOrEqual(0.01 * Math.abs(diff));
      tf.dispose([x, ig.attributions]);
    }
    console.log(`IG completeness gap at 64 steps (LeNet-5): ${gaps.map((g) => (g * 100).toFixed(3) + ' %').join(', ')}`);
  });

  it('Grad-CAM starts from the layer’s own output; occlusion by the whole image is the score drop to the fill', async () => {
    const scorer = classScorer(tf, rt.built, rt.experiment.network);
    const x = tf.tensor(rt.testExample(4), [1, 32, 32, 1]);
    expect(scorer.spatialLayers).toEqual(['conv1', 'pool1', 'conv2', 'pool2']);
    const [d, cam] = tf.tidy(() => {
      const a = scorer.activation('conv2', [x]);
      const diff = tf.max(tf.abs(tf.sub(scorer.scoresFrom('conv2', a, [x]), scorer.scores([x]))));
      return [diff, gradCam(tf, a, (v) => scorer.scoresFrom('conv2', v, [x]), 4, 32, 32)];
    });
    expect(d.dataSync()[0]).toBeLessThan(1e-5);
    expect(cam.shape).toEqual([32, 32]);
    const c = cam.dataSync();
    expect(Math.min(...c)).toBeGreaterThanOrEqual(0);
    tf.dispose([d, cam]);
    const score = (v: tf.Tensor) => scorer.scores([v]);
    const whole = await occlusion(tf, score, x, 2, { patch: 32, stride: 32, fill: 0 });
    const expected = tf.tidy(() => tf.sub(tf.gather(score(x), [2], 1), tf.gather(score(tf.zerosLike(x)), [2], 1)).dataSync()[0]);
    whole.forEach((v) => expect(v).toBeCloseTo(expected, 4));
    x.dispose();
  });

  it('keeps the tensor count flat over every method, and measures them (saliency ≤ 50 ms on LeNet-5)', async () => {
    const ctx = ctxOf(rt);
    const methods: ExplainMethod[] = ['saliency', 'smoothGrad', 'integratedGradients', 'gradCam', 'occlusion'];
    for (const method of methods) await explain(ctx, { tool: 'explain', method, source: { kind: 'test', index: 0 } });
    const n0 = tf.memory().numTensors;
    const lines: string[] = [];
    for (const method of methods) {
      const times: number[] = [];
      let last: ExplainResult | null = null;
      for (let i = 0; i < (method === 'saliency' ? 21 : 3); i++) {
        const t0 = performance.now();
        last = await explain(ctx, { tool: 'explain', method, source: { kind: 'test', index: i % 5 } });
        times.push(performance.now() - t0);
      }
      expect(last!.heat).toHaveLength(32 * 32);
      expect(last!.heat.some((v) => v !== last!.heat[0])).toBe(true);
      lines.push(`${method}: ${median(times).toFixed(1)} ms (median of ${times.length}), ink share ${(inkShare(last!) * 100).toFixed(0)} %`);
      if (method === 'saliency') expect(median(times)).toBeLessThan(50);
    }
    expect(tf.memory().numTensors).toBe(n0);
    console.log(`LeNet-5, ${rt.step} steps, test acc ${(await rt.evaluate()).testAcc}:\n  ${lines.join('\n  ')}`);
  });
});

describe('explanations on the lesson’s network (the image lab’s default CNN on MNIST)', () => {
  it('a drawn digit: IG with a black baseline puts all of its mass on the ink; saliency spreads off it', async () => {
    const rt = trained(null, 200, 3000);
    const ctx = ctxOf(rt);
    const metrics = await rt.evaluate();
    // The first test image of class 3, as Show me's `draw: 3` picks it (a drawing is 28×28).
    const index = Array.from({ length: rt.data.nTest }, (_, i) => i).find((i) => rt.data.testY[i * 10 + 3] === 1)!;
    const pixels = Float32Array.from(rt.testExample(index));
    const sal = await explain(ctx, { tool: 'explain', method: 'saliency', source: { kind: 'drawing', pixels } });
    const ig = await explain(ctx, { tool: 'explain', method: 'integratedGradients', source: { kind: 'drawing', pixels } });
    const cam = await explain(ctx, { tool: 'explain', method: 'gradCam', source: { kind: 'drawing', pixels } });
    expect(sal.testIndex).toBe(-1);
    expect(inkShare(ig)).toBeGreaterThan(0.999);
    expect(inkShare(sal)).toBeLessThan(inkShare(ig));
    const gap = Math.abs(ig.attributionSum! - (ig.scoreValue - ig.baselineScore!)) / Math.abs(ig.scoreValue - ig.baselineScore!);
    expect(gap).toBeLessThan(0.01);
    console.log(
      `default CNN, 200 steps on 1,500 digits: test acc ${metrics.testAcc}; drawn 3 predicted ${sal.predicted} (p ${sal.probabilities[sal.predicted].toFixed(3)}); ` +
        `ink share saliency ${(inkShare(sal) * 100).toFixed(0)} %, IG ${(inkShare(ig) * 100).toFixed(1)} %, Grad-CAM ${(inkShare(cam) * 100).toFixed(0)} % (layer ${cam.layerId}); IG gap ${(gap * 100).toFixed(3)} %`,
    );
    rt.dispose();
  }, 240_000);
});

describe('a hostile request', () => {
  it('has its knobs bounded and its class and layer fall back to the defaults', async () => {
    expect(explainParams({ steps: 1e9, samples: Number.NaN, sigma: -1, patch: 0, elementwise: 'yes' })).toMatchObject({ steps: 512, samples: undefined, sigma: 0, patch: 1, elementwise: false });
    expect(explainParams(null).steps).toBeUndefined();
    const exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'shapes', numPoints: 100 } });
    const rt = new ModelRuntime(tf, exp, prepareData(exp));
    const ctx = ctxOf(rt);
    const r = await explain(ctx, { tool: 'explain', method: 'gradCam', classIndex: 99, layerId: 'constructor', source: { kind: 'test', index: 1e9 } });
    expect(r.classIndex).toBe(r.predicted);
    expect(r.layerId).toBe('pool2');
    expect(r.testIndex).toBe(rt.data.nTest - 1);
    await expect(explain(ctx, { tool: 'explain', method: 'saliency', source: { kind: 'drawing', pixels: new Float32Array(5) } })).rejects.toThrow('attr.err.drawingSize');
    await expect(explain(ctx, { tool: 'explain', method: 'nope' as 'saliency' })).rejects.toThrow('attr.err.method');
    rt.dispose();
  });
});

describe('token attribution on the sentiment task', () => {
  it('sentenceIds: the dataset’s padding on the left, unknown words left out, the front cut when too long', () => {
    const vocab = new Map([['good', 5], ['movie', 6]]);
    const r = sentenceIds(['the', 'movie', 'good'], vocab, 4);
    expect(Array.from(r.ids)).toEqual([0, 0, 6, 5]);
    expect(r.missing).toEqual(['unknown', null, null]);
    expect(r.positions).toEqual([1, 2]);
    const cut = sentenceIds(['good', 'movie', 'good'], vocab, 2);
    expect(Array.from(cut.ids)).toEqual([6, 5]);
    expect(cut.missing).toEqual(['cut', null, null]);
  });

  it('gradient × input per token of an LSTM trained on the sentences: the sentiment words carry the sign, the tensor count stays flat', async () => {
    let exp = openTemplate(defaultExperiment(), templateById('lstm')!);
    exp = { ...applyChange(exp, { type: 'dataset', patch: { numPoints: 600 } }), seed: 1 };
    const rt = new ModelRuntime(tf, exp, prepareData(exp));
    rt.train(300);
    const ctx = ctxOf(rt);
    const sentence = (text: string) => tokenAttribution(ctx, { tool: 'tokenAttribution', source: { kind: 'text', text } });
    await sentence('the movie was great');
    const n0 = tf.memory().numTensors;
    const good = await sentence('the movie was great');
    const bad = await sentence('the soup was awful zebra');
    await tokenAttribution(ctx, { tool: 'tokenAttribution', source: { kind: 'test', index: 0 } });
    expect(tf.memory().numTensors).toBe(n0);
    expect(good.tokens).toEqual(['the', 'movie', 'was', 'great']);
    expect(good.predicted).toBe(1);
    expect(bad.predicted).toBe(0);
    expect(bad.missing[4]).toBe('unknown');
    expect(bad.values[4]).toBeNull();
    // Towards each predicted class, the sentiment word gives the most.
    const top = (r: typeof good) => r.values.indexOf(Math.max(...r.values.filter((v): v is number => v !== null)));
    expect(top(good)).toBe(3);
    expect(top(bad)).toBe(3);
    console.log(`LSTM sentiment, 300 steps (test acc ${(await rt.evaluate()).testAcc}): "${good.tokens.join(' ')}" → ${good.values.map((v) => v?.toFixed(2)).join(', ')} (pad ${good.padSum.toFixed(2)}, logit ${good.scoreValue.toFixed(2)}, ${good.ms.toFixed(1)} ms); "${bad.tokens.join(' ')}" → ${bad.values.map((v) => v?.toFixed(2) ?? '—').join(', ')}`);
    rt.dispose();
  });
});

describe('the engine answers explain and tokenAttribution', () => {
  const answer = (messages: FromEngine[], requestId: number) => toolAnswer(messages, requestId, 400);
  it('on the lab’s probe (a chosen test image), with progress for Integrated Gradients; refuses a sentence on an image network', async () => {
    const { messages, send } = engineHarness();
    const exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'shapes', numPoints: 200 } });
    await send({ type: 'init', runId: 1, experiment: exp, backend: 'cpu' });
    await send({ type: 'step', runId: 1, steps: 5 });
    await send({ type: 'probeSource', runId: 1, source: { kind: 'test', index: 3 } });
    await send({ type: 'tool', runId: 1, requestId: 1, request: { tool: 'explain', method: 'integratedGradients', params: { steps: 32 } } });
    const r = (await answer(messages, 1)).result as ExplainResult;
    expect(r.testIndex).toBe(3);
    expect(r.heat).toHaveLength(28 * 28);
    expect(messages.some((m) => m.type === 'toolProgress' || m.type === 'tool')).toBe(true);
    await send({ type: 'tool', runId: 1, requestId: 2, request: { tool: 'tokenAttribution', source: { kind: 'text', text: 'good' } } });
    expect(await answer(messages, 2)).toMatchObject({ result: null, error: 'unsupported', detail: 'attr.err.notSentiment' });
    await send({ type: 'dispose' });
  });
});
