// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { openTemplate } from '../../src/models/openTemplate';
import { templateById } from '../../src/models/templates';
import type { ImageProbes, TestReport } from '../../src/training/protocol';
import { attachFakeEngine, makeSnapshot, renderApp } from './renderApp';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A LeNet-5-shaped probe: 32×32 input, conv1 28×28×6, pool1 14×14×6, conv2 10×10×16, pool2 5×5×16. */
function lenetProbes(testIndex = 0): ImageProbes {
  const map = (layerId: string, h: number, c: number) => ({ layerId, shape: [h, h, c] as [number, number, number], values: Float32Array.from({ length: h * h * c }, (_, i) => Math.sin(i)) });
  const kernel = (layerId: string, cin: number, cout: number) => ({
    layerId,
    shape: [5, 5, cin, cout] as [number, number, number, number],
    kernel: Float32Array.from({ length: 25 * cin * cout }, (_, i) => Math.cos(i) / 3),
    bias: new Float32Array(cout).fill(0.1),
  });
  const output = new Float32Array(10).fill(0.02);
  output[7] = 0.82;
  return {
    input: map('input', 32, 1),
    testIndex,
    label: testIndex >= 0 ? 7 : -1,
    maps: [map('conv1', 28, 6), map('pool1', 14, 6), map('conv2', 10, 16), map('pool2', 5, 16)],
    kernels: [kernel('conv1', 1, 6), kernel('conv2', 6, 16)],
    output,
    ms: 3,
  };
}

function report(): TestReport {
  const confusion = new Int32Array(100);
  for (let c = 0; c < 10; c++) confusion[c * 11] = 18;
  confusion[3 * 10 + 5] = 2; // two 3s taken for 5s
  return {
    step: 10,
    classes: 10,
    confusion,
    correct: 180,
    total: 182,
    mistakes: [
      { index: 41, label: 3, predicted: 5, confidence: 0.9 },
      { index: 77, label: 3, predicted: 5, confidence: 0.6 },
    ],
    mistakeImages: new Float32Array(2 * 32 * 32),
    side: 32,
  };
}

/** The lab repaints its views at most every 125 ms: let a throttled update land. */
const settle = () => act(() => new Promise((r) => setTimeout(r, 200)));

async function renderLab() {
  const d = renderApp();
  d.apply({ type: 'replace', experiment: openTemplate(d.experiment(), templateById('lenet5')!) });
  const engine = attachFakeEngine(d.store);
  const runId = d.store.getState().activeRunId;
  d.receive({ type: 'dataInfo', runId, side: 32, samples: new Float32Array(24 * 32 * 32), labels: Array.from({ length: 24 }, (_, i) => i % 10), nTrain: 8000, nTest: 2000 });
  d.receive({ ...makeSnapshot(d.store, { probes: null }), lab: 'images', images: lenetProbes(), testReport: report() });
  await settle();
  return { ...d, engine, runId };
}

