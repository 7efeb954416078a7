// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { DecisionBoundary, type BoundaryPoints } from '../../src/labs/points/DecisionBoundary';

// jsdom has no 2-D canvas: a context that accepts the painting and keeps nothing.
vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
  return { canvas: this, createImageData: (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }), putImageData: () => {}, clearRect: () => {} } as unknown as CanvasRenderingContext2D;
} as unknown as typeof HTMLCanvasElement.prototype.getContext);

afterEach(cleanup);

const points: BoundaryPoints = { xs: new Float32Array([-1, -1, 1, 1, 2, -2, -2, 2]), ys: new Float32Array([0, 1, 0, 1]), test: new Uint8Array(4) };
// 2×2 grid, binary: one cell class 0, three class 1.
const grid = new Float32Array([-0.4, 0.3, 0.6, 0.9]);

const pathsByFill = (): Record<string, string> => Object.fromEntries(Array.from(document.querySelectorAll('[data-testid="boundary-points"] path')).map((p) => [p.getAttribute('fill'), p.getAttribute('d') ?? '']));

describe('DecisionBoundary accessibility', () => {
  it('says in its label how much of the plane each class takes', () => {
    render(<DecisionBoundary grid={grid} gridSize={2} task="binary" numClasses={2} points={points} showTestData={false} discretize={false} />);
    const img = screen.getByRole('img');
    expect(img.getAttribute('aria-label')).toMatch(/class 0 25%, class 1 75%/);
  });

  it('the colour-blind-safe palette changes the colours and gives class 1 a non-circular mark', () => {
    render(<DecisionBoundary grid={grid} gridSize={2} task="binary" numClasses={2} points={points} showTestData={false} discretize={false} />);
    const standard = pathsByFill();
    cleanup();
    render(<DecisionBoundary grid={grid} gridSize={2} task="binary" numClasses={2} points={points} showTestData={false} discretize={false} palette="okabeIto" />);
    const safe = pathsByFill();
    expect(Object.keys(safe).sort()).toEqual(['#0072b2', '#e69f00']);
    expect(Object.keys(safe)).not.toEqual(Object.keys(standard));
    // Circles are arcs ("A"); class 1 is a square (a rect path: no arc).
    expect(Object.values(standard).every((d) => d.includes('A'))).toBe(true);
    expect(safe['#e69f00']).toContain('A');
    expect(safe['#0072b2']).not.toContain('A');
  });
});
