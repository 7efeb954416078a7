// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { formatValue } from '../../src/charts/format';
import { ConvExplainer, fitValue, PLAY_STEP_MS, type ConvExplainerProps } from '../../src/labs/images/ConvExplainer';
import {
  activationOutput,
  explainConv,
  explainPool,
  outputCells,
  windowGeometry,
  type ConvKernel,
  type ValueGrid,
  type Padding,
} from '../../src/labs/images/convExplain';
import { createRng } from '../../src/data/rng';
import { LocaleContext } from '../../src/i18n';
import { recordCanvasPuts } from './canvasStub';

const stubCanvas = recordCanvasPuts;

const rng = createRng(7);
const randn = (n: number) => Float32Array.from({ length: n }, () => Math.round(rng.normal() * 100) / 100);

/** 5×5×2 input and a 3×3×2×2 kernel with bias: the brief's small real example. */
const input: ValueGrid = { height: 5, width: 5, channels: 2, values: randn(50) };
const kernel: ConvKernel = { kh: 3, kw: 3, inChannels: 2, outChannels: 2, values: randn(36) };
const bias = Float32Array.of(0.25, -0.5);

/** The layer output the parent would pass: every cell through explainConv (+ activation). */
function convOutput(padding: Padding, stride: number, activation = 'linear'): ValueGrid {
  const g = windowGeometry(input.height, input.width, [3, 3], [stride, stride], padding);
  const values = new Float32Array(g.outHeight * g.outWidth * 2);
  for (const { y, x } of outputCells(g.outHeight, g.outWidth)) {
    for (let f = 0; f < 2; f++) {
      const z = explainConv(input, kernel, bias, [stride, stride], padding, { y, x, filter: f }).output;
      values[(y * g.outWidth + x) * 2 + f] = activationOutput(activation, z) as number;
    }
  }
  return { height: g.outHeight, width: g.outWidth, channels: 2, values };
}

const convProps = (over: Partial<ConvExplainerProps> = {}): ConvExplainerProps => ({
  kind: 'conv',
  input,
  output: convOutput('same', 1),
  kernel,
  bias,
  stride: 1,
  padding: 'same',
  layerLabel: 'conv2d_1',
  ...over,
});

const text = (id: string) => screen.getByTestId(id).textContent;
/** Nominal cell size of a 5-wide output map (the click fallback when jsdom measures 0×0). */
const CELL = 28;

