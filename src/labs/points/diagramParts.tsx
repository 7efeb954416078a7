import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import { scaleLinear } from 'd3';
import type { TFunction } from '../../i18n';
import { NEGATIVE_COLOR, NEUTRAL_COLOR, POSITIVE_COLOR, divergingScale, divergingTable } from '../../charts/colors';
import { BIAS, NODE } from './networkLayout';
import { context2d, paintHeatmap } from '../../charts/paintHeatmap';

/**
 * The memoised pieces of the network diagram. Each link, bias and neuron is its own memo component
 * so a training step re-renders only what actually changed (a weight, a bias, a thumbnail).
 */

/** Link stroke width by |w|: thin for ~0, saturating at |w| = 3 so one big weight cannot blot out the rest. */
export const linkWidth = scaleLinear().domain([0, 3]).range([0.5, 6]).clamp(true);

/** Link colour by sign: the diverging scale's ends (orange negative, blue positive). */
export function linkColor(w: number): string {
  if (w > 0) return POSITIVE_COLOR;
  if (w < 0) return NEGATIVE_COLOR;
  return NEUTRAL_COLOR;
}

/** How weights and biases are shown (titles, editor start value). */
export function formatWeight(v: number): string {
  return Number.isFinite(v) ? v.toFixed(3) : String(v);
}

/** Called when a link or bias asks for its editor; `el` gets focus back after Enter / Escape. */
export type OpenWeight = (layer: number, from: number, to: number, value: number, el: Element) => void;
export type OpenBias = (layer: number, unit: number, value: number, el: Element) => void;

function activates(e: KeyboardEvent): boolean {
  return e.key === 'Enter' || e.key === ' ';
}

interface LinkProps {
  d: string;
  layer: number;
  from: number;
  to: number;
  weight: number | null;
  editable: boolean;
  onOpen: OpenWeight;
  t: TFunction;
}

/** One weight: a visible Bézier plus a wide transparent twin so thin links stay easy to click. */
export const Link = memo(function Link({ d, layer, from, to, weight, editable, onOpen, t }: LinkProps) {
  const w = weight ?? 0;
  return (
    <g
      data-testid={`link-${layer}-${from}-${to}`}
      stroke={linkColor(w)}
      strokeWidth={linkWidth(Math.abs(Number.isFinite(w) ? w : 0))}
      fill="none"
      role={editable ? 'button' : undefined}
      tabIndex={editable ? 0 : undefined}
      style={editable ? { cursor: 'pointer' } : undefined}
      onClick={editable ? (e) => onOpen(layer, from, to, w, e.currentTarget) : undefined}
      onKeyDown={
        editable
          ? (e) => {
              if (!activates(e)) return;
              e.preventDefault();
              onOpen(layer, from, to, w, e.currentTarget);
            }
          : undefined
      }
    >
      <title>{t('viz.net.weight', { value: formatWeight(w) })}</title>
      <path d={d} />
      <path d={d} stroke="transparent" strokeWidth={8} />
    </g>
  );
});

interface BiasProps {
  layer: number;
  unit: number;
  x: number;
  y: number;
  value: number | null;
  editable: boolean;
  onOpen: OpenBias;
  t: TFunction;
}

/** The bias square at a neuron's bottom-left, coloured on the diverging scale. */
export const Bias = memo(function Bias({ layer, unit, x, y, value, editable, onOpen, t }: BiasProps) {
  const b = value ?? 0;
  return (
    <rect
      data-testid={`bias-${layer}-${unit}`}
      x={x}
      y={y}
      width={BIAS}
      height={BIAS}
      fill={divergingScale(Number.isFinite(b) ? b : 0)}
      stroke="#6b7075"
      strokeWidth={0.75}
      role={editable ? 'button' : undefined}
      tabIndex={editable ? 0 : undefined}
      style={editable ? { cursor: 'pointer' } : undefined}
      onClick={editable ? (e) => onOpen(layer, unit, b, e.currentTarget) : undefined}
      onKeyDown={
        editable
          ? (e) => {
              if (!activates(e)) return;
              e.preventDefault();
              onOpen(layer, unit, b, e.currentTarget);
            }
          : undefined
      }
    >
      <title>{t('viz.net.bias', { value: formatWeight(b) })}</title>
    </rect>
  );
});

/** Paint neuron `unit`'s slice of a unit-major layer grid, or clear when the slice is missing. */
function paintSlice(
  canvas: HTMLCanvasElement | null,
  grid: Float32Array | null,
  unit: number,
  size: number,
  discretize: boolean,
): void {
  const ctx = context2d(canvas);
  if (!ctx || size <= 0) return;
  const cells = size * size;
  const start = unit * cells;
  if (!grid || grid.length < start + cells) {
    ctx.clearRect(0, 0, size, size);
    return;
  }
  paintHeatmap(ctx, grid.subarray(start, start + cells), size, { table: divergingTable(), discretize });
}

