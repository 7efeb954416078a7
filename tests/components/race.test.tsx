// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LocaleContext } from '../../src/i18n';
import { RaceLegend, type LegendEntry } from '../../src/labs/race/RaceLegend';
import { RaceLab } from '../../src/labs/race/RaceLab';
import { powerOfTen, RACE_COLORS } from '../../src/labs/race/paintRace';
import { RACE_OPTIMIZERS } from '../../src/models/optimizers';
import { SURFACES } from '../../src/models/surfaces';
import { renderApp } from './renderApp';

const entries = (patch: (e: LegendEntry) => Partial<LegendEntry> = () => ({})): LegendEntry[] =>
  RACE_OPTIMIZERS.map((opt, i) => {
    const e: LegendEntry = { opt, shown: true, lr: 0.01 * (i + 1), loss: 1 / (i + 1), diverged: false, x: i, y: -i };
    return { ...e, ...patch(e) };
  });

describe('RaceLegend', () => {
  it('shows each optimizer with its rate and current loss', () => {
    render(<RaceLegend entries={entries()} onToggle={() => {}} onLr={() => {}} />);
    expect(screen.getAllByRole('row')).toHaveLength(1 + 7);
    const adam = screen.getByTestId('race-row-adam');
    expect(within(adam).getByText('Adam')).toBeInTheDocument();
    expect(screen.getByTestId('race-loss-adam').textContent).toBe('0.2');
    expect(within(adam).getByText('0.05')).toBeInTheDocument();
    expect(screen.getByTestId('race-toggle-adam')).toBeChecked();
  });

  it('says "diverged" instead of a loss, and dims a hidden optimizer', () => {
    render(<RaceLegend entries={entries((e) => (e.opt === 'sgd' ? { diverged: true } : e.opt === 'adagrad' ? { shown: false } : {}))} onToggle={() => {}} onLr={() => {}} />);
    expect(screen.getByTestId('race-loss-sgd').textContent).toBe('diverged');
    expect(screen.getByTestId('race-row-adagrad')).toHaveClass('off');
    expect(screen.getByTestId('race-toggle-adagrad')).not.toBeChecked();
  });

  it('reports toggles and learning rates (a log slider, rounded to two digits)', async () => {
    const onToggle = vi.fn();
    const onLr = vi.fn();
    render(<RaceLegend entries={entries()} onToggle={onToggle} onLr={onLr} />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Show Nesterov' }));
    expect(onToggle).toHaveBeenCalledWith('nesterov', false);
    fireEvent.change(screen.getByRole('slider', { name: 'Learning rate of RMSprop' }), { target: { value: '-2' } });
    expect(onLr).toHaveBeenCalledWith('rmsprop', 0.01);
    fireEvent.change(screen.getByRole('slider', { name: 'Learning rate of RMSprop' }), { target: { value: '-1.3' } });
    expect(onLr).toHaveBeenLastCalledWith('rmsprop', 0.05);
  });

  it('speaks Chinese', () => {
    render(
      <LocaleContext.Provider value="zh-CN">
        <RaceLegend entries={entries((e) => (e.opt === 'sgd' ? { diverged: true } : {}))} onToggle={() => {}} onLr={() => {}} />
      </LocaleContext.Provider>,
    );
    expect(screen.getByText('动量法')).toBeInTheDocument();
    expect(screen.getByText('学习率 η')).toBeInTheDocument();
    expect(screen.getByTestId('race-loss-sgd').textContent).toBe('发散');
  });
});

/**
 * A 2-D context that records the colour of every stroke since the canvas was last cleared, so a
 * test sees which paths a canvas shows. `strokesOf(testId)` reads one canvas.
 */
function recordStrokes(): (testId: string) => string[] {
  const byCanvas = new Map<HTMLCanvasElement, string[]>();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    const strokes: string[] = [];
    byCanvas.set(this, strokes);
    const ctx = {
      canvas: this,
      strokeStyle: '',
      fillStyle: '',
      lineWidth: 1,
      setTransform: () => {},
      clearRect: () => strokes.splice(0),
      beginPath: () => {},
      moveTo: () => {},
      lineTo: () => {},
      closePath: () => {},
      arc: () => {},
      fill: () => {},
      fillText: () => {},
      stroke: () => strokes.push(String(ctx.strokeStyle)),
    };
    return ctx as unknown as CanvasRenderingContext2D;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext);
  return (testId) => byCanvas.get(screen.getByTestId(testId) as HTMLCanvasElement) ?? [];
}

