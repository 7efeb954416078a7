import { useMemo } from 'react';
import { line, scaleLinear } from 'd3';
import { useT } from '../i18n';
import type { Metrics } from '../training/protocol';

/**
 * One epoch of the training history. Accuracy is null for regression. Token tasks (seq2seq) also
 * report the share of whole sequences right; their `trainAcc`/`testAcc` then count single tokens.
 */
export type LossPoint = Metrics & { epoch: number };

/** Props of {@link LossChart}. */
export interface LossChartProps {
  history: LossPoint[];
  metric: 'loss' | 'accuracy';
  /** Width of the whole SVG in CSS px. Default 320. */
  width?: number;
  /** Height of the whole SVG in CSS px. Default 150. */
  height?: number;
  /** Epochs where hyperparameters changed, drawn as vertical dashed lines. */
  markers?: number[];
  /** Early stopping's best epoch, marked with its own line (null: none). */
  bestEpoch?: number | null;
  /** Other runs drawn under the current one (pinned runs), each in its own colour and lighter. */
  overlays?: ChartOverlay[];
}

/** A run overlaid on the chart: its history and colour (see PINNED_COLORS). */
export interface ChartOverlay {
  id: string;
  color: string;
  history: LossPoint[];
}

/**
 * Pinned runs' colours, one per slot: apart from the current run's dark train and blue test lines,
 * the validation green and the sequence orange, and told apart from each other in colour-blind
 * simulations by lightness as well as hue.
 */
export const PINNED_COLORS = ['#c2255c', '#7048e8', '#e67700', '#0c8599'] as const;

const MARGIN = { top: 20, right: 12, bottom: 32, left: 44 };
/** Above this many points the series is thinned; a 300 px chart cannot show more anyway. */
export const MAX_CHART_POINTS = 1000;
const TRAIN_COLOR = '#333333';
const TEST_COLOR = '#0877bd';
/** Whole-sequence accuracy: one colour for both curves (train solid, test dashed, as above). */
const SEQ_COLOR = '#d9480f';
/** The validation split's curve (early stopping) and its best epoch. */
const VAL_COLOR = '#2b8a3e';

/**
 * Keep about `max` evenly spaced points, always including the first and the last so the curve's
 * end is the current value.
 */
export function decimate<T>(items: T[], max = MAX_CHART_POINTS): T[] {
  if (items.length <= max) return items;
  const stride = Math.ceil(items.length / max);
  const out: T[] = [];
  for (let i = 0; i < items.length; i += stride) out.push(items[i]);
  if (out[out.length - 1] !== items[items.length - 1]) out.push(items[items.length - 1]);
  return out;
}

type Accessor = (p: LossPoint) => number | null;

const ACCESSORS: Record<LossChartProps['metric'], { train: Accessor; test: Accessor }> = {
  loss: { train: (p) => p.trainLoss, test: (p) => p.testLoss },
  accuracy: { train: (p) => p.trainAcc, test: (p) => p.testAcc },
};

const NO_OVERLAYS: ChartOverlay[] = [];

const isFiniteNumber = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

const SEQ_ACCESSORS: { train: Accessor; test: Accessor } = { train: (p) => p.trainSeqAcc ?? null, test: (p) => p.testSeqAcc ?? null };

const VAL_ACCESSORS: Record<LossChartProps['metric'], Accessor> = { loss: (p) => p.valLoss ?? null, accuracy: (p) => p.valAcc ?? null };

/**
 * Train and test curves of loss (or accuracy) against epoch. Non-finite values from a diverged run
 * leave gaps in the lines and are ignored by the y domain, so the chart never collapses. On the
 * accuracy chart of a token task, whole-sequence accuracy joins as a second pair of curves (with its
 * own legend entry) whenever the history carries it.
 */
