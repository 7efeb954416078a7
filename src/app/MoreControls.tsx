import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { useHidden } from '../panels/useHidden';
import { useAppStore } from '../store/context';
import { EarlyStoppingControl } from './EarlyStoppingControl';
import { ScheduleControl } from './ScheduleControl';
import { StopRuleControl } from './StopRuleControl';

/** How many of the folded settings are doing something (the summary says so while it is closed). */
function useActiveCount(): number {
  return useAppStore((s) => {
    const tr = s.experiment.training;
    return Number(tr.schedule.kind !== 'constant') + Number(tr.earlyStopping.enabled) + Number(tr.stop.epochs > 0 || tr.stop.when.trim() !== '');
  });
}

/**
 * The training bar's less-used settings (`children`: the loss and the problem type; then the
 * learning-rate schedule, early stopping, the stop rule) behind "More…", so the bar keeps to one
 * row at 1280 px. A native <details>: its content stays mounted
 * while closed (the stop rule's watcher lives in the app, not here, and the controls keep their
 * drafts), and a lesson's tour step pointing inside opens it (lessons/useTourTarget.ts).
 */
export function MoreControls({ children }: { children?: ReactNode }) {
  const t = useT();
  const active = useActiveCount();
  const hidden = [useHidden('schedule'), useHidden('earlyStopping'), useHidden('stopRule')];
  if (hidden.every(Boolean) && !children) return null;
  return (
    <details className="more-controls" data-testid="more-controls">
      <summary title={t('more.hint')} data-testid="more-toggle">
        {t('more.label')}
        {active ? <span className="more-active">{t('more.active', { n: active })}</span> : null}
      </summary>
      <div className="more-body">
        {children}
        <ScheduleControl />
        <EarlyStoppingControl />
        <StopRuleControl />
      </div>
    </details>
  );
}
