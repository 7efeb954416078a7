import { scaleLinear } from 'd3';
import { POSITIVE_COLOR } from './colors';

/**
 * A learning-rate schedule drawn small: the planned rate over the epochs, dashed where it is only
 * a plan (reduce-on-plateau cannot know its reductions ahead), and the rate in use now as a dot.
 */
export function ScheduleCurve({
  curve,
  now,
  planned,
  label,
  width = 180,
  height = 44,
}: {
  curve: readonly { epoch: number; lr: number }[];
  /** The current epoch (fractional) and rate, or null before training. */
  now: { epoch: number; lr: number } | null;
  /** False: the curve is a guess (dashed). */
  planned: boolean;
  label: string;
  width?: number;
  height?: number;
}) {
  const pad = 4;
  const maxEpoch = Math.max(curve[curve.length - 1]?.epoch ?? 1, now?.epoch ?? 0, 1e-9);
  const maxLr = Math.max(...curve.map((p) => p.lr), now?.lr ?? 0, 1e-12);
  const x = scaleLinear().domain([0, maxEpoch]).range([pad, width - pad]);
  const y = scaleLinear().domain([0, maxLr]).range([height - pad, pad]);
  const d = curve.map((p, i) => `${i ? 'L' : 'M'}${x(p.epoch).toFixed(1)},${y(p.lr).toFixed(1)}`).join('');
  return (
    <svg className="schedule-curve" width={width} height={height} role="img" aria-label={label} data-testid="schedule-curve">
      <line x1={pad} x2={width - pad} y1={height - pad} y2={height - pad} stroke="currentColor" strokeOpacity={0.25} />
      <path d={d} fill="none" stroke={POSITIVE_COLOR} strokeWidth={1.5} strokeDasharray={planned ? undefined : '3 3'} />
      {now ? (
        <>
          <line x1={x(now.epoch)} x2={x(now.epoch)} y1={pad} y2={height - pad} stroke="currentColor" strokeOpacity={0.3} />
          <circle cx={x(now.epoch)} cy={y(now.lr)} r={3.5} fill={POSITIVE_COLOR} data-testid="schedule-now" />
        </>
      ) : null}
    </svg>
  );
}
