// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LocaleContext, type Locale } from '../../src/i18n';
import { MetricChart } from '../../src/panels/TrainingMetrics';
import { LossChart, PINNED_COLORS } from '../../src/charts/LossChart';
import { createAppStore, type AppStore } from '../../src/store/createAppStore';
import { StoreContext } from '../../src/store/context';
import type { Snapshot } from '../../src/training/protocol';
import { renderApp } from './renderApp';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import { downsampleHistory } from '../../src/models/pinnedRuns';
import { encodeSavedFile } from '../../src/models/weightsFile';

afterEach(() => {
  vi.restoreAllMocks();
});

const snap = (step: number, loss = 1 / (1 + step)): Snapshot => ({
  type: 'snapshot',
  runId: 0,
  status: 'running',
  step,
  epoch: Math.floor(step / 25),
  progress: step / 25,
  metrics: { trainLoss: loss, testLoss: loss * 1.1, trainAcc: 0.5, testAcc: 0.4 },
  lab: 'points',
  probes: null,
  stepsPerSec: 100,
  learningRate: 0.03,
  bestEpoch: null,
  origin: 1,
});

function renderChart(store: AppStore, locale: Locale = 'en') {
  return render(
    <LocaleContext.Provider value={locale}>
      <StoreContext.Provider value={store}>
        <MetricChart />
      </StoreContext.Provider>
    </LocaleContext.Provider>,
  );
}

const train = (store: AppStore, steps: number, scale = 1) => act(() => {
  for (let s = 1; s <= steps; s++) store.getState().receive(snap(s, scale / (1 + s)));
});

describe('pinned runs on the loss chart', () => {
  it('pin, change the optimizer, same start: two runs overlaid, the legend names the difference', async () => {
    const user = userEvent.setup();
    const store = createAppStore();
    renderChart(store);
    expect(screen.getByTestId('pin-run')).toBeDisabled();
    expect(screen.getByTestId('same-start')).toBeDisabled();
    train(store, 40);
    await user.click(screen.getByTestId('pin-run'));
    expect(store.getState().pinned).toHaveLength(1);
    act(() => store.getState().apply({ type: 'training', patch: { optimizer: 'adam' } }));
    await user.click(screen.getByTestId('same-start'));
    // The engine reports the reset run, then the new run trains.
    act(() => store.getState().receive(snap(0)));
    train(store, 20, 2);
    const pinnedTrain = screen.getByTestId('loss-pinned-train');
    expect(pinnedTrain.getAttribute('d')).toMatch(/^M/);
    expect(pinnedTrain.getAttribute('stroke')).toBe(PINNED_COLORS[0]);
    expect(screen.getByTestId('loss-pinned-test').getAttribute('stroke-dasharray')).toBeTruthy();
    expect(screen.getByTestId('loss-train').getAttribute('d')).toMatch(/^M/);
    // The pinned run is longer (epoch 1.6 against 0.8): the x axis reaches its end.
    const pinnedEnd = Number(pinnedTrain.getAttribute('d')!.split('L').pop()!.split(',')[0]);
    const currentEnd = Number(screen.getByTestId('loss-train').getAttribute('d')!.split('L').pop()!.split(',')[0]);
    expect(pinnedEnd).toBeGreaterThan(currentEnd * 1.8);
    const row = screen.getByTestId('pinned-run');
    expect(within(row).getByTestId('pinned-diff')).toHaveTextContent('optimizer: SGD → Adam');
    expect(within(row).getByTestId('pinned-name')).toHaveValue('SGD · lr 0.03');
    expect(within(row).getByTestId('pinned-final')).toHaveTextContent(`test loss ${(1.1 / 41).toFixed(3)}`);
  });

  it('renames, opens its settings and unpins', async () => {
    const user = userEvent.setup();
    const store = createAppStore();
    renderChart(store);
    train(store, 10);
    await user.click(screen.getByTestId('pin-run'));
    act(() => store.getState().apply({ type: 'setDropout', index: 0, rate: 0.3 }));
    expect(screen.getByTestId('pinned-diff')).toHaveTextContent('dropout 0 → 0.3');
    const name = screen.getByTestId('pinned-name');
    await user.clear(name);
    await user.type(name, 'no dropout{Enter}');
    expect(store.getState().pinned[0].label).toBe('no dropout');
    await user.click(screen.getByTestId('pinned-open'));
    expect(screen.getByTestId('pinned-diff')).toHaveTextContent('same settings');
    await user.click(screen.getByRole('button', { name: 'Unpin “no dropout”' }));
    expect(store.getState().pinned).toEqual([]);
    expect(screen.queryByTestId('loss-pinned')).toBeNull();
    expect(screen.queryByTestId('pinned-legend')).toBeNull();
  });

  it('stops at three pinned runs and says why; speaks Chinese', async () => {
    const user = userEvent.setup();
    const store = createAppStore();
    renderChart(store, 'zh-CN');
    train(store, 10);
    for (let i = 0; i < 3; i++) await user.click(screen.getByTestId('pin-run'));
    expect(screen.getAllByTestId('loss-pinned')).toHaveLength(3);
    expect(screen.getByTestId('pin-run')).toBeDisabled();
    expect(screen.getByTestId('pin-run')).toHaveAttribute('title', '最多固定 3 次运行：请先取消固定一个');
    expect(screen.getByTestId('pin-run')).toHaveTextContent('固定本次运行');
    expect(screen.getByTestId('same-start')).toHaveTextContent('相同起点');
    act(() => store.getState().apply({ type: 'training', patch: { learningRate: 0.1 } }));
    expect(screen.getAllByTestId('pinned-diff')[0]).toHaveTextContent('学习率 0.03 → 0.1');
  });

  it('LossChart alone: overlays widen the y domain and draw on the accuracy chart too', () => {
    const current = [{ epoch: 1, trainLoss: 0.2, testLoss: 0.25, trainAcc: 0.9, testAcc: 0.8 }];
    const overlay = { id: 'a', color: PINNED_COLORS[1], history: [{ epoch: 0, trainLoss: 4, testLoss: 4.2, trainAcc: 0.1, testAcc: 0.1 }, { epoch: 2, trainLoss: 1, testLoss: 1.1, trainAcc: 0.6, testAcc: 0.5 }] };
    const { rerender } = render(<LossChart history={current} metric="loss" overlays={[overlay]} />);
    // Ticks reach the overlay's 4.2, not just the current 0.25.
    expect(screen.getAllByText('4').length).toBeGreaterThan(0);
    rerender(<LossChart history={current} metric="accuracy" overlays={[overlay]} />);
    expect(screen.getByTestId('loss-pinned-train').getAttribute('d')).toMatch(/^M[^L]+L/);
  });
});

