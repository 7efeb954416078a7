// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { createAppStore } from '../../src/store/createAppStore';
import { StoreContext } from '../../src/store/context';
import type { AppState } from '../../src/store/types';
import { useThrottledStore } from '../../src/labs/images/useThrottledStore';

const selectStep = (s: AppState) => s.runs[s.activeRunId].step;

describe('useThrottledStore', () => {
  it('re-renders at most every `ms` while the store changes, and the last change lands', async () => {
    const store = createAppStore();
    let renders = 0;
    function Step() {
      renders++;
      return <span data-testid="step">{useThrottledStore(selectStep, 100)}</span>;
    }
    render(
      <StoreContext.Provider value={store}>
        <Step />
      </StoreContext.Provider>,
    );
    const setStep = (step: number) => store.setState((s) => ({ runs: { ...s.runs, [s.activeRunId]: { ...s.runs[s.activeRunId], step } } }));
    const before = renders;
    // 20 changes over ~200 ms: a render per change would be 20.
    for (let i = 1; i <= 20; i++) {
      act(() => setStep(i));
      await act(() => new Promise((r) => setTimeout(r, 10)));
    }
    await act(() => new Promise((r) => setTimeout(r, 250)));
    expect(screen.getByTestId('step').textContent).toBe('20');
    expect(renders - before).toBeLessThanOrEqual(5);
    // A change to something it does not select renders nothing.
    const settled = renders;
    act(() => store.setState({ drawing: new Float32Array(4) }));
    await act(() => new Promise((r) => setTimeout(r, 150)));
    expect(renders).toBe(settled);
  });
});
