// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import { defaultExperiment } from '../../src/models/defaults';
import { readPlayground } from '../../src/models/playground';
import type { Experiment } from '../../src/models/spec';
import { attachFakeEngine, renderApp } from './renderApp';

afterEach(() => {
  vi.restoreAllMocks();
});

const chain = (d: ReturnType<typeof renderApp>) => readPlayground(d.experiment().network)!;
const neuronsIn = (column: number) => screen.queryAllByTestId(new RegExp(`^neuron-${column}-\\d+$`)).length;

describe('NetworkPanel: layers and neurons', () => {
  it('+ and − change the hidden layer count and the heading', async () => {
    const d = renderApp();
    expect(screen.getByRole('heading', { name: '2 hidden layers' })).toBeInTheDocument();
    await d.user.click(screen.getByRole('button', { name: 'Add a hidden layer' }));
    expect(chain(d).hidden).toHaveLength(3);
    expect(screen.getByRole('heading', { name: '3 hidden layers' })).toBeInTheDocument();
    expect(screen.getByText('Hidden layer 3')).toBeInTheDocument();
    // The new layer has 2 neurons and takes the last layer's activation.
    expect(chain(d).hidden[2]).toMatchObject({ units: 2, activation: 'tanh' });
    expect(screen.getByRole('button', { name: 'Add a neuron to layer 3' })).toBeInTheDocument();

    await d.user.click(screen.getByRole('button', { name: 'Remove the last hidden layer' }));
    await d.user.click(screen.getByRole('button', { name: 'Remove the last hidden layer' }));
    expect(screen.getByRole('heading', { name: '1 hidden layers' })).toBeInTheDocument();
    expect(chain(d).hidden.map((l) => l.id)).toEqual(['h1']);
  });

  it('the buttons stop at 0 and 8 hidden layers', async () => {
    const d = renderApp();
    const add = screen.getByRole('button', { name: 'Add a hidden layer' });
    const remove = screen.getByRole('button', { name: 'Remove the last hidden layer' });
    await d.user.click(remove);
    await d.user.click(remove);
    expect(screen.getByRole('heading', { name: '0 hidden layers' })).toBeInTheDocument();
    expect(remove).toBeDisabled();
    expect(add).toBeEnabled();
    // No hidden layers: the shared activation select has nothing to set.
    expect(screen.queryByRole('combobox', { name: 'Activation' })).toBeNull();
    expect(screen.getByTestId('param-count')).toHaveTextContent('3 parameters');

    for (let i = 0; i < 8; i++) await d.user.click(add);
    expect(screen.getByRole('heading', { name: '8 hidden layers' })).toBeInTheDocument();
    expect(add).toBeDisabled();
    expect(remove).toBeEnabled();
    expect(chain(d).hidden).toHaveLength(8);
  });

  it('per-layer + and − change that layer’s neurons, within 1..16', async () => {
    const d = renderApp();
    expect(neuronsIn(1)).toBe(4);
    await d.user.click(screen.getByRole('button', { name: 'Add a neuron to layer 1' }));
    expect(chain(d).hidden[0].units).toBe(5);
    expect(neuronsIn(1)).toBe(5);
    expect(screen.getByText('5 neurons · tanh')).toBeInTheDocument();

    const removeFrom2 = screen.getByRole('button', { name: 'Remove a neuron from layer 2' });
    await d.user.click(removeFrom2);
    expect(chain(d).hidden[1].units).toBe(1);
    expect(neuronsIn(2)).toBe(1);
    expect(removeFrom2).toBeDisabled();
  });

  it('the add-neuron button is disabled at 16 neurons', () => {
    const d = renderApp();
    d.apply({ type: 'setUnits', index: 0, units: 16 });
    expect(screen.getByRole('button', { name: 'Add a neuron to layer 1' })).toBeDisabled();
    expect(neuronsIn(1)).toBe(16);
  });

  it('a layer’s activation select changes only that layer', async () => {
    const d = renderApp();
    await d.user.selectOptions(screen.getByRole('combobox', { name: 'Activation of layer 2' }), 'Sigmoid');
    expect(chain(d).hidden.map((l) => l.activation)).toEqual(['tanh', 'sigmoid']);
    expect(screen.getByRole('img', { name: 'Hidden layer 2, neuron 1 (sigmoid)' })).toBeInTheDocument();
  });

  it('the dropout select inserts and removes a Dropout node after the layer', async () => {
    const d = renderApp();
    const dropout = screen.getByRole('combobox', { name: 'Dropout of layer 1' });
    await d.user.selectOptions(dropout, 'dropout 0.2');
    const nodes = d.experiment().network.nodes;
    expect(nodes.map((n) => n.type)).toEqual(['Input', 'Dense', 'Dropout', 'Dense', 'Dense']);
    expect(nodes[2]).toMatchObject({ type: 'Dropout', params: { rate: 0.2 }, inputs: ['h1'] });
    expect(nodes[3].inputs).toEqual([nodes[2].id]);
    expect(dropout).toHaveValue('0.2');
    // Dropout has no parameters and the diagram still shows the same chain.
    expect(screen.getByTestId('param-count')).toHaveTextContent('25 parameters');
    expect(screen.getByRole('heading', { name: '2 hidden layers' })).toBeInTheDocument();

    await d.user.selectOptions(dropout, 'dropout 0');
    expect(d.experiment().network.nodes.some((n) => n.type === 'Dropout')).toBe(false);
  });

  it('the output activation select offers the task’s choices', async () => {
    const d = renderApp();
    const out = screen.getByRole('combobox', { name: 'Output activation' });
    await d.user.selectOptions(out, 'Sigmoid');
    expect(chain(d).output.activation).toBe('sigmoid');
    // Multi-class has only softmax: no select at all.
    await d.user.click(screen.getByRole('radio', { name: 'Blobs (many classes)' }));
    expect(screen.queryByRole('combobox', { name: 'Output activation' })).toBeNull();
  });
});

