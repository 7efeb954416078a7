import { memo, useMemo } from 'react';
import { linkHorizontal } from 'd3';
import type { BackpropResult, BackpropStep } from '../../models/backprop';
import { formatValue } from '../../charts/format';
import { NEGATIVE_COLOR, NEUTRAL_COLOR, POSITIVE_COLOR } from '../../charts/colors';

/**
 * The network as the step-through draws it: compact columns of labelled value boxes (a during the
 * forward pass, δ during the backward pass) and links coloured and thickened by what the current
 * phase is about (the weight, its gradient, its change). The current neuron wears a yellow halo.
 * Pure props in, SVG out.
 */

/** A link: kernel `layer` (0 = input → first Dense), from unit `from` to unit `to`. */
export interface LinkRef {
  layer: number;
  from: number;
  to: number;
}

export const sameLink = (a: LinkRef | null, b: LinkRef | null) => !!a && !!b && a.layer === b.layer && a.from === b.from && a.to === b.to;

const COL_WIDE = 108;
const COL_NARROW = 84;
const BOX_W = 64;
const BOX_H = 30;
const ROW = 44;
const PAD_LEFT = 54;
const HEAD = 34;
const TARGET_W = 64;
const FAINT = '#dde1e5';
const HALO = '#ffcf33';
const INK = '#1f2328';

const linkPath = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>();

interface Geometry {
  width: number;
  height: number;
  /** Per column: box left and each box's vertical centre. */
  cols: { left: number; ys: number[] }[];
}

function geometry(units: readonly number[]): Geometry {
  // Deeper networks get narrower columns so the side panel still fits beside them.
  const COL = units.length > 4 ? COL_NARROW : COL_WIDE;
  const maxUnits = Math.max(1, ...units);
  const bodyH = maxUnits * ROW;
  const cols = units.map((n, i) => {
    const top = HEAD + (bodyH - n * ROW) / 2 + ROW / 2;
    return { left: PAD_LEFT + i * COL + (COL - BOX_W) / 2, ys: Array.from({ length: n }, (_, k) => top + k * ROW) };
  });
  return { width: PAD_LEFT + units.length * COL + TARGET_W, height: HEAD + bodyH + 8, cols };
}

type LinkLook = { color: string; width: number; opacity: number };

const signColor = (v: number) => (v > 0 ? POSITIVE_COLOR : v < 0 ? NEGATIVE_COLOR : NEUTRAL_COLOR);
/** Width by |v| against the largest |v| shown, so the biggest link reads ~6 px whatever the scale. */
const widthOf = (v: number, max: number) => (max > 0 && Number.isFinite(v) ? 0.75 + 5.5 * Math.min(1, Math.abs(v) / max) : 0.75);
const weightWidth = (w: number) => (Number.isFinite(w) ? 0.6 + 5 * Math.min(1, Math.abs(w) / 3) : 0.6);

function maxAbsOf(rows: readonly (readonly number[])[]): number {
  let m = 0;
  for (const r of rows) for (const v of r) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  return m;
}

/** Has neuron (layer, unit) got its value at this step? */
export function forwardKnown(step: BackpropStep, layer: number, unit: number): boolean {
  if (step.phase === 'example') return false;
  if (step.phase !== 'forward') return true;
  return layer < step.layer || (layer === step.layer && unit <= step.unit);
}

/** Has neuron (layer, unit) got its δ at this step? */
export function deltaKnown(step: BackpropStep, layer: number, unit: number): boolean {
  if (step.phase === 'update') return true;
  if (step.phase !== 'backward') return false;
  return layer > step.layer || (layer === step.layer && unit <= step.unit);
}

export interface BackpropDiagramProps {
  result: BackpropResult;
  step: BackpropStep;
  /** Labels of the input features, e.g. 'x₁', 'sin(x₁)'. */
  inputLabels: string[];
  /** A caption per column (input, each hidden layer, output). */
  columnTitles: string[];
  /** Accessible name of a neuron (column index, unit). */
  neuronName: (column: number, unit: number) => string;
  /** Label of the loss box's target values. */
  selected: LinkRef | null;
  hovered: LinkRef | null;
  onSelect: (link: LinkRef | null) => void;
  onHover: (link: LinkRef | null) => void;
  linkLabel: (link: LinkRef) => string;
}

