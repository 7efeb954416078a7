import { vi } from 'vitest';

/**
 * jsdom has no 2-D canvas: a minimal fake context that records every putImageData, so a test can
 * check what a view painted and where. Returns the list it fills.
 */
export function recordCanvasPuts(): { canvas: HTMLCanvasElement; image: ImageData }[] {
  const puts: { canvas: HTMLCanvasElement; image: ImageData }[] = [];
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    const fake = {
      canvas: this,
      createImageData: (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
      putImageData: (image: ImageData) => puts.push({ canvas: fake.canvas, image }),
    };
    return fake as unknown as CanvasRenderingContext2D;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext);
  return puts;
}
