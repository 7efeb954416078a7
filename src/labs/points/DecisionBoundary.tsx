import { useEffect, useId, useMemo, useRef, type ReactNode } from 'react';
import { path as d3path, scaleLinear } from 'd3';
import { useT } from '../../i18n';
import type { Task } from '../../models/spec';
import { classColors, classColorsRgb, divergingScale, divergingTable, type ClassPalette } from '../../charts/colors';
import { addMark, classShape } from '../../charts/classMarks';
import { boundaryShares, percent } from '../../charts/summaries';
import { context2d, paintClasses, paintHeatmap } from '../../charts/paintHeatmap';

/** Dataset points in the decision-boundary plot. */
export interface BoundaryPoints {
  /** n × 2 raw coordinates (x₁, x₂), point-major, nominally in [−extent, extent]. */
  xs: Float32Array;
  /** Class index (binary / multiclass) or regression target in [−1, 1], one per point. */
  ys: Float32Array;
  /** 1 marks a test point, 0 a training point. */
  test: Uint8Array;
}

/** Props of {@link DecisionBoundary}. */
export interface DecisionBoundaryProps {
  /**
   * Network output sampled on a gridSize × gridSize lattice, row-major, row 0 = top (x₂ = +extent),
   * column 0 = left (x₁ = −extent). binary / regression: one value in [−1, 1] per cell (binary:
   * 2p − 1, so −1 = class 0); multiclass: numClasses probabilities per cell, point-major.
   * null = nothing computed yet (empty light background).
   */
  grid: Float32Array | null;
  gridSize: number;
  task: Task;
  numClasses: number;
  points: BoundaryPoints | null;
  showTestData: boolean;
  /** Snap colours to the hard decision. */
  discretize: boolean;
  /** Side of the square plot in CSS px (axes are drawn outside it). Default 300. */
  size?: number;
  /** Half-width of the input plane in data units. Default 6. */
  extent?: number;
  /** A point to ring (the backprop step-through's example), in data units. */
  marker?: { x1: number; x2: number; label: string } | null;
  /** Clicks on the plane, in data units (the step-through picks its example by them). */
  onPick?: (x1: number, x2: number) => void;
  /** Names of the horizontal and vertical axes (a table's two chosen inputs); default x₁, x₂. */
  axisLabels?: [string, string];
  /** Drawn over the plane, size × size px (the hand-placed points' editor). */
  overlay?: ReactNode;
  /** Class colours; 'okabeIto' (colour-blind safe) also draws each class with its own shape. */
  palette?: ClassPalette;
}

/** Space around the plot for the axes. */
const MARGIN = { top: 8, right: 10, bottom: 32, left: 32 };
const EMPTY_BACKGROUND = '#f4f5f6';
const TRAIN_STROKE = '#ffffff';
const TEST_STROKE = '#000000';
/** Regression targets are quantised to this many colours so points draw as a few paths. */
const REGRESSION_BINS = 21;

interface PointGroup {
  key: string;
  fill: string;
  test: boolean;
  count: number;
  d: string;
}

/**
 * Build one SVG path per (colour, train/test) group, each path a run of small circles. 2,000
 * points become a handful of DOM nodes instead of 2,000, which keeps re-renders and layout cheap.
 */
