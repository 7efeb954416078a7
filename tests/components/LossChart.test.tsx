// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { LossChart, decimate, type LossPoint } from '../../src/charts/LossChart';
import { LocaleContext } from '../../src/i18n';

function history(n: number, f: (i: number) => Partial<LossPoint> = () => ({})): LossPoint[] {
  return Array.from({ length: n }, (_, i) => ({
    epoch: i + 1,
    trainLoss: 1 / (i + 1),
    testLoss: 1.2 / (i + 1),
    trainAcc: Math.min(1, 0.5 + i / 20),
    testAcc: Math.min(1, 0.45 + i / 20),
    ...f(i),
  }));
}

const pointsIn = (d: string | null) => (d ?? '').split(/[ML]/).filter((s) => s.trim() !== '').length;

describe('LossChart', () => {
  it('draws train and test paths with a d attribute', () => {
    render(<LossChart history={history(10)} metric="loss" />);
    const train = screen.getByTestId('loss-train');
    const test = screen.getByTestId('loss-test');
    expect(train.getAttribute('d')).toMatch(/^M/);
    expect(test.getAttribute('d')).toMatch(/^M/);
    expect(test.getAttribute('stroke-dasharray')).toBeTruthy();
    expect(train.getAttribute('stroke-dasharray')).toBeNull();
    expect(pointsIn(train.getAttribute('d'))).toBe(10);
    expect(screen.getByText('Train')).toBeInTheDocument();
    expect(screen.getByText('Test')).toBeInTheDocument();
    expect(screen.getByText('Epoch')).toBeInTheDocument();
    expect(screen.getByText('Loss')).toBeInTheDocument();
    expect(screen.getByTestId('loss-chart')).toHaveAttribute('role', 'img');
  });

  it('survives NaN and Infinity from a diverged run', () => {
    const h = history(6, (i) => (i >= 3 ? { trainLoss: i === 3 ? Infinity : NaN, testLoss: NaN } : {}));
    render(<LossChart history={h} metric="loss" />);
    const chart = screen.getByTestId('loss-chart');
    expect(chart.innerHTML).not.toMatch(/NaN|Infinity/);
    const d = screen.getByTestId('loss-train').getAttribute('d');
    expect(d).toMatch(/^M/);
    expect(pointsIn(d)).toBe(3);
    // The y axis still has finite tick labels.
    expect(screen.getAllByText(/^\d/).length).toBeGreaterThan(0);
  });

  it('handles an all-NaN history', () => {
    render(<LossChart history={history(3, () => ({ trainLoss: NaN, testLoss: NaN }))} metric="loss" />);
    expect(screen.getByTestId('loss-chart').innerHTML).not.toMatch(/NaN/);
  });

  it('shows an empty frame with a hint before training', () => {
    render(<LossChart history={[]} metric="loss" />);
    expect(screen.getByText('Press play to start training')).toBeInTheDocument();
    expect(screen.queryByTestId('loss-train')).toBeNull();
  });

  it('plots accuracy on 0..1 and tolerates null accuracy', () => {
    const { rerender } = render(<LossChart history={history(5)} metric="accuracy" />);
    expect(screen.getByText('Accuracy')).toBeInTheDocument();
    expect(screen.getByText('100%')).toBeInTheDocument();
    expect(screen.getByTestId('loss-train').getAttribute('d')).toMatch(/^M/);
    rerender(<LossChart history={history(5, () => ({ trainAcc: null, testAcc: null }))} metric="accuracy" />);
    expect(screen.getByTestId('loss-train').getAttribute('d')).toBe('');
  });

  it('adds whole-sequence accuracy curves, with a legend entry, only where the history has them', () => {
    const { rerender } = render(<LossChart history={history(5, (i) => ({ trainSeqAcc: i / 10, testSeqAcc: i / 12 }))} metric="accuracy" />);
    expect(screen.getByTestId('loss-train-seq').getAttribute('d')).toMatch(/^M/);
    expect(screen.getByTestId('loss-test-seq').getAttribute('stroke-dasharray')).toBeTruthy();
    expect(screen.getByText('Whole sequence')).toBeInTheDocument();
    rerender(<LossChart history={history(5, (i) => ({ trainSeqAcc: i / 10, testSeqAcc: i / 12 }))} metric="loss" />);
    expect(screen.queryByTestId('loss-train-seq')).toBeNull();
    rerender(<LossChart history={history(5)} metric="accuracy" />);
    expect(screen.queryByTestId('loss-train-seq')).toBeNull();
    expect(screen.queryByText('Whole sequence')).toBeNull();
  });

  it('decimates long histories but keeps the last point', () => {
    const h = history(5000);
    const kept = decimate(h);
    expect(kept.length).toBeLessThanOrEqual(1001);
    expect(kept[kept.length - 1]).toBe(h[h.length - 1]);
    render(<LossChart history={h} metric="loss" width={320} />);
    const d = screen.getByTestId('loss-train').getAttribute('d') ?? '';
    expect(pointsIn(d)).toBeLessThanOrEqual(1001);
    // The last point sits at the right edge of the plot (x = inner width).
    expect(d).toMatch(/L264,[\d.]+$/);
  });

  it('draws marker lines for hyperparameter changes', () => {
    render(<LossChart history={history(10)} metric="loss" markers={[3, 7, 99]} />);
    expect(screen.getAllByTestId('loss-marker')).toHaveLength(2);
  });

  it('speaks Chinese under zh-CN', () => {
    render(
      <LocaleContext.Provider value="zh-CN">
        <LossChart history={[]} metric="accuracy" />
      </LocaleContext.Provider>,
    );
    expect(screen.getByText('按下播放键开始训练')).toBeInTheDocument();
    expect(screen.getByText('准确率')).toBeInTheDocument();
  });
});

describe('LossChart: early stopping', () => {
  it('draws the validation curve with its legend and marks the best epoch, only while early stopping reports them', () => {
    const history = [0, 1, 2, 3].map((epoch) => ({ epoch, trainLoss: 1 - epoch / 10, testLoss: 1, trainAcc: 0.5, testAcc: 0.5, valLoss: [0.9, 0.5, 0.6, 0.7][epoch], valAcc: 0.6 }));
    const { container, rerender } = render(<LossChart history={history} metric="loss" bestEpoch={1} />);
    expect(container.querySelector('[data-testid="loss-val"]')?.getAttribute('d')).toMatch(/^M.*L.*L.*L/);
    expect(container.querySelector('[data-testid="loss-val-legend"]')).toHaveTextContent('Validation');
    expect(container.querySelector('[data-testid="loss-best"] title')?.textContent).toContain('epoch 1');
    rerender(<LossChart history={history.map(({ valLoss: _v, valAcc: _a, ...p }) => p)} metric="loss" />);
    expect(container.querySelector('[data-testid="loss-val"]')).toBeNull();
    expect(container.querySelector('[data-testid="loss-best"]')).toBeNull();
  });
});