interface NeuronProps {
  layer: number;
  unit: number;
  left: number;
  top: number;
  label: string;
  grid: Float32Array | null;
  gridSize: number;
  discretize: boolean;
  hovered: boolean;
  onEnter: (layer: number, unit: number) => void;
  onLeave: () => void;
}

/** One neuron: its output over the input plane as a small heatmap, painted in an effect. */
export const Neuron = memo(function Neuron(props: NeuronProps) {
  const { layer, unit, left, top, label, grid, gridSize, discretize, hovered, onEnter, onLeave } = props;
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    paintSlice(ref.current, grid, unit, gridSize, discretize);
  }, [grid, unit, gridSize, discretize]);
  return (
    <div
      data-testid={`neuron-${layer}-${unit}`}
      // The lessons point at one neuron: the first of the first hidden layer.
      {...(layer === 1 && unit === 0 ? { 'data-tour': 'neuron' } : {})}
      role="img"
      aria-label={label}
      title={label}
      onMouseEnter={() => onEnter(layer, unit)}
      onMouseLeave={onLeave}
      style={{
        position: 'absolute',
        left,
        top,
        width: NODE,
        height: NODE,
        boxSizing: 'border-box',
        border: `1px solid ${hovered ? '#333' : '#c3c8cd'}`,
        background: NEUTRAL_COLOR,
      }}
    >
      <canvas
        ref={ref}
        width={Math.max(1, gridSize)}
        height={Math.max(1, gridSize)}
        style={{ display: 'block', width: '100%', height: '100%', imageRendering: 'auto' }}
      />
    </div>
  );
});

/** Side of the enlarged hover heatmap. */
export const ZOOM = 160;

interface NeuronZoomProps {
  left: number;
  top: number;
  label: string;
  grid: Float32Array | null;
  unit: number;
  gridSize: number;
  discretize: boolean;
}

/** The enlarged heatmap of the hovered neuron, a tooltip-like overlay that ignores the pointer. */
export function NeuronZoom({ left, top, label, grid, unit, gridSize, discretize }: NeuronZoomProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    paintSlice(ref.current, grid, unit, gridSize, discretize);
  }, [grid, unit, gridSize, discretize]);
  return (
    <div
      data-testid="neuron-zoom"
      aria-hidden="true"
      style={{
        position: 'absolute',
        left,
        top,
        zIndex: 2,
        pointerEvents: 'none',
        padding: 4,
        background: '#fff',
        border: '1px solid #c3c8cd',
        borderRadius: 4,
        boxShadow: '0 2px 8px rgba(0,0,0,0.18)',
      }}
    >
      <canvas
        ref={ref}
        width={Math.max(1, gridSize)}
        height={Math.max(1, gridSize)}
        style={{ display: 'block', width: ZOOM, height: ZOOM, imageRendering: 'auto' }}
      />
      <div style={{ fontSize: 11, color: '#444', marginTop: 3, maxWidth: ZOOM }}>{label}</div>
    </div>
  );
}

interface ValueEditorProps {
  left: number;
  top: number;
  label: string;
  hint: string;
  initial: number;
  /** A new value was entered (Enter or blur with a changed, finite number). */
  onCommit: (value: number, byKey: boolean) => void;
  /** Escape, or Enter / blur with nothing new to apply. */
  onCancel: (byKey: boolean) => void;
}

/**
 * Inline number editor for a weight or bias. Uncontrolled, and seeded once when it opens, so
 * training steps that keep changing the weight underneath do not overwrite what the user types.
 */
export function ValueEditor({ left, top, label, hint, initial, onCommit, onCancel }: ValueEditorProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  // Enter/Escape close the editor and the unmount can still fire blur; finish only once.
  const doneRef = useRef(false);
  const initialText = formatWeight(initial);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  const finish = (commit: boolean, byKey: boolean) => {
    if (doneRef.current) return;
    doneRef.current = true;
    const text = inputRef.current?.value.trim() ?? '';
    const value = Number(text);
    if (commit && text !== '' && text !== initialText && Number.isFinite(value)) onCommit(value, byKey);
    else onCancel(byKey);
  };

  return (
    <div style={{ position: 'absolute', left, top, zIndex: 3 }}>
      <input
        ref={inputRef}
        type="number"
        step="any"
        aria-label={label}
        title={hint}
        defaultValue={initialText}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            finish(true, true);
          } else if (e.key === 'Escape') {
            // Keep Escape from also reaching app-wide shortcuts (closing panels etc.).
            e.preventDefault();
            e.stopPropagation();
            finish(false, true);
          }
        }}
        onBlur={() => finish(true, false)}
        style={{
          width: 84,
          font: 'inherit',
          fontSize: 12,
          padding: '2px 4px',
          border: '1px solid #0877bd',
          borderRadius: 3,
          boxShadow: '0 1px 4px rgba(0,0,0,0.2)',
        }}
      />
    </div>
  );
}