function groupPoints(
  points: BoundaryPoints,
  task: Task,
  numClasses: number,
  showTestData: boolean,
  x: (v: number) => number,
  y: (v: number) => number,
  radius: number,
  paletteName: ClassPalette = 'standard',
): PointGroup[] {
  const palette = classColors(Math.max(2, numClasses), paletteName);
  const shaped = paletteName === 'okabeIto';
  const groups = new Map<string, { fill: string; test: boolean; count: number; path: ReturnType<typeof d3path> }>();
  const n = Math.min(points.ys.length, points.xs.length >> 1, points.test.length);
  for (let i = 0; i < n; i++) {
    const isTest = points.test[i] === 1;
    if (isTest && !showTestData) continue;
    const x1 = points.xs[2 * i];
    const x2 = points.xs[2 * i + 1];
    const target = points.ys[i];
    if (!Number.isFinite(x1) || !Number.isFinite(x2)) continue;
    let colorKey: string;
    let fill: string;
    let cls = -1;
    if (task === 'regression') {
      const clamped = Number.isFinite(target) ? Math.max(-1, Math.min(1, target)) : 0;
      const bin = Math.round(((clamped + 1) / 2) * (REGRESSION_BINS - 1));
      colorKey = `r${bin}`;
      fill = divergingScale(-1 + (2 * bin) / (REGRESSION_BINS - 1));
    } else {
      // Binary accepts 0/1 or −1/+1 labels: anything ≥ 0.5 is class 1 (blue).
      cls = task === 'binary' ? (target >= 0.5 ? 1 : 0) : Math.max(0, Math.round(target));
      colorKey = `c${cls}`;
      fill = palette[cls % palette.length];
    }
    const key = `${isTest ? 'test' : 'train'}-${colorKey}`;
    let group = groups.get(key);
    if (!group) {
      group = { fill, test: isTest, count: 0, path: d3path() };
      groups.set(key, group);
    }
    const cx = x(x1);
    const cy = y(x2);
    addMark(group.path, shaped && cls >= 0 ? classShape(cls) : 'circle', cx, cy, shaped ? radius * 1.2 : radius);
    group.count++;
  }
  // Train first so test points (drawn only on request) sit on top.
  return [...groups.entries()]
    .map(([key, g]) => ({ key, fill: g.fill, test: g.test, count: g.count, d: g.path.toString() }))
    .sort((a, b) => Number(a.test) - Number(b.test));
}

/**
 * The input plane: the network's output as a smooth heatmap (a gridSize² canvas scaled up by CSS),
 * with d3 axes and the dataset's points drawn over it in SVG.
 */