beforeEach(() => {
  stubCanvas();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('ConvExplainer on a convolution', () => {
  it('shows Σ products + bias = output with the numbers explainConv computes', () => {
    render(<ConvExplainer {...convProps()} />);
    const e = explainConv(input, kernel, bias, [1, 1], 'same', { y: 0, x: 0, filter: 0 });
    expect(text('cx-sum')).toBe(formatValue(e.sum));
    expect(text('cx-bias')).toBe(formatValue(0.25));
    expect(text('cx-output')).toBe(formatValue(e.output));
    expect(text('cx-channel-sum')).toBe(formatValue(e.channelSums[0]));
    expect(text('cx-cell')).toBe('row 1, column 1');
    // The corner window hangs into the zero padding: 5 of its 9 taps are padded.
    const products = screen.getByTestId('cx-product-grid').children;
    expect(products).toHaveLength(9);
    expect([...products].filter((c) => c.classList.contains('is-pad'))).toHaveLength(5);
    expect(within(screen.getByTestId('cx-kernel-grid')).getAllByTitle(/^w = /)).toHaveLength(9);
    // Both channels' partial sums are listed and add up to the total.
    const chips = screen.getAllByRole('button', { name: /^[12]: / });
    expect(chips.map((c) => c.textContent)).toEqual([`1: ${formatValue(e.channelSums[0])}`, `2: ${formatValue(e.channelSums[1])}`]);
    expect(screen.getByTestId('cx-match')).toHaveTextContent('same as the layer');
    expect(screen.getByTestId('cx-geometry')).toHaveTextContent('Stride 1');
    expect(screen.getByTestId('cx-geometry')).toHaveTextContent('Padding same');
    expect(screen.getByTestId('cx-geometry')).toHaveTextContent('(1 row(s) on top, 1 row(s) at the bottom, 1 column(s) on the left, 1 column(s) on the right)');
    expect(screen.getAllByTestId('cx-pad-band')).toHaveLength(4);
    expect(screen.getByText('zero padding')).toBeInTheDocument();
  });

  it('clicking an output cell or moving the slider changes the cell and its value', () => {
    render(<ConvExplainer {...convProps()} />);
    fireEvent.click(screen.getByTestId('cx-output-map'), { clientX: 2 * CELL + 5, clientY: 3 * CELL + 5 });
    expect(text('cx-cell')).toBe('row 4, column 3');
    expect(text('cx-output')).toBe(formatValue(explainConv(input, kernel, bias, [1, 1], 'same', { y: 3, x: 2, filter: 0 }).output));
    expect(screen.getByTestId('cx-slider')).toHaveValue('17');
    expect(screen.getByTestId('cx-output-cell')).toHaveAttribute('x', String(2 * CELL));

    fireEvent.change(screen.getByTestId('cx-slider'), { target: { value: '7' } });
    expect(text('cx-cell')).toBe('row 2, column 3');
    const e = explainConv(input, kernel, bias, [1, 1], 'same', { y: 1, x: 2, filter: 0 });
    expect(text('cx-sum')).toBe(formatValue(e.sum));
    expect(text('cx-output')).toBe(formatValue(e.output));
    // The window on the input moved with it: origin (0, 1) plus one padding row/column → (1, 2) cells.
    const win = screen.getByTestId('cx-window');
    expect(Number(win.getAttribute('x')) / Number(win.getAttribute('width'))).toBeCloseTo(2 / 3);
    expect(screen.getAllByRole('img', { name: /Input feature map/ })).toHaveLength(1);
  });

  it('arrow keys move the chosen cell on the output map', () => {
    render(<ConvExplainer {...convProps()} />);
    const map = screen.getByTestId('cx-output-map');
    fireEvent.keyDown(map, { key: 'ArrowRight' });
    fireEvent.keyDown(map, { key: 'ArrowDown' });
    fireEvent.keyDown(map, { key: 'ArrowDown' });
    fireEvent.keyDown(map, { key: 'ArrowLeft' });
    fireEvent.keyDown(map, { key: 'ArrowLeft' }); // clamped at column 1
    expect(text('cx-cell')).toBe('row 3, column 1');
  });

  it('the filter and input-channel selectors switch what is shown', () => {
    render(<ConvExplainer {...convProps()} />);
    fireEvent.change(screen.getByTestId('cx-filter'), { target: { value: '1' } });
    const e = explainConv(input, kernel, bias, [1, 1], 'same', { y: 0, x: 0, filter: 1 });
    expect(text('cx-output')).toBe(formatValue(e.output));
    expect(text('cx-bias')).toBe(`(${formatValue(-0.5)})`);
    expect(screen.getByText('Output · filter 2 · 5×5')).toBeInTheDocument();

    fireEvent.change(screen.getByTestId('cx-in-channel'), { target: { value: '1' } });
    expect(text('cx-channel-sum')).toBe(formatValue(e.channelSums[1]));
    expect(screen.getByText('Input · channel 2 · 5×5')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: new RegExp(`^1: `) }));
    expect(text('cx-channel-sum')).toBe(formatValue(e.channelSums[0]));
    expect(screen.getByRole('button', { name: /^1: / })).toHaveAttribute('aria-pressed', 'true');
  });

  it('play advances about four cells a second and stops at the end', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    render(<ConvExplainer {...convProps({ stride: 2, output: convOutput('same', 2) })} />);
    expect(screen.getByTestId('cx-geometry')).toHaveTextContent('Stride 2');
    const play = screen.getByTestId('cx-play');
    expect(play).toHaveTextContent('Play');
    fireEvent.click(play);
    expect(play).toHaveTextContent('Pause');
    /** One play step; each step's timer is set by the render the previous one caused. */
    const step = () => act(() => vi.advanceTimersByTime(PLAY_STEP_MS));
    step();
    expect(text('cx-cell')).toBe('row 1, column 2');
    step();
    step();
    step();
    expect(text('cx-cell')).toBe('row 2, column 2');
    expect(text('cx-output')).toBe(formatValue(explainConv(input, kernel, bias, [2, 2], 'same', { y: 1, x: 1, filter: 0 }).output));
    // 3×3 output: eight steps reach the last cell, then it stops there.
    for (let i = 0; i < 10; i++) step();
    expect(text('cx-cell')).toBe('row 3, column 3');
    expect(play).toHaveTextContent('Replay');
    expect(vi.getTimerCount()).toBe(0);
    fireEvent.click(play);
    expect(text('cx-cell')).toBe('row 1, column 1');
    fireEvent.click(play); // pause
    step();
    step();
    expect(text('cx-cell')).toBe('row 1, column 1');
  });

  it('cleans its timer up on unmount', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { unmount } = render(<ConvExplainer {...convProps()} />);
    fireEvent.click(screen.getByTestId('cx-play'));
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('shows the activation after the sum, and stride/padding in words for valid', () => {
    render(<ConvExplainer {...convProps({ padding: 'valid', activation: 'relu', output: convOutput('valid', 1, 'relu') })} />);
    expect(screen.getByTestId('cx-geometry')).toHaveTextContent('Padding valid: no zeros are added');
    expect(screen.getByTestId('cx-geometry')).toHaveTextContent('5×5 → 3×3');
    expect(screen.queryAllByTestId('cx-pad-band')).toHaveLength(0);
    let found = false;
    for (let i = 0; i < 9 && !found; i++) {
      fireEvent.change(screen.getByTestId('cx-slider'), { target: { value: String(i) } });
      const { y, x } = { y: Math.floor(i / 3), x: i % 3 };
      const z = explainConv(input, kernel, bias, [1, 1], 'valid', { y, x, filter: 0 }).output;
      expect(text('cx-output')).toBe(formatValue(z));
      expect(text('cx-final')).toBe(formatValue(Math.max(0, z)));
      expect(screen.getByTestId('cx-match')).toBeInTheDocument();
      found = z < 0;
    }
    expect(screen.getByText(/then ReLU/)).toBeInTheDocument();
  });

  it('paints the input channel and the output filter on canvases of their own size', () => {
    vi.restoreAllMocks();
    const puts = stubCanvas();
    const wide: ValueGrid = { height: 4, width: 6, channels: 2, values: randn(48) };
    render(<ConvExplainer {...convProps({ input: wide, padding: 'valid', output: { height: 0, width: 0, channels: 2, values: new Float32Array() } })} />);
    const sizes = puts.map((p) => `${p.image.width}×${p.image.height}`).sort();
    expect(sizes).toEqual(['4×2', '6×4']);
    // The output shape did not fit, so the view computed it; no "same as the layer" claim then.
    expect(screen.queryByTestId('cx-match')).toBeNull();
  });

  it('leaves the bias out without one, and the per-channel list out for one input channel', () => {
    const gray: ValueGrid = { height: 4, width: 4, channels: 1, values: randn(16) };
    const k: ConvKernel = { kh: 3, kw: 3, inChannels: 1, outChannels: 1, values: randn(9) };
    render(<ConvExplainer {...convProps({ input: gray, kernel: k, bias: null, padding: 'valid', output: { height: 2, width: 2, channels: 1, values: new Float32Array(4) } })} />);
    const e = explainConv(gray, k, null, [1, 1], 'valid', { y: 0, x: 0, filter: 0 });
    expect(text('cx-sum')).toBe(formatValue(e.sum));
    expect(text('cx-output')).toBe(formatValue(e.sum));
    expect(screen.queryByTestId('cx-bias')).toBeNull();
    expect(screen.queryByTestId('cx-channel-sum')).toBeNull();
    expect(screen.queryByTestId('cx-filter')).toBeNull();
    expect(screen.queryByTestId('cx-in-channel')).toBeNull();
    expect(screen.getByText('Σ products')).toBeInTheDocument();
  });

  it("marks TF's odd 'same' padding: stride 2 over 6 cells pads only the bottom and right", () => {
    const six: ValueGrid = { height: 6, width: 6, channels: 2, values: randn(72) };
    render(<ConvExplainer {...convProps({ input: six, stride: 2, output: { height: 0, width: 0, channels: 2, values: new Float32Array() } })} />);
    expect(screen.getByTestId('cx-geometry')).toHaveTextContent('(1 row(s) at the bottom, 1 column(s) on the right) so the output is 3×3');
    expect(screen.getAllByTestId('cx-pad-band')).toHaveLength(2);
    fireEvent.change(screen.getByTestId('cx-slider'), { target: { value: '8' } });
    const e = explainConv(six, kernel, bias, [2, 2], 'same', { y: 2, x: 2, filter: 0 });
    expect(text('cx-output')).toBe(formatValue(e.output));
    expect([...screen.getByTestId('cx-product-grid').children].filter((c) => c.classList.contains('is-pad'))).toHaveLength(5);
  });

  it('says so when the kernel does not fit the input', () => {
    render(<ConvExplainer {...convProps({ kernel: { ...kernel, inChannels: 3 } })} />);
    expect(screen.getByText('This layer has no output for this input size.')).toBeInTheDocument();
  });
});

