// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { digitCnn, frozenLayers, pretrainExperiment, PRETRAINED_PATH } from '../../src/models/transfer';
import { decodeSavedFile } from '../../src/models/weightsFile';
import TransferTool from '../../src/panels/tools/TransferTool';
import { createAppStore } from '../../src/store/createAppStore';
import { StoreContext } from '../../src/store/context';
import type { ToEngine } from '../../src/training/protocol';
import { renderApp, stubReactFlow } from './renderApp';

const fileText = readFileSync(join(__dirname, '..', '..', 'public', PRETRAINED_PATH), 'utf8');

beforeAll(stubReactFlow);

function renderTool() {
  const store = createAppStore();
  const posted: ToEngine[] = [];
  store.setState({ engine: { host: 'worker', post: (m: ToEngine) => posted.push(m), dispose: () => {} } as never });
  render(
    <StoreContext.Provider value={store}>
      <TransferTool />
    </StoreContext.Provider>,
  );
  return { store, posted, user: userEvent.setup() };
}

describe('the transfer tab', () => {
  it('loads the pre-trained file (checked like any saved file), replaces the head for the shapes, freezes and thaws live', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(fileText)));
    const { store, posted, user } = renderTool();
    await user.click(screen.getByTestId('transfer-load'));
    await waitFor(() => expect(store.getState().experiment.network.nodes).toEqual(digitCnn().nodes));
    expect(store.getState().experiment).toEqual(pretrainExperiment());
    expect(posted.some((m) => m.type === 'loadWeights')).toBe(true);
    // Fine-tune: the page asks the engine for its weights; answer as the engine would, with the file's.
    const file = decodeSavedFile(fileText);
    if (!file.ok) throw new Error('bad file');
    posted.length = 0;
    await user.click(screen.getByTestId('transfer-finetune'));
    const ask = await waitFor(() => {
      const m = posted.find((x) => x.type === 'saveWeights');
      expect(m).toBeDefined();
      return m as Extract<ToEngine, { type: 'saveWeights' }>;
    });
    act(() => store.getState().receive({ type: 'weights', runId: ask.runId, requestId: ask.requestId, weights: file.value.weights }));
    await waitFor(() => expect(store.getState().experiment.dataset.kind).toBe('shapes'));
    const exp = store.getState().experiment;
    expect(exp.dataset.perClass).toBe(20);
    expect(frozenLayers(exp.network)).toEqual(['conv1', 'conv2', 'fc1']);
    const sent = posted.find((m): m is Extract<ToEngine, { type: 'loadWeights' }> => m.type === 'loadWeights')!;
    expect(sent.weights.tensors.at(-2)!.shape).toEqual([32, 4]);
    expect(sent.weights.tensors[0].values).toEqual(file.value.weights!.tensors[0].values);
    expect(screen.getByTestId('transfer-status')).toHaveTextContent('Frozen: conv1, conv2, fc1 · 132 of 26,500 weights train');
    await user.click(screen.getByTestId('transfer-unfreeze'));
    expect(frozenLayers(store.getState().experiment.network)).toEqual([]);
    expect(screen.getByTestId('transfer-status')).toHaveTextContent('Frozen: none · 26,500 of 26,500 weights train');
    await user.click(screen.getByTestId('transfer-freeze'));
    expect(frozenLayers(store.getState().experiment.network)).toEqual(['conv1', 'conv2', 'fc1']);
    // From scratch: every layer trainable and the weights reset.
    posted.length = 0;
    await user.click(screen.getByTestId('transfer-scratch'));
    expect(frozenLayers(store.getState().experiment.network)).toEqual([]);
    expect(posted.some((m) => m.type === 'reset')).toBe(true);
    vi.unstubAllGlobals();
  });

  it('a damaged file is a notice; the learner’s work stays', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"app": "gradient-garden", "version": 1, "network": 3}')));
    const { store, user } = renderTool();
    const before = store.getState().experiment;
    await user.click(screen.getByTestId('transfer-load'));
    await waitFor(() => expect(store.getState().notice?.key).toBe('notice.badFile'));
    expect(store.getState().experiment).toBe(before);
    vi.unstubAllGlobals();
  });
});

describe('the editor’s trainable flag', () => {
  it('the inspector’s checkbox freezes a layer: a badge and dashed outline on the node, trainable weights in the totals', async () => {
    const { user, store } = renderApp({ experiment: pretrainExperiment() });
    await user.click(screen.getByTestId('tab-graph'));
    await screen.findByTestId('layer-node-conv1', {}, { timeout: 10_000 });
    act(() => {
      fireEvent.click(screen.getByTestId('layer-node-conv1'));
    });
    const box = await screen.findByTestId('inspector-trainable');
    expect(box).toBeChecked();
    expect(screen.queryByTestId('node-frozen-conv1')).toBeNull();
    await user.click(box);
    expect(frozenLayers(store.getState().experiment.network)).toEqual(['conv1']);
    expect(screen.getByTestId('inspector-trainable')).not.toBeChecked();
    const node = screen.getByTestId('layer-node-conv1');
    expect(node).toHaveClass('is-frozen');
    expect(within(node).getByRole('img', { name: 'Frozen: training leaves this layer’s weights alone' })).toBeInTheDocument();
    expect(screen.getByTestId('total-trainable')).toHaveTextContent('26,618 trainable');
  });
});
