// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { LocaleContext, type Locale } from '../../src/i18n';
import { sequenceViews } from '../../src/i18n/messages/sequenceViews.messages';
import { AttentionGrid, fitCells, type AttentionGridProps } from '../../src/labs/sequences/AttentionGrid';
import { PositionalEncodingView, fitPlot } from '../../src/labs/sequences/PositionalEncodingView';
import { sinusoidalTable } from '../../src/models/catalog/positionalEncoding';
import { type AttentionMap } from '../../src/training/protocol';

/** jsdom has no 2-D canvas; record which canvases get painted through a minimal fake. */
function stubCanvas() {
  const puts: HTMLCanvasElement[] = [];
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    return {
      canvas: this,
      createImageData: (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
      putImageData: () => puts.push(this),
    } as unknown as CanvasRenderingContext2D;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext);
  return puts;
}

afterEach(() => {
  vi.restoreAllMocks();
});

const renderIn = (ui: ReactElement, locale: Locale = 'en') => render(<LocaleContext.Provider value={locale}>{ui}</LocaleContext.Provider>);

/** Head h of a T × T map: query t puts 0.82 on key (t + h) mod T and spreads the rest; causal rows renormalised. */
function makeMap(layerId: string, kind: 'self' | 'cross', causal: boolean, heads: number, rows: number, cols: number): AttentionMap {
  const weights = new Float32Array(heads * rows * cols);
  for (let h = 0; h < heads; h++) {
    for (let t = 0; t < rows; t++) {
      const visible = causal ? t + 1 : cols;
      const peak = causal ? t - ((t + h) % visible) : (t + h) % cols;
      for (let s = 0; s < visible; s++) weights[(h * rows + t) * cols + s] = visible === 1 ? 1 : s === peak ? 0.82 : 0.18 / (visible - 1);
    }
  }
  return { layerId, kind, causal, heads, rows, cols, weights };
}

const SRC = ['3', '1', '4', '1', '5', '9', '2', '6', '5', '3', '5', '8'];
const TGT = ['<s>', '8', '5', '3', '5', '6', '2', '9', '5', '1', '4', '1'];

const gridProps = (over: Partial<AttentionGridProps> = {}): AttentionGridProps => ({
  maps: [makeMap('enc', 'self', false, 4, 12, 12), makeMap('dec', 'self', true, 4, 12, 12)],
  queryTokens: TGT,
  keyTokens: SRC,
  version: 1,
  ...over,
});

