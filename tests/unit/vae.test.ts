/**
 * The variational autoencoder (issue 16, generation): the Sampling layer (shapes, errors, the
 * reparameterisation trick's noise, inference = μ, the KL term, gradients), the runtime's objective
 * with β·KL, seeded reproducibility, flat tensors, the latent tool's VAE numbers and prior samples,
 * the template through the codec, and the exported code (run in real PyTorch).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/i18n';
import { analyze } from '../../src/models/analysis';
import { Sampling, klDivergence, samplingClass, type SamplingLayer } from '../../src/models/catalog/sampling';
import { decodeExperiment } from '../../src/models/codec';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { exportKeras, exportPyTorch } from '../../src/models/export';
import { trainPy } from '../../src/models/export/trainScript';
import { bottlenecks } from '../../src/models/latentSpace';
import { openTemplate } from '../../src/models/openTemplate';
import type { Experiment } from '../../src/models/spec';
import { vae2d } from '../../src/models/templates/vae';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';
import { prepareData } from '../../src/training/prepare';
import { ModelRuntime } from '../../src/training/runtime';
import { klTermOf } from '../../src/training/samplingLoss';
import { latent, priorSample } from '../../src/training/tools/latent';
import { standaloneToolContext } from '../../src/training/tools/standalone';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerFastCpuKernels(tf);
});

/** The template on 300 generated shapes (fast): 270 train, 30 test. */
function shapesVae(beta?: number): Experiment {
  const shapes = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'shapes', numPoints: 300 } });
  const exp = openTemplate(shapes, vae2d);
  return beta === undefined ? exp : applyChange(exp, { type: 'graph', change: { type: 'setParams', id: 'z', patch: { beta } } });
}

const layer = (beta = 1): SamplingLayer => new (samplingClass(tf))({ name: `s${Math.random().toString(36).slice(2)}`, beta });

describe('Sampling: the catalog entry and the analysis', () => {
  it('takes two inputs of one shape and keeps it; other shapes and input counts are named on the node', () => {
    expect(Sampling.inferShape([[2], [2]], { beta: 1 })).toEqual({ ok: true, shape: [2] });
    expect(Sampling.inferShape([[2], [3]], { beta: 1 })).toEqual({ ok: false, error: { key: 'err.sampling.shapes', vars: { a: '2', b: '3' } } });
    expect(Sampling.paramCount([[2], [2]], { beta: 1 })).toBe(0);
    const net = shapesVae().network;
    expect(analyze(net).errors).toEqual([]);
    const wide = applyChange(shapesVae(), { type: 'graph', change: { type: 'setParams', id: 'logVar', patch: { units: 3 } } });
    expect(analyze(wide.network).nodes.z.error).toMatchObject({ key: 'err.sampling.shapes', vars: { a: '2', b: '3' } });
    const one = { ...net, nodes: net.nodes.map((n) => (n.id === 'z' ? { ...n, inputs: ['mean'] } : n)) };
    expect(analyze(one).nodes.z.error).toMatchObject({ key: 'err.graph.needsInputs', vars: { min: 2 } });
    const three = { ...net, nodes: net.nodes.map((n) => (n.id === 'z' ? { ...n, inputs: ['mean', 'logVar', 'mean'] } : n)) };
    expect(analyze(three).nodes.z.error).toMatchObject({ key: 'err.graph.tooManyInputs', vars: { max: 2 } });
    for (const locale of ['en', 'zh-CN'] as const) {
      expect(translate(locale, 'err.sampling.shapes', { a: '2', b: '3' })).toMatch(/2.*3/);
      expect(translate(locale, 'layer.Sampling.name')).not.toBe('layer.Sampling.name');
    }
  });

  it('the latent tab finds the Sampling node as the bottleneck (not the μ or log σ² head)', () => {
    expect(bottlenecks(shapesVae().network)).toEqual(['z']);
  });
});

