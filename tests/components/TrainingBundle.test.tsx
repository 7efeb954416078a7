// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { strFromU8, unzipSync } from 'fflate';
import { openTemplate } from '../../src/models/openTemplate';
import { defaultExperiment } from '../../src/models/defaults';
import { templateById } from '../../src/models/templates';
import { polyfillShowModal, renderApp } from './renderApp';

let modal: ReturnType<typeof polyfillShowModal>;
let blobs: Blob[];
beforeEach(() => {
  modal = polyfillShowModal();
  blobs = [];
  // jsdom has no object URLs: keep the blob the app hands over instead.
  Object.assign(URL, { createObjectURL: (b: Blob) => (blobs.push(b), 'blob:test'), revokeObjectURL: () => undefined });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
});
afterEach(() => {
  modal.restore();
  vi.restoreAllMocks();
});

const bytesOf = (b: Blob) =>
  new Promise<Uint8Array>((resolve) => {
    const r = new FileReader();
    r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
    r.readAsArrayBuffer(b);
  });

describe('Code dialog: the training script', () => {
  it('downloads one zip with train.py, the model, the data and a README for the current experiment', async () => {
    const d = renderApp();
    await d.user.click(screen.getByRole('button', { name: 'Code' }));
    expect(screen.getByText(/runs with PyTorch on a CPU or GPU.*50 epochs by default/)).toBeInTheDocument();
    await d.user.click(screen.getByRole('button', { name: 'Download training script (.zip)' }));
    await waitFor(() => expect(blobs).toHaveLength(1));
    expect(blobs[0].type).toBe('application/zip');
    const files = unzipSync(await bytesOf(blobs[0]));
    const names = Object.keys(files).map((f) => f.replace(/^gradient-garden-train\//, ''));
    expect(names.sort()).toEqual(['README.md', 'data.npz', 'model.py', 'model_keras.py', 'train.py', 'train_keras.py']);
    const train = strFromU8(files['gradient-garden-train/train.py']);
    expect(train).toContain('torch.optim.SGD(params, lr=0.03)');
    expect(train).toContain('"epochs": 50');
    // 500 circle points, half for training: the app's own split in the data file.
    const npz = unzipSync(files['gradient-garden-train/data.npz']);
    expect(strFromU8(npz['train_x.npy'].subarray(10, 80))).toContain("'shape': (250, 2)");
    expect(screen.getByRole('button', { name: 'Download training script (.zip)' })).toBeEnabled();
  });

  it('says why when the data cannot be prepared (MNIST unreachable) and stays usable', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new Error('offline')));
    const d = renderApp({ experiment: openTemplate(defaultExperiment(), templateById('lenet5')!) });
    await d.user.click(screen.getByRole('button', { name: 'Code' }));
    expect(screen.getByText(/3 epochs by default/)).toBeInTheDocument();
    await d.user.click(screen.getByRole('button', { name: 'Download training script (.zip)' }));
    expect(await screen.findByTestId('code-bundle-error')).toHaveTextContent(/Could not prepare the training script: .*offline/);
    expect(blobs).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Download training script (.zip)' })).toBeEnabled();
    vi.unstubAllGlobals();
  });
});
