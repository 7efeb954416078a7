import { scaleLinear, scaleLog } from 'd3';
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useT, type MessageKey, type TFunction } from '../../i18n';
import { CANDIDATE, GATE_NAMES, type RecurrentType, type Unrolled } from '../../models/recurrentUnroll';
import { divergingTable, NEUTRAL_COLOR, toRgb } from '../../charts/colors';
import { context2d } from '../../charts/paintHeatmap';
import { formatValue, maxAbs } from '../../charts/format';
import './RecurrentView.css';

/** Props of {@link RecurrentView}. All data comes in; the view reads no store. */
export interface RecurrentViewProps {
  type: RecurrentType;
  /** Labels of the time steps (the probe example's tokens), one per step. */
  tokens: string[];
  /** The layer unrolled on the probe example (models/recurrentUnroll.ts). */
  unrolled: Unrolled;
  /** ‖∂L/∂hₜ‖ per step, e.g. from `gradientNormsThroughTime`; no chart without it. */
  gradNorms?: Float32Array;
  /** Changes whenever the arrays do (they may be rewritten in place), so the canvases repaint. */
  version: unknown;
}

/** Open gates paint in this colour, closed ones in the shared near-white. */
const GATE_COLOR = '#1b7a5a';
/** CSS px budget across the time axis and down one map. */
const MAP_WIDTH = 360;
const MAP_HEIGHT = 72;
const CHART_HEIGHT = 56;
/** Room right of the chart for its tick labels. */
const AXIS_WIDTH = 44;

let gateTable: Uint8ClampedArray | null = null;
/** 256-entry RGBA table over [0, 1] for gates (built once, shared). */
export function gateColorTable(): Uint8ClampedArray {
  if (!gateTable) {
    const scale = scaleLinear<string>().domain([0, 1]).range([NEUTRAL_COLOR, GATE_COLOR]);
    gateTable = new Uint8ClampedArray(256 * 4);
    for (let k = 0; k < 256; k++) {
      gateTable.set([...toRgb(scale(k / 255)), 255], k * 4);
    }
  }
  return gateTable;
}

/**
 * Paint a `steps × units` series (row-major by step, as the unroll gives it) as `units` pixel rows
 * by `steps` pixel columns: `lo` maps to the table's first entry, `hi` to its last, out-of-range
 * values clamp and non-finite ones stay transparent. `out` has steps·units·4 bytes.
 */
export function fillSeriesPixels(out: Uint8ClampedArray, values: Float32Array, steps: number, units: number, table: Uint8ClampedArray, lo: number, hi: number): void {
  const last = (table.length >> 2) - 1;
  const k = hi > lo ? last / (hi - lo) : 0;
  for (let t = 0; t < steps; t++) {
    for (let j = 0; j < units; j++) {
      const v = values[t * units + j];
      const o = (j * steps + t) * 4;
      if (!Number.isFinite(v)) {
        out[o + 3] = 0;
        continue;
      }
      const e = Math.min(last, Math.max(0, Math.round((v - lo) * k))) * 4;
      out[o] = table[e];
      out[o + 1] = table[e + 1];
      out[o + 2] = table[e + 2];
      out[o + 3] = 255;
    }
  }
}

/** One heatmap: its values, colour range and labels. */
interface Panel {
  id: string;
  name: MessageKey;
  desc: MessageKey;
  values: Float32Array;
  kind: 'diverging' | 'gate';
  /** The magnitude painted at full colour (diverging) or 1 (gate). */
  scale: number;
}

