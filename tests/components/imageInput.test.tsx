// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { AugmentationControls } from '../../src/labs/images/AugmentationControls';
import { DrawingPad } from '../../src/labs/images/DrawingPad';
import { NO_AUGMENTATION, type Augmentation } from '../../src/data/augment';
import { LocaleContext } from '../../src/i18n';

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * jsdom has no 2-D canvas: a minimal fake that records paints. `ink` is what getImageData returns
 * for the drawing pad (RGBA of the whole canvas), standing in for the strokes a browser would draw.
 */
function stubCanvas(ink?: (w: number, h: number) => Uint8ClampedArray) {
  const puts: { canvas: HTMLCanvasElement; image: ImageData }[] = [];
  const calls: string[] = [];
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    const record = (name: string) => () => void calls.push(name);
    const fake = {
      canvas: this,
      createImageData: (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
      putImageData: (image: ImageData) => puts.push({ canvas: fake.canvas, image }),
      getImageData: (_x: number, _y: number, w: number, h: number) => ({ width: w, height: h, data: ink ? ink(w, h) : new Uint8ClampedArray(w * h * 4) }),
      beginPath: record('beginPath'),
      arc: record('arc'),
      fill: record('fill'),
      moveTo: record('moveTo'),
      lineTo: record('lineTo'),
      stroke: record('stroke'),
      clearRect: record('clearRect'),
    };
    return fake as unknown as CanvasRenderingContext2D;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext);
  return { puts, calls };
}

/** A 28×28 sample: a bright off-centre bar, so every transform visibly changes it. */
function sample() {
  const pixels = new Float32Array(28 * 28);
  for (let y = 6; y < 20; y++) for (let x = 9; x < 12; x++) pixels[y * 28 + x] = 1;
  return { pixels, height: 28, width: 28 };
}

const ON: Augmentation = { shift: 2, rotate: 15, zoom: 0.1, flip: false, noise: 0.1 };

