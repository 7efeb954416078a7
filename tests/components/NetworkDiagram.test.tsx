// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NetworkDiagram, type DiagramLayer, type NetworkDiagramProps } from '../../src/labs/points/NetworkDiagram';
import { NEGATIVE_COLOR, POSITIVE_COLOR } from '../../src/charts/colors';
import { LocaleContext } from '../../src/i18n';

const G = 4;

const LAYERS: DiagramLayer[] = [
  { id: 'in', units: 2, activation: 'linear', kind: 'input', unitLabels: ['x₁', 'x₂'] },
  { id: 'h1', units: 3, activation: 'tanh', kind: 'hidden' },
  { id: 'out', units: 1, activation: 'sigmoid', kind: 'output' },
];

function makeProps(overrides: Partial<NetworkDiagramProps> = {}): NetworkDiagramProps {
  // kernel 0 is 2×3; weight (0→0) small positive, (0→1) large positive, (0→2) negative.
  const k0 = new Float32Array([0.1, 2, -1, 0.5, 0.5, 0.5]);
  const k1 = new Float32Array([0.3, -0.3, 0.3]);
  return {
    layers: LAYERS,
    kernels: [k0, k1],
    biases: [new Float32Array([0.1, 0.2, -0.3]), new Float32Array([0])],
    neuronGrids: LAYERS.map((l) => new Float32Array(l.units * G * G).fill(0.5)),
    gridSize: G,
    ...overrides,
  };
}

function stubCanvas() {
  let puts = 0;
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => ({
    createImageData: (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
    putImageData: () => {
      puts++;
    },
    clearRect: () => {},
  })) as unknown as typeof HTMLCanvasElement.prototype.getContext);
  return { puts: () => puts };
}

const width = (id: string) => Number(screen.getByTestId(id).getAttribute('stroke-width'));

