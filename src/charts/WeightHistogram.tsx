import { scaleLinear } from 'd3';
import type { WeightHistogramData } from './weightHistogram';
import { formatValue } from './format';

const M = { top: 8, right: 12, bottom: 30, left: 12 };

/** Before as bars, after as stems, int8 levels as ticks under the axis (weightHistogram.ts bins them). */
export function WeightHistogram({ data, label, width = 560, height = 190 }: { data: WeightHistogramData; label: string; width?: number; height?: number }) {
  const x = scaleLinear(data.domain, [M.left, width - M.right]);
  const base = height - M.bottom;
  // One count axis for bars and stems; a stem far above the rest (the pruned weights at 0) is cut
  // at the top and labelled with its count, so the other weights stay visible.
  const counts = data.stems.map((st) => st.count).sort((a, b) => b - a);
  const top = Math.max(data.maxBin, counts.length > 1 && counts[0] > 3 * Math.max(data.maxBin, counts[1]) ? counts[1] : (counts[0] ?? 1));
  const yBin = scaleLinear([0, top], [base, M.top + 12]).clamp(true);
  const yStem = yBin;
  const ticks = [data.domain[0], data.domain[0] / 2, 0, data.domain[1] / 2, data.domain[1]];
  return (
    <svg className="weight-histogram" viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }} role="img" aria-label={label} data-testid="compress-histogram">
      <g className="bins">
        {data.bins.map((b, i) =>
          b.count ? <rect key={i} x={x(b.x0)} y={yBin(b.count)} width={Math.max(0.5, x(b.x1) - x(b.x0) - 0.5)} height={base - yBin(b.count)} fill="#9aa5b1" fillOpacity={0.55} /> : null,
        )}
      </g>
      <g className="stems" stroke="#c2410c" strokeWidth={1.2}>
        {data.stems.map((s, i) => (
          <line key={i} x1={x(s.x)} x2={x(s.x)} y1={base} y2={s.count > top ? M.top : yStem(s.count)} />
        ))}
      </g>
      <g fontSize={10} fill="#c2410c" textAnchor="start">
        {data.stems
          .filter((s) => s.count > top)
          .map((s, i) => (
            <text key={i} x={x(s.x) + 3} y={M.top + 8} data-testid="compress-stem-count">
              {s.count}
            </text>
          ))}
      </g>
      <line x1={M.left} x2={width - M.right} y1={base} y2={base} stroke="currentColor" strokeOpacity={0.5} />
      <g className="levels" stroke="#0877bd" strokeOpacity={0.7} data-testid="compress-levels" data-count={data.levels.length}>
        {data.levels.map((l, i) => (
          <line key={i} x1={x(l)} x2={x(l)} y1={base + 2} y2={base + 8} />
        ))}
      </g>
      <g fontSize={10} fill="currentColor" textAnchor="middle">
        {ticks.map((t, i) => (
          <text key={i} x={x(t)} y={height - 6}>
            {formatValue(t, 2)}
          </text>
        ))}
      </g>
    </svg>
  );
}
