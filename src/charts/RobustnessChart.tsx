import { scaleLinear } from 'd3';

/** One accuracy-against-ε curve and how it is drawn. */
export interface RobustnessCurve {
  id: string;
  label: string;
  color: string;
  dashed?: boolean;
  points: readonly { eps: number; accuracy: number }[];
}

/**
 * Accuracy against the attack's radius ε: one line per measured network, axes labelled, an SVG (so
 * Figure can save it). Props in, pixels out.
 */
export function RobustnessChart({
  curves,
  xLabel,
  yLabel,
  label,
  width = 360,
  height = 220,
}: {
  curves: readonly RobustnessCurve[];
  xLabel: string;
  yLabel: string;
  label: string;
  width?: number;
  height?: number;
}) {
  const m = { top: 10, right: 12, bottom: 38, left: 46 };
  const maxEps = Math.max(0.05, ...curves.flatMap((c) => c.points.map((p) => p.eps)));
  const x = scaleLinear().domain([0, maxEps]).range([m.left, width - m.right]).nice();
  const y = scaleLinear().domain([0, 1]).range([height - m.bottom, m.top]);
  const xTicks = x.ticks(6);
  const yTicks = y.ticks(5);
  return (
    <svg className="robustness-chart" width={width} height={height} role="img" aria-label={label} data-testid="robustness-chart">
      {yTicks.map((v) => (
        <g key={`y${v}`}>
          <line x1={m.left} x2={width - m.right} y1={y(v)} y2={y(v)} stroke="currentColor" strokeOpacity={0.12} />
          <text x={m.left - 6} y={y(v)} dy="0.32em" textAnchor="end" fontSize={11} fill="currentColor">
            {`${Math.round(v * 100)}%`}
          </text>
        </g>
      ))}
      {xTicks.map((v) => (
        <text key={`x${v}`} x={x(v)} y={height - m.bottom + 15} textAnchor="middle" fontSize={11} fill="currentColor">
          {v}
        </text>
      ))}
      <line x1={m.left} x2={width - m.right} y1={height - m.bottom} y2={height - m.bottom} stroke="currentColor" strokeOpacity={0.5} />
      <line x1={m.left} x2={m.left} y1={m.top} y2={height - m.bottom} stroke="currentColor" strokeOpacity={0.5} />
      <text x={(m.left + width - m.right) / 2} y={height - 4} textAnchor="middle" fontSize={12} fill="currentColor">
        {xLabel}
      </text>
      <text transform={`translate(12,${(m.top + height - m.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize={12} fill="currentColor">
        {yLabel}
      </text>
      {curves.map((c) => (
        <g key={c.id} data-testid="robustness-curve">
          <path
            d={c.points.map((p, i) => `${i ? 'L' : 'M'}${x(p.eps).toFixed(1)},${y(p.accuracy).toFixed(1)}`).join('')}
            fill="none"
            stroke={c.color}
            strokeWidth={2}
            strokeDasharray={c.dashed ? '5 3' : undefined}
          />
          {c.points.map((p) => (
            <circle key={p.eps} cx={x(p.eps)} cy={y(p.accuracy)} r={3} fill={c.color}>
              <title>{`${c.label}: ε = ${p.eps}, ${(p.accuracy * 100).toFixed(1)}%`}</title>
            </circle>
          ))}
        </g>
      ))}
    </svg>
  );
}