describe('NetworkDiagram', () => {
  beforeEach(() => {
    vi.restoreAllMocks();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('renders one neuron per unit and one link per weight, and paints every neuron', () => {
    const canvas = stubCanvas();
    render(<NetworkDiagram {...makeProps()} />);
    expect(screen.getAllByTestId(/^neuron-\d+-\d+$/)).toHaveLength(2 + 3 + 1);
    expect(screen.getAllByTestId(/^link-\d+-\d+-\d+$/)).toHaveLength(2 * 3 + 3 * 1);
    expect(screen.getAllByTestId(/^bias-\d+-\d+$/)).toHaveLength(3 + 1);
    expect(screen.getByTestId('link-0-1-2')).toBeInTheDocument();
    expect(screen.queryByTestId('bias-0-0')).toBeNull();
    expect(canvas.puts()).toBe(6);
    expect(screen.getByTestId('neuron-1-2')).toHaveAttribute('role', 'img');
    expect(screen.getByRole('img', { name: 'Hidden layer 1, neuron 3 (tanh)' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Input feature x₂' })).toBeInTheDocument();
    expect(screen.getByText('Hidden layer 1')).toBeInTheDocument();
  });

  it('sizes links by |w| and colours them by sign', () => {
    stubCanvas();
    render(<NetworkDiagram {...makeProps()} />);
    expect(width('link-0-0-1')).toBeGreaterThan(width('link-0-0-0'));
    expect(width('link-0-0-2')).toBeGreaterThan(width('link-0-0-0'));
    expect(screen.getByTestId('link-0-0-1')).toHaveAttribute('stroke', POSITIVE_COLOR);
    expect(screen.getByTestId('link-0-0-2')).toHaveAttribute('stroke', NEGATIVE_COLOR);
    expect(screen.getByTestId('link-0-0-1').querySelector('title')?.textContent).toBe('Weight: 2.000');
    expect(screen.getByTestId('link-0-0-1').querySelector('path')?.getAttribute('d')).toMatch(/^M.*C/);
  });

  it('re-renders link widths when only the weights change', () => {
    stubCanvas();
    const props = makeProps();
    const { rerender } = render(<NetworkDiagram {...props} />);
    const d = screen.getByTestId('link-0-0-0').querySelector('path')?.getAttribute('d');
    rerender(<NetworkDiagram {...props} kernels={[new Float32Array([3, 2, -1, 0.5, 0.5, 0.5]), props.kernels[1]]} />);
    expect(width('link-0-0-0')).toBe(6);
    expect(screen.getByTestId('link-0-0-0').querySelector('path')?.getAttribute('d')).toBe(d);
  });

  it('edits a weight: click, type, Enter commits the parsed number', async () => {
    stubCanvas();
    const user = userEvent.setup();
    const onEditWeight = vi.fn();
    render(<NetworkDiagram {...makeProps({ onEditWeight })} />);
    await user.click(screen.getByTestId('link-0-1-2'));
    const input = screen.getByRole('spinbutton', { name: 'Edit weight' });
    expect(input).toHaveValue(0.5);
    expect(input).toHaveFocus();
    await user.clear(input);
    await user.type(input, '-0.75{Enter}');
    expect(onEditWeight).toHaveBeenCalledTimes(1);
    expect(onEditWeight).toHaveBeenCalledWith(0, 1, 2, -0.75);
    expect(screen.queryByRole('spinbutton')).toBeNull();
    expect(screen.getByTestId('link-0-1-2')).toHaveFocus();
  });

  it('Escape cancels without calling onEditWeight', async () => {
    stubCanvas();
    const user = userEvent.setup();
    const onEditWeight = vi.fn();
    render(<NetworkDiagram {...makeProps({ onEditWeight })} />);
    await user.click(screen.getByTestId('link-0-0-0'));
    const input = screen.getByRole('spinbutton', { name: 'Edit weight' });
    await user.clear(input);
    await user.type(input, '3{Escape}');
    expect(screen.queryByRole('spinbutton')).toBeNull();
    expect(onEditWeight).not.toHaveBeenCalled();
  });

  it('blur commits, and links open from the keyboard', async () => {
    stubCanvas();
    const user = userEvent.setup();
    const onEditWeight = vi.fn();
    render(<NetworkDiagram {...makeProps({ onEditWeight })} />);
    const link = screen.getByTestId('link-1-2-0');
    expect(link).toHaveAttribute('tabindex', '0');
    act(() => link.focus());
    await user.keyboard('{Enter}');
    const input = screen.getByRole('spinbutton', { name: 'Edit weight' });
    await user.clear(input);
    await user.type(input, '1.5');
    act(() => input.blur());
    expect(onEditWeight).toHaveBeenCalledWith(1, 2, 0, 1.5);
    expect(screen.queryByRole('spinbutton')).toBeNull();
  });

  it('edits a bias', async () => {
    stubCanvas();
    const user = userEvent.setup();
    const onEditBias = vi.fn();
    render(<NetworkDiagram {...makeProps({ onEditBias })} />);
    await user.click(screen.getByTestId('bias-1-2'));
    const input = screen.getByRole('spinbutton', { name: 'Edit bias' });
    expect(input).toHaveValue(-0.3);
    await user.clear(input);
    await user.type(input, '0.25{Enter}');
    expect(onEditBias).toHaveBeenCalledWith(1, 2, 0.25);
  });

  it('links are not editable without a handler', async () => {
    stubCanvas();
    const user = userEvent.setup();
    render(<NetworkDiagram {...makeProps()} />);
    await user.click(screen.getByTestId('link-0-0-0'));
    expect(screen.queryByRole('spinbutton')).toBeNull();
    expect(screen.getByTestId('link-0-0-0')).not.toHaveAttribute('tabindex');
  });

  it('hovering a neuron shows its enlarged heatmap and reports it', () => {
    stubCanvas();
    const onHoverNeuron = vi.fn();
    const onLeaveNeuron = vi.fn();
    render(<NetworkDiagram {...makeProps({ onHoverNeuron, onLeaveNeuron })} />);
    fireEvent.mouseEnter(screen.getByTestId('neuron-1-1'));
    expect(onHoverNeuron).toHaveBeenCalledWith(1, 1);
    const zoom = screen.getByTestId('neuron-zoom');
    expect(zoom.querySelector('canvas')).toHaveStyle({ width: '160px' });
    fireEvent.mouseLeave(screen.getByTestId('neuron-1-1'));
    expect(onLeaveNeuron).toHaveBeenCalled();
    expect(screen.queryByTestId('neuron-zoom')).toBeNull();
  });

  it('renders the header slot and tolerates missing arrays and no 2-D context', () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    render(
      <NetworkDiagram
        {...makeProps({ kernels: [null, null], biases: [null, null], neuronGrids: [null, null, null] })}
        renderLayerHeader={(i) => <button type="button">add {i}</button>}
      />,
    );
    expect(screen.getAllByRole('button', { name: /^add \d$/ })).toHaveLength(3);
    expect(screen.getAllByTestId(/^link-/)).toHaveLength(9);
  });

  it('fits 8 layers of 16 neurons', () => {
    stubCanvas();
    const layers: DiagramLayer[] = Array.from({ length: 8 }, (_, i) => ({
      id: `l${i}`,
      units: 16,
      activation: 'relu',
      kind: i === 0 ? 'input' : i === 7 ? 'output' : 'hidden',
    }));
    const kernels = Array.from({ length: 7 }, () => new Float32Array(256).fill(0.2));
    render(<NetworkDiagram layers={layers} kernels={kernels} biases={[]} neuronGrids={[]} gridSize={G} />);
    expect(screen.getAllByTestId(/^link-/)).toHaveLength(7 * 256);
    const root = screen.getByTestId('network-diagram');
    expect(parseFloat(root.style.height)).toBeGreaterThanOrEqual(16 * 46);
    expect(parseFloat(root.style.width)).toBeGreaterThanOrEqual(8 * 120);
  });

  it('shows zh-CN labels', async () => {
    stubCanvas();
    const user = userEvent.setup();
    render(
      <LocaleContext.Provider value="zh-CN">
        <NetworkDiagram {...makeProps({ onEditWeight: () => {} })} />
      </LocaleContext.Provider>,
    );
    expect(screen.getByRole('img', { name: '隐藏层 1，第 3 个神经元（tanh）' })).toBeInTheDocument();
    expect(screen.getByText('隐藏层 1')).toBeInTheDocument();
    expect(screen.getByTestId('link-0-0-1').querySelector('title')?.textContent).toBe('权重：2.000');
    await user.click(screen.getByTestId('link-0-0-1'));
    expect(screen.getByRole('spinbutton', { name: '编辑权重' })).toBeInTheDocument();
  });
});