describe('AttentionGrid', () => {
  it('shows 2 layers × 4 heads: a button and a canvas per head, all painted', () => {
    const puts = stubCanvas();
    renderIn(<AttentionGrid {...gridProps()} />);
    const layers = screen.getAllByTestId('attn-layer');
    expect(layers).toHaveLength(2);
    const heads = screen.getAllByTestId('attn-head');
    expect(heads).toHaveLength(8);
    for (const head of heads) {
      expect(head.tagName).toBe('BUTTON');
      expect(head).toHaveAttribute('aria-pressed', 'false');
      expect(head.querySelectorAll('canvas')).toHaveLength(1);
    }
    expect(screen.getByRole('button', { name: 'enc · Self-attention, head 1' })).toBeInTheDocument();
    // 12 × 12 at 5 px per cell: the canvas holds the blocks, CSS shows them 1:1.
    const canvas = heads[0].querySelector('canvas')!;
    expect([canvas.width, canvas.height, canvas.style.width]).toEqual([60, 60, '60px']);
    expect(new Set(puts).size).toBe(8);
    expect(screen.getByText('Click a head to enlarge it.')).toBeInTheDocument();
    expect(screen.queryByTestId('attn-detail')).toBeNull();
  });

  it('marks causal layers and their heads as masked, and the legend explains the hatching', () => {
    stubCanvas();
    renderIn(<AttentionGrid {...gridProps()} />);
    const [enc, dec] = screen.getAllByTestId('attn-layer');
    expect(enc).toHaveAttribute('data-causal', 'false');
    expect(dec).toHaveAttribute('data-causal', 'true');
    expect(within(dec).getByText('causal')).toHaveAttribute('title', expect.stringMatching(/hatched/));
    for (const head of within(dec).getAllByTestId('attn-head')) {
      expect(head).toHaveAttribute('data-masked', 'causal');
      expect(head).toHaveAccessibleName(expect.stringContaining('later tokens masked'));
    }
    for (const head of within(enc).getAllByTestId('attn-head')) expect(head).not.toHaveAttribute('data-masked');
    expect(within(screen.getByTestId('attn-legend')).getByText('Masked (causal)')).toBeInTheDocument();
  });

  it('leaves the masked legend out when nothing is causal', () => {
    stubCanvas();
    renderIn(<AttentionGrid {...gridProps({ maps: [makeMap('enc', 'self', false, 2, 4, 4)] })} />);
    expect(within(screen.getByTestId('attn-legend')).queryByText('Masked (causal)')).toBeNull();
  });

  it('enlarges a clicked head with the tokens on both axes and the weight on hover', async () => {
    const puts = stubCanvas();
    const user = userEvent.setup();
    renderIn(<AttentionGrid {...gridProps()} />);
    const button = screen.getByRole('button', { name: 'enc · Self-attention, head 2' });
    await user.click(button);
    expect(button).toHaveAttribute('aria-pressed', 'true');
    const detail = screen.getByTestId('attn-detail');
    expect(within(detail).getByRole('heading')).toHaveTextContent('enc · Self-attention, head 2');
    // The encoder's (open) self-attention runs over the 12 source tokens.
    const keys = within(detail).getByTestId('attn-key-tokens');
    const queries = within(detail).getByTestId('attn-query-tokens');
    expect(Array.from(queries.children).map((c) => c.getAttribute('title'))).toEqual(SRC);
    expect(Array.from(keys.children).map((c) => c.getAttribute('title'))).toEqual(SRC);
    expect(within(detail).getByText('Query ↓', { exact: false })).toBeInTheDocument();
    expect(within(detail).getByText('Key →', { exact: false })).toBeInTheDocument();
    // 12 × 12 in 264 px: 22 px per cell.
    const plot = within(detail).getByTestId('attn-detail-plot');
    expect(plot.querySelector('canvas')!.width).toBe(12 * 22);
    expect(puts).toContain(plot.querySelector('canvas'));

    // Query 2 ('4') of head 2 peaks on key (2 + 1) mod 12 = 3 ('1').
    fireEvent.mouseMove(plot, { clientX: 3 * 22 + 5, clientY: 2 * 22 + 5 });
    expect(screen.getByTestId('attn-tooltip')).toHaveTextContent('query ‘4’ → key ‘1’: 0.82');
    expect(screen.getByTestId('attn-tooltip')).toHaveAttribute('role', 'status');
    expect(queries.children[2]).toHaveClass('is-on');
    expect(keys.children[3]).toHaveClass('is-on');
    fireEvent.mouseLeave(plot);
    expect(screen.getByTestId('attn-tooltip')).toBeEmptyDOMElement();

    // Head 2 puts 0.82 one key right of the diagonal, so neither diagonal scores high.
    expect(within(detail).getByTestId('attn-diag')).toHaveTextContent((0.18 / 11).toFixed(2));
    expect(within(detail).getByTestId('attn-anti')).toHaveTextContent(/^0\.\d\d$/);
  });

  it('labels cross-attention with target queries and source keys, and shows masked cells as masked', async () => {
    stubCanvas();
    const user = userEvent.setup();
    const maps = [makeMap('dec', 'self', true, 2, 4, 4), makeMap('dec', 'cross', false, 2, 4, 6)];
    renderIn(<AttentionGrid {...gridProps({ maps, queryTokens: ['<s>', 'c', 'b', 'a'], keyTokens: ['a', 'b', 'c', ' ', 'x', 'y'] })} />);
    await user.click(screen.getByRole('button', { name: 'dec · Cross-attention, head 1' }));
    let detail = screen.getByTestId('attn-detail');
    expect(Array.from(within(detail).getByTestId('attn-key-tokens').children).map((c) => c.textContent)).toEqual(['a', 'b', 'c', '␣', 'x', 'y']);
    expect(Array.from(within(detail).getByTestId('attn-query-tokens').children).map((c) => c.textContent)).toEqual(['<s>', 'c', 'b', 'a']);
    expect(within(detail).getByTestId('attn-detail-plot')).toHaveAttribute('data-causal', 'false');

    await user.click(screen.getByRole('button', { name: /^dec · Self-attention, head 1/ }));
    detail = screen.getByTestId('attn-detail');
    const plot = within(detail).getByTestId('attn-detail-plot');
    expect(plot).toHaveAttribute('data-causal', 'true');
    // Keyboard: the first arrow lands on (0, 0), then right to key 'c' — in the future of '<s>'.
    plot.focus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByTestId('attn-tooltip')).toHaveTextContent('query ‘<s>’ → key ‘<s>’: 1.00');
    await user.keyboard('{ArrowRight}');
    expect(screen.getByTestId('attn-tooltip')).toHaveTextContent('query ‘<s>’ → key ‘c’: masked');
  });

  it('closes the detail by the same head, the close button or Escape, handing focus back', async () => {
    stubCanvas();
    const user = userEvent.setup();
    renderIn(<AttentionGrid {...gridProps()} />);
    const button = screen.getByRole('button', { name: /^dec · Self-attention, head 3/ });
    await user.click(button);
    await user.click(button);
    expect(screen.queryByTestId('attn-detail')).toBeNull();
    await user.click(button);
    await user.click(within(screen.getByTestId('attn-detail')).getByRole('button', { name: 'Close' }));
    expect(screen.queryByTestId('attn-detail')).toBeNull();
    expect(button).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByTestId('attn-detail')).toBeInTheDocument();
    within(screen.getByTestId('attn-detail')).getByTestId('attn-detail-plot').focus();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('attn-detail')).toBeNull();
    expect(button).toHaveFocus();
  });

  it('repaints every head when the version changes, and nothing else', () => {
    const puts = stubCanvas();
    const props = gridProps();
    const { rerender } = renderIn(<AttentionGrid {...props} />);
    expect(puts).toHaveLength(8);
    rerender(
      <LocaleContext.Provider value="en">
        <AttentionGrid {...props} />
      </LocaleContext.Provider>,
    );
    expect(puts).toHaveLength(8);
    rerender(
      <LocaleContext.Provider value="en">
        <AttentionGrid {...props} version={2} />
      </LocaleContext.Provider>,
    );
    expect(puts).toHaveLength(16);
  });

  it('survives a canvas without a 2-D context, and maps that do not fit their sizes', () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    const broken = { ...makeMap('bad', 'self', false, 2, 3, 3), heads: 5 };
    renderIn(<AttentionGrid {...gridProps({ maps: [makeMap('enc', 'self', false, 4, 12, 12), broken] })} />);
    expect(screen.getAllByTestId('attn-layer')).toHaveLength(1);
    act(() => screen.getAllByTestId('attn-head')[0].click());
    expect(screen.getByTestId('attn-detail')).toBeInTheDocument();
  });

  it('says what to do when there are no weights yet', () => {
    renderIn(<AttentionGrid {...gridProps({ maps: [] })} title="Reverse" />);
    expect(screen.getByRole('region', { name: 'Reverse' })).toHaveTextContent('No attention weights yet');
    expect(screen.queryByTestId('attn-head')).toBeNull();
  });

  it('renders in Chinese', async () => {
    stubCanvas();
    const user = userEvent.setup();
    renderIn(<AttentionGrid {...gridProps()} />, 'zh-CN');
    expect(screen.getByRole('heading', { name: '注意力权重' })).toBeInTheDocument();
    expect(screen.getAllByText('自注意力')).toHaveLength(2);
    expect(screen.getByText('因果')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'enc · 自注意力，第 1 个头' }));
    const detail = screen.getByTestId('attn-detail');
    expect(within(detail).getByRole('button', { name: '关闭' })).toBeInTheDocument();
    fireEvent.mouseMove(within(detail).getByTestId('attn-detail-plot'), { clientX: 5, clientY: 5 });
    expect(screen.getByTestId('attn-tooltip')).toHaveTextContent('查询 ‘3’ → 键 ‘3’：0.82');
    expect(screen.getByText('已遮挡（因果）')).toBeInTheDocument();
  });

  it('sizes cells whole when they can be, fractional for long sequences', () => {
    expect(fitCells(12, 12, 60, 8)).toEqual({ css: 5, px: 5 });
    expect(fitCells(3, 4, 60, 8)).toEqual({ css: 8, px: 8 });
    expect(fitCells(120, 120, 60, 8)).toEqual({ css: 0.5, px: 1 });
  });
});

