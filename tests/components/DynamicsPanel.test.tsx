// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { DynamicsPanel } from '../../src/panels/DynamicsPanel';
import { LocaleContext } from '../../src/i18n';
import { createAppStore } from '../../src/store/createAppStore';
import { StoreContext } from '../../src/store/context';
import { emptyRun } from '../../src/store/runSlice';
import { DYNAMICS_BINS, type DynamicsProbe, type LayerDynamics } from '../../src/training/dynamicsTypes';

/** A histogram of everything in one bin at `at` (min at−1 … max at+1). */
const hist = (at: number) => {
  const counts = new Float32Array(DYNAMICS_BINS);
  counts[DYNAMICS_BINS / 2] = 1;
  return { min: at - 1, max: at + 1, counts };
};

function layer(layerId: string, i: number, step: number, relu: boolean): LayerDynamics {
  return {
    layerId,
    type: 'Dense',
    kernel: true,
    gradNorm: 10 ** (i - 4) * step,
    weightNorm: 1,
    updateRatio: 1e-3 * (i + 1),
    deadShare: relu ? 0.1 * i : null,
    weights: hist(i),
    grads: hist(10 * i + step),
    activations: hist(-i),
  };
}

const probes = (ids: string[], relu: boolean): DynamicsProbe[] => [1, 5, 9].map((step) => ({ step, layers: ids.map((id, i) => layer(id, i, step, relu)) }));

function renderPanel(dynamics: DynamicsProbe[], locale: 'en' | 'zh-CN' = 'en') {
  const store = createAppStore({ locale });
  store.setState({ runs: { 0: { ...emptyRun(0), dynamics } } });
  render(
    <LocaleContext.Provider value={locale}>
      <StoreContext.Provider value={store}>
        <DynamicsPanel />
      </StoreContext.Provider>
    </LocaleContext.Provider>,
  );
  return store;
}

const drawnLayers = (testId: string) =>
  Array.from(screen.getByTestId(testId).querySelectorAll('path[data-layer]')).map((p) => [p.getAttribute('data-layer'), (p.getAttribute('d') ?? '').split('L').length]);

describe('DynamicsPanel', () => {
  it('says how to get data before any probe, and the switch turns measuring off in the store', () => {
    const store = renderPanel([]);
    expect(screen.getByTestId('dynamics-empty')).toHaveTextContent(/Train \(or take a step\)/);
    fireEvent.click(screen.getByTestId('dynamics-on'));
    expect(store.getState().dynamicsOn).toBe(false);
    expect(screen.getByTestId('dynamics-empty')).toHaveTextContent(/Measuring is off/);
  });

  it('draws one line per layer (three points each) for gradient norms, update ratios and dead ReLUs, with the numbers in the label', () => {
    renderPanel(probes(['h1', 'h2', 'h3', 'out'], true));
    expect(drawnLayers('dynamics-grad')).toEqual([['h1', 3], ['h2', 3], ['h3', 3], ['out', 3]]);
    expect(drawnLayers('dynamics-update')).toEqual([['h1', 3], ['h2', 3], ['h3', 3], ['out', 3]]);
    expect(drawnLayers('dynamics-dead')).toHaveLength(4);
    const grad = within(screen.getByTestId('dynamics-grad')).getByRole('img');
    expect(grad.getAttribute('aria-label')).toMatch(/h1 9e−4, h2 0\.009, h3 0\.09, out 0\.9$/);
    // 9e−4 over 0.9: the first layer's gradient 1000× below the last's.
    expect(screen.getByTestId('dynamics-verdict')).toHaveTextContent(/gradient norm: 0\.001\. .*vanishes/);
  });

  it('switches the distribution between layers and quantities', () => {
    renderPanel(probes(['h1', 'h2'], false));
    const label = () => screen.getByTestId('distribution-chart').getAttribute('aria-label') ?? '';
    // The bands keep their shape when shifted (the axis follows the data): compare the axis too.
    const median = () => `${screen.getByTestId('distribution-chart').querySelector('path.median')?.getAttribute('d')} ${screen.getByTestId('distribution-chart').querySelector('.axis')?.textContent}`;
    expect(label()).toMatch(/^Gradients of h1 .*step 9: min 8, median 9\.03, max 10$/);
    const gradH1 = median();
    fireEvent.change(screen.getByTestId('dynamics-layer'), { target: { value: '1' } });
    expect(label()).toMatch(/^Gradients of h2 .*median 19, max 20$/);
    expect(median()).not.toBe(gradH1);
    fireEvent.click(screen.getByTestId('dynamics-q-activations'));
    expect(label()).toMatch(/^Activations of h2 .*min −2, median −0\.967, max 0$/);
    expect(screen.getByTestId('dynamics-q-activations')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getAllByText('No ReLU layer in this network.')).toHaveLength(1);
    expect(screen.queryByTestId('dynamics-dead')).toBeNull();
  });

  it('speaks Chinese', () => {
    renderPanel(probes(['h1', 'h2'], true), 'zh-CN');
    expect(screen.getByText('训练动态')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '梯度' })).toBeInTheDocument();
  });

  it('follows new probes from the store', () => {
    const store = renderPanel(probes(['h1', 'h2'], false));
    act(() => store.setState((s) => ({ runs: { 0: { ...s.runs[0], dynamics: [...s.runs[0].dynamics, { step: 20, layers: ['h1', 'h2'].map((id, i) => layer(id, i, 20, false)) }] } } })));
    expect(drawnLayers('dynamics-grad')).toEqual([['h1', 4], ['h2', 4]]);
  });
});
