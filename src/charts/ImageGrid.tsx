import { useEffect, useRef } from 'react';

export interface ImageGridProps {
  /** n × size × size grey values in [0, 1]. */
  pixels: Float32Array;
  size: number;
  /** How many images to show, at most. */
  count: number;
  columns: number;
  /** Caption per image (e.g. the class name). */
  captions: string[];
  /** Display size of one image in CSS px. */
  cell?: number;
  label: string;
}

/** A grid of small grey images painted on one canvas, with text captions under each. */
export function ImageGrid({ pixels, size, count, columns, captions, cell = 56, label }: ImageGridProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const n = Math.min(count, Math.floor(pixels.length / (size * size)));
  const rows = Math.ceil(n / columns);
  // Repaint when the pixels do: a parent's fresh `subarray` view of the same bytes is no change.
  const { buffer, byteOffset, length } = pixels;
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(size * columns, size * rows);
    const data = img.data;
    const stride = size * columns;
    for (let k = 0; k < n; k++) {
      const ox = (k % columns) * size;
      const oy = Math.floor(k / columns) * size;
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const v = 255 - Math.round(pixels[k * size * size + y * size + x] * 230);
          const o = ((oy + y) * stride + ox + x) * 4;
          data[o] = v;
          data[o + 1] = v;
          data[o + 2] = v;
          data[o + 3] = 255;
        }
      }
    }
    ctx.putImageData(img, 0, 0);
    // `pixels` is read through its bytes: buffer, offset and length say when they are others.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [buffer, byteOffset, length, size, n, columns, rows]);
  return (
    <figure className="image-grid" style={{ width: columns * cell }}>
      <canvas
        ref={canvas}
        width={size * columns}
        height={size * rows}
        style={{ width: columns * cell, height: rows * cell, imageRendering: 'pixelated' }}
        role="img"
        aria-label={label}
        data-testid="image-grid"
      />
      <div className="image-grid-captions" style={{ gridTemplateColumns: `repeat(${columns}, ${cell}px)` }}>
        {captions.slice(0, n).map((c, i) => (
          <span key={i}>{c}</span>
        ))}
      </div>
    </figure>
  );
}
