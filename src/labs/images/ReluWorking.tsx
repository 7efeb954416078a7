import { useT } from '../../i18n';
import { explainRelu } from './convExplain';
import { formatValue } from '../../charts/format';

/** ReLU of the chosen cell: max(0, x). */
export function ReluWorking({ value }: { value: number }) {
  const t = useT();
  const r = explainRelu(value);
  return (
    <div className="cx-eq" data-testid="cx-equation">
      <div className="cx-eq-line cx-eq-main">
        <span>ReLU(x) = max(0, {formatValue(value)})</span>
        <span className="cx-op">=</span>
        <b className="cx-result" data-testid="cx-output">
          {formatValue(r.output)}
        </b>
      </div>
      <p className="cx-note">
        {t('explain.value')} {formatValue(value)}: {t(r.active ? 'explain.reluActive' : 'explain.reluInactive')}
      </p>
    </div>
  );
}
