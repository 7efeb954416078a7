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

const GAP = 2;

/**
 * Many small images (feature-map channels, kernel slices) on one canvas: each tile is put into a
 * scratch canvas at its own resolution and drawn scaled up with smoothing off, so a layer of 48
 * maps costs one DOM node and one paint. Pointer position maps back to a tile for hover and click.
 */
export function TileCanvas({ count, tileWidth, tileHeight, columns, zoom, paint, version, selected, onSelect, onHover, label, testId }: TileCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<number | null>(null);
  const cols = Math.max(1, Math.min(columns, count));
  const rows = Math.ceil(count / cols);
  const w = Math.round(tileWidth * zoom);
  const h = Math.round(tileHeight * zoom);
  const width = cols * (w + GAP) - GAP;
  const height = rows * (h + GAP) - GAP;

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || count === 0) return;
    const scratch = document.createElement('canvas');
    scratch.width = tileWidth;
    scratch.height = tileHeight;
    const sctx = scratch.getContext('2d');
    if (!sctx) return;
    const img = sctx.createImageData(tileWidth, tileHeight);
    ctx.clearRect(0, 0, width, height);
    ctx.imageSmoothingEnabled = false;
    for (let i = 0; i < count; i++) {
      paint(i, img.data);
      sctx.putImageData(img, 0, 0);
      const x = (i % cols) * (w + GAP);
      const y = Math.floor(i / cols) * (h + GAP);
      ctx.drawImage(scratch, x, y, w, h);
    }
    for (const [index, color] of [
      [hover, '#5f6b73'],
      [selected, '#d9480f'],
    ] as const) {
      if (index === null || index === undefined || index >= count) continue;
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.strokeRect((index % cols) * (w + GAP) + 1, Math.floor(index / cols) * (h + GAP) + 1, w - 2, h - 2);
    }
    // `paint` is a new function each render; `version` says when its pixels changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, count, tileWidth, tileHeight, cols, w, h, width, height, selected, hover]);

  const tileAt = (e: React.PointerEvent<HTMLCanvasElement>): number | null => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = ((e.clientX - rect.left) / rect.width) * width;
    const y = ((e.clientY - rect.top) / rect.height) * height;
    const col = Math.floor(x / (w + GAP));
    const row = Math.floor(y / (h + GAP));
    const index = row * cols + col;
    return col >= 0 && col < cols && row >= 0 && index < count ? index : null;
  };

  return (
    <canvas
      ref={canvas}
      className="tile-canvas"
      width={width}
      height={height}
      style={{ width, height, cursor: onSelect ? 'pointer' : undefined }}
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
        const index = tileAt(e as unknown as React.PointerEvent<HTMLCanvasElement>);
        if (index !== null) onSelect?.(index);
      }}
    />
  );
}