describe('NetworkPanel: features and parameters', () => {
  it('feature chips toggle features and the input column follows', async () => {
    const d = renderApp();
    const x1sq = screen.getByRole('button', { name: 'Use feature x₁²' });
    expect(screen.getByRole('button', { name: 'Use feature x₁' })).toHaveAttribute('aria-pressed', 'true');
    expect(x1sq).toHaveAttribute('aria-pressed', 'false');
    expect(neuronsIn(0)).toBe(2);

    await d.user.click(x1sq);
    expect(x1sq).toHaveAttribute('aria-pressed', 'true');
    expect(d.dataset().features).toEqual(['x1', 'x2', 'x1Sq']);
    expect(neuronsIn(0)).toBe(3);
    expect(screen.getByRole('img', { name: 'Input feature x₁²' })).toBeInTheDocument();
    // The Input node's shape follows, and so do the first layer's weights: 3·4 + 4 + 10 + 3.
    expect(d.experiment().network.nodes[0].params.shape).toEqual([3]);
    expect(screen.getByTestId('param-count')).toHaveTextContent('29 parameters');

    await d.user.click(screen.getByRole('button', { name: 'Use feature x₁' }));
    expect(d.dataset().features).toEqual(['x2', 'x1Sq']);
    expect(neuronsIn(0)).toBe(2);
  });

  it('the last feature cannot be switched off', async () => {
    const d = renderApp();
    await d.user.click(screen.getByRole('button', { name: 'Use feature x₁' }));
    const x2 = screen.getByRole('button', { name: 'Use feature x₂' });
    await d.user.click(x2);
    expect(x2).toHaveAttribute('aria-pressed', 'true');
    expect(d.dataset().features).toEqual(['x2']);
    expect(neuronsIn(0)).toBe(1);
  });

  it('the parameter count follows the network', async () => {
    const d = renderApp();
    // 2·4+4 + 4·2+2 + 2·1+1
    expect(screen.getByTestId('param-count')).toHaveTextContent('25 parameters');
    await d.user.click(screen.getByRole('button', { name: 'Add a neuron to layer 1' }));
    // 2·5+5 + 5·2+2 + 3
    expect(screen.getByTestId('param-count')).toHaveTextContent('30 parameters');
    await d.user.click(screen.getByRole('button', { name: 'Add a hidden layer' }));
    // … + 2·2+2, and the output now reads from 2 units as before
    expect(screen.getByTestId('param-count')).toHaveTextContent('36 parameters');
  });
});

