import { describe, expect, it } from 'vitest';
import { prepareData } from '../../src/training/prepare';
import { generateShapes, SHAPE_SIZE } from '../../src/data/shapes';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { datasetMismatch } from '../../src/models/fit';

const PIXELS = SHAPE_SIZE * SHAPE_SIZE;

describe('generated shapes images', () => {
  it('are seeded, balanced, in [0, 1], and not blank', () => {
    const a = generateShapes(40, 10, 7);
    expect(generateShapes(40, 10, 7)).toEqual(a);
    expect(generateShapes(40, 10, 8).images).not.toEqual(a.images);
    expect(a.images.length).toBe(40 * PIXELS);
    const counts = [0, 0, 0, 0];
    a.labels.forEach((l) => counts[l]++);
    expect(counts).toEqual([10, 10, 10, 10]);
    expect(Math.min(...a.images)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a.images)).toBeLessThanOrEqual(1);
    for (let i = 0; i < 40; i++) {
      const ink = a.images.subarray(i * PIXELS, (i + 1) * PIXELS).reduce((s, v) => s + v, 0);
      expect(ink).toBeGreaterThan(8); // every image has a visible stroke
    }
  });

  it('draw outlines: a noiseless circle has an empty centre, a line has no closed outline', () => {
    const { images, labels } = generateShapes(200, 0, 1);
    const circles = [...labels.keys()].filter((i) => labels[i] === 0);
    // The ring's pixels are far fewer than a filled disc's: mean ink well under a filled circle's area.
    for (const i of circles.slice(0, 5)) {
      const ink = images.subarray(i * PIXELS, (i + 1) * PIXELS).reduce((s, v) => s + v, 0);
      expect(ink).toBeLessThan(Math.PI * 11 * 11 * 0.8);
    }
    const lines = [...labels.keys()].filter((i) => labels[i] === 3);
    const meanInk = (ids: number[]) => ids.reduce((s, i) => s + images.subarray(i * PIXELS, (i + 1) * PIXELS).reduce((a, v) => a + v, 0), 0) / ids.length;
    const squares = [...labels.keys()].filter((i) => labels[i] === 1);
    expect(meanInk(lines)).toBeLessThan(meanInk(squares));
  });
});

describe('image experiments', () => {
  it('switching to the shapes dataset brings an image network and 4 classes', () => {
    const exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'shapes' } });
    expect(exp.network.nodes[0].params.shape).toEqual([28, 28, 1]);
    expect(exp.training.loss).toBe('crossEntropy');
    const data = prepareData(exp);
    expect(data.inputShape).toEqual([28, 28, 1]);
    expect(data.targetWidth).toBe(4);
    expect(data.points).toBeNull();
    expect(data.trainX.length).toBe(data.nTrain * PIXELS);
    // And back: a 2-D network again.
    const back = applyChange(exp, { type: 'dataset', patch: { kind: 'circle' } });
    expect(back.network).toEqual(defaultExperiment().network);
  });

  it('datasetMismatch names the Input whose shape does not fit the data', () => {
    const exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'shapes' } });
    const wrong = { ...exp, network: defaultExperiment().network };
    expect(datasetMismatch(wrong)).toMatchObject({ nodeId: 'input', key: 'err.fit.inputShape', vars: { shape: '2', want: '28×28×1' } });
    expect(datasetMismatch(defaultExperiment())).toBeNull();
  });
});

describe('32×32 inputs', () => {
  it('pad the 28×28 images with a 2-pixel border, as LeNet-5 took MNIST', () => {
    const exp = applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'shapes' } });
    const nodes = exp.network.nodes.map((n) => (n.type === 'Input' ? { ...n, params: { shape: [32, 32, 1] } } : n));
    const padded = { ...exp, network: { nodes } };
    expect(datasetMismatch(padded)?.key).not.toBe('err.fit.inputShape');
    const small = prepareData(exp);
    const big = prepareData(padded);
    expect(big.inputShape).toEqual([32, 32, 1]);
    expect(big.trainX.length).toBe(big.nTrain * 32 * 32);
    // Row 0 and column 0 are border; pixel (y, x) of the small image sits at (y + 2, x + 2).
    for (let x = 0; x < 32; x++) expect(big.trainX[x]).toBe(0);
    for (const [y, x] of [[5, 9], [14, 14], [27, 27]]) expect(big.trainX[(y + 2) * 32 + x + 2]).toBe(small.trainX[y * 28 + x]);
  });
});