export function DecisionBoundary({
  grid,
  gridSize,
  task,
  numClasses,
  points,
  showTestData,
  discretize,
  size = 300,
  extent = 6,
  marker = null,
  onPick,
  axisLabels,
  overlay,
  palette = 'standard',
}: DecisionBoundaryProps) {
  const t = useT();
  const clipId = `boundary-clip-${useId().replace(/:/g, '')}`;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const colorsRgb = useMemo(() => classColorsRgb(Math.max(2, numClasses), palette), [numClasses, palette]);

  // Paint imperatively: the grid changes every training frame and must not cost a React render.
  useEffect(() => {
    const ctx = context2d(canvasRef.current);
    if (!ctx) return;
    const cells = gridSize * gridSize;
    if (!grid || gridSize <= 0) {
      ctx.clearRect(0, 0, gridSize, gridSize);
      return;
    }
    if (task === 'multiclass') {
      if (grid.length < cells * numClasses) return; // a grid from before a class-count change
      paintClasses(ctx, grid, gridSize, numClasses, { colors: colorsRgb, discretize });
    } else {
      if (grid.length < cells) return;
      paintHeatmap(ctx, grid, gridSize, { table: divergingTable(), discretize });
    }
  }, [grid, gridSize, discretize, task, numClasses, colorsRgb]);

  const x = useMemo(() => scaleLinear().domain([-extent, extent]).range([0, size]), [extent, size]);
  const y = useMemo(() => scaleLinear().domain([-extent, extent]).range([size, 0]), [extent, size]);
  const ticks = useMemo(() => x.ticks(6), [x]);
  const format = useMemo(() => x.tickFormat(6), [x]);

  const radius = points && points.ys.length > 1000 ? 2.5 : 3.5;
  const groups = useMemo(
    () => (points ? groupPoints(points, task, numClasses, showTestData, x, y, radius, palette) : []),
    [points, task, numClasses, showTestData, x, y, radius, palette],
  );

  // The text alternative: how much of the plane each class takes (what a sighted learner reads off it).
  const shares = useMemo(() => boundaryShares(grid, gridSize, task, numClasses), [grid, gridSize, task, numClasses]);
  const sharesText = shares
    ? t('a11y.boundary.shares', { shares: shares.map((sh, c) => t('a11y.boundary.share', { n: c, share: percent(sh) })).join(t('a11y.listSep')) })
    : '';

  const width = size + MARGIN.left + MARGIN.right;
  const height = size + MARGIN.top + MARGIN.bottom;

  return (
    <div
      data-testid="boundary"
      data-tour="boundary"
      role="group"
      aria-label={t('viz.boundary.region')}
      style={{ position: 'relative', width, height }}
    >
      <div
        aria-hidden="true"
        style={{
          position: 'absolute',
          left: MARGIN.left,
          top: MARGIN.top,
          width: size,
          height: size,
          background: EMPTY_BACKGROUND,
        }}
      />
      <canvas
        ref={canvasRef}
        data-testid="boundary-canvas"
        role="img"
        aria-label={sharesText ? t('a11y.boundary.label', { label: t('viz.boundary.label'), shares: sharesText }) : t('viz.boundary.label')}
        data-shares={shares ? shares.map((sh) => sh.toFixed(3)).join(',') : undefined}
        width={gridSize}
        height={gridSize}
        style={{
          position: 'absolute',
          left: MARGIN.left,
          top: MARGIN.top,
          width: size,
          height: size,
          // Smooth bilinear upscaling of the coarse grid (see paintHeatmap.ts).
          imageRendering: 'auto',
        }}
      />
      <svg
        width={width}
        height={height}
        style={{ position: 'absolute', left: 0, top: 0, overflow: 'visible', pointerEvents: 'none' }}
        fontSize={10}
        fontFamily="inherit"
      >
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <rect width={size} height={size} fill="none" stroke="#c9cdd1" />
          {/* Noisy points can fall outside the plane; keep them inside the frame, like the heatmap. */}
          <clipPath id={clipId}>
            <rect x={-3} y={-3} width={size + 6} height={size + 6} />
          </clipPath>
          <g data-testid="boundary-points" aria-hidden="true" clipPath={`url(#${clipId})`}>
            {groups.map((g) => (
              <path
                key={g.key}
                d={g.d}
                fill={g.fill}
                stroke={g.test ? TEST_STROKE : TRAIN_STROKE}
                strokeWidth={1}
                data-points={g.test ? 'test' : 'train'}
                data-count={g.count}
              />
            ))}
          </g>
          <g transform={`translate(0,${size})`} aria-hidden="true">
            <line x2={size} stroke="#888" />
            {ticks.map((v) => (
              <g key={v} transform={`translate(${x(v)},0)`}>
                <line y2={4} stroke="#888" />
                <text y={14} textAnchor="middle" fill="#555">
                  {format(v)}
                </text>
              </g>
            ))}
            <text x={size / 2} y={28} textAnchor="middle" fill="#333" fontSize={11}>
              {axisLabels?.[0] ?? t('viz.axis.x1')}
            </text>
          </g>
          <g aria-hidden="true">
            <line y2={size} stroke="#888" />
            {ticks.map((v) => (
              <g key={v} transform={`translate(0,${y(v)})`}>
                <line x2={-4} stroke="#888" />
                <text x={-6} dy="0.32em" textAnchor="end" fill="#555">
                  {format(v)}
                </text>
              </g>
            ))}
            <text
              transform={`translate(${-24},${size / 2}) rotate(-90)`}
              textAnchor="middle"
              fill="#333"
              fontSize={11}
            >
              {axisLabels?.[1] ?? t('viz.axis.x2')}
            </text>
          </g>
          {marker && Number.isFinite(marker.x1) && Number.isFinite(marker.x2) ? (
            <g data-testid="boundary-marker" transform={`translate(${x(marker.x1)},${y(marker.x2)})`}>
              <circle r={9} fill="none" stroke="#fff" strokeWidth={4} />
              <circle r={9} fill="none" stroke="#1f2328" strokeWidth={2} />
              <text x={12} y={-10} fontSize={11} fontWeight={600} fill="#1f2328" stroke="#fff" strokeWidth={3} paintOrder="stroke">
                {marker.label}
              </text>
            </g>
          ) : null}
        </g>
      </svg>
      {overlay ? <div style={{ position: 'absolute', left: MARGIN.left, top: MARGIN.top, width: size, height: size }}>{overlay}</div> : null}
      {onPick ? (
        <div
          data-testid="boundary-pick"
          aria-hidden="true"
          onClick={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            const sx = r.width > 0 ? size / r.width : 1;
            const sy = r.height > 0 ? size / r.height : 1;
            onPick(x.invert((e.clientX - r.left) * sx), y.invert((e.clientY - r.top) * sy));
          }}
          style={{ position: 'absolute', left: MARGIN.left, top: MARGIN.top, width: size, height: size, cursor: 'crosshair' }}
        />
      ) : null}
    </div>
  );
}