describe('NetworkPanel: weights from the engine', () => {
  it('links become editable after a snapshot, and an edited weight is posted', async () => {
    const d = renderApp();
    const engine = attachFakeEngine(d.store);
    const link = screen.getByTestId('link-0-1-2');
    expect(link).not.toHaveAttribute('role');
    d.snapshot();
    await waitFor(() => expect(screen.getByTestId('link-0-1-2')).toHaveAttribute('role', 'button'));
    // 9 links in, 8 between the hidden layers, 2 out.
    expect(screen.getAllByTestId(/^link-\d+-\d+-\d+$/)).toHaveLength(8 + 8 + 2);
    expect(screen.getByTestId('link-0-1-2').querySelector('title')).toHaveTextContent('Weight: 0.112');

    await d.user.click(screen.getByTestId('link-0-1-2'));
    const input = screen.getByRole('spinbutton', { name: 'Edit weight' });
    expect(input).toHaveValue(0.112);
    await d.user.clear(input);
    await d.user.type(input, '-0.5{Enter}');
    expect(engine.posted()).toEqual([{ type: 'setWeight', runId: 0, layerId: 'h1', from: 1, to: 2, value: -0.5 }]);
    expect(screen.queryByRole('spinbutton')).toBeNull();

    // The last kernel belongs to the output layer.
    await d.user.click(screen.getByTestId('link-2-1-0'));
    const out = screen.getByRole('spinbutton', { name: 'Edit weight' });
    await d.user.clear(out);
    await d.user.type(out, '2{Enter}');
    expect(engine.last('setWeight')).toEqual({ type: 'setWeight', runId: 0, layerId: 'output', from: 1, to: 0, value: 2 });
  });

  it('Space on a focused link opens its editor and does not also play', async () => {
    const d = renderApp();
    const engine = attachFakeEngine(d.store);
    d.snapshot();
    await waitFor(() => expect(screen.getByTestId('link-1-0-1')).toHaveAttribute('role', 'button'));
    act(() => (screen.getByTestId('link-1-0-1') as unknown as HTMLElement).focus());
    await d.user.keyboard(' ');
    expect(screen.getByRole('spinbutton', { name: 'Edit weight' })).toBeInTheDocument();
    expect(engine.posted()).toEqual([]);
  });

  it('an edited bias is posted for the right layer', async () => {
    const d = renderApp();
    const engine = attachFakeEngine(d.store);
    d.snapshot();
    await waitFor(() => expect(screen.getByTestId('bias-2-1')).toHaveAttribute('role', 'button'));
    await d.user.click(screen.getByTestId('bias-2-1'));
    const input = screen.getByRole('spinbutton', { name: 'Edit bias' });
    expect(input).toHaveValue(0.05);
    await d.user.clear(input);
    await d.user.type(input, '0.75{Enter}');
    expect(engine.posted()).toEqual([{ type: 'setBias', runId: 0, layerId: 'h2', unit: 1, value: 0.75 }]);
  });

  it('weights of an older shape are not drawn after the network changed', async () => {
    const d = renderApp();
    d.snapshot();
    await waitFor(() => expect(screen.getByTestId('link-0-0-0')).toHaveAttribute('role', 'button'));
    await d.user.click(screen.getByRole('button', { name: 'Add a neuron to layer 1' }));
    // The first kernel is 2×4 but the layer now has 5 units: not editable until the next snapshot.
    expect(screen.getByTestId('link-0-0-4')).not.toHaveAttribute('role');
    d.snapshot({ step: 0 });
    await waitFor(() => expect(screen.getByTestId('link-0-0-4')).toHaveAttribute('role', 'button'));
  });

  it('hovering a neuron shows it in the output plot', async () => {
    const d = renderApp();
    d.snapshot();
    await d.user.hover(screen.getByTestId('neuron-1-2'));
    expect(d.store.getState().hoveredNeuron).toEqual({ layer: 1, unit: 2 });
    expect(screen.getByText('Showing hidden layer 1, neuron 3')).toBeInTheDocument();
    await d.user.hover(screen.getByTestId('neuron-0-1'));
    expect(screen.getByText('Showing Input, neuron 2')).toBeInTheDocument();
    await d.user.hover(screen.getByTestId('neuron-3-0'));
    expect(screen.getByText('Showing Output, neuron 1')).toBeInTheDocument();
    await d.user.unhover(screen.getByTestId('neuron-3-0'));
    expect(d.store.getState().hoveredNeuron).toBeNull();
  });
});

describe('NetworkPanel: networks the 2-D view cannot show', () => {
  /** Two Dense layers both reading the input: a branch, not a chain. */
  function branched(): Experiment {
    const exp = defaultExperiment();
    return {
      ...exp,
      network: {
        nodes: [
          { id: 'input', type: 'Input', params: { shape: [2] }, inputs: [] },
          { id: 'a', type: 'Dense', params: { units: 3, activation: 'relu', useBias: true }, inputs: ['input'] },
          { id: 'b', type: 'Dense', params: { units: 3, activation: 'tanh', useBias: true }, inputs: ['input'] },
          { id: 'output', type: 'Dense', params: { units: 1, activation: 'tanh', useBias: true }, inputs: ['b'] },
        ],
      },
    };
  }

  it('shows the explanatory hint instead of the diagram', async () => {
    const d = renderApp();
    d.apply({ type: 'replace', experiment: branched() });
    expect(screen.getByText(/This network has branches or other layer types/)).toBeInTheDocument();
    expect(screen.queryByTestId('network-diagram')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add a hidden layer' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Activation' })).toBeNull();
    // The rest of the app keeps working, and undo brings the chain back.
    expect(screen.getByRole('button', { name: 'Train' })).toBeInTheDocument();
    await d.user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(screen.getByTestId('network-diagram')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '2 hidden layers' })).toBeInTheDocument();
  });

  it('a store that starts with a branched network renders too', () => {
    const d = renderApp({ experiment: branched() });
    expect(screen.getByText(/straight stacks of dense layers only/)).toBeInTheDocument();
    // Feature toggles leave a non-chain network alone.
    d.apply({ type: 'toggleFeature', feature: 'x1Sq' });
    expect(d.experiment().network).toEqual(branched().network);
  });
});