describe('AugmentationControls', () => {
  it('previews each setting on the sample and paints every preview', () => {
    const { puts } = stubCanvas();
    render(<AugmentationControls value={ON} onChange={() => {}} sample={sample()} seed={1} />);
    expect(screen.getByRole('group', { name: 'Augmentation' })).toBe(screen.getByTestId('augmentation'));
    // Shift ±, rotate ±, zoom ±, mirror, noise, and six combined examples.
    expect(screen.getAllByRole('img')).toHaveLength(2 + 2 + 2 + 1 + 1 + 6);
    expect(screen.getByRole('img', { name: 'Shifted by +2 px' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Shifted by −2 px' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Rotated by −15°' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Scaled to 90%' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Scaled to 110%' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Mirrored' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'With noise σ = 0.10' })).toBeInTheDocument();
    expect(screen.getAllByRole('img', { name: /^Random example \d$/ })).toHaveLength(6);
    expect(puts).toHaveLength(14);
    // Dark ink on light paper: the bar's pixel is dark in the mirrored preview, on the mirrored side.
    const mirrored = puts.find((p) => p.canvas === screen.getByRole('img', { name: 'Mirrored' }))!.image;
    expect(mirrored.data[(10 * 28 + (27 - 10)) * 4]).toBe(25);
    expect(mirrored.data[(10 * 28 + 10) * 4]).toBe(255);
  });

  it('reports a patch per control, converting percent sliders back to fractions', () => {
    stubCanvas();
    const onChange = vi.fn();
    render(<AugmentationControls value={NO_AUGMENTATION} onChange={onChange} sample={sample()} seed={1} />);
    const slide = (testId: string, v: string) => {
      const input = screen.getByTestId(testId);
      fireEvent.change(input, { target: { value: v } });
      fireEvent.pointerUp(input);
    };
    slide('aug-shift', '4');
    expect(onChange).toHaveBeenLastCalledWith({ shift: 4 });
    slide('aug-rotate', '30');
    expect(onChange).toHaveBeenLastCalledWith({ rotate: 30 });
    slide('aug-zoom', '15');
    expect(onChange).toHaveBeenLastCalledWith({ zoom: 0.15 });
    slide('aug-noise', '20');
    expect(onChange).toHaveBeenLastCalledWith({ noise: 0.2 });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Mirror half of the images' }));
    expect(onChange).toHaveBeenLastCalledWith({ flip: true });
    expect(onChange).toHaveBeenCalledTimes(5);
  });

  it('labels sliders by their value, "off" at zero, and fades previews of settings that are off', () => {
    stubCanvas();
    render(<AugmentationControls value={{ ...NO_AUGMENTATION, shift: 3 }} onChange={() => {}} sample={sample()} seed={1} />);
    expect(screen.getByRole('slider', { name: 'Shift: up to 3 px' })).toHaveValue('3');
    expect(screen.getByRole('slider', { name: 'Rotate: off' })).toBeInTheDocument();
    expect(screen.getByRole('slider', { name: 'Zoom: off' })).toBeInTheDocument();
    expect(screen.getByRole('slider', { name: 'Noise: off' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Shifted by +3 px' }).parentElement).not.toHaveClass('is-off');
    expect(screen.getByRole('img', { name: 'Mirrored' }).parentElement).toHaveClass('is-off');
  });

  it('"Others" draws another set of random examples', () => {
    const { puts } = stubCanvas();
    render(<AugmentationControls value={ON} onChange={() => {}} sample={sample()} seed={1} />);
    const first = screen.getByRole('img', { name: 'Random example 1' });
    const before = puts.filter((p) => p.canvas === first).map((p) => Array.from(p.image.data));
    fireEvent.click(screen.getByRole('button', { name: 'Others' }));
    const after = puts.filter((p) => p.canvas === first).map((p) => Array.from(p.image.data));
    expect(after).toHaveLength(2);
    expect(after[1]).not.toEqual(before[0]);
  });

  it('shows a hint instead of previews without a sample, and survives a missing canvas context', () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    const { rerender } = render(<AugmentationControls value={ON} onChange={() => {}} sample={null} seed={1} />);
    expect(screen.getByText('Choose an image dataset to preview the augmentations.')).toBeInTheDocument();
    expect(screen.queryAllByRole('img')).toHaveLength(0);
    expect(screen.getAllByRole('slider')).toHaveLength(4);
    rerender(<AugmentationControls value={ON} onChange={() => {}} sample={sample()} seed={1} />);
    expect(screen.getAllByRole('img')).toHaveLength(14);
  });

  it('works for non-square, multi-channel samples', () => {
    const { puts } = stubCanvas();
    const pixels = new Float32Array(20 * 30 * 3).fill(0.5);
    render(<AugmentationControls value={ON} onChange={() => {}} sample={{ pixels, height: 20, width: 30 }} seed={1} />);
    expect(puts.every((p) => p.image.width === 30 && p.image.height === 20)).toBe(true);
    expect(screen.getByRole('img', { name: 'Mirrored' })).toHaveStyle({ width: '60px', height: '40px' });
  });

  it('speaks Chinese', () => {
    stubCanvas();
    render(
      <LocaleContext.Provider value="zh-CN">
        <AugmentationControls value={ON} onChange={() => {}} sample={sample()} seed={1} />
      </LocaleContext.Provider>,
    );
    expect(screen.getByRole('group', { name: '数据增强' })).toBeInTheDocument();
    expect(screen.getByRole('slider', { name: '平移：最多 2 像素' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '换一批' })).toBeInTheDocument();
  });
});

/** RGBA of a w×h canvas with an opaque filled square, off-centre. */
const squareInk = (w: number, h: number) => {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 30; y < 110; y++) for (let x = 40; x < 120; x++) data[(y * w + x) * 4 + 3] = 255;
  return data;
};

describe('DrawingPad', () => {
  it('is an image with a name, and Clear reports null', () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    const onChange = vi.fn();
    render(<DrawingPad size={28} onChange={onChange} />);
    expect(screen.getByRole('img', { name: /^Drawing pad/ })).toBe(screen.getByTestId('drawing-pad'));
    expect(screen.getByRole('img', { name: 'Nothing drawn yet' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith(null);
  });

  it('without a canvas context, pointer events do nothing and throw nothing', () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    const onChange = vi.fn();
    render(<DrawingPad size={28} onChange={onChange} label="Write here" />);
    const pad = screen.getByRole('img', { name: 'Write here' });
    fireEvent.pointerDown(pad, { pointerId: 1, clientX: 10, clientY: 10, pointerType: 'mouse', button: 0 });
    fireEvent.pointerMove(pad, { pointerId: 1, clientX: 20, clientY: 20, pointerType: 'mouse' });
    fireEvent.pointerUp(pad, { pointerId: 1, pointerType: 'mouse' });
    expect(onChange).not.toHaveBeenCalled();
  });

  it('a stroke draws, and its end reports the MNIST-style conversion (throttled while drawing)', () => {
    const { calls, puts } = stubCanvas(squareInk);
    const onChange = vi.fn();
    render(<DrawingPad size={28} onChange={onChange} />);
    const pad = screen.getByTestId('drawing-pad');
    fireEvent.pointerDown(pad, { pointerId: 7, clientX: 50, clientY: 50, pointerType: 'pen' });
    for (let i = 0; i < 5; i++) fireEvent.pointerMove(pad, { pointerId: 7, clientX: 60 + i, clientY: 60, pointerType: 'pen' });
    // Another pointer (a second finger) neither draws nor ends the stroke.
    fireEvent.pointerMove(pad, { pointerId: 8, clientX: 5, clientY: 5, pointerType: 'touch' });
    fireEvent.pointerUp(pad, { pointerId: 8, pointerType: 'touch' });
    expect(calls.filter((c) => c === 'arc')).toHaveLength(1);
    expect(calls.filter((c) => c === 'lineTo')).toHaveLength(5);
    const whileDrawing = onChange.mock.calls.length;
    expect(whileDrawing).toBeLessThan(5);
    fireEvent.pointerUp(pad, { pointerId: 7, pointerType: 'pen' });
    expect(onChange).toHaveBeenCalledTimes(whileDrawing + 1);
    const pixels = onChange.mock.lastCall![0] as Float32Array;
    expect(pixels).toHaveLength(28 * 28);
    // The 80×80 square fills the 20×20 box, centred: rows 4–23 inked, values 1 inside.
    expect(pixels[4 * 28 + 4]).toBeCloseTo(1, 5);
    expect(pixels[3 * 28 + 4]).toBe(0);
    expect(pixels[14 * 28 + 14]).toBeCloseTo(1, 5);
    // The thumbnail shows it.
    expect(screen.getByRole('img', { name: 'Your drawing as a 28×28 image' })).toBeInTheDocument();
    const thumb = puts[puts.length - 1].image;
    expect(thumb.width).toBe(28);
    expect(thumb.data[(14 * 28 + 14) * 4]).toBe(25);
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(onChange).toHaveBeenLastCalledWith(null);
    expect(calls).toContain('clearRect');
    expect(screen.getByRole('img', { name: 'Nothing drawn yet' })).toBeInTheDocument();
  });

  it('ignores right clicks, and converts again at a new size', () => {
    const { calls } = stubCanvas(squareInk);
    const onChange = vi.fn();
    const { rerender } = render(<DrawingPad size={28} onChange={onChange} />);
    const pad = screen.getByTestId('drawing-pad');
    fireEvent.pointerDown(pad, { pointerId: 1, clientX: 50, clientY: 50, pointerType: 'mouse', button: 2 });
    expect(calls).toHaveLength(0);
    fireEvent.pointerDown(pad, { pointerId: 1, clientX: 50, clientY: 50, pointerType: 'mouse', button: 0 });
    fireEvent.pointerUp(pad, { pointerId: 1, pointerType: 'mouse' });
    expect((onChange.mock.lastCall![0] as Float32Array).length).toBe(28 * 28);
    rerender(<DrawingPad size={32} onChange={onChange} />);
    expect((onChange.mock.lastCall![0] as Float32Array).length).toBe(32 * 32);
  });

  it('speaks Chinese', () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    render(
      <LocaleContext.Provider value="zh-CN">
        <DrawingPad size={28} onChange={() => {}} />
      </LocaleContext.Provider>,
    );
    const pad = screen.getByTestId('drawing-pad').closest('.drawing-pad') as HTMLElement;
    expect(within(pad).getByRole('button', { name: '清除' })).toBeInTheDocument();
    expect(within(pad).getByText('网络看到的')).toBeInTheDocument();
  });
});