describe('pinned runs in saved files, through Open file', () => {
  const jsonFile = (text: string) => new File([text], 'experiment.json', { type: 'application/json' });
  const adam = applyChange(defaultExperiment(), { type: 'training', patch: { optimizer: 'adam' } });
  const points = downsampleHistory(Array.from({ length: 20 }, (_, i) => ({ epoch: i / 4, trainLoss: 1 / (i + 1), testLoss: 1.2 / (i + 1), trainAcc: 0.5, testAcc: 0.5 })));
  const runs = [{ id: 'run1', label: 'from the file', slot: 1, experiment: defaultExperiment(), points, step: 20, epoch: 5 }];

  it('a file with pinned runs opens its Experiment and its pinned runs, drawn and named', async () => {
    const d = renderApp();
    await d.user.upload(screen.getByTestId('file-input'), jsonFile(encodeSavedFile(adam, null, { pinned: runs })));
    await screen.findByTestId('pinned-run');
    expect(d.store.getState().experiment).toEqual(adam);
    expect(screen.getByTestId('pinned-name')).toHaveValue('from the file');
    expect(screen.getByTestId('pinned-diff')).toHaveTextContent('optimizer: SGD → Adam');
    expect(screen.getByTestId('loss-pinned-train').getAttribute('d')).toMatch(/^M/);
    expect(screen.getByTestId('notice')).toHaveTextContent('1 pinned run(s) opened from the file.');
  });

  it('a damaged pinned-runs part: the Experiment opens, the pinned runs are left out, a notice says so', async () => {
    const d = renderApp();
    const raw = JSON.parse(encodeSavedFile(adam, null, { pinned: runs })) as Record<string, unknown>;
    await d.user.upload(screen.getByTestId('file-input'), jsonFile(JSON.stringify({ ...raw, pinnedRuns: { format: 1, runs: [{ id: 'x' }] } })));
    await screen.findByTestId('notice');
    expect(d.store.getState().experiment).toEqual(adam);
    expect(d.store.getState().pinned).toEqual([]);
    expect(screen.getByTestId('notice')).toHaveTextContent('The file’s pinned runs were damaged and left out; the experiment opened.');
  });
});
