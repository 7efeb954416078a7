// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { runBackprop } from '../../src/models/backprop';
import { readPlayground } from '../../src/models/playground';
import { taskOf } from '../../src/models/spec';
import { prepareData } from '../../src/training/prepare';
import { formatValue } from '../../src/charts/format';
import { exampleFeatures, PLAY_INTERVAL_MS } from '../../src/labs/points/BackpropView';
import { attachFakeEngine, makeProbes, renderApp, type AppDriver } from './renderApp';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** What the step-through should show: runBackprop on the fake probes' weights and training point `index`. */
function expected(d: AppDriver, index?: number) {
  const exp = d.experiment();
  const points = prepareData(exp).points!;
  const i = index ?? points.test.indexOf(0);
  const net = readPlayground(exp.network)!;
  const weights = makeProbes(exp).weights;
  const features = exampleFeatures(exp, points.xs[2 * i], points.xs[2 * i + 1]);
  const r = runBackprop(net, weights, { features, label: points.ys[i] }, { ...exp.training, task: taskOf(exp.dataset) })!;
  return { r, i, x1: points.xs[2 * i], x2: points.xs[2 * i + 1] };
}

const counter = () => screen.getByTestId('bp-counter').textContent;
const title = () => screen.getByTestId('bp-step-title').textContent;

function open(status: 'running' | 'paused' = 'paused') {
  const d = renderApp();
  const engine = attachFakeEngine(d.store);
  d.snapshot({ status, step: 120 });
  return { d, engine };
}

