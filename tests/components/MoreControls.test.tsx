// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import { renderApp } from './renderApp';

describe('TrainingBar: the "More…" disclosure', () => {
  it('holds the loss, problem type, schedule, early stopping and stop rule, closed, and counts what is on', async () => {
    const d = renderApp();
    const more = screen.getByTestId('more-controls') as HTMLDetailsElement;
    expect(more.tagName).toBe('DETAILS');
    expect(more.open).toBe(false);
    for (const id of ['loss', 'task', 'schedule', 'early-stopping', 'stop-rule']) expect(within(more).getByTestId(id)).toBeInTheDocument();
    // The main controls stay outside it.
    for (const id of ['learning-rate', 'optimizer', 'regularization']) expect(more.contains(screen.getByTestId(id))).toBe(false);
    const summary = screen.getByTestId('more-toggle');
    expect(summary).toHaveTextContent(/^More…$/);

    act(() => {
      d.store.getState().apply({ type: 'earlyStopping', patch: { enabled: true } });
      d.store.getState().apply({ type: 'stopRule', patch: { epochs: 10 } });
    });
    expect(summary).toHaveTextContent('More…2 on');
    act(() => d.store.getState().apply({ type: 'schedule', patch: { kind: 'cosine' } }));
    expect(summary).toHaveTextContent('3 on');

    await d.user.click(summary);
    expect(more.open).toBe(true);
  });

  it('says it in Chinese', () => {
    renderApp({ locale: 'zh-CN' });
    expect(screen.getByTestId('more-toggle')).toHaveTextContent('更多…');
  });
});