describe('the convolution lab', () => {
  it('replaces the 2-D playground for image datasets', async () => {
    const d = await renderLab();
    expect(screen.getByTestId('image-lab')).toBeInTheDocument();
    expect(document.querySelector('.network-panel')).toBeNull();
    d.apply({ type: 'dataset', patch: { kind: 'circle' } });
    expect(screen.queryByTestId('image-lab')).toBeNull();
    expect(document.querySelector('.network-panel')).not.toBeNull();
  });

  it('shows feature maps of every spatial layer and kernels of every convolution', async () => {
    await renderLab();
    for (const id of ['input', 'conv1', 'pool1', 'conv2', 'pool2']) expect(screen.getByTestId(`map-canvas-${id}`)).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /^Feature maps of conv2 · 2-D convolution: 16 channels\. Values from \S+ to \S+; the strongest channel is \d+$/ })).toBeInTheDocument();
    expect(screen.getByTestId('kernel-canvas-conv1')).toBeInTheDocument();
    expect(screen.getByTestId('kernel-canvas-conv2')).toBeInTheDocument();
    // The explainer starts on the first convolution.
    expect(screen.getByText(/Σ products/)).toBeInTheDocument();
  });

  it('probabilities as bars with the prediction and the true class marked', async () => {
    await renderLab();
    const bars = within(screen.getByTestId('prob-bars')).getAllByRole('listitem');
    expect(bars).toHaveLength(10);
    expect(bars[7]).toHaveClass('best');
    expect(bars[7]).toHaveClass('truth');
    expect(bars[7]).toHaveTextContent('82.0%');
    expect(screen.getByText('Prediction for test image 1')).toBeInTheDocument();
  });

  it('the confusion matrix counts by true row and predicted column; the gallery picks a probe', async () => {
    const d = await renderLab();
    expect(screen.getByText('Confusion matrix: 98.9% of 182 test images right')).toBeInTheDocument();
    const rows = within(screen.getByTestId('confusion')).getAllByRole('row');
    const row3 = within(rows[1 + 3]).getAllByRole('cell');
    expect(row3[3]).toHaveTextContent('18');
    expect(row3[5]).toHaveTextContent('2');
    expect(row3[5]).toHaveAttribute('title', '2 × 3 predicted as 5');
    const mistakes = within(screen.getByTestId('mistakes')).getAllByRole('button');
    expect(mistakes).toHaveLength(2);
    await d.user.click(mistakes[1]);
    expect(d.store.getState().view.probeIndex).toBe(77);
    expect(d.engine.last('probeSource')?.source).toEqual({ kind: 'test', index: 77 });
  });

  it("switching image sets hides the last set's report and probabilities until the new network reports", async () => {
    const d = await renderLab();
    expect(screen.getByTestId('confusion')).toBeInTheDocument();
    d.apply({ type: 'dataset', patch: { kind: 'shapes' } });
    await settle();
    // Ten MNIST classes against the shapes' names would read "predicted as undefined".
    expect(screen.queryByTestId('confusion')).toBeNull();
    expect(screen.queryByTestId('mistakes')).toBeNull();
    expect(document.body.textContent).not.toMatch(/undefined/);
  });

  it('picking a test image from the strip asks the engine for it', async () => {
    const d = await renderLab();
    await d.user.click(screen.getByTestId('probe-4'));
    expect(d.store.getState().view.probeIndex).toBe(4);
    expect(d.engine.last('probeSource')).toEqual({ type: 'probeSource', runId: d.runId, source: { kind: 'test', index: 4 } });
  });

  it('a drawing becomes the probe; the prediction heading says so', async () => {
    const d = await renderLab();
    const pixels = new Float32Array(784).fill(0.5);
    act(() => d.store.getState().setDrawing(pixels));
    expect(d.engine.last('probeSource')?.source).toEqual({ kind: 'drawing', pixels });
    d.receive({ ...makeSnapshot(d.store, { probes: null }), lab: 'images', images: lenetProbes(-1), testReport: null });
    await settle();
    expect(screen.getByText('Prediction for your drawing')).toBeInTheDocument();
    act(() => d.store.getState().setDrawing(null));
    expect(d.engine.last('probeSource')?.source).toEqual({ kind: 'test', index: 0 });
  });

  it('the colour scale is a view option', async () => {
    const d = await renderLab();
    expect(d.store.getState().view.mapScale).toBe('layer');
    await d.user.click(screen.getByTestId('scale-global'));
    expect(d.store.getState().view.mapScale).toBe('global');
    expect(d.store.getState().past).toHaveLength(1); // only the template; view options are not edits
  });

  it('clicking a pooling layer’s map explains pooling for that channel', async () => {
    await renderLab();
    const canvas = screen.getByTestId('map-canvas-pool1');
    vi.spyOn(canvas, 'getBoundingClientRect').mockReturnValue({ left: 0, top: 0, width: Number(canvas.getAttribute('width')), height: Number(canvas.getAttribute('height')), right: 0, bottom: 0, x: 0, y: 0, toJSON: () => ({}) });
    fireEvent.click(canvas, { clientX: 1, clientY: 1 });
    expect(screen.getAllByText(/pool1/).length).toBeGreaterThan(1);
    expect(screen.getByText(/Average pooling ·/)).toBeInTheDocument();
  });

  it('MNIST loading progress shows until the data arrives', async () => {
    const d = renderApp();
    d.apply({ type: 'replace', experiment: openTemplate(d.experiment(), templateById('lenet5')!) });
    d.receive({ type: 'dataProgress', runId: d.store.getState().activeRunId, loaded: 2_000_000, total: 7_850_000 });
    expect(screen.getByTestId('data-loading')).toHaveTextContent('Loading MNIST: 2.0 of 7.8 MB');
    d.receive({ type: 'dataInfo', runId: d.store.getState().activeRunId, side: 32, samples: new Float32Array(32 * 32), labels: [3], nTrain: 8000, nTest: 2000 });
    expect(screen.queryByTestId('data-loading')).toBeNull();
  });
});