/** 4×4 map holding 1..16, negated so padding-as-zero would win a max. */
const ramp: ValueGrid = { height: 4, width: 4, channels: 1, values: Float32Array.from({ length: 16 }, (_, i) => -(i + 1)) };

describe('ConvExplainer on pooling and ReLU', () => {
  it('max pooling highlights the largest real value and skips the padding', () => {
    const out = explainPool(ramp, [3, 3], [2, 2], 'same', 'max', { y: 1, x: 1, channel: 0 });
    render(
      <ConvExplainer
        kind="maxPool"
        input={ramp}
        output={{ height: 2, width: 2, channels: 1, values: Float32Array.of(-1, -3, -9, -11) }}
        poolSize={3}
        stride={2}
        padding="same"
        layerLabel="max_pooling2d"
      />,
    );
    fireEvent.change(screen.getByTestId('cx-slider'), { target: { value: '3' } });
    expect(text('cx-output')).toBe(formatValue(out.output));
    expect(text('cx-output')).toBe('−11');
    const cells = [...screen.getByTestId('cx-window-grid').children];
    expect(cells.filter((c) => c.classList.contains('is-pad'))).toHaveLength(5);
    expect(cells.filter((c) => c.classList.contains('is-max')).map((c) => c.textContent)).toEqual(['−11']);
    expect(screen.getByTestId('cx-equation')).toHaveTextContent('max(−11, −12, −15, −16)');
    expect(screen.getByText('padding (skipped)')).toBeInTheDocument();
    expect(screen.getByTestId('cx-match')).toBeInTheDocument();
  });

  it('average pooling divides by the real cells only', () => {
    render(
      <ConvExplainer
        kind="avgPool"
        input={ramp}
        output={{ height: 2, width: 2, channels: 1, values: Float32Array.of(-3.5, -5.5, -11.5, -13.5) }}
        poolSize={[3, 3]}
        stride={[2, 2]}
        padding="same"
        layerLabel="average_pooling2d"
      />,
    );
    fireEvent.change(screen.getByTestId('cx-slider'), { target: { value: '3' } });
    expect(screen.getByTestId('cx-equation')).toHaveTextContent('((−11) + (−12) + (−15) + (−16)) / 4');
    expect(text('cx-output')).toBe('−13.5');
  });

  it('ReLU shows max(0, x) for the chosen cell', () => {
    const map: ValueGrid = { height: 2, width: 2, channels: 1, values: Float32Array.of(-0.5, 2, 0, 1.25) };
    render(<ConvExplainer kind="relu" input={map} output={{ ...map, values: map.values.map((v) => Math.max(0, v)) }} layerLabel="re_lu" />);
    expect(screen.getByTestId('cx-equation')).toHaveTextContent('max(0, −0.5)');
    expect(text('cx-output')).toBe('0');
    expect(screen.getByText(/not positive/)).toBeInTheDocument();
    fireEvent.change(screen.getByTestId('cx-slider'), { target: { value: '1' } });
    expect(text('cx-output')).toBe('2');
    expect(screen.queryByTestId('cx-geometry')).toBeNull();
  });
});

