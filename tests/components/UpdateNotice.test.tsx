// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { LocaleContext } from '../../src/i18n';
import { UpdateNotice } from '../../src/app/offline/UpdateNotice';
import { SKIP_WAITING, UpdateTracker, type WorkerLike } from '../../src/app/offline/updates';

const waitingWorker = () => {
  const messages: unknown[] = [];
  const w: WorkerLike = { state: 'installed', postMessage: (m) => messages.push(m), addEventListener: () => {} };
  return { w, messages };
};

describe('UpdateNotice', () => {
  it('shows nothing until a new version waits, then applies it on the learner\'s click only', () => {
    const reload = vi.fn();
    const tracker = new UpdateTracker(reload);
    render(
      <LocaleContext.Provider value="en">
        <UpdateNotice tracker={tracker} />
      </LocaleContext.Provider>,
    );
    expect(screen.queryByTestId('update-notice')).toBeNull();
    const { w, messages } = waitingWorker();
    act(() => tracker.found(w));
    expect(screen.getByTestId('update-notice').textContent).toContain('A new version is ready — reload when convenient.');
    expect(reload).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Reload now' }));
    expect(messages).toEqual([SKIP_WAITING]);
    expect((screen.getByTestId('update-apply') as HTMLButtonElement).disabled).toBe(true);
    act(() => tracker.controllerChanged());
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('speaks Chinese', () => {
    const tracker = new UpdateTracker(vi.fn());
    tracker.found(waitingWorker().w);
    render(
      <LocaleContext.Provider value="zh-CN">
        <UpdateNotice tracker={tracker} />
      </LocaleContext.Provider>,
    );
    expect(screen.getByTestId('update-notice').textContent).toContain('新版本已就绪，方便时刷新。');
    expect(screen.getByRole('button', { name: '立即刷新' })).toBeTruthy();
  });
});
