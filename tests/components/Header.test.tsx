// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { defaultExperiment } from '../../src/models/defaults';
import { encodeExperimentFile } from '../../src/models/codec';
import type { Experiment } from '../../src/models/spec';
import { attachFakeEngine, renderApp } from './renderApp';

afterEach(() => {
  vi.restoreAllMocks();
});

const jsonFile = (text: string) => new File([text], 'experiment.json', { type: 'application/json' });

describe('Header: language', () => {
  it('switches the visible text to Chinese and back', async () => {
    const d = renderApp();
    const language = screen.getByRole('combobox', { name: 'Language' });
    await d.user.selectOptions(language, '中文');
    expect(d.store.getState().locale).toBe('zh-CN');
    expect(screen.getByRole('button', { name: '开始训练' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '数据' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '梯度花园' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: '学习率' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '2 个隐藏层' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Train' })).toBeNull();
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(document.title).toBe('梯度花园');

    await d.user.selectOptions(screen.getByRole('combobox', { name: '语言' }), 'English');
    expect(screen.getByRole('button', { name: 'Train' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Data' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
  });

  it('a store created in Chinese renders in Chinese', () => {
    renderApp({ locale: 'zh-CN' });
    expect(screen.getByRole('button', { name: '开始训练' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '撤销' })).toBeDisabled();
  });

  it('the language choice is saved with the preferences, not the lesson', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const d = renderApp();
      fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'zh-CN' } });
      await vi.advanceTimersByTimeAsync(300);
      expect(JSON.parse(d.storage.getItem('gradient-garden:prefs')!)).toMatchObject({ locale: 'zh-CN' });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('Header: undo and redo', () => {
  it('buttons follow the history and work', async () => {
    const d = renderApp();
    const undo = screen.getByRole('button', { name: 'Undo' });
    const redo = screen.getByRole('button', { name: 'Redo' });
    expect(undo).toBeDisabled();
    expect(redo).toBeDisabled();

    await d.user.click(screen.getByRole('radio', { name: 'Spiral' }));
    await d.user.click(screen.getByRole('button', { name: 'Add a hidden layer' }));
    expect(undo).toBeEnabled();
    expect(redo).toBeDisabled();

    await d.user.click(undo);
    expect(screen.getByRole('heading', { name: '2 hidden layers' })).toBeInTheDocument();
    expect(d.dataset().kind).toBe('spiral');
    expect(redo).toBeEnabled();
    await d.user.click(undo);
    expect(d.dataset().kind).toBe('circle');
    expect(undo).toBeDisabled();

    await d.user.click(redo);
    expect(d.dataset().kind).toBe('spiral');
    await d.user.click(redo);
    expect(screen.getByRole('heading', { name: '3 hidden layers' })).toBeInTheDocument();
    expect(redo).toBeDisabled();
  });

  it('a new edit after undo clears the redo history', async () => {
    const d = renderApp();
    await d.user.click(screen.getByRole('radio', { name: 'Spiral' }));
    await d.user.click(screen.getByRole('button', { name: 'Undo' }));
    await d.user.click(screen.getByRole('radio', { name: 'Gaussian' }));
    expect(screen.getByRole('button', { name: 'Redo' })).toBeDisabled();
  });

  it('Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo', async () => {
    const d = renderApp();
    await d.user.click(screen.getByRole('radio', { name: 'Spiral' }));
    await d.user.click(screen.getByRole('radio', { name: 'Two moons' }));

    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(d.dataset().kind).toBe('spiral');
    fireEvent.keyDown(window, { key: 'z', metaKey: true });
    expect(d.dataset().kind).toBe('circle');
    fireEvent.keyDown(window, { key: 'Z', ctrlKey: true, shiftKey: true });
    expect(d.dataset().kind).toBe('spiral');
    fireEvent.keyDown(window, { key: 'y', ctrlKey: true });
    expect(d.dataset().kind).toBe('moons');
    // Plain keys do nothing.
    fireEvent.keyDown(window, { key: 'z' });
    expect(d.dataset().kind).toBe('moons');
  });

  it('Space plays and pauses, but not from buttons or form fields', async () => {
    const d = renderApp();
    const engine = attachFakeEngine(d.store);
    fireEvent.keyDown(window, { key: ' ' });
    expect(engine.posted()).toEqual([{ type: 'play', runId: 0 }]);
    d.snapshot({ status: 'running' });
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(engine.last('pause')).toEqual({ type: 'pause', runId: 0 });
    engine.post.mockClear();
    fireEvent.keyDown(screen.getByRole('button', { name: 'Undo' }), { key: ' ' });
    fireEvent.keyDown(screen.getByRole('combobox', { name: 'Loss' }), { key: ' ' });
    fireEvent.keyDown(screen.getByRole('checkbox', { name: 'Show test data' }), { key: ' ' });
    fireEvent.keyDown(window, { key: ' ', ctrlKey: true });
    expect(engine.posted()).toEqual([]);
  });

  it('shortcuts leave text fields alone', async () => {
    const d = renderApp();
    await d.user.click(screen.getByRole('radio', { name: 'Spiral' }));
    fireEvent.keyDown(screen.getByRole('slider', { name: /Noise/ }), { key: 'z', ctrlKey: true });
    expect(d.dataset().kind).toBe('spiral');
  });
});

describe('Header: backend badge', () => {
  it('says starting… until the engine is ready, then names the backend', () => {
    const d = renderApp();
    const badge = screen.getByTestId('backend');
    expect(badge).toHaveTextContent('starting…');
    d.receive({ type: 'ready', runId: 0, backend: 'cpu', host: 'worker', note: 'autoCpu', webglAvailable: true });
    expect(badge).toHaveTextContent(/^CPU$/);
    expect(badge).toHaveAttribute('data-backend', 'cpu');
    expect(badge).toHaveAttribute('title', 'in a background worker — Auto chose the CPU: for a network this small it trains faster than WebGL.');
    expect(screen.queryByTestId('backend-host')).toBeNull();
  });

  it('shows WebGL, and explains a main-thread host', () => {
    const d = renderApp();
    d.receive({ type: 'ready', runId: 0, backend: 'webgl', host: 'main', note: null, webglAvailable: true });
    const badge = screen.getByTestId('backend');
    expect(badge).toHaveTextContent('WebGL');
    expect(badge).toHaveTextContent('⚠');
    expect(screen.getByTestId('backend-host')).toHaveTextContent('on the main thread (this browser cannot use WebGL in a worker)');
  });

  it('the backend preference select updates the store', async () => {
    const d = renderApp();
    await d.user.selectOptions(screen.getByRole('combobox', { name: 'Backend' }), 'CPU');
    expect(d.store.getState().backendPref).toBe('cpu');
  });
});

describe('Header: files', () => {
  it('an invalid JSON file shows a notice and leaves the experiment unchanged', async () => {
    const d = renderApp();
    const before = d.experiment();
    await d.user.upload(screen.getByTestId('file-input'), jsonFile('{ not json'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This file could not be opened: it is not valid JSON. Your current work is unchanged.');
    expect(d.experiment()).toBe(before);
    expect(screen.getByRole('button', { name: 'Undo' })).toBeDisabled();
  });

  it('a file from a newer version says so', async () => {
    const d = renderApp();
    await d.user.upload(screen.getByTestId('file-input'), jsonFile(JSON.stringify({ ...defaultExperiment(), version: 99 })));
    expect(await screen.findByRole('alert')).toHaveTextContent(/could not be opened: it was made by a newer version of Gradient Garden \(format 99\)/);
  });

  it('a valid file replaces the experiment (undoably) and clears an earlier notice', async () => {
    const d = renderApp();
    const input = screen.getByTestId('file-input') as HTMLInputElement;
    await d.user.upload(input, jsonFile('[]'));
    await screen.findByRole('alert');

    const base = defaultExperiment();
    const exp: Experiment = {
      ...base,
      dataset: { ...base.dataset, kind: 'xor', noise: 25 },
      training: { ...base.training, learningRate: 0.1, optimizer: 'adam' },
      seed: 1234,
    };
    await d.user.upload(input, jsonFile(encodeExperimentFile(exp)));
    await waitFor(() => expect(d.experiment()).toEqual(exp));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('radio', { name: 'Exclusive or (XOR)' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('combobox', { name: 'Learning rate' })).toHaveDisplayValue('0.1');
    // The input is cleared so the same file can be opened again.
    expect(input.value).toBe('');
    await d.user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(d.dataset().kind).toBe('circle');
  });

  it('Open file clicks the hidden file input', async () => {
    const d = renderApp();
    const input = screen.getByTestId('file-input');
    const click = vi.spyOn(input, 'click');
    await d.user.click(screen.getByRole('button', { name: 'Open file' }));
    expect(click).toHaveBeenCalled();
  });

  it('Save file downloads the experiment as JSON and frees the blob URL', async () => {
    const d = renderApp();
    const blobs: Blob[] = [];
    const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    const revoke = vi.fn();
    URL.createObjectURL = (b: Blob) => {
      blobs.push(b);
      return 'blob:experiment';
    };
    URL.revokeObjectURL = revoke;
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('gradient-garden-experiment.json');
      expect(this.getAttribute('href')).toBe('blob:experiment');
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      fireEvent.click(screen.getByRole('button', { name: 'Save file' }));
      expect(clicked).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(1000);
      expect(revoke).toHaveBeenCalledWith('blob:experiment');
    } finally {
      vi.useRealTimers();
      URL.createObjectURL = original.create;
      URL.revokeObjectURL = original.revoke;
    }
    expect(blobs).toHaveLength(1);
    expect(JSON.parse(await blobs[0].text())).toEqual({ app: 'gradient-garden', ...d.experiment() });
  });
});
