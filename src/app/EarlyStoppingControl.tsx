import { useT } from '../i18n';
import { VALIDATION_SHARE } from '../models/earlyStopping';
import { useHidden } from '../panels/useHidden';
import { useAppStore } from '../store/context';
import { Select } from '../ui/Select';

const PATIENCES = [2, 5, 10, 20, 50, 100] as const;

/** Early stopping for every lab: on or off, its patience, and whether the best weights come back. */
export function EarlyStoppingControl() {
  const t = useT();
  const es = useAppStore((s) => s.experiment.training.earlyStopping);
  const apply = useAppStore((s) => s.apply);
  if (useHidden('earlyStopping')) return null;
  const set = (patch: Partial<typeof es>) => apply({ type: 'earlyStopping', patch });
  const share = Math.round(VALIDATION_SHARE * 100);
  return (
    <div className="early-stopping" data-testid="early-stopping" data-tour="early-stopping">
      <label className="control check-control" title={t('es.hint', { share })}>
        <span className="control-label">{t('es.label')}</span>
        <span>
          <input type="checkbox" checked={es.enabled} onChange={(e) => set({ enabled: e.target.checked })} data-testid="early-stopping-on" /> {t('es.on', { share })}
        </span>
      </label>
      {es.enabled ? (
        <>
          <Select label={t('es.patience')} value={es.patience} options={PATIENCES.map((v) => ({ value: v, label: t('sched.epochs', { n: v }) }))} onChange={(patience) => set({ patience })} testId="early-stopping-patience" />
          <label className="control check-control">
            <span className="control-label">{t('es.restoreLabel')}</span>
            <span>
              <input type="checkbox" checked={es.restoreBest} onChange={(e) => set({ restoreBest: e.target.checked })} data-testid="early-stopping-restore" /> {t('es.restore')}
            </span>
          </label>
        </>
      ) : null}
    </div>
  );
}