export function LossChart({ history, metric, width = 320, height = 150, markers, bestEpoch = null, overlays = NO_OVERLAYS }: LossChartProps) {
  const t = useT();
  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const empty = history.length === 0 && overlays.every((o) => o.history.length === 0);

  const chart = useMemo(() => {
    const data = decimate(history);
    const { train, test } = ACCESSORS[metric];
    const others = overlays.map((o) => ({ ...o, data: decimate(o.history) }));
    let lastEpoch = data.length > 0 ? data[data.length - 1].epoch : 0;
    for (const o of others) {
      const end = o.data[o.data.length - 1]?.epoch;
      if (isFiniteNumber(end) && !(end <= lastEpoch)) lastEpoch = end;
    }
    const x = scaleLinear()
      .domain([0, Math.max(1, isFiniteNumber(lastEpoch) ? lastEpoch : 1)])
      .range([0, innerW]);
    let y = scaleLinear().range([innerH, 0]);
    if (metric === 'accuracy') {
      y = y.domain([0, 1]);
    } else {
      let max = 0;
      for (const p of [...data, ...others.flatMap((o) => o.data)]) {
        for (const v of [train(p), test(p), p.valLoss]) if (isFiniteNumber(v) && v > max) max = v;
      }
      y = y.domain([0, max > 0 ? max : 1]).nice(5);
    }
    const build = (get: Accessor, points = data) =>
      line<LossPoint>()
        .defined((p) => isFiniteNumber(get(p)) && isFiniteNumber(p.epoch))
        .x((p) => x(p.epoch))
        .y((p) => y(get(p) as number))(points) ?? '';
    // Whole-sequence accuracy only where some point has it: other tasks draw exactly as before.
    const seq = metric === 'accuracy' && data.some((p) => isFiniteNumber(p.trainSeqAcc) || isFiniteNumber(p.testSeqAcc));
    // The validation curve only while early stopping holds a split out.
    const val = data.some((p) => isFiniteNumber(VAL_ACCESSORS[metric](p)));
    return {
      valD: val ? build(VAL_ACCESSORS[metric]) : null,
      x,
      y,
      trainD: build(train),
      testD: build(test),
      seq: seq ? { trainD: build(SEQ_ACCESSORS.train), testD: build(SEQ_ACCESSORS.test) } : null,
      overlays: others.map((o) => ({ id: o.id, color: o.color, trainD: build(train, o.data), testD: build(test, o.data) })),
    };
  }, [history, metric, innerW, innerH, overlays]);

  const { x, y } = chart;
  const xTicks = x.ticks(Math.max(2, Math.floor(innerW / 60)));
  const yTicks = y.ticks(4);
  const xFormat = x.tickFormat(Math.max(2, Math.floor(innerW / 60)));
  const yFormat = metric === 'accuracy' ? (v: number) => `${Math.round(v * 100)}%` : y.tickFormat(4);
  const [, xMax] = x.domain();
  const visibleMarkers = (markers ?? []).filter((m) => Number.isFinite(m) && m >= 0 && m <= xMax);
  // The text alternative carries the numbers a sighted learner reads off the curve's end.
  const last = history.length ? history[history.length - 1] : null;
  const num = (v: number | null | undefined) =>
    v === null || v === undefined || !Number.isFinite(v) ? '—' : metric === 'accuracy' ? `${(v * 100).toFixed(1)}%` : v.toFixed(3);
  const latest = last
    ? t('a11y.loss.latest', { epoch: Number(last.epoch.toFixed(2)), train: num(metric === 'accuracy' ? last.trainAcc : last.trainLoss), test: num(metric === 'accuracy' ? last.testAcc : last.testLoss) })
    : t('a11y.loss.none');
  const label = `${metric === 'accuracy' ? t('viz.loss.accLabel') : t('viz.loss.label')}. ${latest}`;

  return (
    <svg
      data-testid="loss-chart"
      role="img"
      aria-label={label}
      width={width}
      height={height}
      fontSize={10}
      fontFamily="inherit"
    >
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        <rect width={innerW} height={innerH} fill="none" stroke="#e1e4e8" />
        {!empty &&
          yTicks.map((v) => (
            <g key={`y${v}`} transform={`translate(0,${y(v)})`}>
              <line x2={innerW} stroke="#eef0f2" />
              <line x2={-4} stroke="#888" />
              <text x={-6} dy="0.32em" textAnchor="end" fill="#555">
                {yFormat(v)}
              </text>
            </g>
          ))}
        {!empty &&
          xTicks.map((v) => (
            <g key={`x${v}`} transform={`translate(${x(v)},${innerH})`}>
              <line y2={4} stroke="#888" />
              <text y={14} textAnchor="middle" fill="#555">
                {xFormat(v)}
              </text>
            </g>
          ))}
        <text x={innerW / 2} y={innerH + 28} textAnchor="middle" fill="#333">
          {t('viz.loss.epoch')}
        </text>
        <text transform={`translate(${-34},${innerH / 2}) rotate(-90)`} textAnchor="middle" fill="#333">
          {metric === 'accuracy' ? t('viz.loss.accuracy') : t('viz.loss.loss')}
        </text>
        {empty ? (
          <text
            data-testid="loss-empty"
            x={innerW / 2}
            y={innerH / 2}
            dy="0.32em"
            textAnchor="middle"
            fill="#888"
            fontSize={12}
          >
            {t('viz.loss.empty')}
          </text>
        ) : (
          <>
            {visibleMarkers.map((m, i) => (
              <line
                key={`m${i}-${m}`}
                data-testid="loss-marker"
                x1={x(m)}
                x2={x(m)}
                y2={innerH}
                stroke="#9aa0a6"
                strokeDasharray="2 3"
              >
                <title>{t('viz.loss.marker', { epoch: m })}</title>
              </line>
            ))}
            {chart.overlays.map((o) => (
              <g key={o.id} data-testid="loss-pinned" data-run={o.id} opacity={0.75}>
                <path data-testid="loss-pinned-train" d={o.trainD} fill="none" stroke={o.color} strokeWidth={1.25} />
                <path data-testid="loss-pinned-test" d={o.testD} fill="none" stroke={o.color} strokeWidth={1.25} strokeDasharray="4 3" />
              </g>
            ))}
            <path data-testid="loss-train" d={chart.trainD} fill="none" stroke={TRAIN_COLOR} strokeWidth={1.5} />
            <path
              data-testid="loss-test"
              d={chart.testD}
              fill="none"
              stroke={TEST_COLOR}
              strokeWidth={1.5}
              strokeDasharray="4 3"
            />
            {chart.valD ? <path data-testid="loss-val" d={chart.valD} fill="none" stroke={VAL_COLOR} strokeWidth={1.5} strokeDasharray="1 2" /> : null}
            {bestEpoch !== null && Number.isFinite(bestEpoch) && bestEpoch <= xMax ? (
              <g data-testid="loss-best" transform={`translate(${x(bestEpoch)},0)`}>
                <line y2={innerH} stroke={VAL_COLOR} strokeWidth={1.5} />
                <text x={-3} y={10} textAnchor="end" fill={VAL_COLOR}>
                  {t('viz.loss.best')}
                </text>
                <title>{t('viz.loss.bestTitle', { epoch: bestEpoch })}</title>
              </g>
            ) : null}
            {chart.seq ? (
              <>
                <path data-testid="loss-train-seq" d={chart.seq.trainD} fill="none" stroke={SEQ_COLOR} strokeWidth={1.5} />
                <path data-testid="loss-test-seq" d={chart.seq.testD} fill="none" stroke={SEQ_COLOR} strokeWidth={1.5} strokeDasharray="4 3" />
              </>
            ) : null}
          </>
        )}
        <g transform={`translate(${innerW},${-8})`} textAnchor="end">
          <line x1={-92} x2={-76} stroke={TRAIN_COLOR} strokeWidth={1.5} />
          <text x={-72} dy="0.32em" textAnchor="start" fill="#333">
            {t('viz.loss.train')}
          </text>
          <line x1={-40} x2={-24} stroke={TEST_COLOR} strokeWidth={1.5} strokeDasharray="4 3" />
          <text x={-20} dy="0.32em" textAnchor="start" fill="#333">
            {t('viz.loss.test')}
          </text>
          {chart.valD && !empty ? (
            <g data-testid="loss-val-legend">
              <line x1={-150} x2={-134} stroke={VAL_COLOR} strokeWidth={1.5} strokeDasharray="1 2" />
              <text x={-130} dy="0.32em" textAnchor="start" fill={VAL_COLOR}>
                {t('viz.loss.val')}
              </text>
            </g>
          ) : null}
          {chart.seq && !empty ? (
            <g data-testid="loss-seq-legend">
              <rect x={-108} y={-4} width={8} height={8} fill={SEQ_COLOR} />
              <text x={-112} dy="0.32em" textAnchor="end" fill={SEQ_COLOR}>
                {t('sequence.lab.chart.sequence')}
              </text>
              <title>{t('sequence.lab.chart.sequenceTitle')}</title>
            </g>
          ) : null}
        </g>
      </g>
    </svg>
  );
}
