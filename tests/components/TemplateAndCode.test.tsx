// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { analyze } from '../../src/models/analysis';
import { polyfillShowModal, renderApp } from './renderApp';

let modal: ReturnType<typeof polyfillShowModal>;
beforeEach(() => {
  modal = polyfillShowModal();
});
afterEach(() => modal.restore());

describe('Templates dialog', () => {
  it('lists the classic architectures with their parameter counts and opens LeNet-5 on image data', async () => {
    const d = renderApp();
    await d.user.click(screen.getByRole('button', { name: 'Templates' }));
    const dialog = within(screen.getByTestId('template-dialog'));
    expect(dialog.getByRole('heading', { name: 'LeNet-5' })).toBeInTheDocument();
    expect(dialog.getByText('61,706 parameters · trains on images')).toBeInTheDocument();
    expect(dialog.getByText('105 parameters · trains on 2-D points')).toBeInTheDocument();
    await d.user.click(screen.getByTestId('template-lenet5'));
    expect(screen.queryByTestId('template-dialog')).toBeNull();
    const exp = d.experiment();
    // LeNet-5 meets the digits it was made for, with the optimizer settings images start with.
    expect(exp.dataset).toMatchObject({ kind: 'mnist', numPoints: 10_000, trainRatio: 0.9 });
    expect(exp.training).toMatchObject({ optimizer: 'adam', learningRate: 0.001, batchSize: 32, loss: 'crossEntropy' });
    expect(exp.network.nodes.find((n) => n.type === 'Input')?.params.shape).toEqual([32, 32, 1]);
    const a = analyze(exp.network);
    expect(a.errors).toEqual([]);
    expect(a.nodes[a.outputs[0]].shape).toEqual([10]);
    // The learner is told the data changed with it.
    expect(screen.getByTestId('notice')).toHaveTextContent('LeNet-5 trains on images, so the data is now “MNIST handwritten digits');
    // One undo step takes it back.
    await d.user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(d.experiment().dataset.kind).toBe('circle');
  });
});

describe('Code dialog', () => {
  it('shows PyTorch and Keras code for the network, and asks to fix a broken one first', async () => {
    const d = renderApp();
    await d.user.click(screen.getByRole('button', { name: 'Code' }));
    const code = () => screen.getByTestId('code-text').textContent ?? '';
    expect(code()).toMatch(/nn\.Module/);
    expect(code()).toMatch(/nn\.Linear\(2, 4, bias=True\)/);
    await d.user.click(screen.getByRole('radio', { name: 'Keras' }));
    expect(code()).toMatch(/layers\.Dense\(4/);
    await d.user.click(screen.getByRole('button', { name: 'Close' }));
    // Break the network: the output layer loses its input.
    d.apply({ type: 'graph', change: { type: 'disconnect', source: 'h2', target: 'output' } });
    await d.user.click(screen.getByRole('button', { name: 'Code' }));
    expect(screen.queryByTestId('code-text')).toBeNull();
    expect(screen.getByRole('alert')).toHaveTextContent(/Fix the network first: layer “output”/);
  });
});