describe('Sampling: the reparameterisation trick', () => {
  it('training noise has mean μ and deviation exp(½·log σ²); inference returns μ; the noise is seeded', () => {
    const s = layer();
    const n = 20000;
    const mu = tf.fill([n, 2], 2);
    const lv = tf.fill([n, 2], Math.log(0.25));
    s.seed = 42;
    const z = s.apply([mu, lv], { training: true }) as tf.Tensor;
    const { mean, variance } = tf.moments(z, 0);
    const [m, v] = [mean.dataSync(), variance.dataSync()];
    for (const k of [0, 1]) {
      expect(m[k]).toBeCloseTo(2, 1);
      expect(Math.abs(m[k] - 2)).toBeLessThan(0.02);
      expect(Math.abs(Math.sqrt(v[k]) - 0.5)).toBeLessThan(0.02);
    }
    s.seed = 42;
    const again = s.apply([mu, lv], { training: true }) as tf.Tensor;
    expect(Array.from(again.dataSync().subarray(0, 50))).toEqual(Array.from(z.dataSync().subarray(0, 50)));
    const next = s.apply([mu, lv], { training: true }) as tf.Tensor;
    expect(Array.from(next.dataSync().subarray(0, 50))).not.toEqual(Array.from(z.dataSync().subarray(0, 50)));
    const inf = s.apply([mu, lv], { training: false }) as tf.Tensor;
    expect(Array.from(inf.dataSync())).toEqual(Array.from(mu.dataSync()));
    expect(s.lastKl).toBeNull();
    tf.dispose([mu, lv, z, mean, variance, again, next, inf]);
  });

  it('KL against a hand-computed value: −½·Σ(1 + log σ² − μ² − σ²), summed over the latent, mean over the batch', () => {
    const mu = tf.tensor2d([
      [1, 0],
      [0, 2],
    ]);
    const lv = tf.tensor2d([
      [0, Math.log(2)],
      [Math.log(0.5), 0],
    ]);
    // Row 1: −½[(1+0−1−1) + (1+ln2−0−2)] = −½[−1 + ln2 − 1] = 1 − ½ln2.
    // Row 2: −½[(1+ln½−0−½) + (1+0−4−1)] = −½[½ − ln2 − 4] = 1.75 + ½ln2.
    const want = (1 - 0.5 * Math.log(2) + 1.75 + 0.5 * Math.log(2)) / 2;
    const kl = klDivergence(tf, mu, lv);
    expect(kl.shape).toEqual([]);
    expect(kl.dataSync()[0]).toBeCloseTo(want, 5);
    // The prior itself has no KL.
    const zero = klDivergence(tf, tf.zeros([3, 2]), tf.zeros([3, 2]));
    expect(zero.dataSync()[0]).toBeCloseTo(0, 6);
    tf.dispose([mu, lv, kl, zero]);
  });

  it('gradients flow through μ and log σ² (tf.variableGrads): ∂Σz/∂μ = 1, ∂Σz/∂log σ² = ½·σ·ε', () => {
    const s = layer();
    const mu = tf.variable(tf.tensor2d([[0.3, -1]]));
    const lv = tf.variable(tf.tensor2d([[0.2, -0.4]]));
    s.seed = 7;
    const z = (s.apply([mu, lv], { training: true }) as tf.Tensor).dataSync();
    s.seed = 7;
    const { value, grads } = tf.variableGrads(() => tf.sum(s.apply([mu, lv], { training: true }) as tf.Tensor) as tf.Scalar, [mu, lv]);
    expect(Array.from(grads[mu.name].dataSync())).toEqual([1, 1]);
    const g = grads[lv.name].dataSync();
    const m = mu.dataSync();
    // z − μ = σ·ε, so ½·σ·ε = ½·(z − μ).
    for (const k of [0, 1]) expect(g[k]).toBeCloseTo(0.5 * (z[k] - m[k]), 5);
    const { grads: klGrads } = tf.variableGrads(() => klDivergence(tf, mu, lv), [mu, lv]);
    // ∂KL/∂μ = μ, ∂KL/∂lv = ½(exp(lv) − 1) (one row: the batch mean is that row).
    Array.from(klGrads[mu.name].dataSync()).forEach((v, k) => expect(v).toBeCloseTo(m[k], 5));
    Array.from(klGrads[lv.name].dataSync()).forEach((v, k) => expect(v).toBeCloseTo(0.5 * (Math.exp(lv.dataSync()[k]) - 1), 5));
    tf.dispose([mu, lv, value, ...Object.values(grads), ...Object.values(klGrads)]);
  });
});

