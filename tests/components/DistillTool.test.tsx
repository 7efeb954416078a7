// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { defaultExperiment } from '../../src/models/defaults';
import { applyChange } from '../../src/models/edits';
import DistillTool from '../../src/panels/tools/DistillTool';
import { createAppStore } from '../../src/store/createAppStore';
import { StoreContext } from '../../src/store/context';
import type { ToEngine } from '../../src/training/protocol';

const shapes = () => applyChange(defaultExperiment(), { type: 'dataset', patch: { kind: 'shapes' } });

function setup(experiment = shapes()) {
  const store = createAppStore({ experiment });
  const post = vi.fn<(msg: ToEngine) => void>();
  store.setState({ engine: { host: 'worker', post, dispose: vi.fn() } });
  render(
    <StoreContext.Provider value={store}>
      <DistillTool />
    </StoreContext.Provider>,
  );
  const asked = () => post.mock.calls.map((c) => c[0]).filter((m): m is Extract<ToEngine, { type: 'tool' }> => m.type === 'tool');
  return { store, post, asked, user: userEvent.setup() };
}

describe('the distillation tab', () => {
  it('asks the engine for the probe at the setting’s T; the switch and the T and α sliders write the Experiment', async () => {
    const d = setup();
    expect(d.asked().at(-1)?.request).toMatchObject({ tool: 'distillProbe', temperature: 4, index: 0 });
    await d.user.click(screen.getByTestId('distill-enabled'));
    expect(d.store.getState().experiment.training.distillation).toEqual({ enabled: true, temperature: 4, alpha: 0.5 });
    // Distillation on and no teacher on this page: the tab says the labels alone train the network.
    expect(screen.getByTestId('distill-notice').textContent).toMatch(/no teacher/);
    const t = screen.getByTestId('distill-temperature');
    fireEvent.change(t, { target: { value: '8' } });
    fireEvent.keyUp(t);
    expect(d.store.getState().experiment.training.distillation.temperature).toBe(8);
    expect(d.asked().at(-1)?.request).toMatchObject({ tool: 'distillProbe', temperature: 8 });
    const a = screen.getByTestId('distill-alpha');
    fireEvent.change(a, { target: { value: '0.25' } });
    fireEvent.keyUp(a);
    expect(d.store.getState().experiment.training.distillation).toEqual({ enabled: true, temperature: 8, alpha: 0.25 });
    await d.user.click(screen.getByTestId('distill-student'));
    // The student button waits for a teacher.
    expect(d.store.getState().experiment.network.nodes.some((n) => n.type === 'Conv2D')).toBe(true);
  });

  it('shows the true class next to the teacher’s softened probabilities and the student’s', async () => {
    const d = setup();
    const requestId = d.asked().at(-1)!.requestId;
    act(() =>
      d.store.getState().receiveTool({
        type: 'tool',
        runId: d.store.getState().activeRunId,
        requestId,
        tool: 'distillProbe',
        result: {
          tool: 'distillProbe',
          teacher: 'ready',
          misfit: null,
          temperature: 4,
          label: 2,
          teacherView: { hard: [0.01, 0.02, 0.95, 0.02], soft: [0.2, 0.22, 0.38, 0.2] },
          studentView: { hard: [0.25, 0.25, 0.25, 0.25], soft: [0.25, 0.25, 0.25, 0.25] },
          teacherAccuracy: 0.9,
          step: 12,
        },
      }),
    );
    const table = screen.getByTestId('distill-probs');
    expect(table.textContent).toMatch(/true class: triangle/);
    expect(table.textContent).toMatch(/Teacher, soft \(T = 4\)/);
    const soft = screen.getAllByTestId('distill-teacher-soft').map((c) => c.textContent);
    expect(soft).toEqual(['20.0 %', '22.0 %', '38.0 %', '20.0 %']);
  });

  it('says it applies to images only in the playground', () => {
    setup(defaultExperiment());
    expect(screen.getByTestId('tool-distill').textContent).toMatch(/image lab/);
  });
});
