import { useMemo } from 'react';
import { useT } from '../../i18n';
import { useAppStore } from '../../store/context';
import { selectActiveRun, selectRatingsPart } from '../../store/selectors';
import { DatasetPicker } from '../../panels/DataPanel';
import { MetricChart } from '../../panels/TrainingMetrics';
import { ratingsOptionsOf, RATINGS_LIMITS, type RatingsOptions } from '../../data/ratings';
import type { RatingsProbes } from '../../training/tools/recommendTypes';
import { Slider } from '../../ui/Slider';
import { Figure } from '../../ui/Figure';
import { useThrottled } from '../../ui/useThrottled';
import { formatValue } from '../../charts/format';
import { ItemMap } from './ItemMap';
import { RatingScatter } from './RatingScatter';
import { UserRow } from './UserRow';
import { useDataControlsHidden } from '../../panels/useHidden';
import './RatingsLab.css';

/** The views repaint at most ~8 times a second while the engine probes. */
const REPAINT_MS = 125;

/** The probe, throttled; null until the engine has probed a matrix of the current size. */
function useRatings(): RatingsProbes | null {
  const probe = useThrottled(useAppStore((s) => selectRatingsPart(s)?.ratings ?? null), REPAINT_MS);
  const users = useAppStore((s) => ratingsOptionsOf(s.experiment.dataset).users);
  const items = useAppStore((s) => ratingsOptionsOf(s.experiment.dataset).items);
  return probe && probe.users === users && probe.items === items ? probe : null;
}

/** The dataset, its size, density, noise and split. */
function DataColumn() {
  const t = useT();
  const dataset = useAppStore((s) => s.experiment.dataset);
  const apply = useAppStore((s) => s.apply);
  const hide = useDataControlsHidden();
  const o = ratingsOptionsOf(dataset);
  const set = (patch: Partial<RatingsOptions>) => apply({ type: 'dataset', patch: { ratings: { ...o, ...patch } } });
  return (
    <section className="panel data-panel rec-data" aria-labelledby="rec-data-title">
      <h2 id="rec-data-title">{t('data.title')}</h2>
      <p className="hint" data-testid="rec-about">
        {t('rec.about')}
      </p>
      {hide.points ? null : (
        <>
          <Slider label={(v) => t('rec.opt.users', { n: v })} value={o.users} min={RATINGS_LIMITS.users[0]} max={RATINGS_LIMITS.users[1]} step={10} onChange={(v) => set({ users: v })} />
          <Slider label={(v) => t('rec.opt.items', { n: v })} value={o.items} min={RATINGS_LIMITS.items[0]} max={RATINGS_LIMITS.items[1]} step={4} onChange={(v) => set({ items: v })} />
          <Slider label={(v) => t('rec.opt.density', { pct: Math.round(v * 100) })} value={o.density} min={RATINGS_LIMITS.density[0]} max={RATINGS_LIMITS.density[1]} step={0.05} onChange={(v) => set({ density: v })} />
        </>
      )}
      {hide.noise ? null : <Slider label={(v) => t('rec.opt.noise', { v: v.toFixed(1) })} value={o.noise} min={RATINGS_LIMITS.noise[0]} max={RATINGS_LIMITS.noise[1]} step={0.1} onChange={(v) => set({ noise: v })} />}
      {hide.ratio ? null : (
        <Slider
          label={(v) => t('rec.opt.split', { pct: Math.round(v * 100) })}
          value={dataset.trainRatio}
          min={0.1}
          max={0.9}
          step={0.05}
          onChange={(v) => apply({ type: 'dataset', patch: { trainRatio: v } })}
        />
      )}
      {hide.dataset ? null : (
        <details className="seq-other rec-other">
          <summary>{t('rec.otherData')}</summary>
          <DatasetPicker only={['classification', 'regression', 'images', 'sequences']} />
        </details>
      )}
    </section>
  );
}

