// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import { decodeExperimentFile, decodeLink } from '../../src/models/codec';
import { openTabChannel } from '../../src/store/tabChannel';
import { createStorage, FakeBroadcastChannel, quotaError, securityError } from '../fakeTabs';
import { renderApp } from './renderApp';

beforeEach(() => {
  FakeBroadcastChannel.reset();
  vi.stubGlobal('BroadcastChannel', FakeBroadcastChannel);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Past the autosave's quiet time (250 ms) and the channel's delivery. */
const settle = () => act(() => new Promise((r) => setTimeout(r, 320)));

/** Catches the file the app hands the browser to download. */
function catchDownloads() {
  const files: { name: string; blob: Blob }[] = [];
  let last: Blob | null = null;
  URL.createObjectURL = vi.fn((b: Blob) => {
    last = b;
    return 'blob:test';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    files.push({ name: this.download, blob: last! });
  });
  return files;
}

describe('SaveNotice: storage that refuses', () => {
  it('a full quota is said once, offers the work as a file that opens again, and goes when saving works', async () => {
    const storage = createStorage();
    storage.refuseWrites(quotaError);
    const d = renderApp({}, { storage });
    expect(screen.queryByTestId('save-notice')).toBeNull();

    d.apply({ type: 'seed', seed: 7 });
    await settle();
    const notice = screen.getByTestId('save-notice');
    expect(notice).toHaveTextContent('Your work is not being saved: this browser’s storage for Gradient Garden is full.');

    // More edits, still failing: the same one notice, not a new one per edit.
    d.apply({ type: 'seed', seed: 8 });
    await settle();
    d.apply({ type: 'seed', seed: 9 });
    await settle();
    expect(screen.getAllByTestId('save-notice')).toHaveLength(1);
    expect(screen.getByTestId('save-notice')).toBe(notice);

    const files = catchDownloads();
    await d.user.click(within(notice).getByRole('button', { name: 'Save as a file' }));
    expect(files).toHaveLength(1);
    expect(files[0].name).toBe('gradient-garden-experiment.json');
    const decoded = decodeExperimentFile(await files[0].blob.text());
    expect(decoded.ok && decoded.value).toEqual(d.experiment());

    // In Chinese too.
    await d.user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), '中文');
    expect(screen.getByTestId('save-notice')).toHaveTextContent('你的工作没有被保存：浏览器留给梯度花园的存储空间已满。');
    expect(within(screen.getByTestId('save-notice')).getByRole('button', { name: '另存为文件' })).toBeInTheDocument();

    // Room again: the next save works and the notice goes.
    storage.refuseWrites(null);
    d.apply({ type: 'seed', seed: 10 });
    await settle();
    expect(screen.queryByTestId('save-notice')).toBeNull();
    expect(storage.data.get('gradient-garden:work')).toBeTruthy();
  });

  it('dismissed, it stays away while saving keeps failing', async () => {
    const storage = createStorage();
    storage.refuseWrites(securityError);
    const d = renderApp({}, { storage });
    d.apply({ type: 'seed', seed: 7 });
    await settle();
    expect(screen.getByTestId('save-notice')).toHaveTextContent('this browser does not let Gradient Garden store anything');
    await d.user.click(within(screen.getByTestId('save-notice')).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('save-notice')).toBeNull();
    d.apply({ type: 'seed', seed: 8 });
    await settle();
    expect(screen.queryByTestId('save-notice')).toBeNull();
  });

  it('no storage at all (a private window) says so on the first edit', async () => {
    const d = renderApp({}, { storage: null });
    d.apply({ type: 'seed', seed: 7 });
    await settle();
    expect(screen.getByTestId('save-notice')).toHaveAttribute('data-kind', 'saveFailed');
  });
});

describe('SaveNotice: the same work in two tabs', () => {
  it('two app instances on one storage detect each other; neither overwrites the other silently', async () => {
    const storage = createStorage();
    const channel = () => openTabChannel({ storage });
    const first = renderApp({}, { storage, openTabChannel: channel });
    first.apply({ type: 'seed', seed: 41 });
    await settle();
    const savedByFirst = storage.data.get('gradient-garden:work');
    expect(savedByFirst).toBeTruthy();

    const second = renderApp({}, { storage, openTabChannel: channel });
    await settle();
    const [firstApp, secondApp] = screen.getAllByTestId('app-ready');
    const inFirst = within(firstApp);
    const inSecond = within(secondApp);
    expect(inFirst.getByTestId('save-notice')).toHaveTextContent('This work is also open in another tab, and that tab saves it now. This tab has stopped saving');
    expect(inSecond.getByTestId('save-notice')).toHaveTextContent('This tab saves it now; the other one has stopped saving.');
    expect(inFirst.queryByRole('button', { name: 'Dismiss' })).toBeNull();
    expect(inFirst.queryByRole('button', { name: 'Load the other tab’s version' })).toBeNull();

    // The first tab's edit is not written; the second tab's is, and the first may now load it.
    first.apply({ type: 'seed', seed: 42 });
    await settle();
    expect(storage.data.get('gradient-garden:work')).toBe(savedByFirst);
    second.apply({ type: 'seed', seed: 43 });
    await settle();
    expect(storage.data.get('gradient-garden:work')).not.toBe(savedByFirst);
    await first.user.click(inFirst.getByRole('button', { name: 'Load the other tab’s version' }));
    await settle();
    expect(first.experiment().seed).toBe(43);
    expect(inFirst.queryByTestId('save-notice')).toBeNull();
    expect(inSecond.getByTestId('save-notice')).toHaveAttribute('data-kind', 'paused');

    // And back: the second keeps its own version (seed 44), the first is told again.
    second.apply({ type: 'seed', seed: 44 });
    await second.user.click(inSecond.getByRole('button', { name: 'Save this tab’s version' }));
    await settle();
    expect(inSecond.queryByTestId('save-notice')).toBeNull();
    expect(inFirst.getByTestId('save-notice')).toHaveAttribute('data-kind', 'paused');
    const stored = decodeLink(storage.data.get('gradient-garden:work')!);
    expect(stored.ok && stored.value.experiment.seed).toBe(44);
  });
});