describe('Backprop step-through', () => {
  it('opens from the diagram, pausing training first, and takes the data column’s room', async () => {
    const { d, engine } = open('running');
    expect(screen.getByRole('region', { name: 'Data' })).toBeInTheDocument();
    await d.user.click(screen.getByRole('button', { name: 'Step through backprop' }));
    expect(engine.last('pause')).toBeDefined();
    const root = screen.getByRole('region', { name: 'Backpropagation step-through' });
    expect(root).toHaveAttribute('data-tour', 'backprop');
    expect(screen.queryByRole('region', { name: 'Data' })).toBeNull();
    expect(screen.queryByTestId('network-diagram')).toBeNull();
    expect(within(root).getByText('Weights after training step 120', { exact: false })).toBeInTheDocument();

    await d.user.click(screen.getByRole('button', { name: 'Back to training' }));
    expect(screen.getByTestId('network-diagram')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Data' })).toBeInTheDocument();
  });

  it('does not pause what is not running', async () => {
    const { d, engine } = open('paused');
    await d.user.click(screen.getByRole('button', { name: 'Step through backprop' }));
    expect(engine.last('pause')).toBeUndefined();
  });

  it('next and previous walk the phases, each showing its numbers', async () => {
    const { d } = open();
    const { r, i, x1, x2 } = expected(d);
    await d.user.click(screen.getByRole('button', { name: 'Step through backprop' }));
    expect(counter()).toBe('Step 1 of 17');
    expect(screen.getByTestId('bp-example-point')).toHaveTextContent(`Point #${i + 1}: (x₁, x₂) = (${formatValue(x1)}, ${formatValue(x2)})`);
    expect(screen.getByRole('button', { name: /Previous/ })).toBeDisabled();

    const next = screen.getByRole('button', { name: /Next/ });
    await d.user.click(next);
    expect(counter()).toBe('Step 2 of 17');
    expect(title()).toBe('Forward pass · hidden layer 1, neuron 1');
    expect(screen.getByTestId('bp-z').textContent).toMatch(new RegExp(`= ${formatValue(r.layers[0].z[0])}$`));
    expect(screen.getByTestId('bp-a')).toHaveTextContent(`a = tanh(${formatValue(r.layers[0].z[0])}) = ${formatValue(r.layers[0].a[0])}`);
    expect(screen.getByTestId('bp-neuron-1-0')).toHaveAttribute('data-current', 'true');
    // The next neuron has no value yet.
    expect(within(screen.getByTestId('bp-neuron-1-1')).getByText('?')).toBeInTheDocument();

    await d.user.click(screen.getByRole('button', { name: /Previous/ }));
    expect(counter()).toBe('Step 1 of 17');
    expect(title()).toBe('Example');

    // 1 example + 4 + 2 + 1 forward, then the loss.
    for (let k = 0; k < 8; k++) await d.user.click(next);
    expect(title()).toBe('Loss');
    expect(screen.getByTestId('bp-loss').textContent).toMatch(new RegExp(`= ${formatValue(r.loss)}$`));

    await d.user.click(next);
    expect(title()).toBe('Backward pass · output layer, neuron 1');
    const out = r.layers[2];
    expect(screen.getByTestId('bp-delta').textContent).toMatch(new RegExp(`= ${formatValue(out.delta[0])}$`));
    const shown = within(screen.getByTestId('bp-grads')).getAllByRole('row').slice(1).map((row) => row.lastElementChild!.textContent);
    expect(shown).toEqual(out.gradW.map((g) => formatValue(g)));

    await d.user.click(screen.getByRole('button', { name: 'Update' }));
    expect(counter()).toBe('Step 17 of 17');
    expect(next).toBeDisabled();
    const u = screen.getByTestId('bp-update');
    const [layer, from, to] = u.getAttribute('data-link')!.split('-').map(Number);
    const L = r.layers[layer];
    const idx = from * L.units + to;
    expect(Number(u.getAttribute('data-new'))).toBeCloseTo(L.kernel[idx] - d.training().learningRate * L.gradW[idx], 12);
    expect(u).toHaveTextContent(`= ${formatValue(L.newKernel[idx])}`);
    expect(screen.getByText(/This is plain SGD on one example/)).toBeInTheDocument();
  });

  it('hovering a link shows its numbers; arrow keys step', async () => {
    const { d } = open();
    const { r } = expected(d);
    await d.user.click(screen.getByRole('button', { name: 'Step through backprop' }));
    await d.user.click(screen.getByRole('button', { name: 'Backward pass' }));
    fireEvent.mouseEnter(screen.getByTestId('bp-link-2-1-0'));
    const box = screen.getByTestId('bp-linkbox');
    expect(box).toHaveTextContent(`∂L/∂w = δ·a${formatValue(r.layers[2].gradW[1])}`);
    fireEvent.keyDown(screen.getByTestId('backprop'), { key: 'ArrowRight' });
    expect(title()).toBe('Backward pass · hidden layer 2, neuron 1');
    fireEvent.keyDown(screen.getByTestId('backprop'), { key: 'ArrowLeft' });
    expect(title()).toBe('Backward pass · output layer, neuron 1');
  });

  it('plays through at a readable pace and stops at the end', async () => {
    vi.useFakeTimers();
    const { d } = open();
    void d;
    fireEvent.click(screen.getByRole('button', { name: 'Step through backprop' }));
    fireEvent.click(screen.getByRole('button', { name: /Play through/ }));
    act(() => vi.advanceTimersByTime(PLAY_INTERVAL_MS - 10));
    expect(counter()).toBe('Step 1 of 17');
    act(() => vi.advanceTimersByTime(20));
    expect(counter()).toBe('Step 2 of 17');
    for (let k = 0; k < 20; k++) act(() => vi.advanceTimersByTime(PLAY_INTERVAL_MS));
    expect(counter()).toBe('Step 17 of 17');
    expect(screen.getByRole('button', { name: /Play through/ })).toBeDisabled();
  });

  it('a click on the output plot picks the nearest training point as the example', async () => {
    const { d } = open();
    await d.user.click(screen.getByRole('button', { name: 'Step through backprop' }));
    const points = prepareData(d.experiment()).points!;
    // A training point other than the first one.
    const j = [...points.test.keys()].find((k) => points.test[k] === 0 && k > 10)!;
    const px = ((points.xs[2 * j] + 6) / 12) * 300;
    const py = ((6 - points.xs[2 * j + 1]) / 12) * 300;
    fireEvent.click(screen.getByTestId('boundary-pick'), { clientX: px, clientY: py });
    const { i, x1, x2 } = expected(d, j);
    expect(screen.getByTestId('bp-example-point')).toHaveTextContent(`Point #${i + 1}: (x₁, x₂) = (${formatValue(x1)}, ${formatValue(x2)})`);
    expect(screen.getByTestId('boundary-marker')).toHaveTextContent(`example #${j + 1}`);
  });

  it('says so when no weights have arrived', async () => {
    const d = renderApp();
    await d.user.click(screen.getByRole('button', { name: 'Step through backprop' }));
    expect(screen.getByText(/weights have not arrived yet/)).toBeInTheDocument();
    d.snapshot({ step: 3 });
    expect(counter()).toBe('Step 1 of 17');
  });
});

describe('Backprop step-through: the worst-predicted point', () => {
  it('picks the training point with the largest loss', async () => {
    const { d } = open();
    await d.user.click(screen.getByRole('button', { name: 'Step through backprop' }));
    await d.user.click(screen.getByRole('button', { name: 'Next ▶' }));
    await d.user.click(screen.getByRole('button', { name: 'Take the worst-predicted point' }));
    const points = prepareData(d.experiment()).points!;
    const losses = [...points.test.keys()].filter((k) => points.test[k] === 0).map((k) => ({ k, loss: expected(d, k).r.loss }));
    const worst = losses.reduce((a, b) => (b.loss > a.loss ? b : a));
    expect(losses.some((l) => l.loss < worst.loss)).toBe(true);
    // A new example starts over at step 1.
    expect(counter()).toBe('Step 1 of 17');
    const { x1, x2 } = expected(d, worst.k);
    expect(screen.getByTestId('bp-example-point')).toHaveTextContent(`Point #${worst.k + 1}: (x₁, x₂) = (${formatValue(x1)}, ${formatValue(x2)})`);
  });
});

describe('Backprop step-through: multi-class softmax with cross-entropy', () => {
  it('waits for every output before softmax, then δ = a − y at the output', async () => {
    const d = renderApp();
    attachFakeEngine(d.store);
    d.apply({ type: 'dataset', patch: { kind: 'blobs', classes: 3 } });
    d.apply({ type: 'training', patch: { loss: 'crossEntropy' } });
    d.snapshot({ step: 5 });
    const { r } = expected(d);
    expect(r.lossKind).toBe('cce');
    await d.user.click(screen.getByRole('button', { name: 'Step through backprop' }));
    const next = screen.getByRole('button', { name: /Next/ });
    // Example, 4 + 2 hidden, then output neuron 1 of 3: softmax is not ready yet.
    for (let k = 0; k < 7; k++) await d.user.click(next);
    expect(title()).toBe('Forward pass · output layer, neuron 1');
    expect(screen.getByText(/Softmax needs every output’s z/)).toBeInTheDocument();
    expect(within(screen.getByTestId('bp-neuron-3-0')).getByText('?')).toBeInTheDocument();
    await d.user.click(next);
    await d.user.click(next);
    expect(title()).toBe('Forward pass · output layer, neuron 3');
    expect(screen.getByTestId('bp-a')).toHaveTextContent(r.layers[2].a.map((a, k) => `a${'₁₂₃'[k]} = ${formatValue(a)}`).join(', '));
    await d.user.click(next);
    expect(title()).toBe('Loss');
    await d.user.click(next);
    const out = r.layers[2];
    expect(screen.getByTestId('bp-delta')).toHaveTextContent(`δ = ${formatValue(out.a[0])} − ${formatValue(r.target[0])} = ${formatValue(out.delta[0])}`);
    expect(out.delta[0]).toBeCloseTo(out.a[0] - r.target[0], 9);
  });
});
