// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { LocaleContext, type Locale } from '../../src/i18n';
import { createRng } from '../../src/data/rng';
import { unrollRecurrent, type RecurrentInput, type RecurrentType } from '../../src/models/recurrentUnroll';
import { gradientNormsThroughTime } from '../../src/models/recurrentBackprop';
import { formatValue } from '../../src/charts/format';
import { fillSeriesPixels, RecurrentView, type RecurrentViewProps } from '../../src/labs/sequences/RecurrentView';
import { recordCanvasPuts } from './canvasStub';

const stubCanvas = recordCanvasPuts;

afterEach(() => {
  vi.restoreAllMocks();
});

const TOKENS = ['the', 'cat', 'sat', 'on', 'a', 'mat'];
const SETS: Record<RecurrentType, number> = { SimpleRNN: 1, LSTM: 4, GRU: 3 };

/** A 6-step, 3-feature, 4-unit layer with seeded random weights, unrolled by the pure module. */
function layerInput(type: RecurrentType, seed = 3): RecurrentInput {
  const rng = createRng(seed);
  const randn = (n: number) => Float32Array.from({ length: n }, () => rng.normal() * 0.8);
  const k = SETS[type] * 4;
  return { type, x: randn(6 * 3), weights: { kernel: randn(3 * k), recurrentKernel: randn(4 * k), bias: randn(k) } };
}

function props(type: RecurrentType, over: Partial<RecurrentViewProps> = {}): RecurrentViewProps {
  const input = layerInput(type);
  const unrolled = unrollRecurrent(input);
  return { type, tokens: TOKENS, unrolled, gradNorms: gradientNormsThroughTime(input, undefined, unrolled), version: 0, ...over };
}

const renderView = (p: RecurrentViewProps, locale: Locale = 'en') =>
  render(
    <LocaleContext.Provider value={locale}>
      <RecurrentView {...p} />
    </LocaleContext.Provider>,
  );

const mapNames = () => screen.getAllByRole('img').map((el) => el.getAttribute('aria-label') ?? '');

