// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import AdversarialTool from '../../src/panels/tools/AdversarialTool';
import { LocaleContext } from '../../src/i18n';
import { applyChange } from '../../src/models/edits';
import { createAppStore } from '../../src/store/createAppStore';
import { StoreContext } from '../../src/store/context';
import type { ToEngine } from '../../src/training/protocol';
import type { RobustnessResult } from '../../src/training/tools/adversarialTypes';

function setup(locale: 'en' | 'zh-CN' = 'en') {
  const store = createAppStore({ locale });
  const posted: ToEngine[] = [];
  store.setState({
    engine: { host: 'worker', post: (m: ToEngine) => posted.push(m), dispose: () => {} } as never,
    experiment: applyChange(store.getState().experiment, { type: 'dataset', patch: { kind: 'shapes' } }),
  });
  render(
    <LocaleContext.Provider value={locale}>
      <StoreContext.Provider value={store}>
        <AdversarialTool />
      </StoreContext.Provider>
    </LocaleContext.Provider>,
  );
  return { store, posted };
}

const curve = (step: number, trained: boolean): RobustnessResult => ({
  tool: 'robustness',
  method: 'fgsm',
  steps: 1,
  examples: 60,
  points: [
    { eps: 0, accuracy: 1 },
    { eps: 0.1, accuracy: trained ? 0.85 : 0.33 },
    { eps: 0.3, accuracy: trained ? 0.5 : 0.05 },
  ],
  trainedWith: trained ? { method: 'fgsm', eps: 0.1, share: 0.5 } : null,
  step,
});

describe('AdversarialTool', () => {
  it('attacks the probe test image, or the drawing once there is one, with the chosen ε', () => {
    const { store, posted } = setup();
    act(() => store.getState().setView({ probeIndex: 7 }));
    fireEvent.click(screen.getByTestId('adv-run'));
    expect(posted.at(-1)).toMatchObject({ type: 'tool', request: { tool: 'adversarial', method: 'fgsm', eps: 0.2, source: { kind: 'test', index: 7 } } });
    // While it computes the button waits; an answer (here a refusal) frees it.
    expect((screen.getByTestId('adv-run') as HTMLButtonElement).disabled).toBe(true);
    const first = posted.at(-1) as Extract<ToEngine, { type: 'tool' }>;
    act(() => store.getState().receive({ type: 'tool', runId: 0, requestId: first.requestId, tool: 'adversarial', result: null, error: 'busy' }));
    expect(screen.getByTestId('tool-error').textContent).toContain('Another tool');
    act(() => store.getState().setDrawing(new Float32Array(784).fill(0.5)));
    expect(screen.getByText('Attacking your drawing.')).toBeTruthy();
    fireEvent.click(screen.getByTestId('adv-run'));
    const last = posted.filter((m) => m.type === 'tool').at(-1) as Extract<ToEngine, { type: 'tool' }>;
    expect(last.request).toMatchObject({ tool: 'adversarial', source: { kind: 'drawing' } });
  });

  it('shows the predictions of an answer, and keeps curves to compare plain and adversarial training in the table', () => {
    const { store } = setup();
    const id = store.getState().runTool({ tool: 'adversarial', method: 'fgsm', eps: 0.2, source: { kind: 'test', index: 0 } });
    const px = new Float32Array(784);
    act(() =>
      store.getState().receive({
        type: 'tool',
        runId: 0,
        requestId: id,
        tool: 'adversarial',
        result: { tool: 'adversarial', method: 'fgsm', eps: 0.2, steps: 1, shape: [28, 28, 1], original: px, perturbation: px, adversarial: px, before: Float32Array.from([0.9, 0.05, 0.03, 0.02]), after: Float32Array.from([0.1, 0.2, 0.6, 0.1]), label: 0, maxChange: 0.2, step: 30 },
      }),
    );
    expect(screen.getByTestId('adv-below-original').textContent).toBe('circle · 90.0%');
    expect(screen.getByTestId('adv-below-adversarial').textContent).toBe('triangle · 60.0%');
    expect(screen.getByTestId('adv-verdict').textContent).toContain('The prediction changed.');

    for (const [step, trained] of [[40, false], [80, true]] as const) {
      const r = store.getState().runTool({ tool: 'robustness', method: 'fgsm', eps: [0, 0.1, 0.3] });
      act(() => store.getState().receive({ type: 'tool', runId: 0, requestId: r, tool: 'robustness', result: curve(step, trained) }));
    }
    expect(screen.getAllByTestId('robustness-curve')).toHaveLength(2);
    const rows = screen.getByTestId('adv-table').querySelectorAll('tbody tr');
    expect(Array.from(rows, (r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent))).toEqual([
      ['┄ plain training, step 40, FGSM (one step)', '100.0%', '33.0%'],
      ['━ adversarial training (FGSM ε = 0.1, 50%), step 80, FGSM (one step)', '100.0%', '85.0%'],
    ]);
  });

  it('the adversarial-training controls write the setting into the Experiment', () => {
    const { store } = setup('zh-CN');
    expect(screen.getByText('用对抗样本训练')).toBeTruthy();
    fireEvent.click(screen.getByTestId('adv-train-on'));
    expect(store.getState().experiment.training.adversarial).toEqual({ enabled: true, method: 'fgsm', eps: 0.1, share: 0.5 });
  });
});
