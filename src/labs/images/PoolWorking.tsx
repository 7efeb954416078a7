import { useT } from '../../i18n';
import type { explainPool } from './convExplain';
import { formatValue } from '../../charts/format';
import { fitValue, term } from './explainFormat';
import { NumberGrid, gridCellPx, gridChars } from './NumberGrid';

/** The pooling window with the winner marked, and max(…) or (… ) / n = output. */
export function PoolWorking({ e, inputScale }: { e: ReturnType<typeof explainPool>; inputScale: number }) {
  const t = useT();
  const pw = e.window.length > 0 ? e.window[e.window.length - 1].px + 1 : 1;
  const chars = gridChars(gridCellPx(pw));
  const real = e.window.filter((w) => !w.padded).map((w) => w.value);
  const listed = real.length <= 9;
  const skip = t('explain.legendSkip');
  return (
    <>
      <div className="cx-calc">
        <NumberGrid
          caption={t('explain.window')}
          cols={pw}
          scale={inputScale}
          testId="cx-window-grid"
          cells={e.window.map((w, i) => ({
            value: w.value,
            text: w.padded ? '' : fitValue(w.value, chars),
            padded: w.padded,
            max: i === e.maxIndex,
            title: w.padded ? skip : `(${w.iy + 1}, ${w.ix + 1}) = ${formatValue(w.value)}`,
          }))}
        />
      </div>
      <div className="cx-eq" data-testid="cx-equation">
        <div className="cx-eq-line cx-eq-main">
          <span className="cx-eq-label">{t(e.mode === 'max' ? 'explain.max' : 'explain.avg', { n: e.count })}:</span>
          {e.mode === 'max' ? (
            <span>{listed ? `max(${real.map((v) => formatValue(v)).join(', ')})` : 'max(…)'}</span>
          ) : (
            <span>
              {listed ? `(${real.map((v) => term(v)).join(' + ')})` : formatValue(e.sum)} / {e.count}
            </span>
          )}
          <span className="cx-op">=</span>
          <b className="cx-result" data-testid="cx-output">
            {formatValue(e.output)}
          </b>
        </div>
        <p className="cx-note">{t(e.mode === 'max' ? 'explain.maxNote' : 'explain.avgNote')}</p>
      </div>
    </>
  );
}