/** The maps to show for a layer type, top to bottom: hidden state, cell state, gates, candidate. */
export function recurrentPanels(type: RecurrentType, u: Unrolled): Panel[] {
  const panels: Panel[] = [{ id: 'hidden', name: 'sequence.rnn.hidden', desc: 'sequence.rnn.hiddenDesc', values: u.hidden, kind: 'diverging', scale: Math.max(1, maxAbs(u.hidden)) }];
  if (type === 'LSTM' && u.cell) panels.push({ id: 'cell', name: 'sequence.rnn.cell', desc: 'sequence.rnn.cellDesc', values: u.cell, kind: 'diverging', scale: Math.max(1, maxAbs(u.cell)) });
  for (const gate of GATE_NAMES[type]) {
    const values = u.gates[gate];
    if (values) panels.push({ id: gate, name: `sequence.rnn.gate.${gate}` as MessageKey, desc: `sequence.rnn.gate.${gate}Desc` as MessageKey, values, kind: 'gate', scale: 1 });
  }
  const candidate = u.gates[CANDIDATE];
  if (candidate && type !== 'SimpleRNN') {
    panels.push({ id: CANDIDATE, name: `sequence.rnn.candidate.${type}`, desc: `sequence.rnn.candidate.${type}Desc`, values: candidate, kind: 'diverging', scale: 1 });
  }
  return panels;
}

/** What the pointer is over: a map cell or a gradient bar. */
type Hover = { panel: string; t: number; unit: number } | { panel: 'grad'; t: number } | null;

/** Step and row under the pointer, from the element's box and the cell size. */
function cellUnder(e: MouseEvent<Element>, cellW: number, rowH: number, steps: number, rows: number) {
  const box = e.currentTarget.getBoundingClientRect();
  const t = Math.floor((e.clientX - box.left) / cellW);
  const r = Math.floor((e.clientY - box.top) / rowH);
  return t >= 0 && t < steps && r >= 0 && r < rows ? { t, r } : null;
}

interface MapProps {
  panel: Panel;
  t: TFunction;
  steps: number;
  units: number;
  cellW: number;
  rowH: number;
  hoverT: number | null;
  version: unknown;
  onHover(h: Hover): void;
}

/** One row: the map's name and meaning, and its canvas (repainted when `version` changes). */
function SeriesMap({ panel, t, steps, units, cellW, rowH, hoverT, version, onHover }: MapProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const image = useRef<ImageData | null>(null);
  const { values, kind, scale } = panel;
  useEffect(() => {
    const ctx = context2d(ref.current);
    if (!ctx || steps < 1 || units < 1) return;
    // One ImageData per canvas, reused while the size holds: this runs several times a second.
    if (!image.current || image.current.width !== steps || image.current.height !== units) image.current = ctx.createImageData(steps, units);
    const table = kind === 'gate' ? gateColorTable() : divergingTable();
    fillSeriesPixels(image.current.data, values, steps, units, table, kind === 'gate' ? 0 : -scale, scale);
    ctx.putImageData(image.current, 0, 0);
  }, [values, kind, scale, steps, units, version]);
  const name = t(panel.name);
  return (
    <div className="rv-row" data-panel={panel.id}>
      <div className="rv-label">
        <span className="rv-name">{name}</span>
        <span className="rv-desc">{t(panel.desc)}</span>
      </div>
      <div
        className="rv-box"
        style={{ width: steps * cellW, height: units * rowH }}
        onMouseMove={(e) => {
          const c = cellUnder(e, cellW, rowH, steps, units);
          onHover(c ? { panel: panel.id, t: c.t, unit: c.r } : null);
        }}
        onMouseLeave={() => onHover(null)}
      >
        <canvas ref={ref} width={steps} height={units} role="img" aria-label={t('sequence.rnn.mapLabel', { name, units, steps })} />
        {hoverT !== null && <div className="rv-col" style={{ left: hoverT * cellW, width: cellW }} />}
      </div>
    </div>
  );
}

interface ChartProps {
  norms: Float32Array;
  t: TFunction;
  steps: number;
  cellW: number;
  hoverT: number | null;
  onHover(h: Hover): void;
}

