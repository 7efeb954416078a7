// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { DecisionBoundary, type BoundaryPoints } from '../../src/labs/points/DecisionBoundary';
import { NEGATIVE_COLOR, POSITIVE_COLOR } from '../../src/charts/colors';

/** jsdom has no 2-D canvas; record what the component paints through a minimal fake. */
function stubCanvas() {
  const puts: { canvas: HTMLCanvasElement; image: ImageData }[] = [];
  const clears: HTMLCanvasElement[] = [];
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    const fake = {
      canvas: this,
      createImageData: (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
      putImageData: (image: ImageData) => puts.push({ canvas: fake.canvas, image }),
      clearRect: () => clears.push(fake.canvas),
    };
    return fake as unknown as CanvasRenderingContext2D;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext);
  return { puts, clears };
}

/** `n` training points alternating class 0/1, then `m` test points. */
function makePoints(n: number, m: number): BoundaryPoints {
  const total = n + m;
  const xs = new Float32Array(total * 2);
  const ys = new Float32Array(total);
  const test = new Uint8Array(total);
  for (let i = 0; i < total; i++) {
    xs[2 * i] = -5 + (10 * i) / total;
    xs[2 * i + 1] = 5 - (10 * i) / total;
    ys[i] = i % 2;
    test[i] = i >= n ? 1 : 0;
  }
  return { xs, ys, test };
}

function count(kind: 'train' | 'test'): number {
  return Array.from(document.querySelectorAll(`[data-points="${kind}"]`)).reduce(
    (sum, el) => sum + Number(el.getAttribute('data-count')),
    0,
  );
}

describe('DecisionBoundary', () => {
  beforeEach(() => {
    vi.restoreAllMocks();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('renders a gridSize canvas with an accessible label and paints the grid', () => {
    const { puts } = stubCanvas();
    const grid = new Float32Array(20 * 20).fill(0.5);
    render(
      <DecisionBoundary grid={grid} gridSize={20} task="binary" numClasses={2} points={null} showTestData={false} discretize={false} />,
    );
    const canvas = screen.getByTestId('boundary-canvas') as HTMLCanvasElement;
    expect(canvas.width).toBe(20);
    expect(canvas.height).toBe(20);
    expect(screen.getByRole('img', { name: /decision boundary/i })).toBe(canvas);
    expect(screen.getByTestId('boundary')).toHaveStyle({ position: 'relative' });
    expect(puts).toHaveLength(1);
    expect(puts[0].image.width).toBe(20);
  });

  it('repaints when discretize changes and clears when the grid goes away', () => {
    const { puts, clears } = stubCanvas();
    const grid = new Float32Array(4).fill(0.2);
    const props = { gridSize: 2, task: 'binary' as const, numClasses: 2, points: null, showTestData: false };
    const { rerender } = render(<DecisionBoundary {...props} grid={grid} discretize={false} />);
    rerender(<DecisionBoundary {...props} grid={grid} discretize />);
    expect(puts).toHaveLength(2);
    // Discretized 0.2 is the full positive colour: blue (8, 119, 189).
    expect(Array.from(puts[1].image.data.subarray(0, 3))).toEqual([8, 119, 189]);
    rerender(<DecisionBoundary {...props} grid={null} discretize />);
    expect(clears.length).toBeGreaterThan(0);
  });

  it('paints multiclass grids with class colours', () => {
    const { puts } = stubCanvas();
    const grid = new Float32Array([0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1]); // 2×2 cells × 3 classes
    render(<DecisionBoundary grid={grid} gridSize={2} task="multiclass" numClasses={3} points={null} showTestData discretize />);
    expect(puts).toHaveLength(1);
    expect(Array.from(puts[0].image.data.subarray(4, 7))).toEqual([8, 119, 189]); // cell 1 → class 1 blue
  });

  it('does not crash without a 2-D context', () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    render(
      <DecisionBoundary grid={new Float32Array(9)} gridSize={3} task="regression" numClasses={1} points={null} showTestData discretize={false} />,
    );
    expect(screen.getByTestId('boundary-canvas')).toBeInTheDocument();
  });

  it('draws every training point and shows test points only with showTestData', () => {
    stubCanvas();
    const points = makePoints(40, 10);
    const props = { grid: null, gridSize: 10, task: 'binary' as const, numClasses: 2, points, discretize: false };
    const { rerender } = render(<DecisionBoundary {...props} showTestData={false} />);
    expect(count('train')).toBe(40);
    expect(count('test')).toBe(0);
    rerender(<DecisionBoundary {...props} showTestData />);
    expect(count('train')).toBe(40);
    expect(count('test')).toBe(10);
    const trainPaths = document.querySelectorAll('[data-points="train"]');
    const fills = Array.from(trainPaths).map((p) => p.getAttribute('fill'));
    expect(fills).toEqual(expect.arrayContaining([NEGATIVE_COLOR, POSITIVE_COLOR]));
    trainPaths.forEach((p) => expect(p.getAttribute('stroke')).toBe('#ffffff'));
    document.querySelectorAll('[data-points="test"]').forEach((p) => expect(p.getAttribute('stroke')).toBe('#000000'));
  });

  it('groups 2,000 points into a few paths and places them by the axes', () => {
    stubCanvas();
    const xs = new Float32Array([-6, 6, 6, -6]);
    const points = { xs, ys: new Float32Array([0, 1]), test: new Uint8Array([0, 0]) };
    render(<DecisionBoundary grid={null} gridSize={10} task="binary" numClasses={2} points={points} showTestData={false} discretize={false} size={300} />);
    const paths = Array.from(document.querySelectorAll('[data-points="train"]'));
    const d = paths.map((p) => p.getAttribute('d')).join(' ');
    // (−6, 6) is the top-left corner, (6, −6) the bottom-right (radius 3.5 offsets the move-to).
    expect(d).toContain('M3.5,0');
    expect(d).toContain('M303.5,300');

    const many = makePoints(2000, 0);
    render(<DecisionBoundary grid={null} gridSize={10} task="regression" numClasses={1} points={many} showTestData={false} discretize={false} />);
    expect(document.querySelectorAll('[data-points="train"]').length).toBeLessThanOrEqual(2 + 21);
  });

  it('labels axes with ticks from −6 to 6', () => {
    stubCanvas();
    render(<DecisionBoundary grid={null} gridSize={10} task="binary" numClasses={2} points={null} showTestData={false} discretize={false} />);
    const texts = Array.from(screen.getByTestId('boundary').querySelectorAll('text')).map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['−6', '0', '6', 'x₁', 'x₂']));
  });
});
