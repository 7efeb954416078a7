import { useT } from '../../i18n';
import type { explainConv } from './convExplain';
import { formatValue } from '../../charts/format';
import { fitValue, nonZeroMaxAbs, term } from './explainFormat';
import { NumberGrid, gridCellPx, gridChars } from './NumberGrid';

interface ConvWorkingProps {
  e: ReturnType<typeof explainConv>;
  /** False for `useBias: false`: the equation then has no bias term. */
  hasBias: boolean;
  ic: number;
  onChannel(c: number): void;
  inputScale: number;
  act: number | null;
  actName: string;
}

/** Window ⊙ kernel = products for one input channel, the per-channel sums, and the equation. */
export function ConvWorking({ e, hasBias, ic, onChannel, inputScale, act, actName }: ConvWorkingProps) {
  const t = useT();
  const terms = e.window.filter((w) => w.c === ic);
  const kw = terms.length > 0 ? terms[terms.length - 1].kx + 1 : 1;
  const chars = gridChars(gridCellPx(kw));
  const show = (v: number) => fitValue(v, chars);
  const pad = t('explain.legendPad');
  const kernelScale = nonZeroMaxAbs(e.window.map((w) => w.weight));
  const productScale = nonZeroMaxAbs(terms.map((w) => w.product));
  const channels = e.channelSums.length;
  return (
    <>
      <div className="cx-calc">
        <NumberGrid
          caption={t('explain.window')}
          cols={kw}
          scale={inputScale}
          testId="cx-window-grid"
          cells={terms.map((w) => ({
            value: w.input,
            text: w.padded ? show(0) : show(w.input),
            padded: w.padded,
            title: w.padded ? `${pad}: 0` : `(${w.iy + 1}, ${w.ix + 1}) = ${formatValue(w.input)}`,
          }))}
        />
        <span className="cx-op" aria-hidden="true">
          ×
        </span>
        <NumberGrid
          caption={t('explain.kernel')}
          cols={kw}
          scale={kernelScale}
          testId="cx-kernel-grid"
          cells={terms.map((w) => ({ value: w.weight, text: show(w.weight), title: `w = ${formatValue(w.weight)}` }))}
        />
        <span className="cx-op" aria-hidden="true">
          =
        </span>
        <NumberGrid
          caption={t('explain.products')}
          cols={kw}
          scale={productScale}
          testId="cx-product-grid"
          cells={terms.map((w) => ({
            value: w.product,
            text: show(w.product),
            padded: w.padded,
            title: `${formatValue(w.input)} × ${formatValue(w.weight)} = ${formatValue(w.product)}`,
          }))}
        />
      </div>
      <div className="cx-eq" data-testid="cx-equation">
        {channels > 1 ? (
          <>
            <div className="cx-eq-line">
              <span className="cx-eq-label">{t('explain.sumChannel', { c: ic + 1 })}</span>=
              <b data-testid="cx-channel-sum">{formatValue(e.channelSums[ic])}</b>
            </div>
            <div className="cx-partials" role="group" aria-label={t('explain.partials')}>
              <span className="cx-eq-label">{t('explain.partials')}:</span>
              {e.channelSums.map((s, c) => (
                <button
                  type="button"
                  key={c}
                  className="cx-chip"
                  aria-pressed={c === ic}
                  title={t('explain.showChannel', { c: c + 1 })}
                  onClick={() => onChannel(c)}
                >
                  {c + 1}: {formatValue(s)}
                </button>
              ))}
            </div>
          </>
        ) : null}
        <div className="cx-eq-line cx-eq-main">
          <span className="cx-eq-label">{channels > 1 ? t('explain.sumAll', { n: channels }) : t('explain.sumProducts')}</span>
          <b data-testid="cx-sum">{formatValue(e.sum)}</b>
          {hasBias ? (
            <>
              <span className="cx-op">+</span>
              <span className="cx-eq-label">{t('explain.bias')}</span>
              <b data-testid="cx-bias">{term(e.bias)}</b>
            </>
          ) : null}
          <span className="cx-op">=</span>
          <b className="cx-result" data-testid="cx-output">
            {formatValue(e.output)}
          </b>
        </div>
        {act !== null ? (
          <div className="cx-eq-line">
            <span>
              {actName}({formatValue(e.output)})
            </span>
            <span className="cx-op">=</span>
            <b className="cx-result" data-testid="cx-final">
              {formatValue(act)}
            </b>
          </div>
        ) : null}
      </div>
    </>
  );
}