/** ‖∂L/∂hₜ‖ as one bar per step, linear or log scale, aligned with the maps' columns. */
function GradientChart({ norms, t, steps, cellW, hoverT, onHover }: ChartProps) {
  const [log, setLog] = useState(false);
  const width = steps * cellW;
  const { y, ticks } = useMemo(() => {
    let max = 0;
    let min = Infinity;
    for (let i = 0; i < steps; i++) {
      const v = norms[i];
      if (v > max) max = v;
      if (v > 0 && v < min) min = v;
    }
    if (!(max > 0)) max = 1;
    if (!log) {
      const lin = scaleLinear().domain([0, max]).range([CHART_HEIGHT, 2]).nice(3);
      return { y: lin, ticks: lin.ticks(3) };
    }
    // Down to the decade below the smallest norm, so even the smallest bar has some height.
    const lo = 10 ** Math.floor(Math.log10(Math.max(Number.isFinite(min) ? min : max, max * 1e-12)) - 1e-9);
    const lg = scaleLog().domain([lo, max]).range([CHART_HEIGHT, 2]).clamp(true);
    const decades = lg.ticks().filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
    const step = Math.max(1, Math.ceil(decades.length / 3));
    return { y: lg, ticks: (decades.length ? decades : [lo, max]).filter((_, i, a) => (a.length - 1 - i) % step === 0) };
  }, [norms, steps, log]);
  return (
    <div className="rv-row rv-grad">
      <div className="rv-label">
        <span className="rv-name">
          {t('sequence.rnn.grad')} <span className="rv-formula">{t('sequence.rnn.gradFormula')}</span>
        </span>
        <span className="rv-desc">{t('sequence.rnn.gradDesc')}</span>
        <label className="rv-log">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} />
          {t('sequence.rnn.logScale')}
        </label>
      </div>
      <svg
        width={width + AXIS_WIDTH}
        height={CHART_HEIGHT + 1}
        role="img"
        aria-label={t('sequence.rnn.gradChart', { steps })}
        onMouseMove={(e) => {
          const c = cellUnder(e, cellW, CHART_HEIGHT + 1, steps, 1);
          onHover(c ? { panel: 'grad', t: c.t } : null);
        }}
        onMouseLeave={() => onHover(null)}
      >
        <rect className="rv-grad-bg" x={0} y={0} width={width} height={CHART_HEIGHT} />
        {Array.from({ length: steps }, (_, i) => {
          const v = norms[i];
          if (!(v > 0)) return null;
          const top = y(v);
          return <rect key={i} className={i === hoverT ? 'rv-bar is-hover' : 'rv-bar'} x={i * cellW + (cellW > 4 ? 1 : 0)} y={top} width={Math.max(1, cellW - (cellW > 4 ? 2 : 0))} height={Math.max(0.5, CHART_HEIGHT - top)} />;
        })}
        <line className="rv-axis" x1={0} x2={width} y1={CHART_HEIGHT} y2={CHART_HEIGHT} />
        {ticks.map((v) => (
          <text key={v} className="rv-tick" x={width + 4} y={y(v)} dy="0.32em">
            {formatValue(v)}
          </text>
        ))}
      </svg>
    </div>
  );
}

/** Token labels under the columns, thinned so they do not overlap (each has its full text as a tooltip). */
function TokenAxis({ tokens, steps, cellW, t }: { tokens: string[]; steps: number; cellW: number; t: TFunction }) {
  const longest = tokens.slice(0, steps).reduce((m, s) => Math.max(m, [...s].length), 1);
  const every = Math.max(1, Math.ceil(Math.min(64, 7 * longest + 4) / cellW));
  return (
    <div className="rv-row">
      <div className="rv-label rv-axis-name">{t('sequence.rnn.time')}</div>
      <div className="rv-tokens" style={{ gridTemplateColumns: `repeat(${steps}, ${cellW}px)` }}>
        {Array.from({ length: steps }, (_, i) => {
          const label = tokens[i] ?? String(i + 1);
          return i % every === 0 ? (
            <span key={i} className="rv-token" title={label} style={{ gridColumn: `${i + 1} / span ${Math.min(every, steps - i)}` }}>
              {label}
            </span>
          ) : null;
        })}
      </div>
    </div>
  );
}