describe('the VAE in the runtime', () => {
  it('trains with β·KL / pixels added; inference is deterministic; tensors flat across steps; a seed reproduces the run', async () => {
    const exp = shapesVae();
    const data = prepareData(exp);
    const rt = new ModelRuntime(tf, exp, data);
    rt.train(2);
    const n0 = tf.memory().numTensors;
    rt.train(5);
    expect(tf.memory().numTensors).toBe(n0);
    // The KL term of a training pass, scaled by the output's values per example.
    const [term, kl] = tf.tidy(() => {
      const x = rt.testInputs(0, 8) as tf.Tensor;
      const out = rt.built.forward(x, { training: true, seed: 3 }).output;
      const s = rt.built.layers.get('z') as SamplingLayer;
      return [klTermOf(tf, rt.built, out)!, s.lastKl!.clone()];
    });
    expect(term.dataSync()[0]).toBeCloseTo(kl.dataSync()[0] / 784, 6);
    expect(kl.dataSync()[0]).toBeGreaterThan(0);
    tf.dispose([term, kl]);
    // Inference: no KL, and the same output twice.
    const [a, b] = tf.tidy(() => [rt.predict(rt.testInputs(0, 4)), rt.predict(rt.testInputs(0, 4))]);
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(klTermOf(tf, rt.built, a)).toBeNull();
    tf.dispose([a, b]);
    const m1 = await rt.evaluate();
    // The same Experiment (seed) trains to the same weights; another β to others.
    const twin = new ModelRuntime(tf, exp, prepareData(exp));
    twin.train(7);
    expect((await twin.evaluate()).testLoss).toBe(m1.testLoss);
    const other = new ModelRuntime(tf, shapesVae(0), prepareData(shapesVae(0)));
    other.train(7);
    expect((await other.evaluate()).testLoss).not.toBe(m1.testLoss);
    [rt, twin, other].forEach((r) => r.dispose());
  });

  it('a large β pulls the codes to the prior: lower KL than β = 0 after the same training', async () => {
    const kls: number[] = [];
    for (const beta of [0, 20]) {
      const exp = shapesVae(beta);
      const rt = new ModelRuntime(tf, exp, prepareData(exp));
      rt.train(20);
      const r = await latent(standaloneToolContext(tf, rt), { tool: 'latent', examples: 30 });
      kls.push(r.vae!.kl);
      rt.dispose();
    }
    expect(kls[1]).toBeLessThan(kls[0]);
  });
});

describe('the latent tool on a VAE', () => {
  it('reports the KL term and the codes’ moments, decodes its lattice over ±3, samples the prior by seed; tensors flat', async () => {
    const exp = shapesVae();
    const rt = new ModelRuntime(tf, exp, prepareData(exp));
    rt.train(5);
    const ctx = standaloneToolContext(tf, rt);
    await latent(ctx, { tool: 'latent', examples: 30, grid: 4 });
    await priorSample(ctx, { tool: 'priorSample', count: 4, seed: 1 });
    const n0 = tf.memory().numTensors;
    const r = await latent(ctx, { tool: 'latent', examples: 30, grid: 4 });
    expect(r.node).toBe('z');
    expect(r.vae).toBeDefined();
    const v = r.vae!;
    expect(v.gridExtent).toEqual([-3, 3, -3, 3]);
    expect(r.extent[0]).toBeLessThanOrEqual(-3);
    expect(r.extent[3]).toBeGreaterThanOrEqual(3);
    expect(v.beta).toBe(1);
    // The KL by hand: the Dense chain to the μ and log σ² heads, then the formula.
    const want = tf.tidy(() => {
      const dense = (h: tf.Tensor, id: string, relu: boolean) => {
        const d = rt.built.dense.find((w) => w.layerId === id)!;
        const y = tf.add(tf.matMul(h, d.kernel), d.bias!);
        return relu ? tf.relu(y) : y;
      };
      const h = dense(dense(tf.tensor2d(rt.data.testX.subarray(0, 30 * 784), [30, 784]), 'enc1', true), 'enc2', true);
      return klDivergence(tf, dense(h, 'mean', false), dense(h, 'logVar', false)).dataSync()[0];
    });
    expect(v.kl).toBeCloseTo(want, 4);
    expect(v.kl).toBeGreaterThanOrEqual(0);
    const mean0 = Array.from({ length: 30 }, (_, i) => r.codes[2 * i]).reduce((s, c) => s + c, 0) / 30;
    expect(v.mean[0]).toBeCloseTo(mean0, 5);
    expect(r.grid?.images.length).toBe(16 * 784);
    const p1 = await priorSample(ctx, { tool: 'priorSample', count: 6, seed: 9 });
    const p2 = await priorSample(ctx, { tool: 'priorSample', count: 6, seed: 9 });
    const p3 = await priorSample(ctx, { tool: 'priorSample', count: 6, seed: 10 });
    expect(p1.points.length).toBe(12);
    expect(p1.images.length).toBe(6 * 784);
    expect(p1.points).toEqual(p2.points);
    expect(p3.points).not.toEqual(p1.points);
    expect(tf.memory().numTensors).toBe(n0);
    await expect(priorSample(ctx, { tool: 'priorSample', count: 0, seed: 1 })).rejects.toMatchObject({ key: 'latent.err.badPoints' });
    rt.dispose();
  });

  it('a plain autoencoder gets no VAE numbers', async () => {
    const exp = applyChange(shapesVae(), { type: 'graph', change: { type: 'setParams', id: 'z', patch: { beta: 0 } } });
    const plain = openTemplate(exp, (await import('../../src/models/templates/autoencoder')).autoencoder2d);
    const rt = new ModelRuntime(tf, plain, prepareData(plain));
    const r = await latent(standaloneToolContext(tf, rt), { tool: 'latent', examples: 10 });
    expect(r.vae).toBeUndefined();
    rt.dispose();
  });
});

