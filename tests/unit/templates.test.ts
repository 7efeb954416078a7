import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/models/analysis';
import { CATALOG } from '../../src/models/catalog';
import { translate, isMessageKey } from '../../src/i18n';
import { TEMPLATES, templateById } from '../../src/models/templates';
import { buildModel } from '../../src/training/model';
import { registerFastCpuKernels } from '../../src/training/cpuKernels';

beforeAll(async () => {
  await tf.setBackend('cpu');
  // The app's CPU backend: our convolution and matMul kernels in place of TF.js's (much slower) ones.
  registerFastCpuKernels(tf);
});

afterAll(() => {
  tf.disposeVariables();
});

/** Layer types a template uses that the catalog does not have (yet). */
const missingTypes = (id: string) => [...new Set(templateById(id)!.network().nodes.map((n) => n.type))].filter((t) => !(t in CATALOG));

/** The parameter counts the templates are designed to; LeNet-5's is the classic 61,706. */
const EXPECTED_PARAMS: Record<string, number> = {
  perceptron: 3,
  mlp: 105,
  lenet5: 61_706,
  alexnet: 87_882,
  vgg: 117_434,
  resnet: 19_994,
  densenet: 13_586,
  simpleRnn: 2_434,
  lstm: 7_138,
  gru: 5_570,
  biLstm: 5_090,
  lstmForecast: 4_616,
  // d_model 64, 4 heads of 16, feed-forward 128: per encoder block 4·(64·64+64) + (64·128+128+128·64+64) + 2·128.
  transformerEncoder: 68_750,
  transformerSeq2seq: 175_530,
  miniGpt: 79_296,
};

describe('templates', () => {
  it('have unique ids, a family, an input kind and both strings in both languages', () => {
    const ids = TEMPLATES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining(['perceptron', 'mlp', 'lenet5', 'alexnet', 'vgg', 'resnet', 'densenet', 'simpleRnn', 'lstm', 'gru', 'biLstm', 'lstmForecast', 'transformerEncoder', 'transformerSeq2seq', 'miniGpt']),
    );
    for (const t of TEMPLATES) {
      expect(t.noteKey).toBe(`template.${t.id}.note`);
      for (const key of [t.noteKey, `template.${t.id}.name`]) {
        expect(isMessageKey(key), key).toBe(true);
        if (!isMessageKey(key)) continue;
        expect(translate('en', key)).not.toBe(key);
        expect(translate('zh-CN', key)).not.toBe(key);
      }
      // The notes are real Chinese, not a copy of the English (names such as "LeNet-5" may be).
      if (isMessageKey(t.noteKey)) expect(translate('zh-CN', t.noteKey)).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('give a fresh network every call, with a drawn position for every node', () => {
    for (const t of TEMPLATES) {
      const a = t.network();
      const b = t.network();
      expect(a).toEqual(b);
      a.nodes[0].params.shape = [99];
      expect(t.network()).toEqual(b);
      const ids = a.nodes.map((n) => n.id);
      expect(Object.keys(a.layout ?? {}).sort()).toEqual([...ids].sort());
      expect(new Set(Object.values(a.layout!).map((p) => `${p.x},${p.y}`)).size).toBe(ids.length);
    }
  });

  for (const t of TEMPLATES) {
    const missing = missingTypes(t.id);
    const reason = missing.length ? ` (skipped: layer types ${missing.join(', ')} are not in CATALOG yet)` : '';

    it.skipIf(missing.length > 0)(`${t.id} analyses without errors to one output${reason}`, () => {
      const analysis = analyze(t.network());
      expect(analysis.errors).toEqual([]);
      expect(analysis.outputs).toHaveLength(1);
      if (t.id in EXPECTED_PARAMS) expect(analysis.totalParams).toBe(EXPECTED_PARAMS[t.id]);
    });

    it.skipIf(missing.length > 0)(`${t.id} builds in TF.js with the analysed parameter count and trains 3 steps${reason}`, () => {
      const spec = t.network();
      const analysis = analyze(spec);
      const built = buildModel(tf, spec);
      try {
        expect(built.model.countParams()).toBe(analysis.totalParams);
        const inputs = spec.nodes.filter((n) => n.type === 'Input');
        const tokenInputs = new Set(spec.nodes.filter((n) => n.type === 'Embedding').flatMap((n) => n.inputs));
        const batch = 2;
        const xs = inputs.map((n) => {
          const shape = [batch, ...(n.params.shape as number[])];
          if (!tokenInputs.has(n.id)) return tf.randomNormal(shape);
          const vocab = Math.min(...spec.nodes.filter((e) => e.type === 'Embedding' && e.inputs.includes(n.id)).map((e) => e.params.inputDim as number));
          return tf.randomUniform(shape, 0, vocab, 'int32');
        });
        const outShape = analysis.nodes[analysis.outputs[0]].shape as number[];
        const classes = outShape[outShape.length - 1];
        const labels = tf.randomUniform([batch, ...outShape.slice(0, -1)], 0, classes, 'int32');
        const ys = classes > 1 ? tf.oneHot(labels, classes) : tf.cast(labels, 'float32').reshape([batch, ...outShape]);
        const optimizer = tf.train.adam(0.001);
        const losses: number[] = [];
        for (let step = 0; step < 3; step++) {
          const loss = optimizer.minimize(() => {
            const pred = built.model.apply(xs.length === 1 ? xs[0] : xs, { training: true }) as tf.Tensor;
            return classes > 1 ? tf.metrics.categoricalCrossentropy(ys, pred).mean() : tf.metrics.binaryCrossentropy(ys, pred).mean();
          }, true) as tf.Scalar;
          losses.push(loss.dataSync()[0]);
          loss.dispose();
        }
        expect(losses.every(Number.isFinite), `losses ${losses.join(', ')}`).toBe(true);
        tf.dispose([...xs, labels, ys]);
        optimizer.dispose();
      } finally {
        built.dispose();
      }
    });
  }
});
