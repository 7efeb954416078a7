import { formatValue } from '../../charts/format';
import type { TFunction } from '../../i18n';
import { CLAIM_METRICS, type ClaimMetrics } from '../../models/handIn';

/** "test loss 0.0812, test accuracy 0.976": the metrics that have a value, in the reader's language. */
export function metricsText(t: TFunction, m: ClaimMetrics): string {
  return CLAIM_METRICS.filter((k) => m[k] !== null)
    .map((k) => `${t(`challenge.metric.${k}`)} ${formatValue(m[k]!, 4)}`)
    .join(t('challenge.listSep'));
}