describe('RaceLab', () => {
  afterEach(() => vi.restoreAllMocks());

  it('steps, toggles a path off the map, resets, and changes surface with its own rates', async () => {
    const strokesOf = recordStrokes();
    render(<RaceLab active />);
    const lab = screen.getByTestId('race-lab');
    expect(lab).toHaveAttribute('data-tour', 'race');
    expect(lab).toHaveAttribute('data-step', '0');
    const start = SURFACES.ravine.start;
    expect(Number(screen.getByTestId('race-row-adam').dataset.x)).toBe(start[0]);

    await userEvent.click(screen.getByTestId('race-step'));
    await userEvent.click(screen.getByTestId('race-step'));
    expect(lab).toHaveAttribute('data-step', '2');
    expect(screen.getByTestId('race-status').textContent).toContain('Step 2');
    const xs = RACE_OPTIMIZERS.map((o) => Number(screen.getByTestId(`race-row-${o}`).dataset.x));
    expect(new Set(xs).size).toBe(7);
    for (const canvas of ['race-map', 'race-chart']) {
      expect(strokesOf(canvas)).toContain(RACE_COLORS.sgd);
      expect(strokesOf(canvas)).toContain(RACE_COLORS.adagrad);
    }

    // toggled off: gone from the map and from the chart, the others stay
    await userEvent.click(screen.getByTestId('race-toggle-sgd'));
    for (const canvas of ['race-map', 'race-chart']) {
      expect(strokesOf(canvas)).not.toContain(RACE_COLORS.sgd);
      expect(strokesOf(canvas)).toContain(RACE_COLORS.adam);
    }

    await userEvent.click(screen.getByTestId('race-reset'));
    expect(lab).toHaveAttribute('data-step', '0');
    expect(Number(screen.getByTestId('race-row-adam').dataset.x)).toBe(start[0]);

    fireEvent.change(screen.getByTestId('race-surface'), { target: { value: 'rosenbrock' } });
    expect(Number(screen.getByTestId('race-row-sgd').dataset.x)).toBe(SURFACES.rosenbrock.start[0]);
    expect(within(screen.getByTestId('race-row-sgd')).getByText('0.0015')).toBeInTheDocument();
  });

  it('arrow keys on the map move the start; β is read from its field and bad input is ignored', async () => {
    recordStrokes();
    render(<RaceLab active />);
    const map = screen.getByTestId('race-map');
    act(() => map.focus());
    await userEvent.keyboard('{ArrowRight}');
    const s = SURFACES.ravine;
    expect(Number(screen.getByTestId('race-row-sgd').dataset.x)).toBeCloseTo(s.start[0] + (s.x[1] - s.x[0]) / 50, 9);
    const beta = screen.getByTestId('race-hyper-momentum') as HTMLInputElement;
    fireEvent.change(beta, { target: { value: '5' } });
    fireEvent.change(beta, { target: { value: 'abc' } });
    fireEvent.change(beta, { target: { value: '0.5' } });
    await userEvent.click(screen.getByTestId('race-step'));
    await userEvent.click(screen.getByTestId('race-step'));
    // two momentum steps by hand with β = 0.5 (not 5, not 0.9): v = g₀; v = βv + g₁; θ −= ηv each time
    const eta = s.lr.momentum;
    const x0 = s.start[0] + (s.x[1] - s.x[0]) / 50;
    const y0 = s.start[1];
    const g0 = s.grad(x0, y0);
    const x1 = x0 - eta * g0[0];
    const y1 = y0 - eta * g0[1];
    const g1 = s.grad(x1, y1);
    const row = screen.getByTestId('race-row-momentum');
    expect(Number(row.dataset.x)).toBeCloseTo(x1 - eta * (0.5 * g0[0] + g1[0]), 9);
    expect(Number(row.dataset.y)).toBeCloseTo(y1 - eta * (0.5 * g0[1] + g1[1]), 9);
  });

  it('is reached by its own tab; the network\'s training bar steps aside while it shows', async () => {
    const d = renderApp();
    recordStrokes();
    expect(screen.queryByTestId('race-lab')).toBeNull();
    await d.user.click(screen.getByRole('tab', { name: 'Optimizer race' }));
    // A lazy chunk: on a loaded machine its import can take longer than findBy's default second.
    expect(await screen.findByTestId('race-lab', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(d.store.getState().editorTab).toBe('race');
    expect(document.querySelector('.training-bar')!.closest('[hidden]')).not.toBeNull();
    expect(screen.getByTestId('pane-race')).not.toHaveAttribute('hidden');
    await d.user.click(screen.getByRole('tab', { name: 'Playground' }));
    expect(document.querySelector('.training-bar')!.closest('[hidden]')).toBeNull();
    // the race stays mounted, hidden, so its state survives a visit elsewhere
    expect(screen.getByTestId('pane-race')).toHaveAttribute('hidden');
    expect(screen.getByTestId('race-lab')).toBeInTheDocument();
  });
});

describe('the loss chart’s labels', () => {
  it('writes powers of ten with superscripts', () => {
    expect(powerOfTen(0)).toBe('10⁰');
    expect(powerOfTen(-12)).toBe('10⁻¹²');
    expect(powerOfTen(3)).toBe('10³');
  });
});
