// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LocaleContext, type Locale } from '../../src/i18n';
import { createAppStore } from '../../src/store/createAppStore';
import { StoreContext } from '../../src/store/context';
import CompressTool from '../../src/panels/tools/CompressTool';
import type { ToEngine } from '../../src/training/protocol';
import type { CompressResult } from '../../src/training/tools/compressTypes';
import { dequantizeInt8, encodeWeights, quantizeInt8 } from '../../src/models/compression';
import { weightHistogram } from '../../src/charts/weightHistogram';

function setup(locale: Locale = 'en') {
  const store = createAppStore();
  const posted: ToEngine[] = [];
  store.setState({ engine: { host: 'worker', post: (m: ToEngine) => posted.push(m), dispose: () => {} } as never });
  render(
    <LocaleContext.Provider value={locale}>
      <StoreContext.Provider value={store}>
        <CompressTool />
      </StoreContext.Provider>
    </LocaleContext.Provider>,
  );
  return { store, posted };
}

/** An int8 answer for a 4×3 kernel and its bias, with the numbers the engine would send. */
function int8Result(): CompressResult {
  const before = Float32Array.from([0.5, -0.1, 0.02, -0.25, 0.3, 0.01, 0.125, 0.2, -0.04, 0.4, -0.3, 0.03]);
  const q = quantizeInt8(before, [4, 3]);
  const after = dequantizeInt8(q);
  const tensors = [
    { name: 'h/kernel', shape: [4, 3], values: after },
    { name: 'h/bias', shape: [3], values: Float32Array.from([0.1, 0.2, 0.3]) },
  ];
  const e = encodeWeights(tensors, 'int8');
  const f32 = { method: 'float32' as const, accuracy: 0.9, loss: 0.3, bytes: 60, msPerExample: 0.01 };
  const int8 = { method: 'int8' as const, accuracy: 0.895, loss: 0.31, bytes: e.payload.length, msPerExample: 0.011 };
  return {
    tool: 'compress',
    action: 'apply',
    rows: [f32, int8],
    applied: int8,
    layers: [{ name: 'h/kernel', shape: [4, 3], size: 12, sparsity: 0, before, after, scales: q.scales }],
    file: { ...e, step: 10, examples: 100 },
    examples: 200,
    step: 10,
    weightsChanged: true,
  };
}

describe('the compression tab', () => {
  it('asks the engine for the method chosen, with pruning’s sparsity, scope and fine-tune steps', async () => {
    const user = userEvent.setup();
    const { posted, store } = setup();
    await user.click(screen.getByTestId('compress-run'));
    expect(posted.at(-1)).toMatchObject({ type: 'tool', request: { tool: 'compress', action: 'apply', method: 'int8' } });
    // While it runs the button waits; a refusal frees it, with the reason shown.
    expect(screen.getByTestId('compress-run')).toBeDisabled();
    const requestId = (posted.at(-1) as Extract<ToEngine, { type: 'tool' }>).requestId;
    act(() => store.getState().receive({ type: 'tool', runId: 0, requestId, tool: 'compress', result: null, error: 'busy' }));
    expect(screen.getByTestId('tool-error').textContent).toMatch(/Another tool/);
    await user.selectOptions(screen.getByTestId('compress-method'), screen.getByRole('option', { name: /pruning/i }));
    await user.selectOptions(screen.getByTestId('compress-scope'), screen.getByRole('option', { name: /each layer/i }));
    await user.click(screen.getByTestId('compress-run'));
    expect(posted.at(-1)).toMatchObject({ request: { tool: 'compress', method: 'prune', sparsity: 0.8, scope: 'perLayer', fineTuneSteps: 20 } });
    // Nothing applied yet: nothing to restore or download.
    expect(screen.getByTestId('compress-restore')).toBeDisabled();
    expect(screen.getByTestId('compress-download')).toBeDisabled();
  });

  it('shows the table (accuracy, bytes, share of the original, time), zeros per layer, and the histogram with the channel’s int8 levels', () => {
    const { store } = setup();
    const id = store.getState().runTool({ tool: 'compress', action: 'apply', method: 'int8' });
    act(() => store.getState().receive({ type: 'tool', runId: 0, requestId: id, tool: 'compress', result: int8Result() }));
    const rows = within(screen.getByTestId('compress-table')).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1].textContent).toMatch(/original.*90\.0 %.*60.*100\.0 %.*0\.010 ms/);
    // 12 int8 values + 3 float32 scales + 3 float32 biases = 36 bytes: 60 % of 60.
    expect(rows[2].textContent).toMatch(/int8.*89\.5 %.*36.*60\.0 %/);
    expect(screen.getByTestId('compress-now').textContent).toMatch(/int8/);
    expect(within(screen.getByTestId('compress-layers')).getByText('0.0 %')).toBeTruthy();
    expect(screen.getByTestId('compress-restore')).toBeEnabled();
    expect(screen.getByTestId('compress-download')).toBeEnabled();
    // Channel 0 by default: step 0.5/127, so the ±0.5 range holds all 255 levels.
    expect(screen.getByTestId('compress-levels').getAttribute('data-count')).toBe('255');
    expect(screen.getByTestId('compress-histogram').getAttribute('aria-label')).toMatch(/4 weights/);
  });

  it('reads in Chinese', () => {
    const { store } = setup('zh-CN');
    const id = store.getState().runTool({ tool: 'compress', action: 'apply', method: 'int8' });
    act(() => store.getState().receive({ type: 'tool', runId: 0, requestId: id, tool: 'compress', result: int8Result() }));
    expect(screen.getByText('恢复原始权重')).toBeTruthy();
    expect(screen.getByTestId('compress-table').textContent).toMatch(/测试准确率/);
  });
});

describe('the histogram’s bins', () => {
  it('counts the weights before in bars and after in stems at each value, int8 levels within the range', () => {
    const before = Float32Array.from([0.5, 0.1, -0.26, 0.24, 0, 0.011]);
    const after = Float32Array.from([0.5, 0, -0.25, 0.25, 0, 0]);
    const h = weightHistogram(before, after, { channels: 1, channel: null, step: 0.25, zoom: false, bins: 4 });
    expect(h.domain).toEqual([-0.5, 0.5]);
    expect(h.bins.map((b) => b.count)).toEqual([1, 0, 4, 1]);
    expect(h.stems).toEqual([
      { x: -0.25, count: 1 },
      { x: 0, count: 3 },
      { x: 0.25, count: 1 },
      { x: 0.5, count: 1 },
    ]);
    expect(h.levels).toEqual([-0.5, -0.25, 0, 0.25, 0.5]);
    expect(h.maxStem).toBe(3);
  });
});
