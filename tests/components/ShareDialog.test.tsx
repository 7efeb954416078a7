// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { CONTROL_IDS, decodeLink } from '../../src/models/codec';
import { polyfillShowModal, renderApp } from './renderApp';

const linkOf = () => (screen.getByTestId('share-url') as HTMLInputElement).value;
const decode = (url: string) => {
  const decoded = decodeLink(url.slice(url.indexOf('#')));
  if (!decoded.ok) throw new Error(`bad link: ${decoded.error.key}`);
  return decoded.value;
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('ShareDialog without showModal (jsdom)', () => {
  it('still renders its content, and closes', async () => {
    expect(typeof (HTMLDialogElement.prototype as { showModal?: unknown }).showModal).toBe('undefined');
    const d = renderApp();
    await d.user.click(screen.getByRole('button', { name: 'Share' }));
    const dialog = screen.getByTestId('share-dialog');
    expect(dialog).toHaveTextContent('Share this experiment');
    expect(linkOf()).toContain('#s=');
    expect(within(dialog).getAllByRole('checkbox', { hidden: true }).filter((c) => c.dataset.testid?.startsWith('hide-'))).toHaveLength(CONTROL_IDS.length);
    await d.user.click(within(dialog).getByRole('button', { name: 'Close', hidden: true }));
    expect(screen.queryByTestId('share-dialog')).toBeNull();
  });
});

describe('ShareDialog', () => {
  let poly: ReturnType<typeof polyfillShowModal>;
  beforeEach(() => {
    poly = polyfillShowModal();
  });
  afterEach(() => {
    poly.restore();
  });

  it('opens from the Share button as a modal with a link to this experiment', async () => {
    const d = renderApp();
    expect(screen.queryByRole('dialog')).toBeNull();
    await d.user.click(screen.getByRole('button', { name: 'Share' }));
    const dialog = screen.getByRole('dialog', { name: 'Share this experiment' });
    expect(poly.showModal).toHaveBeenCalledTimes(1);
    expect(within(dialog).getByRole('textbox', { name: 'Link' })).toHaveAttribute('readonly');
    const url = linkOf();
    expect(url).toMatch(/^http:\/\/localhost(:\d+)?\/#s=/);
    const shared = decode(url);
    expect(shared.experiment).toEqual(d.experiment());
    expect(shared.view).toEqual(d.store.getState().view);
    expect(shared.hide).toEqual([]);
  });

  it('ticking controls to hide changes the link, and the link carries that hide list', async () => {
    const d = renderApp();
    await d.user.click(screen.getByRole('button', { name: 'Share' }));
    const dialog = within(screen.getByRole('dialog'));
    const before = linkOf();

    await d.user.click(dialog.getByRole('checkbox', { name: 'Learning rate' }));
    const withLr = linkOf();
    expect(withLr).not.toBe(before);
    expect(decode(withLr).hide).toEqual(['learningRate']);

    // Hide lists keep the canonical control order whatever the click order.
    await d.user.click(dialog.getByRole('checkbox', { name: 'Dropout' }));
    await d.user.click(dialog.getByRole('checkbox', { name: 'Dataset' }));
    expect(decode(linkOf()).hide).toEqual(['dataset', 'learningRate', 'dropout']);

    await d.user.click(dialog.getByRole('checkbox', { name: 'Learning rate' }));
    expect(dialog.getByRole('checkbox', { name: 'Learning rate' })).not.toBeChecked();
    expect(decode(linkOf()).hide).toEqual(['dataset', 'dropout']);
    // The teacher's own page keeps every control.
    expect(d.store.getState().hide).toEqual([]);
    expect(screen.getByRole('combobox', { name: 'Learning rate' })).toBeInTheDocument();
  });

  it('starts from the controls this page already hides', async () => {
    const d = renderApp({ hide: ['noise', 'step'] });
    await d.user.click(screen.getByRole('button', { name: 'Share' }));
    const dialog = within(screen.getByRole('dialog'));
    expect(dialog.getByRole('checkbox', { name: 'Noise' })).toBeChecked();
    expect(dialog.getByRole('checkbox', { name: 'Step' })).toBeChecked();
    expect(decode(linkOf()).hide).toEqual(['noise', 'step']);
  });

  it('Copy link writes the link to the clipboard and says so', async () => {
    const d = renderApp();
    // user-event puts a clipboard stub on navigator; watch it.
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    await d.user.click(screen.getByRole('button', { name: 'Share' }));
    await d.user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(writeText).toHaveBeenCalledWith(linkOf());
    expect(await screen.findByRole('button', { name: 'Link copied to the clipboard.' })).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe(linkOf());
  });

  it('Close closes it', async () => {
    const d = renderApp();
    await d.user.click(screen.getByRole('button', { name: 'Share' }));
    await d.user.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('is translated', async () => {
    const d = renderApp({ locale: 'zh-CN' });
    await d.user.click(screen.getByRole('button', { name: '分享' }));
    const dialog = within(screen.getByRole('dialog', { name: '分享这个实验' }));
    expect(dialog.getByRole('checkbox', { name: '学习率' })).toBeInTheDocument();
  });
});