describe('the VAE template through the codec and the exporters', () => {
  it('round-trips through the codec unchanged; a β out of range is refused', () => {
    const exp = shapesVae(4);
    const round = decodeExperiment(JSON.parse(JSON.stringify(exp)));
    expect(round.ok && round.value).toEqual(exp);
    const bad = JSON.parse(JSON.stringify(exp)) as Experiment;
    bad.network.nodes.find((n) => n.id === 'z')!.params.beta = 500;
    const decoded = decodeExperiment(bad);
    expect(decoded.ok && analyze(decoded.value.network).errors.length > 0 ? 'flagged' : decoded.ok ? 'accepted' : 'refused').not.toBe('accepted');
  });

  it('exports Sampling and the KL term to PyTorch (run here), Keras and train.py', () => {
    const exp = shapesVae(2);
    const analysis = analyze(exp.network);
    const torch = exportPyTorch(exp.network, analysis);
    expect(torch).toContain('class Sampling(nn.Module):');
    expect(torch).toMatch(/self\.z = Sampling\(beta=2\.0\)/);
    expect(torch).toMatch(/z = self\.z\(mean, logVar\)/);
    const keras = exportKeras(exp.network, analysis);
    expect(keras).toContain('class Sampling(layers.Layer):');
    expect(keras).toContain('OUTPUT_VALUES = 784');
    expect(keras).toMatch(/Sampling\(beta=2\.0, kl_scale=1 \/ OUTPUT_VALUES, name="z"\)\(\[mean, logVar\]\)/);
    const data = prepareData(exp);
    const script = trainPy(exp, data, { epochs: 1, outputActivation: 'sigmoid' });
    expect(script).toContain('kl = kl_term(model, out)');
    // Real PyTorch: eval is deterministic (z = μ), training draws noise, and the KL matches the formula.
    const dir = mkdtempSync(join(tmpdir(), 'gg-vae-'));
    writeFileSync(join(dir, 'model.py'), torch);
    writeFileSync(
      join(dir, 'check.py'),
      [
        'import json, sys, runpy, torch',
        'torch.manual_seed(0)',
        'ns = runpy.run_path(sys.argv[1])',
        'm = ns["Model"]()',
        'x = torch.rand(5, 1, 28, 28)',
        'm.eval()',
        'a, b = m(x), m(x)',
        'm.train()',
        'c = m(x)',
        'print(json.dumps({"det": bool(torch.equal(a, b)), "noisy": not bool(torch.equal(a, c)), "kl": float(m.z.kl), "shape": list(c.shape)}))',
      ].join('\n'),
    );
    const out = JSON.parse(execFileSync('/usr/bin/python3', [join(dir, 'check.py'), join(dir, 'model.py')], { encoding: 'utf8', timeout: 120_000 }).trim().split('\n').pop()!);
    expect(out).toMatchObject({ det: true, noisy: true, shape: [5, 784] });
    expect(out.kl).toBeGreaterThanOrEqual(0);
  }, 150_000);
});
