import { randomSeed } from '../data/rng';
import { IMAGE_DATASET_KINDS, isImageDataset, SEQUENCE_DATASET_KINDS, MAX_EXAMPLES, MAX_POINTS, POINT_DATASET_KINDS as DATASET_KINDS, taskOf, type DatasetKind, type DatasetSpec } from '../models/spec';
import { translateDynamic, useLocale, useT } from '../i18n';
import { pickDataset, RATING_DATASET_KINDS } from '../data/datasetSpec';
import { useAppStore } from '../store/context';
import { DatasetThumb } from './DatasetThumb';
import { Slider } from '../ui/Slider';
import { allDataHidden, useDataControlsHidden } from './useHidden';
import { OwnDataPanel } from './OwnDataPanel';

const CLASSIFICATION = DATASET_KINDS.filter((k) => taskOf({ kind: k }) !== 'regression');
const REGRESSION = DATASET_KINDS.filter((k) => taskOf({ kind: k }) === 'regression');

/**
 * Every dataset as thumbnails in groups: points (classification, regression), images and sequences,
 * so the 2-D playground, the convolution lab and the sequence lab are each one click from the others.
 * `only` limits the groups shown (the sequence lab offers the others under a fold).
 */
export function DatasetPicker({ only }: { only?: readonly ('classification' | 'regression' | 'images' | 'sequences' | 'ratings')[] } = {}) {
  const t = useT();
  const locale = useLocale();
  const dataset = useAppStore((s) => s.experiment.dataset);
  const apply = useAppStore((s) => s.apply);
  const group = (title: string, kinds: readonly DatasetKind[]) => (
    <div className="dataset-group" role="radiogroup" aria-label={title}>
      <span className="group-title">{title}</span>
      <div className="dataset-grid">
        {kinds.map((kind) => (
          <button
            key={kind}
            type="button"
            role="radio"
            aria-checked={dataset.kind === kind}
            className={`dataset ${dataset.kind === kind ? 'selected' : ''}`}
            onClick={() => apply({ type: 'dataset', patch: pickDataset(kind, dataset, locale === 'zh-CN' ? 'zh' : 'en') })}
            title={t(`ds.${kind}`)}
            aria-label={t(`ds.${kind}`)}
            data-testid={`dataset-${kind}`}
          >
            <DatasetThumb kind={kind} classes={dataset.classes} />
            <span className="dataset-name" aria-hidden="true">
              {translateDynamic(locale, `ds.short.${kind}`, undefined, t(`ds.${kind}`))}
            </span>
          </button>
        ))}
      </div>
    </div>
  );
  const shown = (g: 'classification' | 'regression' | 'images' | 'sequences' | 'ratings') => !only || only.includes(g);
  return (
    <div className="dataset-picker" data-tour="dataset">
      {only ? null : <p className="hint">{t('data.which')}</p>}
      {shown('classification') ? group(t('data.classification'), CLASSIFICATION) : null}
      {shown('regression') ? group(t('data.regression'), REGRESSION) : null}
      {shown('images') ? group(t('data.images'), IMAGE_DATASET_KINDS) : null}
      {shown('sequences') ? group(t('data.sequences'), SEQUENCE_DATASET_KINDS) : null}
      {shown('ratings') ? group(t('data.ratings'), RATING_DATASET_KINDS) : null}
    </div>
  );
}

export function DataPanel() {
  const t = useT();
  const dataset = useAppStore((s) => s.experiment.dataset);
  const batchSize = useAppStore((s) => s.experiment.training.batchSize);
  const apply = useAppStore((s) => s.apply);
  const hide = useDataControlsHidden();
  const set = (patch: Partial<Omit<DatasetSpec, 'features'>>) => apply({ type: 'dataset', patch });
  const image = isImageDataset(dataset.kind);
  // The learner's own data has its own size and no noise level; hand-placed points all train.
  const own = dataset.kind === 'table' || dataset.kind === 'hand' || dataset.kind === 'ownImages';
  if (allDataHidden(hide)) return null;
  return (
    <section className="panel data-panel" aria-labelledby="data-title">
      <h2 id="data-title">{t('data.title')}</h2>
      {hide.dataset ? null : <DatasetPicker />}
      {hide.dataset ? null : <OwnDataPanel />}
      {hide.dataset || dataset.kind !== 'blobs' ? null : (
        <Slider label={(n) => t('data.classes', { n })} value={dataset.classes} min={3} max={5} step={1} onChange={(v) => set({ classes: v })} testId="classes" />
      )}
      {hide.ratio || dataset.kind === 'hand' ? null : (
        <Slider label={(pct) => t('data.ratio', { pct })} value={Math.round(dataset.trainRatio * 100)} min={10} max={90} step={10} onChange={(v) => set({ trainRatio: v / 100 })} testId="train-ratio" tour="train-ratio" />
      )}
      {/* Real digits carry their own noise; the generated sets take a level. */}
      {hide.noise || dataset.kind === 'mnist' || own ? null : <Slider label={(n) => t('data.noise', { n })} value={dataset.noise} min={0} max={50} step={5} onChange={(v) => set({ noise: v })} testId="noise" tour="noise" />}
      {hide.points || own ? null : image ? (
        <Slider label={(n) => t('data.examples', { n })} value={dataset.numPoints} min={500} max={MAX_EXAMPLES} step={500} onChange={(v) => set({ numPoints: v })} testId="num-points" tour="num-points" />
      ) : (
        <Slider label={(n) => t('data.points', { n })} value={dataset.numPoints} min={100} max={MAX_POINTS} step={100} onChange={(v) => set({ numPoints: v })} testId="num-points" tour="num-points" />
      )}
      {hide.batch ? null : (
        <Slider label={(n) => t('data.batch', { n })} value={batchSize} min={1} max={image ? 128 : 30} step={1} onChange={(v) => apply({ type: 'training', patch: { batchSize: v } })} testId="batch-size" tour="batch-size" />
      )}
      {hide.regenerate || dataset.kind === 'hand' ? null : (
        <button type="button" onClick={() => apply({ type: 'seed', seed: randomSeed() })} title={t('data.regenerateHint')} data-testid="regenerate">
          {t('data.regenerate')}
        </button>
      )}
    </section>
  );
}
