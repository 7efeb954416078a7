import { useMemo } from 'react';
import { extent, interpolateViridis, line, scaleLinear, scaleLog } from 'd3';
import { formatValue } from './format';

/** One layer's values over steps. */
export interface LayerSeries {
  id: string;
  points: { step: number; value: number }[];
  /** Default: by its place among the series (depthColor). */
  color?: string;
}

/** Props of {@link LayerLinesChart}. */
export interface LayerLinesChartProps {
  title: string;
  /** One line per layer, in network order (coloured by depth: dark first, light last). */
  series: LayerSeries[];
  scale: 'log' | 'linear';
  /** The y domain for a linear scale (default: the data's). */
  domain?: [number, number];
  /** The axis word for steps. */
  stepLabel: string;
  width?: number;
  height?: number;
  testId?: string;
}

const MARGIN = { top: 8, right: 10, bottom: 22, left: 48 };

/** The colour of layer `i` of `n` by depth (viridis, without its palest end). */
export function depthColor(i: number, n: number): string {
  return interpolateViridis(n <= 1 ? 0.3 : (i / (n - 1)) * 0.85);
}

/**
 * Lines over steps, one per layer (the gradient norm, the update ratio, the dead-ReLU share of the
 * training-dynamics panel), with a legend and the latest values in the text alternative.
 */
export function LayerLinesChart({ title, series, scale, domain, stepLabel, width = 300, height = 150, testId }: LayerLinesChartProps) {
  const drawn = useMemo(() => {
    const ok = (v: number) => Number.isFinite(v) && (scale === 'linear' || v > 0);
    const clean = series.map((s, i) => ({ id: s.id, color: s.color ?? depthColor(i, series.length), points: s.points.filter((p) => ok(p.value)) }));
    const all = clean.flatMap((s) => s.points);
    const [s0 = 0, s1 = 1] = extent(all, (p) => p.step);
    const x = scaleLinear([s0, s1 > s0 ? s1 : s0 + 1], [MARGIN.left, width - MARGIN.right]);
    let [v0 = 1, v1 = 1] = domain ?? extent(all, (p) => p.value);
    if (scale === 'log') {
      // At least a factor of 10 tall, so a flat line sits in the middle, not on an edge.
      if (v1 / v0 < 10) [v0, v1] = [Math.sqrt(v0 * v1) / Math.sqrt(10), Math.sqrt(v0 * v1) * Math.sqrt(10)];
    } else if (v1 <= v0) [v0, v1] = [v0 - 0.5, v1 + 0.5];
    const yRange: [number, number] = [height - MARGIN.bottom, MARGIN.top];
    const y = scale === 'log' ? scaleLog([v0, v1], yRange) : scaleLinear([v0, v1], yRange);
    const path = line<{ step: number; value: number }>()
      .x((p) => x(p.step))
      .y((p) => y(p.value));
    const lines = clean.map((s) => ({ id: s.id, d: s.points.length ? (path(s.points) ?? '') : '', color: s.color, last: s.points[s.points.length - 1] }));
    // Labels at least 14 px apart (a log axis offers 1, 2, … 9 per decade).
    const yTicks: number[] = [];
    for (const t of y.ticks(4) as number[]) if (!yTicks.length || Math.abs(y(t) - y(yTicks[yTicks.length - 1])) >= 14) yTicks.push(t);
    return { x, y, lines, yTicks, xTicks: x.ticks(4) };
  }, [series, scale, domain, width, height]);
  const summary = drawn.lines.map((l) => `${l.id} ${l.last ? formatValue(l.last.value) : '–'}`).join(', ');
  return (
    <figure className="layer-lines" data-testid={testId}>
      <figcaption className="chart-title">{title}</figcaption>
      <svg width={width} height={height} role="img" aria-label={`${title}: ${summary}`}>
        <g className="axis" fontSize={10} fill="currentColor">
          {drawn.yTicks.map((t) => (
            <g key={t} transform={`translate(0,${drawn.y(t)})`}>
              <line x1={MARGIN.left - 3} x2={width - MARGIN.right} stroke="#e3e6e8" />
              <text x={MARGIN.left - 5} dy="0.32em" textAnchor="end">
                {formatValue(t, 2)}
              </text>
            </g>
          ))}
          {drawn.xTicks.map((t) => (
            <text key={t} x={drawn.x(t)} y={height - 6} textAnchor="middle">
              {formatValue(t, 3)}
            </text>
          ))}
          <text x={MARGIN.left - 5} y={height - 6} textAnchor="end" opacity={0.7}>
            {stepLabel}
          </text>
        </g>
        {drawn.lines.map((l) => (
          <path key={l.id} d={l.d} fill="none" stroke={l.color} strokeWidth={1.6} data-layer={l.id} />
        ))}
      </svg>
      <ul className="layer-legend">
        {drawn.lines.map((l) => (
          <li key={l.id}>
            <span className="swatch" style={{ background: l.color }} />
            {l.id}
          </li>
        ))}
      </ul>
    </figure>
  );
}
