import { ScheduleCurve } from '../charts/ScheduleCurve';
import { formatValue } from '../charts/format';
import { useT } from '../i18n';
import { SCHEDULE_KINDS, scheduleCurve, type ScheduleConfig, type ScheduleKind } from '../models/schedules';
import { useHidden } from '../panels/useHidden';
import { useAppStore } from '../store/context';
import { selectActiveRun } from '../store/selectors';
import { Select } from '../ui/Select';

const PERIODS = [2, 5, 10, 20, 50, 100, 200] as const;
const FACTORS = [0.1, 0.2, 0.5, 0.7, 0.9, 0.95, 0.99] as const;
const WARMUPS = [1, 2, 5, 10, 20] as const;
const PATIENCES = [1, 2, 3, 5, 10, 20] as const;

/** Which settings each schedule reads. */
const USES: Record<ScheduleKind, readonly ('period' | 'factor' | 'warmup' | 'patience')[]> = {
  constant: [],
  step: ['period', 'factor'],
  exponential: ['factor'],
  cosine: ['period'],
  warmupCosine: ['warmup', 'period'],
  oneCycle: ['period'],
  plateau: ['factor', 'patience'],
};

/** Epochs the curve spans: the whole schedule where it ends, a few decays where it does not. */
function horizonOf(s: ScheduleConfig, epoch: number): number {
  const span =
    s.kind === 'step' ? 4 * s.period
    : s.kind === 'exponential' ? Math.min(1000, Math.log(0.01) / Math.log(s.factor))
    : s.kind === 'warmupCosine' ? s.warmup + s.period
    : s.kind === 'constant' || s.kind === 'plateau' ? 10
    : s.period;
  return Math.max(span, epoch * 1.1);
}

/** The learning-rate schedule of every lab: its kind, its settings, its curve and the rate in use now. */
export function ScheduleControl() {
  const t = useT();
  const training = useAppStore((s) => s.experiment.training);
  const apply = useAppStore((s) => s.apply);
  const rate = useAppStore((s) => selectActiveRun(s).learningRate);
  const progress = useAppStore((s) => selectActiveRun(s).history.at(-1)?.epoch ?? 0);
  const now = rate === null ? null : { epoch: progress, lr: rate };
  const hidden = useHidden('schedule');
  const s = training.schedule;
  const epochNow = now?.epoch ?? 0;
  const horizon = horizonOf(s, epochNow);
  const curve = scheduleCurve(training.schedule, training.learningRate, horizon);
  if (hidden) return null;
  const set = (patch: Partial<ScheduleConfig>) => apply({ type: 'schedule', patch });
  const uses = USES[s.kind];
  const epochs = (n: number) => t('sched.epochs', { n });
  return (
    <div className="schedule-control" data-testid="schedule" data-tour="schedule">
      <Select label={t('sched.label')} value={s.kind} options={SCHEDULE_KINDS.map((k) => ({ value: k, label: t(`sched.${k}`) }))} onChange={(kind) => set({ kind })} testId="schedule-kind" />
      {uses.includes('warmup') ? <Select label={t('sched.warmup')} value={s.warmup} options={WARMUPS.map((v) => ({ value: v, label: epochs(v) }))} onChange={(warmup) => set({ warmup })} testId="schedule-warmup" /> : null}
      {uses.includes('period') ? (
        <Select label={t(s.kind === 'step' ? 'sched.every' : 'sched.length')} value={s.period} options={PERIODS.map((v) => ({ value: v, label: epochs(v) }))} onChange={(period) => set({ period })} testId="schedule-period" />
      ) : null}
      {uses.includes('factor') ? <Select label={t('sched.factor')} value={s.factor} options={FACTORS.map((v) => ({ value: v, label: `× ${v}` }))} onChange={(factor) => set({ factor })} testId="schedule-factor" /> : null}
      {uses.includes('patience') ? <Select label={t('sched.patience')} value={s.patience} options={PATIENCES.map((v) => ({ value: v, label: epochs(v) }))} onChange={(patience) => set({ patience })} testId="schedule-patience" /> : null}
      {s.kind === 'constant' ? null : (
        <div className="control schedule-view">
          <span className="control-label">
            {t('sched.now')} <b data-testid="schedule-rate">{now ? formatValue(now.lr) : formatValue(curve[0].lr)}</b>
          </span>
          <ScheduleCurve curve={curve} now={now} planned={s.kind !== 'plateau'} label={t('sched.curve', { kind: t(`sched.${s.kind}`) })} />
        </div>
      )}
    </div>
  );
}