export const BackpropDiagram = memo(function BackpropDiagram(props: BackpropDiagramProps) {
  const { result, step, inputLabels, columnTitles, neuronName, selected, hovered, onSelect, onHover, linkLabel } = props;
  const units = useMemo(() => [result.input.length, ...result.layers.map((l) => l.units)], [result]);
  const geo = useMemo(() => geometry(units), [units]);
  const maxGrad = useMemo(() => maxAbsOf(result.layers.map((l) => l.gradW)), [result]);
  const maxChange = useMemo(
    () => maxAbsOf(result.layers.map((l) => l.newKernel.map((w, i) => w - l.kernel[i]))),
    [result],
  );
  const backwardish = step.phase === 'backward' || step.phase === 'update';
  const current = step.phase === 'forward' || step.phase === 'backward' ? { layer: step.layer, unit: step.unit } : null;

  const look = (layer: number, from: number, to: number): LinkLook => {
    const L = result.layers[layer];
    const idx = from * L.units + to;
    const w = L.kernel[idx];
    if (step.phase === 'example') return { color: FAINT, width: 1, opacity: 1 };
    if (step.phase === 'forward') {
      if (layer === step.layer && to === step.unit) return { color: signColor(w), width: weightWidth(w), opacity: 1 };
      if (forwardKnown(step, layer, to)) return { color: signColor(w), width: weightWidth(w), opacity: 0.25 };
      return { color: FAINT, width: 1, opacity: 1 };
    }
    if (step.phase === 'loss') return { color: signColor(w), width: weightWidth(w), opacity: 0.3 };
    if (step.phase === 'update') {
      const d = L.newKernel[idx] - w;
      return { color: signColor(d), width: widthOf(d, maxChange), opacity: 0.9 };
    }
    // Backward: a link's gradient is known once the δ it ends in is.
    const g = L.gradW[idx];
    const into = layer === step.layer && to === step.unit;
    // The links that carry the next layer's δ back into the current neuron.
    const outOf = layer === step.layer + 1 && from === step.unit;
    if (into) return { color: signColor(g), width: widthOf(g, maxGrad), opacity: 1 };
    if (outOf) return { color: signColor(L.delta[to]), width: widthOf(g, maxGrad), opacity: 0.85 };
    if (deltaKnown(step, layer, to)) return { color: signColor(g), width: widthOf(g, maxGrad), opacity: 0.3 };
    return { color: FAINT, width: 1, opacity: 1 };
  };

  const links: React.ReactNode[] = [];
  const marks: React.ReactNode[] = [];
  result.layers.forEach((L, layer) => {
    const a = geo.cols[layer];
    const b = geo.cols[layer + 1];
    for (let from = 0; from < L.fanIn; from++) {
      for (let to = 0; to < L.units; to++) {
        const d = linkPath({ source: [a.left + BOX_W, a.ys[from]], target: [b.left, b.ys[to]] }) ?? '';
        const lk = look(layer, from, to);
        const ref = { layer, from, to };
        const isSel = sameLink(selected, ref);
        const isHov = sameLink(hovered, ref);
        if (isSel || isHov) {
          marks.push(<path key={`m${layer}-${from}-${to}`} d={d} fill="none" stroke={INK} strokeWidth={lk.width + 3} opacity={isSel ? 0.75 : 0.4} pointerEvents="none" />);
          marks.push(<path key={`n${layer}-${from}-${to}`} d={d} fill="none" stroke={lk.color} strokeWidth={lk.width} pointerEvents="none" />);
        }
        links.push(
          <g
            key={`${layer}-${from}-${to}`}
            data-testid={`bp-link-${layer}-${from}-${to}`}
            data-width={lk.width.toFixed(2)}
            role="button"
            tabIndex={-1}
            aria-label={linkLabel(ref)}
            aria-pressed={isSel}
            style={{ cursor: 'pointer' }}
            onMouseEnter={() => onHover(ref)}
            onMouseLeave={() => onHover(null)}
            onClick={() => onSelect(isSel ? null : ref)}
          >
            <title>{linkLabel(ref)}</title>
            <path d={d} fill="none" stroke={lk.color} strokeWidth={lk.width} opacity={lk.opacity} />
            <path d={d} fill="none" stroke="transparent" strokeWidth={9} />
          </g>,
        );
      }
    }
  });

  const boxes: React.ReactNode[] = [];
  units.forEach((n, col) => {
    const c = geo.cols[col];
    for (let unit = 0; unit < n; unit++) {
      const y = c.ys[unit];
      let value: number | null = null;
      let kind: 'a' | 'δ' = 'a';
      if (col === 0) value = result.input[unit];
      else {
        const layer = col - 1;
        const L = result.layers[layer];
        if (backwardish && deltaKnown(step, layer, unit)) {
          value = L.delta[unit];
          kind = 'δ';
        } else if (forwardKnown(step, layer, unit)) {
          // Softmax outputs exist only once every z of the layer does.
          const waiting = L.activation === 'softmax' && step.phase === 'forward' && step.layer === layer && step.unit < L.units - 1;
          value = waiting ? null : L.a[unit];
        }
      }
      const isCurrent = current !== null && col === current.layer + 1 && unit === current.unit;
      // Everything known about this neuron at this step, for the pointer's tooltip.
      const known: string[] = [];
      if (col > 0) {
        const layer = col - 1;
        const L = result.layers[layer];
        if (value !== null || deltaKnown(step, layer, unit)) known.push(`z = ${formatValue(L.z[unit])}`, `a = ${formatValue(L.a[unit])}`);
        if (deltaKnown(step, layer, unit)) known.push(`δ = ${formatValue(L.delta[unit])}`);
      } else known.push(`a = ${formatValue(result.input[unit])}`);
      const text = value === null ? '' : formatValue(value);
      const stroke = value === null ? '#c3c8cd' : kind === 'δ' ? signColor(value) : '#8a939b';
      boxes.push(
        <g
          key={`${col}-${unit}`}
          data-testid={`bp-neuron-${col}-${unit}`}
          data-current={isCurrent ? 'true' : undefined}
          role="img"
          aria-label={`${neuronName(col, unit)}${text ? ` — ${kind} = ${text}` : ''}`}
        >
          <title>{[neuronName(col, unit), ...known].join('\n')}</title>
          {isCurrent ? <rect x={c.left - 5} y={y - BOX_H / 2 - 5} width={BOX_W + 10} height={BOX_H + 10} rx={9} fill={HALO} opacity={0.85} /> : null}
          <rect
            x={c.left}
            y={y - BOX_H / 2}
            width={BOX_W}
            height={BOX_H}
            rx={5}
            fill={value === null ? '#f4f5f6' : '#fff'}
            stroke={isCurrent ? INK : stroke}
            strokeWidth={isCurrent ? 2 : kind === 'δ' ? 1.75 : 1}
          />
          <text
            x={c.left + BOX_W / 2}
            y={y}
            dy="0.35em"
            textAnchor="middle"
            fontSize={13}
            fontWeight={isCurrent ? 700 : 500}
            fill={kind === 'δ' && value !== null ? (value < 0 ? '#b35c00' : value > 0 ? '#075d94' : INK) : INK}
            style={{ fontVariantNumeric: 'tabular-nums' }}
          >
            {text || '?'}
          </text>
          {col === 0 && inputLabels[unit] ? (
            <text x={c.left - 6} y={y} dy="0.35em" textAnchor="end" fontSize={12} fill="#444">
              {inputLabels[unit]}
            </text>
          ) : null}
        </g>,
      );
    }
  });

  // The target beside each output once the loss is in play.
  const showTarget = step.phase !== 'example' && step.phase !== 'forward';
  const outCol = geo.cols[geo.cols.length - 1];
  const target = showTarget
    ? result.target.map((y, k) => (
        <g key={`t${k}`} data-testid={`bp-target-${k}`}>
          <text x={outCol.left + BOX_W + 10} y={outCol.ys[k]} dy="0.35em" fontSize={12} fill="#444">
            {`y = ${formatValue(y)}`}
          </text>
        </g>
      ))
    : null;

  return (
    <svg width={geo.width} height={geo.height} data-testid="bp-diagram" style={{ display: 'block', overflow: 'visible', fontFamily: 'inherit' }}>
      {columnTitles.map((title, col) =>
        geo.cols[col] ? (
          <text key={`h${col}`} x={geo.cols[col].left + BOX_W / 2} y={14} textAnchor="middle" fontSize={11} fontWeight={600} fill="#333">
            {title}
          </text>
        ) : null,
      )}
      <text x={geo.cols[0].left + BOX_W / 2} y={28} textAnchor="middle" fontSize={10} fill="#6b7075">
        a
      </text>
      {geo.cols.slice(1).map((c, i) => (
        <text key={`k${i}`} x={c.left + BOX_W / 2} y={28} textAnchor="middle" fontSize={10} fill="#6b7075">
          {backwardish && result.layers[i] && deltaKnown(step, i, 0) ? 'δ' : 'a'}
        </text>
      ))}
      <g>{links}</g>
      <g>{marks}</g>
      <g>{boxes}</g>
      {target}
      {showTarget ? (
        <text x={outCol.left + BOX_W + 10} y={28} fontSize={10} fill="#6b7075">
          {step.phase === 'loss' || step.phase === 'backward' || step.phase === 'update' ? `L = ${formatValue(result.loss)}` : ''}
        </text>
      ) : null}
    </svg>
  );
});