describe('RecurrentView', () => {
  it('LSTM: hidden state, cell state, three gates, the candidate and the gradient chart, each labelled', () => {
    const puts = stubCanvas();
    renderView(props('LSTM'));
    expect(screen.getByRole('region', { name: 'Recurrent network unrolled over time' })).toBeInTheDocument();
    expect(screen.getByText('LSTM · 4 units × 6 time steps')).toBeInTheDocument();
    const names = mapNames();
    for (const name of ['Hidden state hₜ', 'Cell state cₜ', 'Input gate iₜ', 'Forget gate fₜ', 'Output gate oₜ', 'Candidate gₜ']) {
      expect(screen.getByText(name)).toBeInTheDocument();
      expect(names).toContain(`${name}: 4 units down, 6 time steps across`);
    }
    expect(names).toContain('Gradient norm at each of the 6 time steps');
    expect(screen.getByText(/^Gradient through time/)).toHaveTextContent('Gradient through time ‖∂L/∂hₜ‖');
    // Six maps painted, each one pixel per (step, unit).
    expect(puts).toHaveLength(6);
    for (const { image } of puts) expect([image.width, image.height]).toEqual([6, 4]);
    expect(screen.getByText('0 closed')).toBeInTheDocument();
  });

  it('GRU: update and reset gates, no cell state', () => {
    stubCanvas();
    renderView(props('GRU'));
    for (const name of ['Hidden state hₜ', 'Update gate zₜ', 'Reset gate rₜ', 'Candidate h̃ₜ']) expect(screen.getByText(name)).toBeInTheDocument();
    expect(screen.queryByText('Cell state cₜ')).toBeNull();
    expect(screen.queryByText('Forget gate fₜ')).toBeNull();
    expect(mapNames()).toHaveLength(5); // 4 maps + the gradient chart
  });

  it('SimpleRNN: the hidden state only, and a note that it has no gates', () => {
    stubCanvas();
    renderView(props('SimpleRNN'));
    expect(mapNames()).toEqual(['Hidden state hₜ: 4 units down, 6 time steps across', 'Gradient norm at each of the 6 time steps']);
    expect(screen.getByText(/A SimpleRNN has no gates/)).toBeInTheDocument();
    expect(screen.queryByText('0 closed')).toBeNull();
  });

  it('labels the time steps with the tokens, and draws one bar per step with a positive norm', () => {
    stubCanvas();
    const { container } = renderView(props('LSTM'));
    for (const token of TOKENS) expect(screen.getByTitle(token)).toHaveTextContent(token);
    expect(container.querySelectorAll('.rv-bar')).toHaveLength(6);
  });

  it('reads a value under the pointer, marks its column in every map, and reads a gradient bar', () => {
    stubCanvas();
    const p = props('LSTM');
    const { container } = renderView(p);
    const forget = container.querySelector('[data-panel="forget"] .rv-box')!;
    // jsdom boxes sit at 0,0; cells are 32 px wide (360 / 6 capped at 32) and 12 px high (72 / 4).
    fireEvent.mouseMove(forget, { clientX: 2 * 32 + 5, clientY: 3 * 12 + 2 });
    const value = formatValue(p.unrolled.gates.forget[2 * 4 + 3]);
    expect(screen.getByText(`Forget gate fₜ · step 3 ‘sat’ · unit 4: ${value}`)).toBeInTheDocument();
    expect(container.querySelectorAll('.rv-col')).toHaveLength(6);
    fireEvent.mouseLeave(forget);
    expect(screen.getByText('Point at a cell to read its value.')).toBeInTheDocument();
    const chart = screen.getByRole('img', { name: 'Gradient norm at each of the 6 time steps' });
    fireEvent.mouseMove(chart, { clientX: 5 * 32 + 1, clientY: 10 });
    expect(screen.getByText(`Gradient · step 6 ‘mat’: ${formatValue(p.gradNorms![5])}`)).toBeInTheDocument();
  });

  it('switches the gradient chart to a log scale', () => {
    stubCanvas();
    // Small recurrent weights: a tanh RNN whose gradient vanishes within a few steps.
    const input = layerInput('SimpleRNN');
    input.weights.recurrentKernel = input.weights.recurrentKernel.map((v) => v * 0.15);
    const unrolled = unrollRecurrent(input);
    const gradNorms = gradientNormsThroughTime(input, undefined, unrolled);
    expect(gradNorms[0]).toBeLessThan(1e-3);
    const { container } = renderView({ ...props('SimpleRNN'), unrolled, gradNorms });
    const bars = () => Array.from(container.querySelectorAll('.rv-bar'), (b) => Number(b.getAttribute('height')));
    const linear = bars();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Log scale' }));
    expect(screen.getByRole('checkbox', { name: 'Log scale' })).toBeChecked();
    const log = bars();
    expect(log).toHaveLength(linear.length);
    expect(log).not.toEqual(linear);
    // On a linear axis the first steps' bars are hairlines; on a log axis they are visible.
    expect(linear[0]).toBeLessThan(1);
    expect(log[0]).toBeGreaterThan(3);
    expect(log[5]).toBeCloseTo(linear[5], 0);
  });

  it('repaints when the version changes, and paints nothing (without failing) when there is no 2-D context', () => {
    const puts = stubCanvas();
    const p = props('GRU');
    const { rerender } = renderView(p);
    expect(puts).toHaveLength(4);
    p.unrolled.hidden.fill(0.5);
    rerender(
      <LocaleContext.Provider value="en">
        <RecurrentView {...p} version={1} />
      </LocaleContext.Provider>,
    );
    expect(puts).toHaveLength(8);
    vi.restoreAllMocks();
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    renderView(props('LSTM'));
    expect(screen.getAllByText('Hidden state hₜ')).toHaveLength(2);
  });

  it('shows a note instead of maps for an empty sequence, and no chart without norms', () => {
    stubCanvas();
    const p = props('LSTM');
    renderView({ ...p, gradNorms: undefined });
    expect(screen.queryByText(/Gradient through time/)).toBeNull();
    const empty = unrollRecurrent({ ...layerInput('LSTM'), x: new Float32Array(0) });
    renderView({ ...p, unrolled: empty, tokens: [] });
    expect(screen.getByText('No sequence yet: run the model to see its states.')).toBeInTheDocument();
  });

  it('renders in Chinese', () => {
    stubCanvas();
    renderView(props('LSTM'), 'zh-CN');
    const region = screen.getByRole('region', { name: '按时间展开的循环网络' });
    for (const name of ['隐藏状态 hₜ', '细胞状态 cₜ', '输入门 iₜ', '遗忘门 fₜ', '输出门 oₜ', '时间步']) {
      expect(within(region).getByText(name)).toBeInTheDocument();
    }
    expect(within(region).getByText(/^沿时间回传的梯度/)).toHaveTextContent('沿时间回传的梯度 ‖∂L/∂hₜ‖');
    expect(screen.getByRole('checkbox', { name: '对数刻度' })).toBeInTheDocument();
    expect(screen.queryByText('Hidden state hₜ')).toBeNull();
  });
});

describe('fillSeriesPixels and formatValue', () => {
  it('paints units as rows and steps as columns, clamping and leaving non-finite values clear', () => {
    const table = Uint8ClampedArray.from([0, 0, 0, 255, 100, 100, 100, 255, 200, 200, 200, 255]);
    // 3 steps × 2 units, step-major: step 0 = (−1, 1), step 1 = (0, 5), step 2 = (NaN, −9).
    const values = Float32Array.of(-1, 1, 0, 5, NaN, -9);
    const out = new Uint8ClampedArray(3 * 2 * 4);
    fillSeriesPixels(out, values, 3, 2, table, -1, 1);
    const px = (row: number, col: number) => out[(row * 3 + col) * 4];
    expect([px(0, 0), px(0, 1), px(0, 2)]).toEqual([0, 100, 0]);
    expect(out[(0 * 3 + 2) * 4 + 3]).toBe(0);
    expect([px(1, 0), px(1, 1), px(1, 2)]).toEqual([200, 200, 0]);
  });

  it('formats numbers for people', () => {
    expect(formatValue(0.123456)).toBe('0.123');
    expect(formatValue(-2.5)).toBe('−2.5');
    expect(formatValue(0.00001234)).toBe('1.23e−5');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(NaN)).toBe('–');
  });
});
