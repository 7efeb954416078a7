// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import { formatEpoch, STALL_MS } from '../../src/app/TrainingBar';
import { attachFakeEngine, renderApp } from './renderApp';

afterEach(() => {
  vi.restoreAllMocks();
});

const option = (select: HTMLElement, name: string) => within(select).getByRole('option', { name });

describe('TrainingBar: run buttons', () => {
  it('Train posts play; after a running snapshot the button says Pause and posts pause', async () => {
    const d = renderApp();
    const engine = attachFakeEngine(d.store);
    const play = screen.getByRole('button', { name: 'Train' });
    expect(play).toHaveAttribute('aria-pressed', 'false');
    await d.user.click(play);
    expect(engine.posted()).toEqual([{ type: 'play', runId: 0 }]);

    d.snapshot({ status: 'running' });
    const pause = screen.getByRole('button', { name: 'Pause' });
    expect(pause).toBe(play);
    expect(pause).toHaveAttribute('aria-pressed', 'true');
    expect(screen.queryByRole('button', { name: 'Train' })).toBeNull();
    expect(screen.getByTestId('status')).toHaveTextContent('Training');
    await d.user.click(pause);
    expect(engine.last('pause')).toEqual({ type: 'pause', runId: 0 });

    d.snapshot({ status: 'paused', step: 11 });
    expect(screen.getByRole('button', { name: 'Train' })).toBeInTheDocument();
    expect(screen.getByTestId('status')).toHaveTextContent('Paused');
  });

  it('Step and Reset post their messages for the active run', async () => {
    const d = renderApp();
    const engine = attachFakeEngine(d.store);
    await d.user.click(screen.getByRole('button', { name: 'Step' }));
    await d.user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(engine.posted()).toEqual([
      { type: 'step', runId: 0, steps: 1 },
      { type: 'reset', runId: 0 },
    ]);
  });

  it('posts to the run the bridge started, not a stale one', async () => {
    const d = renderApp();
    const engine = attachFakeEngine(d.store);
    d.store.getState().startRun(3);
    await d.user.click(screen.getByRole('button', { name: 'Train' }));
    expect(engine.posted()).toEqual([{ type: 'play', runId: 3 }]);
  });

  it('buttons do nothing (and do not throw) without an engine', async () => {
    const d = renderApp();
    expect(d.store.getState().engine).toBeNull();
    await d.user.click(screen.getByRole('button', { name: 'Train' }));
    await d.user.click(screen.getByRole('button', { name: 'Step' }));
    expect(screen.getByTestId('status')).toHaveTextContent('Ready');
  });

  it('shows the epoch as 000,042 and the step count', () => {
    const d = renderApp();
    expect(screen.getByTestId('epoch')).toHaveTextContent('000,000');
    d.snapshot({ epoch: 42, step: 1234 });
    expect(screen.getByTestId('epoch')).toHaveTextContent('000,042');
    expect(screen.getByTestId('steps')).toHaveTextContent('1234');
    expect(formatEpoch(0)).toBe('000,000');
    expect(formatEpoch(999999)).toBe('999,999');
    expect(formatEpoch(1234567)).toBe('1,234,567');
  });

  it('a diverged run shows an alert that points at the learning rate', () => {
    const d = renderApp();
    d.snapshot({ status: 'running', step: 50 });
    expect(screen.queryByRole('alert')).toBeNull();
    d.receive({ type: 'diverged', runId: 0, step: 120, epoch: 7, which: 'train' });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(/learning rate/i);
    expect(alert).toHaveTextContent('epoch 7');
    expect(screen.getByTestId('status')).toHaveTextContent('Diverged');
    // The learner can still train again after lowering the rate.
    expect(screen.getByRole('button', { name: 'Train' })).toBeEnabled();
    // The problem stays through a paused snapshot of the diverged run, and clears on a fresh one.
    d.snapshot({ status: 'diverged', step: 120 });
    expect(screen.getByRole('alert')).toBeInTheDocument();
    d.snapshot({ status: 'paused', step: 0 });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('an engine error disables Train and Step and explains why', () => {
    const d = renderApp();
    d.receive({ type: 'error', runId: 0, key: 'engine.oneOutput', vars: { count: 2 } });
    expect(screen.getByRole('alert')).toHaveTextContent('The network must end in exactly one output layer (it has 2).');
    expect(screen.getByRole('button', { name: 'Train' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Step' })).toBeDisabled();
    expect(screen.getByTestId('status')).toHaveTextContent('Cannot train');
  });

  it('ignores messages for another run', () => {
    const d = renderApp();
    d.receive({ type: 'diverged', runId: 9, step: 1, epoch: 1, which: 'train' });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('TrainingBar: hyperparameters', () => {
  it('learning rate, optimizer, regularization, rate and loss update the experiment', async () => {
    const d = renderApp();
    const lr = screen.getByRole('combobox', { name: 'Learning rate' });
    expect(lr).toHaveDisplayValue('0.03');
    await d.user.selectOptions(lr, option(lr, '0.1'));
    expect(d.training().learningRate).toBe(0.1);
    expect(lr).toHaveDisplayValue('0.1');

    await d.user.selectOptions(screen.getByRole('combobox', { name: 'Optimizer' }), 'Adam');
    expect(d.training().optimizer).toBe('adam');

    const regRate = screen.getByRole('combobox', { name: 'Regularization rate' });
    expect(regRate).toBeDisabled();
    await d.user.selectOptions(screen.getByRole('combobox', { name: 'Regularization' }), 'L2');
    expect(d.training().regularization).toBe('l2');
    expect(regRate).toBeEnabled();
    await d.user.selectOptions(regRate, option(regRate, '0.01'));
    expect(d.training().regularizationRate).toBe(0.01);
    await d.user.selectOptions(screen.getByRole('combobox', { name: 'Regularization' }), 'None');
    expect(regRate).toBeDisabled();

    await d.user.selectOptions(screen.getByRole('combobox', { name: 'Loss' }), 'Cross-entropy');
    expect(d.training().loss).toBe('crossEntropy');
    // Each change is one undo step.
    expect(d.store.getState().past).toHaveLength(6);
  });

  it('changing a hyperparameter mid-run marks the chart', async () => {
    const d = renderApp();
    d.snapshot({ status: 'running', step: 30, epoch: 2 });
    await d.user.selectOptions(screen.getByRole('combobox', { name: 'Optimizer' }), 'RMSprop');
    expect(d.store.getState().runs[0].markers).toEqual([2]);
  });

  it('the shared activation select sets every hidden layer and shows (mixed) when they differ', async () => {
    const d = renderApp();
    const act = screen.getByRole('combobox', { name: 'Activation' });
    expect(act).toHaveDisplayValue('Tanh');
    await d.user.selectOptions(act, 'ReLU');
    expect(screen.getByRole('combobox', { name: 'Activation of layer 1' })).toHaveValue('relu');
    expect(screen.getByRole('combobox', { name: 'Activation of layer 2' })).toHaveValue('relu');
    await d.user.selectOptions(screen.getByRole('combobox', { name: 'Activation of layer 2' }), 'ELU');
    expect(act).toHaveDisplayValue('(mixed)');
  });

  it('a regression dataset offers only mean squared error', async () => {
    const d = renderApp();
    const loss = screen.getByRole('combobox', { name: 'Loss' });
    expect(within(loss).getAllByRole('option').map((o) => o.textContent)).toEqual(['Mean squared error', 'Cross-entropy']);
    await d.user.click(screen.getByRole('radio', { name: 'Plane' }));
    expect(within(loss).getAllByRole('option').map((o) => o.textContent)).toEqual(['Mean squared error']);
    expect(loss).toHaveDisplayValue('Mean squared error');
    expect(screen.getByTestId('task')).toHaveTextContent('Regression');
  });

  it('shows the problem type, with the class count for blobs', async () => {
    const d = renderApp();
    expect(screen.getByTestId('task')).toHaveTextContent('Classification (2 classes)');
    await d.user.click(screen.getByRole('radio', { name: 'Blobs (many classes)' }));
    expect(screen.getByTestId('task')).toHaveTextContent('Classification (3 classes)');
    expect(d.training().loss).toBe('crossEntropy');
  });
});

describe('TrainingBar: heavy and stuck networks', () => {
  it('a heavy network the engine asks about shows its numbers and "Train anyway", which posts confirm', async () => {
    const d = renderApp();
    const engine = attachFakeEngine(d.store);
    d.receive({ type: 'error', runId: 0, key: 'engine.heavy', vars: { seconds: '3.1', minutes: '16.2', memory: '0.3', params: '1,234' }, confirm: true });
    const alert = screen.getByTestId('run-problem');
    expect(alert).toHaveTextContent('3.1 s per training step, 16.2 min per epoch');
    await d.user.click(within(alert).getByRole('button', { name: 'Train anyway' }));
    expect(engine.last('confirm')).toEqual({ type: 'confirm', runId: 0 });
  });

  it("a refused network takes the last network's views and numbers with it", () => {
    const d = renderApp();
    attachFakeEngine(d.store);
    d.snapshot({ status: 'paused', step: 40 });
    expect(screen.getByTestId('steps')).toHaveTextContent('40');
    d.receive({ type: 'error', runId: 0, key: 'engine.tooBig', vars: { seconds: '30', memory: '3.0', params: '9', maxMemory: '2', maxSeconds: 20 } });
    expect(screen.getByTestId('steps')).toHaveTextContent('0');
    const run = d.store.getState().runs[0];
    expect(run.history).toEqual([]);
    expect(run.latest).toBeNull();
    expect(run.part).toEqual({ lab: 'points', probes: null });
    expect(screen.queryByRole('button', { name: 'Train anyway' })).toBeNull();
  });

  it('an engine that owes an answer past its allowance offers to stop it; a restart clears the offer', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    try {
      const d = renderApp();
      attachFakeEngine(d.store);
      const restart = vi.fn(() => {
        const { heartbeat } = d.store.getState();
        heartbeat.sent = heartbeat.heard = performance.now();
      });
      act(() => d.store.setState({ restartEngine: restart }));
      d.snapshot({ status: 'running', step: 3 });
      act(() => vi.advanceTimersByTime(STALL_MS - 1000));
      expect(screen.queryByTestId('engine-stalled')).toBeNull();
      act(() => vi.advanceTimersByTime(3000));
      const banner = screen.getByTestId('engine-stalled');
      expect(banner).toHaveTextContent(/has not answered for \d+ s/);
      act(() => within(banner).getByRole('button', { name: 'Stop the engine' }).click());
      expect(restart).toHaveBeenCalledTimes(1);
      d.snapshot({ status: 'paused', step: 0 });
      act(() => vi.advanceTimersByTime(1500));
      expect(screen.queryByTestId('engine-stalled')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('TrainingBar: speed', () => {
  it('offers full speed down to one step a second, kept in the view (and so in links)', async () => {
    const d = renderApp();
    const select = screen.getByTestId('speed-control');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Full speed', '30 steps/s', '10 steps/s', '3 steps/s', '1 step/s']);
    await d.user.selectOptions(select, option(select, '3 steps/s'));
    expect(d.store.getState().view.speed).toBe(3);
  });
});

describe('TrainingBar: learning-rate schedule', () => {
  it('a cosine schedule shows its settings, its curve and the rate the engine reports', async () => {
    const d = renderApp();
    expect(screen.queryByTestId('schedule-curve')).toBeNull();
    const kind = screen.getByTestId('schedule-kind');
    await d.user.selectOptions(kind, option(kind, 'Cosine'));
    expect(d.store.getState().experiment.training.schedule.kind).toBe('cosine');
    const period = screen.getByTestId('schedule-period');
    await d.user.selectOptions(period, option(period, '10 epochs'));
    expect(d.store.getState().experiment.training.schedule.period).toBe(10);
    expect(screen.queryByTestId('schedule-factor')).toBeNull(); // cosine has no factor
    expect(screen.getByTestId('schedule-curve')).toBeInTheDocument();
    d.snapshot({ epoch: 5, learningRate: 0.015 });
    expect(screen.getByTestId('schedule-rate')).toHaveTextContent('0.015');
    expect(screen.getByTestId('schedule-now')).toBeInTheDocument();
  });
});
