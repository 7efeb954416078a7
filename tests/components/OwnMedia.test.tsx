// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen } from '@testing-library/react';
import { renderApp } from './renderApp';

const gray = (v: number) => new Uint8Array(784).fill(v);

describe('OwnImagesPanel', () => {
  it('starts two named classes, shows a thumbnail per image, removes one, and refuses a taken name', async () => {
    const d = renderApp();
    d.apply({ type: 'dataset', patch: { kind: 'shapes' } });
    fireEvent.click(await screen.findByTestId('own-images-start'));
    expect(screen.getByLabelText('Name of class 1')).toHaveValue('class 1');
    act(() => void d.store.getState().addImages(0, [gray(10), gray(20), gray(30)]));
    act(() => void d.store.getState().addImages(1, [gray(200), gray(220)]));
    expect(screen.getAllByRole('button', { name: /Remove image \d of class 1/ })).toHaveLength(3);
    fireEvent.click(screen.getByRole('button', { name: 'Remove image 2 of class 1' }));
    expect(d.store.getState().ownImages?.classes[0].images.map((im) => im[0])).toEqual([10, 30]);
    // A taken name: a notice, and the field goes back to the class's name.
    const name = screen.getByLabelText('Name of class 2');
    fireEvent.change(name, { target: { value: 'class 1' } });
    fireEvent.blur(name);
    expect(screen.getByTestId('notice')).toHaveTextContent('another class is already called class 1');
    expect(screen.getByLabelText('Name of class 2')).toHaveValue('class 2');
    fireEvent.click(screen.getByTestId('own-images-train'));
    expect(d.experiment().dataset).toMatchObject({ kind: 'ownImages', images: { classes: ['class 1', 'class 2'], counts: [2, 2] } });
    expect(screen.getByTestId('own-images-summary')).toHaveTextContent('2 classes, 4 images in all');
  });

  it('a file that is not an image is named in a notice and nothing is added', async () => {
    const d = renderApp();
    d.apply({ type: 'dataset', patch: { kind: 'shapes' } });
    fireEvent.click(await screen.findByTestId('own-images-start'));
    const file = new File(['hello'], 'notes.txt', { type: 'text/plain' });
    fireEvent.change(screen.getByTestId('own-files-0'), { target: { files: [file] } });
    expect(await screen.findByTestId('notice')).toHaveTextContent('notes.txt is not an image file');
    expect(d.store.getState().ownImages?.classes[0].images).toHaveLength(0);
  });
});

describe('OwnTextPanel', () => {
  it('too short: the reason in a notice, nothing changed; a long text trains, in Chinese too', async () => {
    const d = renderApp({ locale: 'zh-CN' });
    d.apply({ type: 'dataset', patch: { kind: 'charLm' } });
    const before = d.experiment();
    fireEvent.change(await screen.findByTestId('own-text-input'), { target: { value: '太短了' } });
    fireEvent.click(screen.getByTestId('own-text-use'));
    expect(screen.getByTestId('notice')).toHaveTextContent('文本太短，无法训练');
    expect(d.experiment()).toBe(before);
    fireEvent.change(screen.getByTestId('own-text-input'), { target: { value: '床前明月光，疑是地上霜。举头望明月，低头思故乡。'.repeat(10) } });
    fireEvent.click(screen.getByTestId('own-text-use'));
    expect(d.experiment().dataset.text).toMatchObject({ chars: 240 });
    expect(screen.getByTestId('own-text-summary')).toHaveTextContent('正在用你的文本训练：共 240 个字符');
    fireEvent.click(screen.getByTestId('own-text-back'));
    expect(d.experiment().dataset.text).toBeNull();
  });
});