describe('ConvExplainer in Chinese', () => {
  it('renders zh-CN text', () => {
    render(
      <LocaleContext.Provider value="zh-CN">
        <ConvExplainer {...convProps({ activation: 'relu', output: convOutput('same', 1, 'relu') })} />
      </LocaleContext.Provider>,
    );
    expect(screen.getByText('卷积核权重')).toBeInTheDocument();
    expect(screen.getByText('乘积')).toBeInTheDocument();
    expect(screen.getByText('第 1 行，第 1 列')).toBeInTheDocument();
    expect(screen.getByTestId('cx-geometry')).toHaveTextContent('填充 same');
    expect(screen.getByTestId('cx-geometry')).toHaveTextContent('上方 1 行、下方 1 行、左侧 1 列、右侧 1 列');
    expect(screen.getByRole('button', { name: /播放/ })).toBeInTheDocument();
    expect(screen.getByText(/偏置/)).toBeInTheDocument();
    expect(screen.getByText(/再经过 ReLU/)).toBeInTheDocument();
  });
});

describe('formatValue', () => {
  it('gives 3 significant digits with a real minus sign', () => {
    expect(formatValue(1.23456)).toBe('1.23');
    expect(formatValue(-0.0123456)).toBe('−0.0123');
    expect(formatValue(12345)).toBe('12300');
    expect(formatValue(0.5)).toBe('0.5');
    expect(formatValue(-0)).toBe('0');
    expect(formatValue(2.5e-5)).toBe('2.5e−5');
    expect(formatValue(-123456)).toBe('−1.23e+5');
    expect(formatValue(NaN)).toBe('–');
  });

  it('fits small grid cells with fewer digits', () => {
    expect(fitValue(-0.00909, 6)).toBe('−0.009');
    expect(fitValue(0.123, 6)).toBe('0.123');
    expect(fitValue(-0.114, 4)).toBe('−0.1');
    expect(fitValue(0.00051, 4)).toBe('5e−4');
    expect(fitValue(-0.00051, 4)).toBe('≈0');
    expect(fitValue(1.5, 0)).toBe('');
  });
});
