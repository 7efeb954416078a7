import { useMemo } from 'react';
import { extent, line, scaleLinear } from 'd3';
import { useT } from '../../i18n';
import { NEGATIVE_COLOR, POSITIVE_COLOR } from '../../charts/colors';

/** Props of {@link ForecastChart}. All data comes in; the chart reads no store. */
export interface ForecastChartProps {
  /** The values the network saw, oldest first. */
  window: ArrayLike<number>;
  /** The true next values. */
  truth: ArrayLike<number>;
  /** The network's forecast of them (same length as `truth`). */
  forecast: ArrayLike<number>;
  /** Size of the whole SVG in CSS px. */
  width?: number;
  height?: number;
}

const MARGIN = { top: 22, right: 10, bottom: 30, left: 40 };
const SEEN_COLOR = '#333333';
const TRUTH_COLOR = POSITIVE_COLOR;
const FORECAST_COLOR = NEGATIVE_COLOR;

const finite = (v: number) => Number.isFinite(v);

/**
 * The series points of a forecast chart, in time steps: the window at 0…W−1, then truth and forecast
 * at W…W+H−1, each joined to the window's last value so the three read as one line that forks.
 */
export function forecastSeries(window: ArrayLike<number>, truth: ArrayLike<number>, forecast: ArrayLike<number>) {
  const w = window.length;
  const seen = Array.from(window, (v, i): [number, number] => [i, v]);
  const join: [number, number][] = w > 0 ? [[w - 1, window[w - 1]]] : [];
  const after = (values: ArrayLike<number>) => [...join, ...Array.from(values, (v, j): [number, number] => [w + j, v])];
  return { seen, truth: after(truth), forecast: after(forecast), steps: w + Math.max(truth.length, forecast.length) };
}

/**
 * A time-series forecast: the window the network saw as a dark line, then the true continuation
 * (blue) and the network's forecast (orange, dashed) from where the window ends, marked by a
 * vertical line. Non-finite values (a diverged run) leave gaps and are ignored by the y axis. Once the
 * network has learned, the orange line lies on the blue one.
 */
export function ForecastChart({ window, truth, forecast, width = 340, height = 180 }: ForecastChartProps) {
  const t = useT();
  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const chart = useMemo(() => {
    const s = forecastSeries(window, truth, forecast);
    const x = scaleLinear()
      .domain([0, Math.max(1, s.steps - 1)])
      .range([0, innerW]);
    const [lo, hi] = extent([...s.seen, ...s.truth, ...s.forecast].map((p) => p[1]).filter(finite));
    const y = scaleLinear()
      .domain(lo === undefined || hi === undefined ? [-1, 1] : lo === hi ? [lo - 1, hi + 1] : [lo, hi])
      .nice(4)
      .range([innerH, 0]);
    const path = line<[number, number]>()
      .defined((p) => finite(p[1]))
      .x((p) => x(p[0]))
      .y((p) => y(p[1]));
    return { s, x, y, seen: path(s.seen) ?? '', truth: path(s.truth) ?? '', forecast: path(s.forecast) ?? '' };
  }, [window, truth, forecast, innerW, innerH]);
  const { x, y, s } = chart;
  const start = x(Math.max(0, window.length - 1));
  const legend = [
    { key: 'seen', label: t('sequence.lab.fc.seen'), color: SEEN_COLOR, dash: undefined },
    { key: 'truth', label: t('sequence.lab.fc.truth'), color: TRUTH_COLOR, dash: undefined },
    { key: 'forecast', label: t('sequence.lab.fc.forecast'), color: FORECAST_COLOR, dash: '4 3' },
  ];
  return (
    <svg
      className="forecast-chart"
      data-testid="forecast-chart"
      data-tour="forecast"
      role="img"
      aria-label={t('sequence.lab.fc.label', { window: window.length, horizon: truth.length })}
      width={width}
      height={height}
      fontSize={10}
      fontFamily="inherit"
    >
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        <rect width={innerW} height={innerH} fill="none" stroke="#e1e4e8" />
        {y.ticks(4).map((v) => (
          <g key={`y${v}`} transform={`translate(0,${y(v)})`}>
            <line x2={innerW} stroke="#eef0f2" />
            <line x2={-4} stroke="#888" />
            <text x={-6} dy="0.32em" textAnchor="end" fill="#555">
              {y.tickFormat(4)(v)}
            </text>
          </g>
        ))}
        {x.ticks(Math.max(2, Math.floor(innerW / 50))).map((v) => (
          <g key={`x${v}`} transform={`translate(${x(v)},${innerH})`}>
            <line y2={4} stroke="#888" />
            <text y={14} textAnchor="middle" fill="#555">
              {v + 1}
            </text>
          </g>
        ))}
        <text x={innerW / 2} y={innerH + 27} textAnchor="middle" fill="#333">
          {t('sequence.lab.fc.time')}
        </text>
        <text transform={`translate(${-30},${innerH / 2}) rotate(-90)`} textAnchor="middle" fill="#333">
          {t('sequence.lab.fc.value')}
        </text>
        {/* Where the forecast starts: the last value the network saw. */}
        <line data-testid="forecast-start" x1={start} x2={start} y2={innerH} stroke="#9aa0a6" strokeDasharray="2 3" />
        <path data-testid="forecast-seen" d={chart.seen} fill="none" stroke={SEEN_COLOR} strokeWidth={1.5} />
        <path data-testid="forecast-truth" d={chart.truth} fill="none" stroke={TRUTH_COLOR} strokeWidth={2} />
        <path data-testid="forecast-forecast" d={chart.forecast} fill="none" stroke={FORECAST_COLOR} strokeWidth={2} strokeDasharray="4 3" />
        {s.forecast.slice(1).map(([step, v]) =>
          finite(v) ? <circle key={step} cx={x(step)} cy={y(v)} r={2} fill={FORECAST_COLOR} /> : null,
        )}
        <g transform="translate(0,-12)">
          {legend.map((l, i) => (
            <g key={l.key} transform={`translate(${i * (innerW / 3)},0)`}>
              <line x2={16} stroke={l.color} strokeWidth={2} strokeDasharray={l.dash} />
              <text x={20} dy="0.32em" fill="#333">
                {l.label}
              </text>
            </g>
          ))}
        </g>
      </g>
    </svg>
  );
}

/** A tiny line of a window and its continuation (no axes), for the probe picker. */
export function Sparkline({ window, next, width = 92, height = 24, label }: { window: ArrayLike<number>; next: ArrayLike<number>; width?: number; height?: number; label: string }) {
  const s = forecastSeries(window, next, []);
  const [lo = -1, hi = 1] = extent([...s.seen, ...s.truth].map((p) => p[1]).filter(finite));
  const x = scaleLinear()
    .domain([0, Math.max(1, s.steps - 1)])
    .range([1, width - 1]);
  const y = scaleLinear()
    .domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi])
    .range([height - 2, 2]);
  const path = line<[number, number]>()
    .defined((p) => finite(p[1]))
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  return (
    <svg className="sparkline" width={width} height={height} role="img" aria-label={label}>
      <path d={path(s.seen) ?? ''} fill="none" stroke={SEEN_COLOR} strokeWidth={1} />
      <path d={path(s.truth) ?? ''} fill="none" stroke={TRUTH_COLOR} strokeWidth={1.5} />
    </svg>
  );
}
