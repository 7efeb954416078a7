import { useEffect, useRef, useState } from 'react';

export interface TileCanvasProps {
  /** Number of tiles and the size of one tile in source pixels. */
  count: number;
  tileWidth: number;
  tileHeight: number;
  /** Tiles per row. */
  columns: number;
  /** CSS pixels per source pixel. */
  zoom: number;
  /** Write tile `index`'s RGBA pixels (tileWidth × tileHeight × 4) into `out`. */
  paint(index: number, out: Uint8ClampedArray): void;
  /** Changes whenever the pixels do, so the canvas repaints. */
  version: unknown;
  selected?: number | null;
  onSelect?(index: number): void;
  onHover?(index: number | null): void;
  label: string;
  testId?: string;
}

/** Gap between tiles, in source pixels (so it scales with the zoom like the tiles). */
const GAP = 1;

/**
 * Many small images (feature-map channels, kernel slices) on one canvas at their own resolution:
 * every tile is written into one ImageData and put once, and CSS scales the canvas up with
 * `image-rendering: pixelated`. A layer of 128 kernels costs one put, no per-tile draw calls (which
 * on a software-rastered canvas cost more than the pixels). Hover and selection are outlines
 * drawn over it; pointer position maps back to a tile.
 */
export function TileCanvas({ count, tileWidth, tileHeight, columns, zoom, paint, version, selected, onSelect, onHover, label, testId }: TileCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // One ImageData and one tile buffer, reused by every repaint of the same size (no garbage per paint).
  const buffers = useRef<{ image: ImageData; tile: Uint8ClampedArray } | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const cols = Math.max(1, Math.min(columns, count));
  const rows = Math.ceil(count / cols);
  const width = cols * (tileWidth + GAP) - GAP;
  const height = rows * (tileHeight + GAP) - GAP;

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || count === 0) return;
    let b = buffers.current;
    if (!b || b.image.width !== width || b.image.height !== height || b.tile.length !== tileWidth * tileHeight * 4) {
      b = buffers.current = { image: ctx.createImageData(width, height), tile: new Uint8ClampedArray(tileWidth * tileHeight * 4) };
    }
    const { image, tile } = b;
    const row = tileWidth * 4;
    for (let i = 0; i < count; i++) {
      paint(i, tile);
      const x0 = (i % cols) * (tileWidth + GAP);
      const y0 = Math.floor(i / cols) * (tileHeight + GAP);
      for (let y = 0; y < tileHeight; y++) image.data.set(tile.subarray(y * row, (y + 1) * row), ((y0 + y) * width + x0) * 4);
    }
    ctx.putImageData(image, 0, 0);
    // `paint` is a new function each render; `version` says when its pixels changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, count, tileWidth, tileHeight, cols, width, height]);

  const tileAt = (e: { clientX: number; clientY: number; currentTarget: Element }): number | null => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = ((e.clientX - rect.left) / rect.width) * width;
    const y = ((e.clientY - rect.top) / rect.height) * height;
    const col = Math.floor(x / (tileWidth + GAP));
    const row = Math.floor(y / (tileHeight + GAP));
    const index = row * cols + col;
    return col >= 0 && col < cols && row >= 0 && index < count ? index : null;
  };
  const outline = (index: number | null | undefined, kind: string) =>
    index === null || index === undefined || index >= count ? null : (
      <span
        className={`tile-outline ${kind}`}
        style={{
          left: (index % cols) * (tileWidth + GAP) * zoom,
          top: Math.floor(index / cols) * (tileHeight + GAP) * zoom,
          width: tileWidth * zoom,
          height: tileHeight * zoom,
        }}
      />
    );

  return (
    <div className="tile-canvas-wrap" style={{ width: width * zoom, height: height * zoom }}>
      <canvas
        ref={canvas}
        className="tile-canvas"
        width={width}
        height={height}
        style={{ width: width * zoom, height: height * zoom, cursor: onSelect ? 'pointer' : undefined }}
        role="img"
        aria-label={label}
        data-testid={testId}
        onPointerMove={(e) => {
          const index = tileAt(e);
          if (index !== hover) {
            setHover(index);
            onHover?.(index);
          }
        }}
        onPointerLeave={() => {
          setHover(null);
          onHover?.(null);
        }}
        onClick={(e) => {
          const index = tileAt(e);
          if (index !== null) onSelect?.(index);
        }}
      />
      {outline(hover, 'hover')}
      {outline(selected, 'selected')}
    </div>
  );
}