const gradientCss = (table: Uint8ClampedArray, stops: number[]) => {
  const last = (table.length >> 2) - 1;
  const parts = stops.map((f) => {
    const k = Math.round(f * last) * 4;
    return `rgb(${table[k]}, ${table[k + 1]}, ${table[k + 2]}) ${f * 100}%`;
  });
  return `linear-gradient(to right, ${parts.join(', ')})`;
};

/**
 * A recurrent layer unrolled over time: hidden state (and LSTM cell state) as diverging heatmaps,
 * units down and time steps across; one sequential heatmap per gate; the gradient norm flowing
 * back through time as bars. Pointing at a cell reads its value; the column is marked in every map.
 */
export function RecurrentView({ type, tokens, unrolled, gradNorms, version }: RecurrentViewProps) {
  const t = useT();
  const [hover, setHover] = useState<Hover>(null);
  const { steps, units } = unrolled;
  // Not memoised: the arrays may be rewritten in place (`version`), and the scan is T·units per map.
  const panels = recurrentPanels(type, unrolled);
  const cellW = Math.max(3, Math.min(32, Math.floor(MAP_WIDTH / Math.max(1, steps))));
  const rowH = Math.max(2, Math.min(12, Math.floor(MAP_HEIGHT / Math.max(1, units))));
  const hoverT = hover && hover.t < steps ? hover.t : null;

  if (steps < 1 || units < 1) {
    return (
      <section className="rv" aria-label={t('sequence.rnn.region')}>
        <p className="rv-note">{t('sequence.rnn.empty')}</p>
      </section>
    );
  }

  let readout = t('sequence.rnn.hover');
  if (hover) {
    const token = tokens[hover.t] ?? String(hover.t + 1);
    const panel = 'unit' in hover ? panels.find((p) => p.id === hover.panel) : undefined;
    if (panel && 'unit' in hover) {
      const value = formatValue(panel.values[hover.t * units + hover.unit]);
      readout = t('sequence.rnn.cellValue', { name: t(panel.name), step: hover.t + 1, token, unit: hover.unit + 1, value });
    } else if (hover.panel === 'grad' && gradNorms) {
      readout = t('sequence.rnn.gradValue', { step: hover.t + 1, token, value: formatValue(gradNorms[hover.t]) });
    }
  }
  const hasGates = GATE_NAMES[type].length > 0;

  return (
    <section className="rv" aria-label={t('sequence.rnn.region')}>
      <header className="rv-head">
        <h3 className="rv-title">{t('sequence.rnn.region')}</h3>
        <span className="rv-kind">{t('sequence.rnn.kind', { type, units, steps })}</span>
        {unrolled.goBackwards && <span className="rv-kind">· {t('sequence.rnn.backwards')}</span>}
      </header>
      <p className="rv-note">{t(unrolled.goBackwards ? 'sequence.rnn.explainBackwards' : 'sequence.rnn.explain')}</p>
      {panels.map((p) => (
        <SeriesMap key={p.id} panel={p} t={t} steps={steps} units={units} cellW={cellW} rowH={rowH} hoverT={hoverT} version={version} onHover={setHover} />
      ))}
      {!hasGates && <p className="rv-note">{t('sequence.rnn.noGates')}</p>}
      {gradNorms && <GradientChart norms={gradNorms} t={t} steps={steps} cellW={cellW} hoverT={hoverT} onHover={setHover} />}
      <TokenAxis tokens={tokens} steps={steps} cellW={cellW} t={t} />
      <p className="rv-readout">{readout}</p>
      <div className="rv-legend">
        <span>{t('sequence.rnn.negative')}</span>
        <span className="rv-ramp" style={{ background: gradientCss(divergingTable(), [0, 0.5, 1]) }} />
        <span>{t('sequence.rnn.positive')}</span>
        {hasGates && (
          <>
            <span className="rv-legend-gap">{t('sequence.rnn.closed')}</span>
            <span className="rv-ramp" style={{ background: gradientCss(gateColorTable(), [0, 1]) }} />
            <span>{t('sequence.rnn.open')}</span>
          </>
        )}
      </div>
    </section>
  );
}
