import { scaleLinear } from 'd3';
import { useT } from '../../i18n';

const W = 340;
const H = 260;
const M = { left: 36, right: 10, top: 10, bottom: 34 };

/**
 * Predicted against held-out ratings: one dot per held-out rating (spread a little sideways, since
 * ratings are whole stars), the diagonal where a perfect recommender would put them all.
 */
export function RatingScatter({ truth, predicted }: { truth: Float32Array; predicted: Float32Array }) {
  const t = useT();
  const x = scaleLinear().domain([0.5, 5.5]).range([M.left, W - M.right]);
  const y = scaleLinear().domain([0.5, 5.5]).range([H - M.bottom, M.top]);
  const clampY = (v: number) => Math.min(5.5, Math.max(0.5, v));
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t('rec.scatter.aria', { n: truth.length })} data-testid="rec-scatter">
      {[1, 2, 3, 4, 5].map((v) => (
        <g key={v}>
          <line x1={x(v)} x2={x(v)} y1={H - M.bottom} y2={H - M.bottom + 4} className="rec-tick" />
          <text x={x(v)} y={H - M.bottom + 15} textAnchor="middle" className="rec-tick-label">
            {v}
          </text>
          <line x1={M.left - 4} x2={W - M.right} y1={y(v)} y2={y(v)} className="rec-grid" />
          <text x={M.left - 7} y={y(v) + 4} textAnchor="end" className="rec-tick-label">
            {v}
          </text>
        </g>
      ))}
      <line x1={x(0.5)} y1={y(0.5)} x2={x(5.5)} y2={y(5.5)} className="rec-diagonal" data-testid="rec-diagonal" />
      {Array.from(truth, (r, k) => (
        <circle key={k} cx={x(r + (((k * 37) % 11) - 5) * 0.04)} cy={y(clampY(predicted[k]))} r={2.6} className="rec-dot" />
      ))}
      <text x={(M.left + W - M.right) / 2} y={H - 4} textAnchor="middle" className="rec-axis-label">
        {t('rec.scatter.x')}
      </text>
      <text transform={`translate(11,${(H - M.bottom + M.top) / 2}) rotate(-90)`} textAnchor="middle" className="rec-axis-label">
        {t('rec.scatter.y')}
      </text>
    </svg>
  );
}
