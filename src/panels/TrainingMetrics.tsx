import { useMemo, useState } from 'react';
import { predictsClasses } from '../models/spec';
import { useT } from '../i18n';
import { useAppStore } from '../store/context';
import { selectActiveRun, selectHistory } from '../store/selectors';
import { LossChart } from '../charts/LossChart';
import { overlayOf, PinnedRuns } from './PinnedRuns';
import { Figure } from '../ui/Figure';

/** The run's latest losses and accuracies, and their curves: every lab shows these. */

const fmt = (v: number | null | undefined, digits = 3) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));
const pct = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`);

export function MetricNumbers() {
  const t = useT();
  const latest = useAppStore((s) => selectActiveRun(s).latest);
  const classify = useAppStore((s) => predictsClasses(s.experiment.dataset));
  return (
    <dl className="numbers" data-tour="metrics">
      <div>
        <dt>{t('out.testLoss')}</dt>
        <dd data-testid="test-loss">{fmt(latest?.testLoss)}</dd>
      </div>
      <div>
        <dt>{t('out.trainLoss')}</dt>
        <dd data-testid="train-loss">{fmt(latest?.trainLoss)}</dd>
      </div>
      {classify ? (
        <>
          <div>
            <dt>{t('out.testAcc')}</dt>
            <dd data-testid="test-acc">{pct(latest?.testAcc)}</dd>
          </div>
          <div>
            <dt>{t('out.trainAcc')}</dt>
            <dd data-testid="train-acc">{pct(latest?.trainAcc)}</dd>
          </div>
        </>
      ) : null}
    </dl>
  );
}

export function MetricChart({ width = 340 }: { width?: number } = {}) {
  const t = useT();
  const history = useAppStore(selectHistory);
  const markers = useAppStore((s) => selectActiveRun(s).markers);
  const bestEpoch = useAppStore((s) => selectActiveRun(s).bestEpoch);
  const classify = useAppStore((s) => predictsClasses(s.experiment.dataset));
  const pinned = useAppStore((s) => s.pinned);
  const overlays = useMemo(() => pinned.map(overlayOf), [pinned]);
  const [metric, setMetric] = useState<'loss' | 'accuracy'>('loss');
  const shown = classify ? metric : 'loss';
  return (
    <div className="chart" data-tour="loss-chart">
      {classify ? (
        <div className="segmented" role="radiogroup" aria-label={t('out.metric')}>
          {(['loss', 'accuracy'] as const).map((m) => (
            <button key={m} type="button" role="radio" aria-checked={shown === m} className={shown === m ? 'on' : ''} onClick={() => setMetric(m)}>
              {t(m === 'loss' ? 'out.metricLoss' : 'out.metricAccuracy')}
            </button>
          ))}
        </div>
      ) : null}
      <Figure name={shown === 'accuracy' ? 'accuracy-curve' : 'loss-curve'}>
        <LossChart history={history} metric={shown} markers={markers} bestEpoch={bestEpoch} width={width} height={140} overlays={overlays} />
      </Figure>
      <PinnedRuns />
    </div>
  );
}

