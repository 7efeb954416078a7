import { useMemo, useState } from 'react';
import { DistributionChart } from '../charts/DistributionChart';
import { percentileOf, summarizeDynamics } from '../charts/dynamicsStats';
import { formatValue } from '../charts/format';
import { depthColor, LayerLinesChart, type LayerSeries } from '../charts/LayerLinesChart';
import { useT, type MessageKey } from '../i18n';
import { useAppStore } from '../store/context';
import type { DynamicsProbe, LayerDynamics } from '../training/dynamicsTypes';
import { Select } from '../ui/Select';
import './DynamicsPanel.css';
import { Figure } from '../ui/Figure';

const QUANTITIES = ['weights', 'grads', 'activations'] as const;
type Quantity = (typeof QUANTITIES)[number];
const Q_KEY: Record<Quantity, MessageKey> = { weights: 'dynamics.q.weights', grads: 'dynamics.q.grads', activations: 'dynamics.q.activations' };
const Q_COLOR: Record<Quantity, string> = { weights: '#0877bd', grads: '#d9480f', activations: '#2b8a3e' };
const EMPTY: DynamicsProbe[] = [];

/** One series per layer of the latest probe's network, `value` read from each probe. */
function seriesOf(history: DynamicsProbe[], value: (l: LayerDynamics) => number | null, keep: (l: LayerDynamics) => boolean = () => true): LayerSeries[] {
  const layers = history[history.length - 1]?.layers ?? [];
  return layers.flatMap((layer, i) => {
    if (!keep(layer)) return [];
    const points = history.flatMap((p) => {
      const v = p.layers[i] ? value(p.layers[i]) : null;
      return v === null ? [] : [{ step: p.step, value: v }];
    });
    return [{ id: layer.layerId, color: depthColor(i, layers.length), points }];
  });
}

/**
 * Training dynamics inside the network, under every lab: per layer the gradient norm and the
 * update-to-weight ratio over steps (log scale), the share of dead ReLU units, and one layer's
 * weights, gradients or activations as a distribution over steps. The engine measures a training
 * step every probe (training/dynamicsProbe.ts); the store keeps a bounded history.
 */
export function DynamicsPanel() {
  const t = useT();
  const history = useAppStore((s) => s.runs[s.activeRunId]?.dynamics ?? EMPTY);
  const on = useAppStore((s) => s.dynamicsOn);
  const setOn = useAppStore((s) => s.setDynamicsOn);
  const [open, setOpen] = useState(true);
  const [layerId, setLayerId] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<Quantity>('grads');
  const latest = history[history.length - 1];
  const layers = latest?.layers ?? [];
  const chosen = layers.find((l) => l.layerId === layerId) ?? layers[0];
  const charts = useMemo(
    () => ({
      grad: seriesOf(history, (l) => l.gradNorm),
      update: seriesOf(history, (l) => l.updateRatio),
      dead: seriesOf(history, (l) => l.deadShare, (l) => l.deadShare !== null),
    }),
    [history],
  );
  const distribution = useMemo(() => {
    if (!chosen) return [];
    return history.flatMap((p) => {
      const l = p.layers.find((x) => x.layerId === chosen.layerId);
      return l ? [{ step: p.step, hist: l[quantity] }] : [];
    });
  }, [history, chosen, quantity]);
  const summary = summarizeDynamics(latest);
  const verdict = summary.gradNormRatio === null ? null : summary.gradNormRatio < 1e-2 ? 'dynamics.vanishing' : summary.gradNormRatio > 1e2 ? 'dynamics.exploding' : 'dynamics.healthy';
  const step = t('dynamics.step');
  const now = chosen ? chosen[quantity] : null;
  const distLabel = chosen
    ? `${t('dynamics.distribution', { quantity: t(Q_KEY[quantity]), layer: chosen.layerId })}; ${t('dynamics.distributionNow', {
        step: latest.step,
        min: formatValue(now!.min),
        median: formatValue(percentileOf(now!, 0.5)),
        max: formatValue(now!.max),
      })}`
    : '';
  return (
    <section className="panel dynamics-panel" data-testid="dynamics-panel" data-tour="dynamics" aria-labelledby="dynamics-title">
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          <h2 id="dynamics-title">{t('dynamics.title')}</h2>
        </summary>
        <p className="dynamics-intro">{t('dynamics.intro')}</p>
        <label className="dynamics-switch">
          <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} data-testid="dynamics-on" />
          {t('dynamics.record')}
        </label>
        {!latest ? (
          <p className="dynamics-empty" data-testid="dynamics-empty">
            {t(on ? 'dynamics.empty' : 'dynamics.off')}
          </p>
        ) : (
          <>
            {summary.gradNormRatio !== null && verdict ? (
              <p className="dynamics-verdict" data-testid="dynamics-verdict">
                {t('dynamics.latest', { step: latest.step })} {t('dynamics.ratio', { ratio: formatValue(summary.gradNormRatio) })}. {t(verdict)}
              </p>
            ) : null}
            <div className="dynamics-grid">
              <Figure name="gradient-norms">
                <LayerLinesChart title={t('dynamics.gradNorm')} series={charts.grad} scale="log" stepLabel={step} testId="dynamics-grad" />
              </Figure>
              <Figure name="update-ratios">
                <LayerLinesChart title={t('dynamics.updateRatio')} series={charts.update} scale="log" stepLabel={step} testId="dynamics-update" />
              </Figure>
              {charts.dead.length ? (
                <Figure name="dead-relu">
                  <LayerLinesChart title={t('dynamics.deadShare')} series={charts.dead} scale="linear" domain={[0, 1]} stepLabel={step} testId="dynamics-dead" />
                </Figure>
              ) : (
                <figure className="layer-lines">
                  <figcaption className="chart-title">{t('dynamics.deadShare')}</figcaption>
                  <p className="dynamics-empty">{t('dynamics.noRelu')}</p>
                </figure>
              )}
            </div>
            <div className="dynamics-distribution">
              <div className="dynamics-controls">
                <Select<string>
                  label={t('dynamics.layer')}
                  value={chosen?.layerId ?? ''}
                  options={layers.map((l) => ({ value: l.layerId, label: `${l.layerId} (${l.type})` }))}
                  onChange={setLayerId}
                  testId="dynamics-layer"
                />
                <div className="segmented" role="group" aria-label={t('dynamics.quantity')}>
                  {QUANTITIES.map((q) => (
                    <button key={q} type="button" className={q === quantity ? 'on' : ''} aria-pressed={q === quantity} onClick={() => setQuantity(q)} data-testid={`dynamics-q-${q}`}>
                      {t(Q_KEY[q])}
                    </button>
                  ))}
                </div>
              </div>
              <Figure name={`distribution-${quantity}`}>
                <DistributionChart steps={distribution} label={distLabel} stepLabel={step} color={Q_COLOR[quantity]} />
              </Figure>
              <p className="dynamics-caption">{distLabel}</p>
            </div>
          </>
        )}
      </details>
    </section>
  );
}
