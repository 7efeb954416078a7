import { useMemo } from 'react';
import { area, extent, line, scaleLinear } from 'd3';
import type { DynamicsHistogram } from '../training/dynamicsTypes';
import { BAND_PERCENTILES, percentileOf } from './dynamicsStats';
import { formatValue } from './format';

/** Props of {@link DistributionChart}. */
export interface DistributionChartProps {
  /** One histogram per probed step, oldest first. */
  steps: { step: number; hist: DynamicsHistogram }[];
  /** What the chart shows, with the numbers of the latest step (the text alternative). */
  label: string;
  stepLabel: string;
  color?: string;
  width?: number;
  height?: number;
}

const MARGIN = { top: 8, right: 10, bottom: 22, left: 48 };
const N = BAND_PERCENTILES.length;

/**
 * A distribution over time, as TensorBoard's distributions dashboard draws it: at each step the
 * percentiles of the histogram (0, 6.7, 15.9, 30.9, 50, 69.1, 84.1, 93.3, 100 %), nested bands
 * shaded darker toward the middle, and the median as a line.
 */
export function DistributionChart({ steps, label, stepLabel, color = '#0877bd', width = 460, height = 170 }: DistributionChartProps) {
  const drawn = useMemo(() => {
    const rows = steps.map((s) => ({ step: s.step, q: BAND_PERCENTILES.map((p) => percentileOf(s.hist, p)) })).filter((r) => r.q.every(Number.isFinite));
    const [s0 = 0, s1 = 1] = extent(rows, (r) => r.step);
    const x = scaleLinear([s0, s1 > s0 ? s1 : s0 + 1], [MARGIN.left, width - MARGIN.right]);
    let lo = Math.min(...rows.map((r) => r.q[0]));
    let hi = Math.max(...rows.map((r) => r.q[N - 1]));
    if (!rows.length) [lo, hi] = [0, 1];
    if (hi <= lo) [lo, hi] = [lo - 0.5, hi + 0.5];
    const y = scaleLinear([lo, hi], [height - MARGIN.bottom, MARGIN.top]).nice();
    // A single step: widen it into a short bar so it shows.
    const pts = rows.length === 1 ? [rows[0], { ...rows[0], step: rows[0].step + 0.001 }] : rows;
    const xOf = rows.length === 1 ? (i: number) => MARGIN.left + i * (width - MARGIN.left - MARGIN.right) : (i: number) => x(pts[i].step);
    const bands = [0, 1, 2, 3].map((b) => ({
      opacity: 0.14 + b * 0.12,
      d:
        area<(typeof pts)[number]>()
          .x((_, i) => xOf(i))
          .y0((r) => y(r.q[b]))
          .y1((r) => y(r.q[N - 1 - b]))(pts) ?? '',
    }));
    const median =
      line<(typeof pts)[number]>()
        .x((_, i) => xOf(i))
        .y((r) => y(r.q[4]))(pts) ?? '';
    return { x, y, bands, median, empty: !rows.length };
  }, [steps, width, height]);
  return (
    <figure className="distribution-chart">
      <svg width={width} height={height} role="img" aria-label={label} data-testid="distribution-chart">
        <g className="axis" fontSize={10} fill="currentColor">
          {drawn.y.ticks(4).map((t) => (
            <g key={t} transform={`translate(0,${drawn.y(t)})`}>
              <line x1={MARGIN.left - 3} x2={width - MARGIN.right} stroke="#e3e6e8" />
              <text x={MARGIN.left - 5} dy="0.32em" textAnchor="end">
                {formatValue(t, 2)}
              </text>
            </g>
          ))}
          {drawn.x.ticks(5).map((t) => (
            <text key={t} x={drawn.x(t)} y={height - 6} textAnchor="middle">
              {formatValue(t, 3)}
            </text>
          ))}
          <text x={MARGIN.left - 5} y={height - 6} textAnchor="end" opacity={0.7}>
            {stepLabel}
          </text>
        </g>
        {drawn.empty
          ? null
          : drawn.bands.map((b, i) => <path key={i} d={b.d} fill={color} fillOpacity={b.opacity} stroke="none" className="band" />)}
        {drawn.empty ? null : <path d={drawn.median} fill="none" stroke={color} strokeWidth={1.5} className="median" />}
      </svg>
      <figcaption className="visually-hidden">{label}</figcaption>
    </figure>
  );
}
