// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileButton } from '../../src/ui/FileButton';

afterEach(cleanup);

describe('FileButton', () => {
  it('opens the picker, hands over the picked files, and notices the same file picked again', async () => {
    const onFiles = vi.fn();
    render(
      <FileButton accept=".json" testId="open" inputTestId="input" onFiles={onFiles}>
        Open
      </FileButton>,
    );
    const input = screen.getByTestId('input') as HTMLInputElement;
    const click = vi.spyOn(input, 'click');
    await userEvent.click(screen.getByRole('button', { name: 'Open' }));
    expect(click).toHaveBeenCalledTimes(1);
    const file = new File(['{}'], 'a.json', { type: 'application/json' });
    await userEvent.upload(input, file);
    expect(onFiles).toHaveBeenCalledTimes(1);
    expect(onFiles.mock.calls[0][0][0].name).toBe('a.json');
    // Emptied after the pick, so the same file again is a change.
    expect(input.value).toBe('');
    await userEvent.upload(input, file);
    expect(onFiles).toHaveBeenCalledTimes(2);
    // Nothing picked (cancelled): not called.
    fireEvent.change(input, { target: { files: [] } });
    expect(onFiles).toHaveBeenCalledTimes(2);
  });

  it('passes every file when it takes several, and a disabled button opens nothing', async () => {
    const onFiles = vi.fn();
    const { rerender } = render(
      <FileButton accept="image/*" multiple inputTestId="input" onFiles={onFiles}>
        Add
      </FileButton>,
    );
    const input = screen.getByTestId('input') as HTMLInputElement;
    expect(input.multiple).toBe(true);
    await userEvent.upload(input, [new File(['a'], 'a.png', { type: 'image/png' }), new File(['b'], 'b.png', { type: 'image/png' })]);
    expect(onFiles.mock.calls[0][0].map((f: File) => f.name)).toEqual(['a.png', 'b.png']);
    rerender(
      <FileButton accept="image/*" multiple inputTestId="input" onFiles={onFiles} disabled>
        Add
      </FileButton>,
    );
    const click = vi.spyOn(input, 'click');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(click).not.toHaveBeenCalled();
  });
});
