// @vitest-environment jsdom
/**
 * The VAE's Sampling node in the graph editor: its β in the inspector (number field and slider,
 * committed once on release), and its readable analysis error on the node.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { openTemplate } from '../../src/models/openTemplate';
import { vae2d } from '../../src/models/templates/vae';
import { renderApp, stubReactFlow } from './renderApp';

beforeAll(stubReactFlow);

const vaeExperiment = () => openTemplate(applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'mnist' } }), vae2d);

describe('Sampling in the graph editor', () => {
  it('shows β with a slider that commits on release, and names mismatched inputs on the node (en, zh-CN)', async () => {
    const { user, store } = renderApp({ experiment: vaeExperiment() });
    await user.click(screen.getByTestId('tab-graph'));
    await screen.findByTestId('layer-node-z', {}, { timeout: 10_000 });
    act(() => {
      fireEvent.click(screen.getByTestId('layer-node-z'));
    });
    await waitFor(() => expect(screen.getByTestId('layer-name')).toHaveValue('z'));
    expect(screen.getByText('β (KL weight)')).toBeTruthy();
    const slider = screen.getByTestId('beta-slider') as HTMLInputElement;
    expect(slider.value).toBe('1');
    fireEvent.change(slider, { target: { value: '4.5' } });
    // Dragging moves the field only; the release commits.
    expect(store.getState().experiment.network.nodes.find((n) => n.id === 'z')?.params.beta).toBe(1);
    fireEvent.pointerUp(slider);
    expect(store.getState().experiment.network.nodes.find((n) => n.id === 'z')?.params.beta).toBe(4.5);
    act(() => store.getState().apply({ type: 'graph', change: { type: 'setParams', id: 'logVar', patch: { units: 3 } } }));
    expect((await screen.findByTestId('node-error-z')).textContent).toBe('Sampling needs the mean and the log-variance in the same shape, got 2 and 3');
    act(() => store.getState().setLocale('zh-CN'));
    expect(screen.getByTestId('node-error-z').textContent).toBe('采样层需要形状相同的均值和对数方差，收到的是 2 和 3');
  });
});
