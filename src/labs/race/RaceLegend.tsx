import { formatValue } from '../../charts/format';
import { useT } from '../../i18n';
import type { RaceOptimizer } from '../../models/optimizers';
import { RACE_COLORS } from './paintRace';

/** One row of the legend: what the race shows of one optimizer. */
export interface LegendEntry {
  opt: RaceOptimizer;
  shown: boolean;
  lr: number;
  loss: number;
  diverged: boolean;
  x: number;
  y: number;
}

export interface RaceLegendProps {
  entries: readonly LegendEntry[];
  onToggle(opt: RaceOptimizer, shown: boolean): void;
  onLr(opt: RaceOptimizer, lr: number): void;
}

/** The learning-rate slider runs over log₁₀ η: rates that matter span four orders of magnitude. */
export const LR_LOG_MIN = -4;
export const LR_LOG_MAX = 0.5;

/** Round a rate to two significant digits, as the slider's steps give it. */
export const roundLr = (lr: number) => Number(lr.toPrecision(2));

/**
 * Each optimizer's colour, on/off toggle, learning rate and current loss (props in, no store).
 * Rows carry the lane's position as data attributes for tests and lessons.
 */
export function RaceLegend({ entries, onToggle, onLr }: RaceLegendProps) {
  const t = useT();
  return (
    <table className="race-legend" aria-label={t('race.legend')} data-testid="race-legend" data-tour="race-legend">
      <thead>
        <tr>
          <th scope="col">{t('race.col.optimizer')}</th>
          <th scope="col">{t('race.col.lr')}</th>
          <th scope="col" className="num">
            {t('race.col.loss')}
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => {
          const name = t(`race.opt.${e.opt}`);
          return (
            <tr key={e.opt} className={e.shown ? '' : 'off'} data-testid={`race-row-${e.opt}`} data-x={e.x} data-y={e.y} data-loss={e.loss} data-diverged={e.diverged ? 'true' : 'false'}>
              <td>
                <label className="race-opt">
                  <input type="checkbox" checked={e.shown} onChange={(ev) => onToggle(e.opt, ev.target.checked)} aria-label={t('race.show', { name })} data-testid={`race-toggle-${e.opt}`} />
                  <span className="race-swatch" style={{ background: RACE_COLORS[e.opt] }} aria-hidden="true" />
                  {name}
                </label>
              </td>
              <td>
                <span className="race-lr">
                  <input
                    type="range"
                    min={LR_LOG_MIN}
                    max={LR_LOG_MAX}
                    step={0.05}
                    value={Math.log10(e.lr)}
                    onChange={(ev) => onLr(e.opt, roundLr(10 ** Number(ev.target.value)))}
                    aria-label={t('race.lrOf', { name })}
                    aria-valuetext={formatValue(e.lr, 2)}
                    data-testid={`race-lr-${e.opt}`}
                  />
                  <output className="race-lr-value">{formatValue(e.lr, 2)}</output>
                </span>
              </td>
              <td className="num" data-testid={`race-loss-${e.opt}`}>
                {e.diverged ? <span className="race-diverged">{t('race.diverged')}</span> : formatValue(e.loss, 3)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
