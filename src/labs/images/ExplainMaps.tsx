// The explainer's two feature maps: the input channel with its padding and the sliding window,
// and the output channel whose cells the learner picks.
import { useEffect, useId, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { WindowGeometry } from './convExplain';
import { divergingTable } from '../../charts/colors';
import { context2d, fillHeatmapPixels } from '../../charts/paintHeatmap';
import { nonZeroMaxAbs } from './explainFormat';

/** Pixel budget of each feature map's side; two maps and an arrow fit a 520 px panel. */
const MAP_PX = 216;

/** Paint a `w × h` plane on the diverging scale, `scale` mapping to full colour. */
function paintPlane(ctx: CanvasRenderingContext2D, plane: Float32Array, w: number, h: number, scale: number): void {
  const image = ctx.createImageData(w, h);
  const norm = new Float32Array(w * h);
  for (let i = 0; i < norm.length; i++) norm[i] = plane[i] / scale;
  // fillHeatmapPixels walks min(size², values, pixels) cells in order, so a non-square plane works.
  fillHeatmapPixels(image.data, norm, Math.max(w, h), { table: divergingTable() });
  ctx.putImageData(image, 0, 0);
}

const fitCell = (cols: number, rows: number) => Math.max(2, Math.min(28, Math.floor(MAP_PX / Math.max(cols, rows, 1))));

function usePaint(plane: Float32Array, w: number, h: number, scale: number) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = context2d(ref.current);
    if (ctx && w > 0 && h > 0) paintPlane(ctx, plane, w, h, scale);
  }, [plane, w, h, scale]);
  return ref;
}

interface InputMapProps {
  plane: Float32Array;
  scale: number;
  height: number;
  width: number;
  geom: WindowGeometry;
  /** Window in input coordinates (top-left may be in the padding). */
  win: { y: number; x: number; h: number; w: number };
  label: string;
}

/** The input channel on a canvas, with the padding border and the window drawn over it in SVG. */
export function InputMap({ plane, scale, height, width, geom, win, label }: InputMapProps) {
  const hatch = `cx-hatch-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const ref = usePaint(plane, width, height, scale);
  const { top, bottom, left, right } = geom;
  const cols = width + left + right;
  const rows = height + top + bottom;
  const c = fitCell(cols, rows);
  const bands = [
    { x: 0, y: 0, w: cols, h: top },
    { x: 0, y: top + height, w: cols, h: bottom },
    { x: 0, y: top, w: left, h: height },
    { x: left + width, y: top, w: right, h: height },
  ].filter((b) => b.w > 0 && b.h > 0);
  return (
    <div className="cx-map-box" style={{ width: cols * c, height: rows * c }}>
      <canvas
        ref={ref}
        role="img"
        aria-label={label}
        width={width}
        height={height}
        style={{ left: left * c, top: top * c, width: width * c, height: height * c }}
      />
      <svg width={cols * c} height={rows * c} aria-hidden="true">
        <defs>
          <pattern id={hatch} width={5} height={5} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width={5} height={5} fill="#fff" />
            <line x1={0} y1={0} x2={0} y2={5} stroke="#c3cad2" strokeWidth={2.5} />
          </pattern>
        </defs>
        {bands.map((b, i) => (
          <rect key={i} data-testid="cx-pad-band" x={b.x * c} y={b.y * c} width={b.w * c} height={b.h * c} fill={`url(#${hatch})`} />
        ))}
        <rect x={left * c} y={top * c} width={width * c} height={height * c} fill="none" stroke="#9aa4ae" strokeWidth={1} />
        <rect
          data-testid="cx-window"
          x={(win.x + left) * c}
          y={(win.y + top) * c}
          width={win.w * c}
          height={win.h * c}
          fill="rgba(24, 61, 78, 0.08)"
          stroke="#183d4e"
          strokeWidth={2}
        />
      </svg>
    </div>
  );
}

interface OutputMapProps {
  plane: Float32Array;
  height: number;
  width: number;
  cell: { y: number; x: number };
  onPick(y: number, x: number): void;
  label: string;
}

/** The output channel; a click or an arrow key picks the cell to explain. */
export function OutputMap({ plane, height, width, cell, onPick, label }: OutputMapProps) {
  const scale = useMemo(() => nonZeroMaxAbs(plane), [plane]);
  const ref = usePaint(plane, width, height, scale);
  const c = fitCell(width, height);
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    // The CSS box may be scaled (narrow panel): measure it, fall back to the nominal size in jsdom.
    const px = rect.width > 0 ? rect.width / width : c;
    const py = rect.height > 0 ? rect.height / height : c;
    const x = Math.floor((e.clientX - rect.left) / px);
    const y = Math.floor((e.clientY - rect.top) / py);
    onPick(Math.max(0, Math.min(height - 1, y)), Math.max(0, Math.min(width - 1, x)));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    onPick(Math.max(0, Math.min(height - 1, cell.y + m[0])), Math.max(0, Math.min(width - 1, cell.x + m[1])));
  };
  return (
    <div
      className="cx-map-box cx-out-box"
      data-testid="cx-output-map"
      role="group"
      tabIndex={0}
      aria-label={label}
      style={{ width: width * c, height: height * c }}
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      <canvas ref={ref} width={width} height={height} style={{ left: 0, top: 0, width: width * c, height: height * c }} />
      <svg width={width * c} height={height * c} aria-hidden="true">
        <rect x={0} y={0} width={width * c} height={height * c} fill="none" stroke="#9aa4ae" />
        <rect data-testid="cx-output-cell" x={cell.x * c} y={cell.y * c} width={c} height={c} fill="none" stroke="#183d4e" strokeWidth={2} />
      </svg>
    </div>
  );
}
