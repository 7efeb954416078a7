import { formatValue } from '../../charts/format';
import { useT } from '../../i18n';
import type { Landscape } from './useLandscape';

/**
 * The "take a slice of my network" control: the button, its progress, and what the last slice is
 * (the step it was taken at, its centre's loss, grid and time) or why there is none.
 */
export function SliceControl({ hasNetwork, slice, take }: Landscape) {
  const t = useT();
  const computing = slice.status === 'computing';
  const data = slice.data;
  return (
    <div className="race-slice" data-testid="race-slice" data-status={slice.status}>
      <button type="button" onClick={take} disabled={!hasNetwork || computing} data-testid="race-take-slice">
        {data ? t('slice.retake') : t('slice.take')}
      </button>
      {computing ? (
        <span className="hint" role="status" data-testid="race-slice-progress">
          {t('slice.computing', { pct: Math.round(slice.progress * 100) })}
        </span>
      ) : null}
      {!hasNetwork && !computing ? <p className="hint">{t('slice.noNetwork')}</p> : null}
      {slice.status === 'error' && slice.error ? (
        <p className="race-slice-error" role="alert" data-testid="race-slice-error">
          {t(`slice.error.${slice.error}`)}
        </p>
      ) : null}
      {data ? (
        <p className="hint" data-testid="race-slice-info" data-step={data.step}>
          {t('slice.info', { step: data.step, loss: formatValue(data.centerLoss, 4), cols: data.cols, rows: data.rows, n: data.examples, ms: Math.round(data.ms) })}
        </p>
      ) : null}
    </div>
  );
}