describe('PositionalEncodingView', () => {
  const T = 12;
  const D = 16;

  it('shows the encoding and the position similarity as two labelled canvases', () => {
    const puts = stubCanvas();
    renderIn(<PositionalEncodingView table={sinusoidalTable(T, D)} length={T} dim={D} kind="sinusoidal" />);
    const view = screen.getByRole('region', { name: 'Positional encoding' });
    expect(view.querySelectorAll('canvas')).toHaveLength(2);
    expect(new Set(puts).size).toBe(2);
    const matrix = screen.getByTestId('pe-matrix');
    const similarity = screen.getByTestId('pe-similarity');
    expect(within(matrix).getByRole('group', { name: 'Positional encoding: 12 positions down, 16 dimensions across' })).toBeInTheDocument();
    expect(within(similarity).getByRole('group', { name: 'Dot products between the 12 positions' })).toBeInTheDocument();
    expect(matrix.querySelector('canvas')).toHaveProperty('width', D);
    expect(similarity.querySelector('canvas')).toHaveProperty('width', T);
    expect(within(matrix).getByText('Position')).toBeInTheDocument();
    expect(within(matrix).getByText('Dimension')).toBeInTheDocument();
    expect(within(similarity).getAllByText('Position')).toHaveLength(2);
    expect(within(matrix).getByText('15')).toBeInTheDocument();
    expect(within(similarity).getByText(/Similarity \(dot product\) · ±8\.00/)).toBeInTheDocument();
    expect(view).toHaveTextContent('sine and cosine waves');
  });

  it('reads the value under the pointer or the keyboard cursor', async () => {
    stubCanvas();
    const user = userEvent.setup();
    const table = sinusoidalTable(T, D);
    renderIn(<PositionalEncodingView table={table} length={T} dim={D} kind="sinusoidal" />);
    expect(screen.getByTestId('pe-readout')).toHaveTextContent('Point at a cell');
    const plot = within(screen.getByTestId('pe-matrix')).getByRole('group');
    const { width, height } = fitPlot(T, D, 180, 160);
    fireEvent.mouseMove(plot, { clientX: (2.5 * width) / D, clientY: (1.5 * height) / T });
    expect(screen.getByTestId('pe-readout')).toHaveTextContent(`position 1, dimension 2: ${table[1 * D + 2].toFixed(2)}`);
    const sim = within(screen.getByTestId('pe-similarity')).getByRole('group');
    sim.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(screen.getByTestId('pe-readout')).toHaveTextContent('positions 1 · 0: ');
  });

  it('describes a learned encoding, in Chinese too, and survives without a 2-D context', () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    const learned = Float32Array.from({ length: 4 * 6 }, (_, i) => Math.cos(i) * 0.05);
    renderIn(<PositionalEncodingView table={learned} length={4} dim={6} kind="learned" />, 'zh-CN');
    const view = screen.getByRole('region', { name: '位置编码' });
    expect(view).toHaveTextContent('可学习');
    expect(view).toHaveTextContent('训练中为该位置学到的向量');
    expect(within(screen.getByTestId('pe-matrix')).getByText('维度')).toBeInTheDocument();
    expect(view.querySelectorAll('canvas')).toHaveLength(2);
  });

  it('shows a note instead of maps when the table does not fit its sizes', () => {
    renderIn(<PositionalEncodingView table={new Float32Array(5)} length={4} dim={6} kind="learned" />);
    expect(screen.getByText('No positional encoding to show.')).toBeInTheDocument();
    expect(document.querySelectorAll('canvas')).toHaveLength(0);
  });

  it('keeps cells within 4:1 however long or wide the table', () => {
    expect(fitPlot(12, 16, 180, 160)).toEqual({ width: 180, height: 160 });
    expect(fitPlot(2, 64, 180, 160)).toEqual({ width: 180, height: 23 });
    expect(fitPlot(64, 2, 180, 160)).toEqual({ width: 20, height: 160 });
  });
});

describe('messages', () => {
  it('gives every attention and positional-encoding string both languages with the same placeholders', () => {
    const mine = Object.entries(sequenceViews).filter(([key]) => key.startsWith('sequence.attn.') || key.startsWith('sequence.pe.'));
    expect(mine.length).toBeGreaterThan(30);
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, entry] of mine) {
      expect(placeholders(entry['zh-CN']), key).toEqual(placeholders(entry.en));
      expect(entry['zh-CN'].trim(), key).not.toBe('');
    }
  });
});