/** The item map and a user's row. */
function InsideColumn({ probe }: { probe: RatingsProbes | null }) {
  const t = useT();
  return (
    <section className="panel lab-inside rec-inside" aria-labelledby="rec-inside-title">
      <h2 id="rec-inside-title">{t('rec.inside.title')}</h2>
      {!probe ? (
        <p className="hint">{t('rec.waiting')}</p>
      ) : (
        <>
          <h3 data-tour="item-map">{probe.itemLayer ? t(probe.embeddingDim > 2 ? 'rec.map.titlePca' : 'rec.map.title', { layer: probe.itemLayer, dim: probe.embeddingDim }) : t('rec.map.none')}</h3>
          {probe.itemLayer ? (
            <>
              <Figure name="item-embeddings">
                <ItemMap map={probe.itemMap} genreOf={probe.genreOf} items={probe.items} />
              </Figure>
              <p className="hint" data-testid="rec-agreement">
                {t('rec.map.agreement', { pct: Math.round(probe.genreAgreement * 100) })}
                {probe.embeddingDim > 2 ? ` ${t('rec.map.explained', { pct: Math.round(probe.explained * 100) })}` : ''}
              </p>
            </>
          ) : null}
          <h3>{t('rec.user.title')}</h3>
          <UserRow probe={probe} />
        </>
      )}
    </section>
  );
}

/** RMSE against the baseline, the curves, predicted against held-out ratings. */
function OutputColumn({ probe }: { probe: RatingsProbes | null }) {
  const t = useT();
  const latest = useAppStore((s) => selectActiveRun(s).latest);
  const { truth, predicted } = useMemo(() => {
    if (!probe) return { truth: new Float32Array(0), predicted: new Float32Array(0) };
    const idx: number[] = [];
    for (let k = 0; k < probe.heldOut.length; k++) if (probe.heldOut[k]) idx.push(k);
    return {
      truth: Float32Array.from(idx, (k) => probe.cells[3 * k + 2]),
      predicted: Float32Array.from(idx, (k) => probe.predicted[probe.cells[3 * k] * probe.items + probe.cells[3 * k + 1]]),
    };
  }, [probe]);
  const f = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : formatValue(v, 3));
  const beats = probe ? probe.rmse < probe.baselineRmse : null;
  return (
    <section className="panel output-panel rec-output" aria-labelledby="rec-output-title">
      <h2 id="rec-output-title">{t('out.title')}</h2>
      <dl className="numbers" data-tour="metrics">
        <div>
          <dt>{t('rec.rmse')}</dt>
          <dd data-testid="rec-rmse" className={beats === null ? '' : beats ? 'rec-good' : 'rec-bad'}>
            {f(probe?.rmse)}
          </dd>
        </div>
        <div>
          <dt>{t('rec.baseline')}</dt>
          <dd data-testid="rec-baseline">{f(probe?.baselineRmse)}</dd>
        </div>
        <div>
          <dt>{t('out.trainLoss')}</dt>
          <dd data-testid="train-loss">{f(latest?.trainLoss)}</dd>
        </div>
        <div>
          <dt>{t('out.testLoss')}</dt>
          <dd data-testid="test-loss">{f(latest?.testLoss)}</dd>
        </div>
      </dl>
      <p className="hint">{t('rec.rmse.explain')}</p>
      <MetricChart />
      <h3>{t('rec.scatter.title', { n: truth.length })}</h3>
      {probe ? (
        <Figure name="predicted-vs-held-out">
          <RatingScatter truth={truth} predicted={predicted} />
        </Figure>
      ) : (
        <p className="hint">{t('rec.waiting')}</p>
      )}
    </section>
  );
}

/** The ratings lab: a recommender trained live (data | the item map and a user | the numbers). */
export function RatingsLab() {
  const t = useT();
  const probe = useRatings();
  return (
    <section className="columns ratings-lab" data-testid="ratings-lab" aria-label={t('rec.region')}>
      <DataColumn />
      <InsideColumn probe={probe} />
      <OutputColumn probe={probe} />
    </section>
  );
}
