// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { RaceLab } from '../../src/labs/race/RaceLab';
import { gridCoord } from '../../src/models/sliceSurface';
import type { LossSliceData } from '../../src/training/protocol';
import { attachFakeEngine, renderApp } from './renderApp';

/** jsdom has no 2-D canvas: a context that accepts every call and property the race and the app make. */
function stubCanvas() {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    const props: Record<string | symbol, unknown> = { canvas: this };
    const image = (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(4 * w * h) });
    const methods: Record<string, unknown> = { getImageData: (_x: number, _y: number, w: number, h: number) => image(w, h), createImageData: image, measureText: () => ({ width: 0 }) };
    return new Proxy(props, {
      get: (t, k) => (k in t ? t[k] : typeof k === 'string' && k in methods ? methods[k] : () => {}),
      set: (t, k, v) => {
        t[k] = v;
        return true;
      },
    }) as unknown as CanvasRenderingContext2D;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext);
}

/** A bowl around (0.3, −0.2) on the grid the store asks for in the playground (45 × 31 over 3 × 2). */
function bowl(step: number): LossSliceData {
  const cols = 45;
  const rows = 31;
  const values = new Float32Array(cols * rows);
  for (let j = 0; j < rows; j++) for (let i = 0; i < cols; i++) values[j * cols + i] = 0.2 + (gridCoord(i, cols, 1.5) - 0.3) ** 2 + 2 * (gridCoord(j, rows, 1) + 0.2) ** 2;
  return { values, cols, rows, spanX: 1.5, spanY: 1, centerLoss: values[15 * cols + 22], examples: 250, step, ms: 812 };
}

describe('the race on a slice of the learner’s network', () => {
  afterEach(() => vi.restoreAllMocks());

  it('without the app’s store (or a network) the button is there but disabled, with what to do first', () => {
    stubCanvas();
    render(<RaceLab active />);
    expect(screen.getByTestId('race-take-slice')).toBeDisabled();
    expect(screen.getByText(/Build and train a network/)).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: 'Your network' })).toBeNull();
  });

  it('asks the engine for a slice, shows its progress, then races on it, with the step it was taken at and what it is explained', async () => {
    const d = renderApp();
    stubCanvas(); // after renderApp's own stub, which lacks what the race draws with
    const engine = attachFakeEngine(d.store);
    d.snapshot({ step: 120 });
    await d.user.click(screen.getByRole('tab', { name: 'Optimizer race' }));
    await screen.findByTestId('race-lab', {}, { timeout: 15_000 }); // the race is a lazy chunk: slow to load on a busy machine
    expect(screen.queryByTestId('race-slice-explain')).toBeNull();
    await d.user.click(screen.getByTestId('race-take-slice'));
    const asked = engine.last('lossSlice')!;
    expect(asked).toMatchObject({ cols: 45, rows: 31, spanX: 1.5, spanY: 1, examples: 256, runId: d.store.getState().activeRunId });
    expect(screen.getByTestId('race-take-slice')).toBeDisabled();
    d.receive({ type: 'lossSliceProgress', runId: asked.runId, requestId: asked.requestId, done: 10, total: 31 });
    expect(screen.getByTestId('race-slice-progress').textContent).toContain('32 %');

    d.receive({ type: 'lossSlice', runId: asked.runId, requestId: asked.requestId, slice: bowl(120) });
    expect((screen.getByTestId('race-surface') as HTMLSelectElement).value).toBe('network');
    expect(screen.getByTestId('race-slice-info').textContent).toContain('step 120');
    expect(screen.getByTestId('race-slice-info').textContent).toContain('45 × 31');
    expect(screen.getByTestId('race-slice-explain').textContent).toContain('Li et al., 2018');
    expect(screen.getByTestId('race-take-slice').textContent).toBe('Take a new slice');
    // the race starts at the surface's default start, off the centre
    expect(Number(screen.getByTestId('race-row-adam').dataset.x)).toBeCloseTo(-1.05, 9);
    await d.user.click(screen.getByTestId('race-step'));
    expect(Number(screen.getByTestId('race-row-adam').dataset.x)).toBeGreaterThan(-1.05);
  });

  it('says why when the engine refuses, in Chinese too', async () => {
    const d = renderApp({ locale: 'zh-CN' });
    stubCanvas();
    const engine = attachFakeEngine(d.store);
    d.snapshot({ step: 3 });
    act(() => d.store.getState().setEditorTab('race'));
    await screen.findByTestId('race-lab', {}, { timeout: 15_000 }); // the race is a lazy chunk: slow to load on a busy machine
    await d.user.click(screen.getByTestId('race-take-slice'));
    const asked = engine.last('lossSlice')!;
    d.receive({ type: 'lossSlice', runId: asked.runId, requestId: asked.requestId, slice: null, error: 'changed' });
    expect(screen.getByTestId('race-slice-error').textContent).toContain('权重发生了变化');
    expect(screen.getByTestId('race-take-slice').textContent).toBe('截取我的网络的损失切面');
    expect(screen.getByTestId('race-take-slice')).not.toBeDisabled();
  });
});
