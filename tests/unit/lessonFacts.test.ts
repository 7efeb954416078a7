import { describe, expect, it } from 'vitest';
import { factsOf, encoderAttentionScore } from '../../src/lessons/facts';
import { FACTS } from '../../src/lessons/format';
import { createAppStore } from '../../src/store/createAppStore';
import { emptyRun } from '../../src/store/runSlice';
import { antiDiagonalScore } from '../../src/charts/attentionScores';
import { openTemplate } from '../../src/models/openTemplate';
import { templateById } from '../../src/models/templates';
import { analyze } from '../../src/models/analysis';
import type { AttentionMap } from '../../src/training/protocol';
import type { DynamicsProbe, LayerDynamics } from '../../src/training/dynamicsTypes';

function map(kind: 'self' | 'cross', causal: boolean, weights: number[], heads = 1): AttentionMap {
  const n = Math.round(Math.sqrt(weights.length / heads));
  return { layerId: 'a', kind, causal, heads, rows: n, cols: n, weights: Float32Array.from(weights) };
}

describe('lesson facts', () => {
  it('names every fact of FACTS, with the families', () => {
    const facts = factsOf(createAppStore().getState());
    for (const name of Object.keys(FACTS)) expect(name in facts).toBe(true);
    expect(facts['layer.Dense']).toBe(3);
    expect(facts['layer.Conv2D']).toBe(0);
    expect(facts['feature.x1']).toBe(true);
    expect(facts['feature.x1Sq']).toBe(false);
  });

  it('reads the default Experiment and an idle run', () => {
    const s = createAppStore().getState();
    const f = factsOf(s);
    expect(f).toMatchObject({
      status: 'idle',
      epoch: 0,
      lab: 'points',
      tab: 'playground',
      dataset: 'circle',
      features: 2,
      hiddenLayers: 2,
      neurons: 6,
      activation: 'tanh',
      dropout: 0,
      layers: 4,
      learningRate: 0.03,
      optimizer: 'sgd',
      augmented: false,
      drawn: false,
      generated: false,
      testAcc: null,
      lossGap: null,
      heads: null,
      antiDiagonal: null,
    });
    expect(f.params).toBe(analyze(s.experiment.network).totalParams);
  });

  it('reads the latest metrics, gaps and speed', () => {
    const store = createAppStore();
    const run = { ...emptyRun(store.getState().activeRunId), status: 'running' as const, epoch: 12, step: 300, stepsPerSec: 50, backend: 'cpu' as const, latest: { trainLoss: 0.1, testLoss: 0.25, trainAcc: 0.98, testAcc: 0.9 } };
    store.setState({ runs: { [run.id]: run } });
    const f = factsOf(store.getState());
    expect(f).toMatchObject({ status: 'running', epoch: 12, step: 300, stepsPerSec: 50, backend: 'cpu', trainAcc: 0.98, testAcc: 0.9 });
    expect(f.lossGap).toBeCloseTo(0.15);
    expect(f.accGap).toBeCloseTo(0.08);
  });

  it('counts features, hidden layers and the mixed activation after edits', () => {
    const store = createAppStore();
    const s = store.getState();
    s.apply({ type: 'toggleFeature', feature: 'x1Sq' });
    s.apply({ type: 'addLayer' });
    s.apply({ type: 'setActivation', index: 0, activation: 'relu' });
    s.apply({ type: 'setDropout', index: 1, rate: 0.3 });
    const f = factsOf(store.getState());
    expect(f.features).toBe(3);
    expect(f['feature.x1Sq']).toBe(true);
    expect(f.hiddenLayers).toBe(3);
    expect(f.activation).toBe('mixed');
    expect(f.dropout).toBeCloseTo(0.3);
  });

  it('reads heads, drawing, generation and the attention scores of the sequence lab', () => {
    const store = createAppStore();
    const s = store.getState();
    s.apply({ type: 'replace', experiment: openTemplate(s.experiment, templateById('transformerEncoder')!) });
    s.setDrawing(new Float32Array(28 * 28));
    const anti = map('self', false, [0, 1, 1, 0]);
    const run = { ...emptyRun(store.getState().activeRunId), part: { lab: 'sequences' as const, sequences: null, seqInfo: null, generated: { prompt: 'a', text: 'ab', probs: [] }, generating: false } };
    store.setState({ runs: { [run.id]: run } });
    const f = factsOf(store.getState());
    expect(f.lab).toBe('sequences');
    expect(typeof f.heads).toBe('number');
    expect(f.drawn).toBe(true);
    expect(f.generated).toBe(true);
    expect(encoderAttentionScore([anti], antiDiagonalScore)).toBeCloseTo(1);
  });

  it('scores the open self-attention layer that shows the pattern most, head-averaged, and ignores causal and cross maps', () => {
    const diag = map('self', false, [1, 0, 0, 1, 0, 1, 1, 0], 2);
    const causal = map('self', true, [0, 1, 1, 0]);
    const cross = map('cross', false, [0, 1, 1, 0]);
    expect(encoderAttentionScore([diag, causal, cross], antiDiagonalScore)).toBeCloseTo(0.5);
    // Two encoder layers: the one that reverses counts, whichever block it is.
    const self = map('self', false, [1, 0, 0, 1]);
    const reversing = map('self', false, [0, 1, 1, 0]);
    expect(encoderAttentionScore([reversing, self], antiDiagonalScore)).toBeCloseTo(1);
    expect(encoderAttentionScore([self, reversing], antiDiagonalScore)).toBeCloseTo(1);
    expect(encoderAttentionScore([causal, cross], antiDiagonalScore)).toBe(null);
    expect(encoderAttentionScore([], antiDiagonalScore)).toBe(null);
  });

  it('reads the training-dynamics facts from the latest probe: gradient-norm ratio, smallest norm, dead ReLU share, update ratio', () => {
    const hist = { min: 0, max: 1, counts: new Float32Array(30) };
    const layer = (layerId: string, gradNorm: number, kernel: boolean, deadShare: number | null, updateRatio: number): LayerDynamics => ({
      layerId, type: kernel ? 'Dense' : 'BatchNormalization', kernel, gradNorm, weightNorm: 1, updateRatio, deadShare, weights: hist, grads: hist, activations: hist,
    });
    const probe = (step: number, first: number): DynamicsProbe => ({
      step,
      layers: [layer('h1', first, true, 0.25, 1e-3), layer('bn', 9, false, null, 5e-2), layer('h2', 0.5, true, 0.5, 2e-3), layer('out', 0.2, true, null, 1e-4)],
    });
    const store = createAppStore();
    const f0 = factsOf(store.getState());
    expect([f0.gradNormRatio, f0.minGradNorm, f0.deadReluShare, f0.maxUpdateRatio]).toEqual([null, null, null, null]);
    store.setState({ runs: { 0: { ...emptyRun(0), dynamics: [probe(1, 1), probe(9, 2e-6)] } } });
    const f = factsOf(store.getState());
    // The BatchNorm layer (no kernel) is not a "weighted layer" of the ratio.
    expect(f.gradNormRatio).toBeCloseTo(1e-5);
    expect(f.minGradNorm).toBeCloseTo(2e-6);
    expect(f.deadReluShare).toBe(0.5);
    expect(f.maxUpdateRatio).toBeCloseTo(5e-2);
  });
});
