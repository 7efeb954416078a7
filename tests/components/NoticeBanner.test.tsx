// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen } from '@testing-library/react';
import type { Notice } from '../../src/store/types';
import { renderApp } from './renderApp';

afterEach(() => {
  vi.restoreAllMocks();
});

const BAD_LINK: Notice = { kind: 'error', key: 'notice.badLink', cause: { key: 'codec.invalidField', vars: { field: 'dataset.noise' } } };

describe('NoticeBanner', () => {
  it('shows nothing without a notice', () => {
    renderApp();
    expect(screen.queryByTestId('notice')).toBeNull();
  });

  it('shows a notice with its cause, both translated, and Dismiss removes it', async () => {
    const d = renderApp();
    act(() => d.store.getState().notify(BAD_LINK));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('This link could not be opened: the field “dataset.noise” is missing or invalid. Your current work is unchanged.');

    await d.user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), '中文');
    expect(screen.getByRole('alert')).toHaveTextContent('无法打开这个链接：字段“dataset.noise”缺失或无效。你当前的工作没有改变。');

    await d.user.click(screen.getByRole('button', { name: '关闭' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(d.store.getState().notice).toBeNull();
  });

  it('Dismiss in English', async () => {
    const d = renderApp();
    act(() => d.store.getState().notify(BAD_LINK));
    await d.user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('notice')).toBeNull();
  });

  it('a warning is a status, with its technical detail as plain text', () => {
    const d = renderApp();
    act(() => d.store.getState().notify({ kind: 'warning', key: 'notice.workerFailed', detail: '<b>SyntaxError</b> in worker' }));
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Training could not start in the background; it now runs on the page itself.');
    expect(status.querySelector('code')).toHaveTextContent('<b>SyntaxError</b> in worker');
    expect(status.querySelector('b')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('an unknown key is shown as-is rather than crashing', () => {
    const d = renderApp();
    act(() => d.store.getState().notify({ kind: 'info', key: 'some.future.key' }));
    expect(screen.getByRole('status')).toHaveTextContent('some.future.key');
  });
});
